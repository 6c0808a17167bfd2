// Returns: one row, `changed`: how many ties from a client to a person were created
//   or had a value changed.
// Parameters: $rows (list of {id (tie id), person_id (client), to_id (person id),
//   row_hash, props: map of the tie's non-blank properties}), $actor (who), $at (when).
//   A row whose row_hash matches the stored tie's is left untouched; changed tie's
//   properties are replaced by the row's (so a blank cell clears a value), keeping
//   who created it and when. The target Person is
//   created when new: a tie to a person not listed in the people file creates that
//   supporter.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "C-0001>S-000001@2024-03-01", "person_id": "C-0001", "to_id": "S-000001", "row_hash": "h1", "props": {"to_type": "person", "relationship": "daughter", "kind": "natural", "functions": ["shopping", "emotional"], "hours_per_week": 6.0, "contacts_per_month": 12.0, "strength": 5, "quality": "positive", "trusted": true, "since": "2024-03-01"}}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})
MERGE (t:Person {id: row.to_id})
  ON CREATE SET t.created_by = $actor, t.created_at = $at, t.updated_by = $actor,
                t.updated_at = $at
MERGE (c)-[r:TIE {id: row.id}]->(t)
  ON CREATE SET r.created_by = $actor, r.created_at = $at
WITH r, row
WHERE coalesce(r.row_hash, '') <> row.row_hash
WITH r, row, coalesce(r.created_by, $actor) AS created_by,
     coalesce(r.created_at, $at) AS created_at
SET r = row.props, r.id = row.id, r.created_by = created_by, r.created_at = created_at,
    r.row_hash = row.row_hash, r.updated_by = $actor, r.updated_at = $at
RETURN count(r) AS changed
