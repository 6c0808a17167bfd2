// Returns: one row, `changed`: how many KNOWS links were created or had a value changed.
// Parameters: $rows (list of {a_id, b_id (a_id < b_id: one link per pair), row_hash,
//   props: {since, until}}), $actor (who), $at (when). A row whose row_hash matches
//   the stored link's is left untouched.
// Mode: write
// Person-level: system
// Example: {"rows": [{"a_id": "S-000001", "b_id": "S-000002", "row_hash": "h1", "props": {"since": "2010-01-01"}}]}
UNWIND $rows AS row
MATCH (a:Person {id: row.a_id})
MATCH (b:Person {id: row.b_id})
MERGE (a)-[k:KNOWS]->(b)
  ON CREATE SET k.created_by = $actor, k.created_at = $at
WITH k, row
WHERE coalesce(k.row_hash, '') <> row.row_hash
WITH k, row, coalesce(k.created_by, $actor) AS created_by,
     coalesce(k.created_at, $at) AS created_at
SET k = row.props, k.created_by = created_by, k.created_at = created_at,
    k.row_hash = row.row_hash, k.updated_by = $actor, k.updated_at = $at
RETURN count(k) AS changed
