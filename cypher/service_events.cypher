// Returns: one row per event of every client of service $service_id the scope may
//   see, from $since on, with what the isolation series uses: `person_id`, `date`, `kind`.
// Parameters: $service_id, $since (YYYY-MM-DD), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"service_id": "SVC-1", "since": "2024-01-01", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (c)-[:HAS_EVENT]->(e:Event)
WHERE e.date >= $since
RETURN c.id AS person_id, e.date AS date, e.kind AS kind
