// Returns: one row per person who is not a client (`person_id`, `display_name`):
//   everyone when the system scope exports the whole store, otherwise the people tied
//   to a selected client, or who know one of those people or the client. For
//   `assetmap export`.
// Parameters: $scope_role and $scope_id (graph.scope), $person_id (one client, or '' for all) and $area (clients of one area, or '' for all)
// Mode: read
// Person-level: scoped
// Example: {"scope_role": "system", "scope_id": "", "person_id": "", "area": ""}
MATCH (p:Person)
WHERE NOT p:Client
OPTIONAL MATCH (tied:Client)-[:TIE]->(p)
OPTIONAL MATCH (second:Client)-[:TIE]->(:Person)-[:KNOWS]-(p)
OPTIONAL MATCH (known:Client)-[:KNOWS]-(p)
WITH p, collect(DISTINCT tied) + collect(DISTINCT second) + collect(DISTINCT known) AS linked
WHERE ($scope_role = 'system' AND $person_id = '' AND $area = '')
   OR any(c IN linked WHERE (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
  AND ($person_id = '' OR c.id = $person_id) AND ($area = '' OR c.area = $area))
RETURN p.id AS person_id, p.display_name AS display_name
ORDER BY person_id
