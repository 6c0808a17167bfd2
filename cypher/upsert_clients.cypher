// Returns: one row, `changed`: how many clients were created or had a value changed.
// Parameters: $rows (list of {id, row_hash, props: map of the client's non-blank
//   properties, `area` among them}), $actor (who), $at (when, ISO timestamp). Merges a
//   Person by id and labels it Client (a supporter listed earlier becomes a client in
//   place). A row whose row_hash matches the stored one is left untouched; a changed
//   client's properties are replaced by the row's (a blank cell clears a value;
//   created_by/created_at are kept) and it is linked IN_AREA to the Area coded
//   props.area (created if new), unlinked from any other.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "C-0001", "row_hash": "h1", "props": {"display_name": "Edna Clarke", "area": "Riverside", "service": "SVC-LT", "practitioner": "PR-01", "needs": ["mobility"], "interests": ["gardening"], "access_needs": ["step_free"], "risks": ["falls"], "functions_needed": ["shopping"], "age_band": "85+", "start_date": "2025-04-01"}}]}
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
  ON CREATE SET p.created_by = $actor, p.created_at = $at
WITH p, row
WHERE coalesce(p.row_hash, '') <> row.row_hash
WITH p, row, coalesce(p.created_by, $actor) AS created_by,
     coalesce(p.created_at, $at) AS created_at
SET p:Client, p = row.props, p.id = row.id, p.created_by = created_by, p.created_at = created_at,
    p.row_hash = row.row_hash, p.updated_by = $actor, p.updated_at = $at
WITH p, row.props.area AS code_given
OPTIONAL MATCH (p)-[old:IN_AREA]->(:Area)
WITH p, code_given, collect(old) AS old_links
FOREACH (link IN old_links | DELETE link)
FOREACH (code IN CASE WHEN code_given IS NULL THEN [] ELSE [code_given] END |
  MERGE (area:Area {code: code})
    ON CREATE SET area.name = code, area.created_by = $actor, area.created_at = $at,
                  area.updated_by = $actor, area.updated_at = $at
  MERGE (p)-[:IN_AREA]->(area))
RETURN count(p) AS changed
