// BENCHMARK HARNESS ONLY (bench/stores.py; not in the product catalogue): empties the
// database $limit nodes (with their relationships) a transaction, so that each measured
// import starts from nothing (Community has one user database). Returns `deleted`; run
// until it is 0. The harness refuses to run it on a database holding records unless
// ASSETMAP_BENCH_WIPE=1 is set. Only imported labels are named: the audit log stays.
MATCH (n)
WHERE n:Person OR n:Asset OR n:Service OR n:Area OR n:Event OR n:Measure OR n:ImportRun
WITH n LIMIT $limit
DETACH DELETE n
WITH count(*) AS deleted
RETURN deleted
