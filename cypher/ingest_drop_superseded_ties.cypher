// Returns: one row, `dropped`: how many ties derived from interviews were removed
//   because the client's history, rebuilt from all its interviews, no longer yields
//   them (e.g. a tie opened at a later interview when an older one, imported after,
//   shows the supporter already). The interviews stay stored: they are the record.
// Parameters: $rows: list of {person_id (a client whose history was rebuilt), keep
//   (ids of the ties the rebuilt history holds)}; $actor, $at: who and when, stamped
//   on a client that lost a tie.
// Mode: write
// Person-level: system
// Example: {"rows": [{"person_id": "C-0001", "keep": ["C-0001>nc-1@2025-03-04"]}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})-[r:TIE]->()
WHERE r.from_interviews = true AND NOT r.id IN row.keep
WITH c, collect(r) AS superseded
FOREACH (r IN superseded | DELETE r)
SET c.updated_by = $actor, c.updated_at = $at
RETURN sum(size(superseded)) AS dropped
