// Returns: one row, `ended`: how many current ties were ended because a later ties
//   export of their client no longer lists them.
// Parameters: $rows, $as_of, $actor, $at. $rows: list of {person_id (a client in the
//   export), keep (ids of that client's ties in the export)}; $as_of (YYYY-MM-DD): the
//   date a tie ends (its since if that is later); $actor: who; $at: when. Ties are ended, never deleted, so the
//   network as it was stays on record; row_hash becomes 'ended' so a later export
//   that lists the tie again reopens it.
// Mode: write
// Person-level: system
// Example: {"rows": [{"person_id": "C-0001", "keep": ["C-0001>S-000001@2024-03-01"]}], "as_of": "2026-10-31"}
UNWIND $rows AS row
MATCH (c:Client {id: row.person_id})-[r:TIE]->()
WHERE r.until IS NULL AND NOT r.id IN row.keep
SET r.until = CASE WHEN r.since IS NOT NULL AND r.since > $as_of THEN r.since ELSE $as_of END,
    r.row_hash = 'ended', r.updated_by = $actor, r.updated_at = $at
RETURN count(r) AS ended
