// Returns: one row, `created`: how many rows were sent (new and already stored events alike).
// Parameters: $rows (list of {id (a stable hash of person_id, date, kind, other_id and
//   notes), person_id, row_hash (the id; not stored), props: map of the event's non-blank properties
//   but person_id}), $actor (who), $at (when). An event's id covers all its values, so
//   an existing event never changes: it is only created (with who and when: the id is
//   its row hash, and HAS_EVENT says whose it is) and linked HAS_EVENT from its person.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "ev-0a1b2c", "person_id": "C-0001", "row_hash": "ev-0a1b2c", "props": {"date": "2026-05-04", "kind": "attended", "other_id": "A-001"}}]}
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (x:Event {id: row.id})
  ON CREATE SET x += row.props, x.created_by = $actor, x.created_at = $at
MERGE (p)-[:HAS_EVENT]->(x)
RETURN count(x) AS created
