// Returns: one row per node of the whole graph: `labels` (sorted), `properties` (map).
//   For audits and the import tests' whole-graph comparisons; never used by a page.
// Parameters: none
// Mode: read
// Example: {}
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties
