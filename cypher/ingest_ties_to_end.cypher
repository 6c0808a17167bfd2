// Returns: one row per current tie that an import declared complete would end (the
//   client is in the ties file, the tie is not): `person_id`, `to_id`, `tie_id`,
//   `kind`, `name` (the supporter's, asset's or service's). Read before writing, so
//   the import can say what it will end; `ingest_end_missing_ties` then ends them.
// Parameters: $rows: list of {person_id (a client in the file), keep (ids of that client's ties in the file)}
// Mode: read
// Person-level: system
// Example: {"rows": [{"person_id": "C-0001", "keep": ["C-0001>S-000001@2024-03-01"]}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})-[r:TIE]->(x)
WHERE r.until IS NULL AND NOT r.id IN row.keep
RETURN c.id AS person_id, x.id AS to_id, r.id AS tie_id, r.kind AS kind,
       coalesce(x.name, x.display_name) AS name
ORDER BY person_id, to_id
