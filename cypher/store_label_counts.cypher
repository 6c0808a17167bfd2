// Returns: one row per node label: `label`, `nodes` (how many nodes carry it).
// Parameters: none
// Mode: read
// Person-level: aggregate
// Example: {}
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY label
