// Returns: one row per tie of client $person_id that has an introduction plan, risk
//   flags or mitigations, if the scope may see the client: `tie_id`, `to_id`,
//   `risk_flags`, `mitigations`, `plan_contact`, `plan_travel`, `plan_adjustments`,
//   `plan_exit`. The person page's tie table joins these onto the network's ties.
// Parameters: $person_id (client id), $scope_role and $scope_id (graph.scope)
// Mode: read
// Example: {"person_id": "P001", "scope_role": "practitioner", "scope_id": "PR-01"}
MATCH (c:Client {id: $person_id})-[t:TIE]->(x)
WHERE (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
  AND (t.plan_contact IS NOT NULL OR t.plan_travel IS NOT NULL
    OR t.plan_adjustments IS NOT NULL OR t.plan_exit IS NOT NULL
    OR t.mitigations IS NOT NULL OR t.risk_flags IS NOT NULL)
RETURN t.id AS tie_id, x.id AS to_id, t.risk_flags AS risk_flags, t.mitigations AS mitigations,
       t.plan_contact AS plan_contact, t.plan_travel AS plan_travel,
       t.plan_adjustments AS plan_adjustments, t.plan_exit AS plan_exit
ORDER BY tie_id
