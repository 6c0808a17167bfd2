// Returns: one row per client the scope may see and the selection names, with every
//   column of the people template: `person_id`, `display_name`, `area`, `service`,
//   `practitioner`, `needs`, `interests`, `access_needs`, `risks`,
//   `functions_needed`, `age_band`, `start_date`. For `assetmap export`.
// Parameters: $scope_role and $scope_id (graph.scope), $person_id (one client, or '' for all) and $area (clients of one area, or '' for all)
// Mode: read
// Person-level: scoped
// Example: {"scope_role": "system", "scope_id": "", "person_id": "", "area": ""}
MATCH (c:Client)
WHERE (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
  AND ($person_id = '' OR c.id = $person_id) AND ($area = '' OR c.area = $area)
RETURN c.id AS person_id, c.display_name AS display_name, c.area AS area,
       c.service AS service, c.practitioner AS practitioner, c.needs AS needs,
       c.interests AS interests, c.access_needs AS access_needs, c.risks AS risks,
       c.functions_needed AS functions_needed, c.age_band AS age_band,
       c.start_date AS start_date
ORDER BY person_id
