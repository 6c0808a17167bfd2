// Returns: one row, `changed`: how many interviews (dated snapshots of a client's
//   network) were created or had a value changed.
// Parameters: $rows (list of {id (`<person_id>:<session>`), person_id (the client),
//   row_hash, props: {person_id, session, date, source, ties (one JSON text per tie:
//   the row as mapped and the name shown), knows (one JSON [a_id, b_id] per pair)}}),
//   $actor (who), $at (when). A row whose row_hash matches the stored interview's is
//   left untouched; a changed one is replaced (the same session read again), keeping
//   who created it and when. Linked HAS_INTERVIEW from its client.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "C-0001:6f1c2a90", "person_id": "C-0001", "row_hash": "h1", "props": {"person_id": "C-0001", "session": "6f1c2a90", "date": "2025-03-04", "source": "network-canvas", "ties": ["{\"name\": \"Jean\", \"row\": {\"to_id\": \"nc-1\"}}"], "knows": []}}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})
MERGE (i:Interview {id: row.id})
  ON CREATE SET i.created_by = $actor, i.created_at = $at
MERGE (c)-[:HAS_INTERVIEW]->(i)
WITH i, row
WHERE coalesce(i.row_hash, '') <> row.row_hash
WITH i, row, coalesce(i.created_by, $actor) AS created_by,
     coalesce(i.created_at, $at) AS created_at
SET i = row.props, i.id = row.id, i.created_by = created_by, i.created_at = created_at,
    i.row_hash = row.row_hash, i.updated_by = $actor, i.updated_at = $at
RETURN count(i) AS changed
