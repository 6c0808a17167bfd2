// Returns: one row, `changed`: how many assets were created or had a value changed.
// Parameters: $rows (list of {id, row_hash, props: map of the asset's non-blank
//   properties, `area` among them}), $actor (who), $at (when, ISO timestamp). A row
//   whose row_hash matches the stored one is left untouched; a changed asset's properties are
//   replaced by the row's (a blank cell clears a value; created_by/created_at are
//   kept) and it is linked IN_AREA to the Area coded props.area (created if new),
//   unlinked from any other.
// Mode: write
// Person-level: system
// Example: {"rows": [{"id": "A-001", "row_hash": "h1", "props": {"name": "Riverside Library", "category": "library", "area": "Riverside", "tags": ["reading"], "accessibility": ["step_free"], "cost": "free", "schedule": "Mon-Sat 9-5", "safeguarding": ["staff_present"], "approved": true, "last_reviewed": "2026-01-10", "review_due": "2027-01-10"}}]}
UNWIND $rows AS row
MERGE (a:Asset {id: row.id})
  ON CREATE SET a.created_by = $actor, a.created_at = $at
WITH a, row
WHERE coalesce(a.row_hash, '') <> row.row_hash
WITH a, row, coalesce(a.created_by, $actor) AS created_by,
     coalesce(a.created_at, $at) AS created_at
SET a = row.props, a.id = row.id, a.created_by = created_by, a.created_at = created_at,
    a.row_hash = row.row_hash, a.updated_by = $actor, a.updated_at = $at
WITH a, row.props.area AS code_given
OPTIONAL MATCH (a)-[old:IN_AREA]->(:Area)
WITH a, code_given, collect(old) AS old_links
FOREACH (link IN old_links | DELETE link)
FOREACH (code IN CASE WHEN code_given IS NULL THEN [] ELSE [code_given] END |
  MERGE (area:Area {code: code})
    ON CREATE SET area.name = code, area.created_by = $actor, area.created_at = $at,
                  area.updated_by = $actor, area.updated_at = $at
  MERGE (a)-[:IN_AREA]->(area))
RETURN count(a) AS changed
