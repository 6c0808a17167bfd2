// Returns: one row per tie of $rows already stored: `id`, `row_hash` (of its stored
//   values), `until`. The import compares hashes to say, before writing, which ties it
//   adds and which it changes.
// Parameters: $rows: list of {person_id (the client), id (tie id)}
// Mode: read
// Person-level: system
// Example: {"rows": [{"person_id": "C-0001", "id": "C-0001>S-000001@2024-03-01"}]}
UNWIND $rows AS row
MATCH (:Client {id: row.person_id})-[r:TIE]->()
WHERE r.id = row.id
RETURN r.id AS id, r.row_hash AS row_hash, r.until AS until
