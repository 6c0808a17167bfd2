// Returns: at most one row, `id`: some client's id; no row when the store holds no
//   clients (so `assetmap demo` knows whether to load the demo area).
// Parameters: none
// Mode: read
// Person-level: system
// Example: {}
MATCH (c:Client)
RETURN c.id AS id
LIMIT 1
