// Returns: one row per relationship type: `type`, `relationships` (how many).
// Parameters: none
// Mode: read
// Person-level: aggregate
// Example: {}
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS relationships
ORDER BY type
