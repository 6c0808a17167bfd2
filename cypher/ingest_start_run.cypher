// Returns: one row, `id`: the ImportRun opened.
// Parameters: $run_id, $started_at, $files, $pid, $host, $dry_run, $actor, $at
//   $started_at: ISO timestamp; $files: file names; $pid: the importing process; $host:
//   its machine; $dry_run: boolean; $actor: who; $at: when. Written before any data, with outcome "running": a run killed part-way stays on
//   record and the next import marks it "interrupted" (ingest_mark_interrupted);
//   ingest_log_run closes it with its outcome.
// Mode: write
// Person-level: system
// Example: {"run_id": "run-20261031T120000Z-0a1b2c3d", "started_at": "2026-10-31T12:00:00Z", "files": ["people.csv"], "pid": 4242, "host": "care-01", "dry_run": false}
MERGE (r:ImportRun {id: $run_id})
  ON CREATE SET r.created_by = $actor, r.created_at = $at
SET r.actor = $actor, r.started_at = $started_at, r.files = $files, r.pid = $pid,
    r.host = $host, r.outcome = 'running', r.dry_run = $dry_run, r.updated_by = $actor,
    r.updated_at = $at
RETURN r.id AS id
