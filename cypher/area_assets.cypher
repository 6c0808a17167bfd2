// Returns: one row per asset in the directory (in $area, or everywhere when $area is
//   ''): `asset_id`, `name`, `category`, `area`, `tags`, `accessibility`, `cost`,
//   `safeguarding`, `approved`, `last_reviewed`, `review_due`, `status`. Directory data, no
//   person in it.
// Parameters: $area ('' for every area).
// Mode: read
// Person-level: aggregate
// Example: {"area": ""}
MATCH (a:Asset)
WHERE $area = '' OR a.area = $area
RETURN a.id AS asset_id, a.name AS name, a.category AS category, a.area AS area,
       a.tags AS tags, a.accessibility AS accessibility, a.cost AS cost,
       a.safeguarding AS safeguarding, a.approved AS approved, a.last_reviewed AS last_reviewed,
       a.review_due AS review_due, a.status AS status
ORDER BY asset_id
