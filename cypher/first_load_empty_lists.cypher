// Returns: one row, `set`: how many nodes had their empty lists set.
// Parameters: $rows (list of {label ('Interview' or 'ImportRun'), id, props: map of the
//   node's properties that hold an empty list}), $actor (who), $at (when). After a bulk
//   first load: the import tool cannot write an empty list (its empty array field is no
//   property), so the lists the ordinary import would have stored empty (an interview
//   with no KNOWS pair, a run with no error) are set here. An interview is stamped as
//   written by this load (as its upsert stamps it); a carried-over run log keeps its own
//   stamps (it is restored as it was, not changed).
// Mode: write
// Person-level: system
// Example: {"rows": [{"label": "Interview", "id": "C-0001:6f1c2a90", "props": {"knows": []}}]}
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Interview {id: row.id})
  WHERE row.label = 'Interview'
  RETURN n
  UNION
  MATCH (n:ImportRun {id: row.id})
  WHERE row.label = 'ImportRun'
  RETURN n
}
SET n += row.props
FOREACH (_ IN CASE WHEN row.label = 'Interview' THEN [1] ELSE [] END |
  SET n.updated_by = $actor, n.updated_at = $at)
RETURN count(n) AS set
