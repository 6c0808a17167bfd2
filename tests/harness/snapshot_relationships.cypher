// Returns: one row per relationship of the whole graph: `type`, `from_key` and
//   `to_key` (the id, or an Area's code, of each end), `properties` (map). For audits
//   and the import tests' whole-graph comparisons; never used by a page.
// Parameters: none
// Mode: read
// Example: {}
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.code) AS from_key, coalesce(b.id, b.code) AS to_key,
       properties(r) AS properties
