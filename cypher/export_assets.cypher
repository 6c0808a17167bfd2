// Returns: one row per community asset, with every column of the assets template:
//   `asset_id`, `name`, `category`, `area`, `tags`, `accessibility`, `cost`, `schedule`,
//   `transport`, `access_notes`, `safeguarding`, `safeguarding_notes`, `approved`, `last_reviewed`,
//   `review_due`, `status`, `minimum_age`, `maximum_age`, `feed`. The directory holds no person-level data. For `assetmap export`.
// Parameters: none
// Mode: read
// Person-level: aggregate
// Example: {}
MATCH (a:Asset)
RETURN a.id AS asset_id, a.name AS name, a.category AS category, a.area AS area,
       a.tags AS tags, a.accessibility AS accessibility, a.cost AS cost,
       a.schedule AS schedule, a.transport AS transport, a.access_notes AS access_notes, a.safeguarding AS safeguarding,
       a.safeguarding_notes AS safeguarding_notes, a.approved AS approved,
       a.last_reviewed AS last_reviewed, a.review_due AS review_due, a.status AS status,
       a.minimum_age AS minimum_age, a.maximum_age AS maximum_age, a.feed AS feed
ORDER BY asset_id
