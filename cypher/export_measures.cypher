// Returns: one row per measure (`person_id`, `date`, `instrument`, `score`, `items`): every
//   measure when the system scope
//   exports the whole store, otherwise those of the clients the scope may see and the
//   selection names. For `assetmap export`.
// Parameters: $scope_role and $scope_id (graph.scope), $person_id (one client, or '' for all) and $area (clients of one area, or '' for all)
// Mode: read
// Person-level: scoped
// Example: {"scope_role": "system", "scope_id": "", "person_id": "", "area": ""}
MATCH (c:Person)-[:HAS_MEASURE]->(e:Measure)
WHERE ($scope_role = 'system' AND $person_id = '' AND $area = '')
   OR (c:Client AND (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
  AND ($person_id = '' OR c.id = $person_id) AND ($area = '' OR c.area = $area))
RETURN c.id AS person_id, e.date AS date, e.instrument AS instrument, e.score AS score,
       e.items AS items
ORDER BY person_id, date, instrument
