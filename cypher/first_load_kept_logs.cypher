// Returns: one row per import-run and audit-log node: `label` (ImportRun or
//   AuditEntry) and `props` (all its properties). A bulk first load rebuilds the
//   database from files, so it carries these logs over into the new store unchanged.
// Parameters: none
// Mode: read
// Person-level: system
// Example: {}
MATCH (n)
WHERE n:ImportRun OR n:AuditEntry
RETURN CASE WHEN n:ImportRun THEN 'ImportRun' ELSE 'AuditEntry' END AS label,
       properties(n) AS props
