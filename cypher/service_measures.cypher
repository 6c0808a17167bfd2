// Returns: one row per measure of every client of service $service_id the scope may
//   see, dated $since or later: `person_id`, `date`, `instrument`, `score`.
// Parameters: $service_id, $since (YYYY-MM-DD; '' for every measure), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"service_id": "SVC-1", "since": "2024-01-01", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (c)-[:HAS_MEASURE]->(m:Measure)
WHERE m.date >= $since
RETURN c.id AS person_id, m.date AS date, m.instrument AS instrument, m.score AS score
