// Returns: one row, `id`: the ImportRun recorded.
// Parameters: $run_id, $started_at, $files, $checksums, $rows_read, $rows_written, $outcome, $dry_run, $error_count, $errors, $actor, $at
//   $started_at: ISO timestamp; $files: file names; $checksums: sha256 of each file, same
//   order; $outcome: written | validated | rejected | failed; $dry_run: boolean;
//   $errors: the first problems, as `file:line: column: reason`; $actor: who ran it;
//   $at: when it finished.
// Mode: write
// Person-level: system
// Example: {"run_id": "run-20261031T120000Z-0a1b2c3d", "started_at": "2026-10-31T12:00:00Z", "files": ["people.csv"], "checksums": ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"], "rows_read": 2, "rows_written": 2, "outcome": "written", "dry_run": false, "error_count": 0, "errors": []}
MERGE (r:ImportRun {id: $run_id})
  ON CREATE SET r.created_by = $actor, r.created_at = $at
SET r.actor = $actor, r.started_at = $started_at, r.finished_at = $at, r.files = $files,
    r.checksums = $checksums, r.rows_read = $rows_read, r.rows_written = $rows_written,
    r.outcome = $outcome, r.dry_run = $dry_run, r.error_count = $error_count,
    r.errors = $errors, r.updated_by = $actor, r.updated_at = $at
RETURN r.id AS id
