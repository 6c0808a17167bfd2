// Returns: one row, `changed`: how many measures were created or had a value changed.
// Parameters: $rows (list of {id (a stable hash of person_id, date and instrument),
//   person_id, row_hash, props: {date, instrument, score, ...: not person_id, which
//   HAS_MEASURE says}), $actor (who),
//   $at (when). A row whose row_hash matches the stored one is left untouched; a new
//   or changed measure is linked HAS_MEASURE from its person.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "ms-0a1b2c", "person_id": "C-0001", "row_hash": "h1", "props": {"date": "2026-05-04", "instrument": "LSNS-6", "score": 14}}]}
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (x:Measure {id: row.id})
  ON CREATE SET x.created_by = $actor, x.created_at = $at
WITH p, x, row
WHERE coalesce(x.row_hash, '') <> row.row_hash
WITH p, x, row, coalesce(x.created_by, $actor) AS created_by,
     coalesce(x.created_at, $at) AS created_at
SET x = row.props, x.id = row.id, x.created_by = created_by, x.created_at = created_at,
    x.row_hash = row.row_hash, x.updated_by = $actor, x.updated_at = $at
MERGE (p)-[:HAS_MEASURE]->(x)
RETURN count(x) AS changed
