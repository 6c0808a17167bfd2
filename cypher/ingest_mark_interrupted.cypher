// Returns: one row, `marked`: how many of $run_ids were still "running" and are now
//   "interrupted" (their process ended without closing the run: killed, or the machine
//   stopped). Data a killed run had written in committed batches stays; re-running the
//   same files completes it (imports are idempotent).
// Parameters: $run_ids (list of ImportRun ids), $actor (who), $at (when)
// Mode: write
// Person-level: system
// Example: {"run_ids": ["run-20261031T120000Z-0a1b2c3d"]}
UNWIND $run_ids AS run_id
MATCH (r:ImportRun {id: run_id, outcome: 'running'})
SET r.outcome = 'interrupted', r.finished_at = $at, r.updated_by = $actor, r.updated_at = $at
RETURN count(r) AS marked
