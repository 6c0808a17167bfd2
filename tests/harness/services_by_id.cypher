// Returns: one row per service whose id is in $ids: `id`, `name`, `kind`,
//   `category`, `area`, `updated_by`, `updated_at`, `created_by`.
// Parameters: $ids (list of service ids)
// Mode: read
// Example: {"ids": ["SVC-GP-1"]}
MATCH (s:Service)
WHERE s.id IN $ids
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.category AS category, s.area AS area,
       s.updated_by AS updated_by, s.updated_at AS updated_at, s.created_by AS created_by
ORDER BY id
