// Returns: one row, `changed`: how many services were created or had a value changed.
// Parameters: $rows (list of {id, row_hash, props: map of service properties}),
//   $actor (who), $at (when, ISO timestamp). A row whose row_hash matches the
//   stored one is left untouched, so re-importing a file changes nothing; a changed
//   service's properties are replaced by the row's (created_by/created_at kept).
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "SVC-GP-1", "row_hash": "a1", "props": {"name": "Riverside Surgery", "kind": "professional", "category": "gp", "area": "North"}}]}
UNWIND $rows AS row
MERGE (s:Service {id: row.id})
  ON CREATE SET s.created_by = $actor, s.created_at = $at
WITH s, row
WHERE coalesce(s.row_hash, '') <> row.row_hash
WITH s, row, coalesce(s.created_by, $actor) AS created_by,
     coalesce(s.created_at, $at) AS created_at
SET s = row.props, s.id = row.id, s.created_by = created_by, s.created_at = created_at,
    s.row_hash = row.row_hash, s.updated_by = $actor, s.updated_at = $at
RETURN count(s) AS changed
