// Returns: one row per id in $ids that is a stored Client: `id`, `service`,
//   `row_hash` (of its stored values). The import compares them to say, before
//   writing, which clients it changes and which move to another service.
// Parameters: $ids (list of ids)
// Mode: read
// Person-level: system
// Example: {"ids": ["C-0001"]}
UNWIND $ids AS id
MATCH (c:Client {id: id})
RETURN c.id AS id, c.service AS service, c.row_hash AS row_hash
