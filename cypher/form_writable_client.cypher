// Returns: at most one row, `person_id`, when client $person_id exists and the scope
//   may write to them (practitioner: own caseload; service lead: own service; system:
//   anyone). No row otherwise, so a refusal cannot tell "not yours" from "not there".
//   The workbench's forms ask this before anything else (ingest.forms).
// Parameters: $person_id (client id), $scope_role and $scope_id (graph.scope)
// Mode: read
// Person-level: scoped
// Example: {"person_id": "C-0001", "scope_role": "practitioner", "scope_id": "PR-01"}
MATCH (c:Client {id: $person_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN c.id AS person_id
