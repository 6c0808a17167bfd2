// Returns: one row per community asset in the directory: `id`, `name`, `category`,
//   `area`, `tags`, `accessibility`, `cost`, `schedule`, `transport`, `access_notes`, `safeguarding`,
//   `safeguarding_notes`, `approved`, `last_reviewed`, `review_due`, `status` (absent:
//   active). Holds no
//   person-level data, so every dashboard role may read it.
// Parameters: $approved_only (boolean: true for approved assets only)
// Mode: read
// Person-level: aggregate
// Example: {"approved_only": true}
MATCH (a:Asset)
WHERE $approved_only = false OR a.approved = true
RETURN a.id AS id, a.name AS name, a.category AS category, a.area AS area, a.tags AS tags,
       a.accessibility AS accessibility, a.cost AS cost, a.schedule AS schedule,
       a.transport AS transport, a.access_notes AS access_notes, a.safeguarding AS safeguarding,
       a.safeguarding_notes AS safeguarding_notes, a.approved AS approved,
       a.last_reviewed AS last_reviewed, a.review_due AS review_due, a.status AS status
ORDER BY area, name, id
