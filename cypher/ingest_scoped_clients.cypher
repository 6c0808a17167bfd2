// Returns: one row per id in $ids that is a Client the writer's scope holds: `id`.
//   A scoped import (a service lead's upload) may change only these clients; an id
//   outside the scope is reported exactly like an unknown one.
// Parameters: $ids (list of ids), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"ids": ["C-0001", "S-000001"], "scope_role": "service_lead", "scope_id": "SVC-LT"}
UNWIND $ids AS id
MATCH (c:Client {id: id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN c.id AS id
