// Returns: the newest audit entries the viewer may see, newest first, at most $limit:
//   `id`, `at`, `actor`, `role`, `person_id`, `action`, `detail`, `before`, `after`. Entries about a
//   person follow person scoping (practitioner: own caseload; service lead: own
//   service); entries about no person (imports) are shown to service leads.
//   Nothing for a commissioner.
// Parameters: $scope_role (practitioner | service_lead | system), $scope_id (practitioner or service id), $limit (most rows)
// Mode: read
// Person-level: scoped
// Example: {"scope_role": "service_lead", "scope_id": "SVC-01", "limit": 200}
MATCH (a:AuditEntry)
OPTIONAL MATCH (c:Client)
WHERE c.id = a.person_id
WITH a, c
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
   OR ($scope_role = 'service_lead' AND a.person_id IS NULL)
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.role AS role, a.person_id AS person_id,
       a.action AS action, a.detail AS detail, a.before AS before, a.after AS after
ORDER BY at DESC, id DESC
LIMIT $limit
