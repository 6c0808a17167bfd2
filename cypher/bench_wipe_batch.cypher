// Returns: one row, `deleted` (how many nodes this batch deleted, with their
//   relationships), and `wiped_by`/`wiped_at` echoed back: nothing is left behind to
//   stamp. BENCHMARK HARNESS ONLY (bench/stores.py): empties the whole database,
//   $limit nodes at a time, so that each measured import starts from nothing on a Neo4j
//   server (Community has one user database). The harness refuses
//   to run it on a database holding data unless ASSETMAP_BENCH_WIPE=1 is set. Only
//   imported labels are named: the audit log is never touched by any query but its own.
// Parameters: $limit (nodes per batch), $actor (who), $at (when).
// Mode: write
// Example: {"limit": 10000}
MATCH (n)
WHERE n:Person OR n:Asset OR n:Service OR n:Area OR n:Event OR n:Measure OR n:ImportRun
WITH n LIMIT $limit
DETACH DELETE n
WITH count(*) AS deleted
RETURN deleted, $actor AS wiped_by, $at AS wiped_at
