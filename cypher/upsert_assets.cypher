// Returns: one row, `changed`: how many assets were created or had a value changed.
// Parameters: $rows (list of {id, row_hash, props: map of the asset's non-blank
//   properties, `area` among them}), $actor (who), $at (when, ISO timestamp). A row
//   whose row_hash matches the stored one is left untouched; a changed asset loses the
//   optional properties its row leaves out and is linked IN_AREA to the Area coded
//   props.area (created if new), unlinked from any other.
// Mode: write
// Example: {"rows": [{"id": "A-001", "row_hash": "h1", "props": {"name": "Riverside Library", "category": "library", "area": "Riverside", "tags": ["reading"], "accessibility": ["step_free"], "cost": "free", "schedule": "Mon-Sat 9-5", "safeguarding": ["staff_present"], "approved": true, "last_reviewed": "2026-01-10", "review_due": "2027-01-10"}}]}
UNWIND $rows AS row
MERGE (a:Asset {id: row.id})
  ON CREATE SET a.created_by = $actor, a.created_at = $at
WITH a, row
WHERE coalesce(a.row_hash, '') <> row.row_hash
REMOVE a.area, a.tags, a.accessibility, a.cost, a.schedule, a.transport, a.safeguarding,
       a.safeguarding_notes, a.last_reviewed, a.review_due
SET a += row.props, a.row_hash = row.row_hash, a.updated_by = $actor, a.updated_at = $at
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
