// Returns: one row, `dropped`: how many KNOWS links derived from a client's interviews
//   were removed because the rebuilt history of that client no longer links the pair.
// Parameters: $rows: list of {person_id (a client whose history was rebuilt), keep
//   (the pairs [a_id, b_id], a_id < b_id, its history links)}; $actor, $at: who and
//   when, stamped on a client whose supporters lost a link.
// Mode: write
// Person-level: system
// Example: {"rows": [{"person_id": "C-0001", "keep": [["nc-1", "nc-2"]]}]}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})-[:TIE]->(a:Person)-[k:KNOWS]->(b:Person)<-[:TIE]-(c)
WHERE k.from_interviews = true AND NOT [a.id, b.id] IN row.keep
WITH c, collect(DISTINCT k) AS superseded
FOREACH (k IN superseded | DELETE k)
SET c.updated_by = $actor, c.updated_at = $at
RETURN sum(size(superseded)) AS dropped
