// Returns: one row, `claimed`: 1 when tie $tie_id of client $person_id still had
//   version $expected and now holds the claim $claim (the form's save goes ahead and
//   the writer then stores the new values), 0 when someone else changed it first (the
//   save is refused). Compare and set in one transaction, so of two saves made from
//   the same version only one is claimed.
// Parameters: $person_id (client id), $tie_id, $expected (the row_hash the form was read with), $claim (a new unique token)
// Mode: write
// Person-level: system
// Example: {"person_id": "C-0001", "tie_id": "C-0001>S-000001@2024-03-01", "expected": "h1", "claim": "claim-1"}
OPTIONAL MATCH (:Client {id: $person_id})-[t:TIE {id: $tie_id}]->()
// Take the tie's write lock before reading its version (held to commit), so a second
// save waiting on the lock reads the first one's claim, not the version both started from.
SET t.claim_lock = true
REMOVE t.claim_lock
WITH t
WHERE t.row_hash = $expected
SET t.row_hash = $claim, t.claimed_by = $actor, t.claimed_at = $at
RETURN count(t) AS claimed
