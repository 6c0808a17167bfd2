// Returns: one row per tie (current and ended) of each client the scope may see and
//   the selection names, with every column of the ties template and the introduction
//   plan: `person_id`, `to_id`, `to_type`, `relationship`, `kind`, `functions`,
//   `hours_per_week`, `contacts_per_month`, `strength`, `quality`, `trusted`,
//   `since`, `until`, `status`, `enabled_by`, `risk_flags`, `mitigations`,
//   `plan_contact`, `plan_travel`, `plan_adjustments`, `plan_exit`, and the workbench's
//   columns (graph.model.TIE_WORK_COLUMNS). For `assetmap export`.
// Parameters: $scope_role and $scope_id (graph.scope), $person_id (one client, or '' for all) and $area (clients of one area, or '' for all)
// Mode: read
// Person-level: scoped
// Example: {"scope_role": "system", "scope_id": "", "person_id": "", "area": ""}
MATCH (c:Client)-[t:TIE]->(x)
WHERE (($scope_role = 'system')
    OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
    OR ($scope_role = 'service_lead' AND c.service = $scope_id))
  AND ($person_id = '' OR c.id = $person_id) AND ($area = '' OR c.area = $area)
RETURN c.id AS person_id, x.id AS to_id, t.to_type AS to_type,
       t.relationship AS relationship, t.kind AS kind, t.functions AS functions,
       t.hours_per_week AS hours_per_week, t.contacts_per_month AS contacts_per_month,
       t.strength AS strength, t.quality AS quality, t.trusted AS trusted, t.since AS since,
       t.until AS until, t.status AS status, t.enabled_by AS enabled_by,
       t.risk_flags AS risk_flags, t.mitigations AS mitigations,
       t.plan_contact AS plan_contact, t.plan_travel AS plan_travel,
       t.plan_adjustments AS plan_adjustments, t.plan_exit AS plan_exit,
       t.own_words AS own_words, t.end_reason AS end_reason,
       t.plan_introduction AS plan_introduction, t.plan_staff_role AS plan_staff_role,
       t.plan_boundaries AS plan_boundaries, t.plan_first_date AS plan_first_date,
       t.introduced_on AS introduced_on, t.attending_on AS attending_on,
       t.lapsed_on AS lapsed_on
ORDER BY person_id, to_id, since
