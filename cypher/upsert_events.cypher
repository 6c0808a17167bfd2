// Returns: one row, `changed`: how many events were created or had a value changed.
// Parameters: $rows (list of {id (a stable hash of (person_id, date, kind, other_id, notes)), person_id, row_hash, props: map of every
//   event property}), $actor (who), $at (when). A row whose row_hash matches the
//   stored one is left untouched; a new or changed event is linked HAS_EVENT from its person.
// Mode: write
// Example: {"rows": [{"id": "ev-0a1b2c", "person_id": "C-0001", "row_hash": "h1", "props": {"person_id": "C-0001", "date": "2026-05-04", "kind": "attended", "other_id": "A-001", "notes": null}}]}
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (x:Event {id: row.id})
  ON CREATE SET x.created_by = $actor, x.created_at = $at
WITH p, x, row
WHERE coalesce(x.row_hash, '') <> row.row_hash
SET x += row.props, x.row_hash = row.row_hash, x.updated_by = $actor, x.updated_at = $at
MERGE (p)-[:HAS_EVENT]->(x)
RETURN count(x) AS changed
