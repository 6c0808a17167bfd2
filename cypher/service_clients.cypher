// Returns: one row per client of service $service_id the scope may see:
//   `person_id`, `display_name`, `practitioner`, `area`, `last_review` (date of the
//   latest event of kind $review_kind, null if none).
// Parameters: $service_id, $review_kind (EventKind.REVIEW), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"service_id": "SVC-1", "review_kind": "review", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event {kind: $review_kind})
RETURN c.id AS person_id, c.display_name AS display_name, c.practitioner AS practitioner,
       c.area AS area, max(e.date) AS last_review
ORDER BY person_id
