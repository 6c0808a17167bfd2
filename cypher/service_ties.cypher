// Returns: one row per tie of every client of service $service_id the scope may see,
//   of a kind in $kinds (every kind when $kinds is empty), still valid after
//   $ended_after (no `until`, or `until` later; '' keeps ended ties too), with only what
//   the service view and the isolation series use: `person_id`, `kind`,
//   `hours_per_week`, `contacts_per_month`, `since`, `until`, `status` (the tie's other
//   end is not read: thousands of rows each).
// Parameters: $service_id, $kinds (tie kinds; [] for all), $ended_after (YYYY-MM-DD or ''), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"service_id": "SVC-1", "kinds": [], "ended_after": "", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (c)-[t:TIE]->()
WHERE (size($kinds) = 0 OR t.kind IN $kinds)
  AND (t.until IS NULL OR t.until > $ended_after)
RETURN c.id AS person_id, t.kind AS kind, t.hours_per_week AS hours_per_week,
       t.contacts_per_month AS contacts_per_month, t.since AS since, t.until AS until,
       t.status AS status
