// Returns: one row per client the viewer may see, for the person picker:
//   `id`, `display_name`, `area`, `service`, `practitioner`, ordered by id.
//   Nothing for a commissioner (person-level rows are scoped; see graph/scope.py).
// Parameters: $scope_role (practitioner | service_lead | system), $scope_id
//   (practitioner id or service id)
// Mode: read
// Example: {"scope_role": "practitioner", "scope_id": "PR-01"}
MATCH (c:Client)
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN c.id AS id, c.display_name AS display_name, c.area AS area, c.service AS service,
       c.practitioner AS practitioner
ORDER BY id
