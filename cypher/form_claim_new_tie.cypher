// Returns: one row when client $person_id exists: `claimed` (true when tie $tie_id is
//   neither stored nor being added by someone else, and this add now holds the claim:
//   the form's save goes ahead and the writer then adds the tie), `stored` (true when
//   the tie is already stored), `by` and `since_at` (who added it and when, or who holds
//   the live claim on it and since when). No row when there is no such client.
//   Claims live on the client node (`adding_tie_ids`, `adding_tie_by`, `adding_tie_at`,
//   parallel lists); those made before $live_after are dropped as spent.
// Parameters: $person_id (client id), $tie_id (`person>to@since`), $live_after (ISO timestamp: older claims are spent)
// Mode: write
// Person-level: system
// Example: {"person_id": "C-0001", "tie_id": "C-0001>S-000001@2024-03-01", "live_after": "2026-01-01T00:00:00Z"}
MATCH (c:Client {id: $person_id})
// Take the client's write lock before looking (held to commit), so a second add waiting
// on the lock sees the first one's claim, not the empty network both started from.
SET c.claim_lock = true
REMOVE c.claim_lock
WITH c
OPTIONAL MATCH (c)-[t:TIE {id: $tie_id}]->()
WITH c, t, [i IN range(0, size(coalesce(c.adding_tie_ids, [])) - 1)
            WHERE c.adding_tie_at[i] >= $live_after] AS live
WITH c, t, live, [i IN live WHERE c.adding_tie_ids[i] = $tie_id] AS rivals
WITH c, t, live, rivals, t IS NULL AND size(rivals) = 0 AS claimed
WITH c, t, claimed, rivals,
     [i IN live | c.adding_tie_ids[i]] + CASE WHEN claimed THEN [$tie_id] ELSE [] END AS ids,
     [i IN live | c.adding_tie_by[i]] + CASE WHEN claimed THEN [$actor] ELSE [] END AS by_list,
     [i IN live | c.adding_tie_at[i]] + CASE WHEN claimed THEN [$at] ELSE [] END AS at_list,
     CASE WHEN size(rivals) > 0 THEN c.adding_tie_by[rivals[0]] END AS rival_by,
     CASE WHEN size(rivals) > 0 THEN c.adding_tie_at[rivals[0]] END AS rival_at
SET c.adding_tie_ids = CASE WHEN size(ids) = 0 THEN null ELSE ids END,
    c.adding_tie_by = CASE WHEN size(ids) = 0 THEN null ELSE by_list END,
    c.adding_tie_at = CASE WHEN size(ids) = 0 THEN null ELSE at_list END
RETURN claimed, t IS NOT NULL AS stored,
       coalesce(t.updated_by, rival_by) AS by, coalesce(t.updated_at, rival_at) AS since_at
