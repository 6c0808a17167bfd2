// Returns: one row, `changed`: how many ties from a client to an asset were created
//   or had a value changed.
// Parameters: $rows (list of {id (tie id), person_id (client), to_id (asset id),
//   row_hash, props: map of the tie's non-blank properties}), $actor (who), $at (when).
//   A row whose row_hash matches the stored tie's is left untouched; changed tie's
//   properties are replaced by the row's (so a blank cell clears a value), keeping
//   who created it and when. Rows whose client or
//   asset is missing are skipped (validation refuses them before any write).
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "C-0001>A-001@2025-04-01", "person_id": "C-0001", "to_id": "A-001", "row_hash": "h1", "props": {"to_type": "asset", "relationship": "member", "kind": "community", "functions": ["social"], "hours_per_week": 2.0, "contacts_per_month": 4.0, "strength": 3, "quality": "positive", "since": "2025-04-01", "status": "attending", "enabled_by": ["S-000002"], "plan_contact": "Ask for Sue", "plan_travel": "Neighbour drives"}}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})
MATCH (t:Asset {id: row.to_id})
MERGE (c)-[r:TIE {id: row.id}]->(t)
  ON CREATE SET r.created_by = $actor, r.created_at = $at
WITH r, row
WHERE coalesce(r.row_hash, '') <> row.row_hash
WITH r, row, coalesce(r.created_by, $actor) AS created_by,
     coalesce(r.created_at, $at) AS created_at
SET r = row.props, r.id = row.id, r.created_by = created_by, r.created_at = created_at,
    r.row_hash = row.row_hash, r.updated_by = $actor, r.updated_at = $at
RETURN count(r) AS changed
