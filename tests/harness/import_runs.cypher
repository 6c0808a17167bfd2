// Returns: one row per import run, newest first: `id`, `actor`, `started_at`,
//   `finished_at`, `files`, `checksums`, `rows_read`, `rows_written`, `outcome`,
//   `dry_run`, `error_count`, `errors`.
// Parameters: $limit (how many runs at most)
// Mode: read
// Example: {"limit": 20}
MATCH (r:ImportRun)
RETURN r.id AS id, r.actor AS actor, r.started_at AS started_at, r.finished_at AS finished_at,
       r.files AS files, r.checksums AS checksums, r.rows_read AS rows_read,
       r.rows_written AS rows_written, r.outcome AS outcome, r.dry_run AS dry_run,
       r.error_count AS error_count, r.errors AS errors
ORDER BY started_at DESC, id DESC
LIMIT $limit
