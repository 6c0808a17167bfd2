// Returns: one row per client of service $service_id the scope may see with a measure
//   dated $since or later: `person_id` and, one element per such measure and in the same
//   order, the lists `date`, `instrument`, `score` (one record per client, not per
//   measure: the driver's cost is per record; graph.frames.dated_by_client makes them
//   one row per measure).
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
WITH c, collect(m) AS measures
RETURN c.id AS person_id, [m IN measures | m.date] AS date,
       [m IN measures | m.instrument] AS instrument, [m IN measures | m.score] AS score
