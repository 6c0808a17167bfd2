// Returns: one row, `claimed`: 1 when measure $measure_id of client $person_id still had
//   version $expected and now holds the claim $claim (the correction goes ahead and the
//   writer then stores the corrected values), 0 when someone else changed it first (the
//   correction is refused). Compare and set in one transaction, so of two corrections
//   made from the same version only one is claimed.
// Parameters: $person_id (client id), $measure_id (ingest.rules.measure_id), $expected (the row_hash the form was read with), $claim (a new unique token)
// Mode: write
// Person-level: system
// Example: {"person_id": "C-0001", "measure_id": "ms-0a1b2c", "expected": "h1", "claim": "claim-1"}
OPTIONAL MATCH (:Client {id: $person_id})-[:HAS_MEASURE]->(m:Measure {id: $measure_id})
// Take the measure's write lock before reading its version (held to commit).
SET m.claim_lock = true
REMOVE m.claim_lock
WITH m
WHERE m.row_hash = $expected
SET m.row_hash = $claim, m.claimed_by = $actor, m.claimed_at = $at
RETURN count(m) AS claimed
