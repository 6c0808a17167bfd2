// Returns: one row per id in $ids that is a Person the writer's scope holds: `id` — a
//   client in scope, or a supporter tied from one. A scoped import may refer to these
//   people (events, measures, knows, enabled_by); others read as unknown.
// Parameters: $ids (list of ids), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"ids": ["C-0001", "S-000001"], "scope_role": "service_lead", "scope_id": "SVC-LT"}
UNWIND $ids AS id
MATCH (n:Person {id: id})
OPTIONAL MATCH (holder:Client)-[:TIE]->(n)
WITH n, collect(holder) + CASE WHEN n:Client THEN [n] ELSE [] END AS holders
UNWIND holders AS c
WITH n, c
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN DISTINCT n.id AS id
