// Returns: every save the workbench's forms made to client $person_id's record (the
//   audit log's `record` entries, graph.audit), oldest first, at most $limit, if the
//   scope may see the client: `at` (UTC, to the second), `actor` (who saved it),
//   `role`, `detail` (what the form did), `after` (the values it wrote).
// Parameters: $person_id (client id), $scope_role and $scope_id (graph.scope; no row unless the role is system, the practitioner holds the client, or the service lead's service is the client's), $limit (most rows)
// Mode: read
// Person-level: scoped
// Example: {"person_id": "C-0001", "scope_role": "system", "scope_id": "", "limit": 500}
MATCH (c:Client {id: $person_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (a:AuditEntry {person_id: $person_id, action: 'record'})
RETURN a.at AS at, a.actor AS actor, a.role AS role, a.detail AS detail, a.after AS after
ORDER BY a.id
LIMIT $limit
