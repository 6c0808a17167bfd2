// Returns: one row, `changed`: how many people (supporters, not clients) were created
//   or had a value changed.
// Parameters: $rows (list of {id, row_hash, props: {display_name}}), $actor (who), $at
//   (when, ISO timestamp). A row whose row_hash matches the stored one is left untouched.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "S-000001", "row_hash": "h1", "props": {"display_name": "Jean Clarke"}}]}
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
  ON CREATE SET p.created_by = $actor, p.created_at = $at
WITH p, row
WHERE coalesce(p.row_hash, '') <> row.row_hash
WITH p, row, coalesce(p.created_by, $actor) AS created_by,
     coalesce(p.created_at, $at) AS created_at
SET p = row.props, p.id = row.id, p.created_by = created_by, p.created_at = created_at,
    p.row_hash = row.row_hash, p.updated_by = $actor, p.updated_at = $at
RETURN count(p) AS changed
