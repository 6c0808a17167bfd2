// Returns: one row per ImportRun still marked "running": `id`, `pid`, `host`,
//   `started_at`. The importer checks whether each one's process is still alive.
// Parameters: none
// Mode: read
// Person-level: system
// Example: {}
MATCH (r:ImportRun {outcome: 'running'})
RETURN r.id AS id, r.pid AS pid, r.host AS host, r.started_at AS started_at
ORDER BY started_at
