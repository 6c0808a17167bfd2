// Returns: one row, `changed`: how many ties from a client to a service were created
//   or had a value changed.
// Parameters: $rows (list of {id (tie id), person_id (client), to_id (service id),
//   row_hash, props: map of the tie's non-blank properties}), $actor (who), $at (when).
//   A row whose row_hash matches the stored tie's is left untouched; a changed tie
//   loses every optional property its row leaves out. Rows whose client or
//   service is missing are skipped (validation refuses them before any write).
// Mode: write
// Example: {"rows": [{"id": "C-0001>SVC-GP-1@", "person_id": "C-0001", "to_id": "SVC-GP-1", "row_hash": "h1", "props": {"to_type": "service", "relationship": "GP", "kind": "professional", "functions": ["medication", "advice"], "contacts_per_month": 0.5, "strength": 3, "quality": "neutral", "trusted": true}}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})
MATCH (t:Service {id: row.to_id})
MERGE (c)-[r:TIE {id: row.id}]->(t)
  ON CREATE SET r.created_by = $actor, r.created_at = $at
WITH r, row
WHERE coalesce(r.row_hash, '') <> row.row_hash
REMOVE r.relationship, r.functions, r.hours_per_week, r.contacts_per_month, r.strength,
       r.quality, r.trusted, r.since, r.until, r.status, r.enabled_by, r.risk_flags,
       r.mitigations, r.plan_contact, r.plan_travel, r.plan_adjustments, r.plan_exit
SET r += row.props, r.row_hash = row.row_hash, r.updated_by = $actor, r.updated_at = $at
RETURN count(r) AS changed
