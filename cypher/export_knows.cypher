// Returns: one row per KNOWS link (`a_id`, `b_id`, `since`, `until`): every link when
//   the system scope exports the whole store, otherwise links with an end that is a
//   selected client or a person tied to one. For `assetmap export`.
// Parameters: $scope_role and $scope_id (graph.scope), $person_id (one client, or '' for all) and $area (clients of one area, or '' for all)
// Mode: read
// Person-level: scoped
// Example: {"scope_role": "system", "scope_id": "", "person_id": "", "area": ""}
MATCH (a:Person)-[k:KNOWS]->(b:Person)
OPTIONAL MATCH (tied_a:Client)-[:TIE]->(a)
OPTIONAL MATCH (tied_b:Client)-[:TIE]->(b)
WITH a, b, k, collect(DISTINCT tied_a) + collect(DISTINCT tied_b)
     + CASE WHEN a:Client THEN [a] ELSE [] END + CASE WHEN b:Client THEN [b] ELSE [] END AS linked
WHERE ($scope_role = 'system' AND $person_id = '' AND $area = '')
   OR any(c IN linked WHERE (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
  AND ($person_id = '' OR c.id = $person_id) AND ($area = '' OR c.area = $area))
RETURN a.id AS a_id, b.id AS b_id, k.since AS since, k.until AS until
ORDER BY a_id, b_id
