// Returns: one row, `claimed`: 1 when asset $asset_id still had version $expected and
//   now holds the claim $claim (the upkeep form's save goes ahead and the writer then
//   stores the new values), 0 when someone else changed it first (the save is
//   refused). Compare and set in one transaction, so of two saves made from the same
//   version only one is claimed.
// Parameters: $asset_id (asset id), $expected (the row_hash the form was read with), $claim (a new unique token)
// Mode: write
// Person-level: system
// Example: {"asset_id": "A-001", "expected": "h1", "claim": "claim-1"}
OPTIONAL MATCH (a:Asset {id: $asset_id})
// Take the asset's write lock before reading its version (held to commit), so a second
// save waiting on the lock reads the first one's claim, not the version both started from.
SET a.claim_lock = true
REMOVE a.claim_lock
WITH a
WHERE a.row_hash = $expected
SET a.row_hash = $claim, a.claimed_by = $actor, a.claimed_at = $at
RETURN count(a) AS claimed
