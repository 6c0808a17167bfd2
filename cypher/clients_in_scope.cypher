// Returns: one row per client the scope may see, optionally narrowed to an area and
//   a service: `person_id`, `display_name`, `area`, `service`, `practitioner`.
// Parameters: $area and $service ('' for any), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"area": "", "service": "", "scope_role": "system", "scope_id": ""}
MATCH (c:Client)
WHERE ($area = '' OR c.area = $area)
  AND ($service = '' OR c.service = $service)
  AND (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
RETURN c.id AS person_id, c.display_name AS display_name, c.area AS area,
       c.service AS service, c.practitioner AS practitioner
ORDER BY person_id
