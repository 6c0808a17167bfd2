// Returns: one row per client of service $service_id the scope may see that has a tie
//   of a kind in $kinds (every kind when $kinds is empty) still valid after
//   $ended_after (no `until`, or `until` later; '' keeps ended ties too): `person_id`
//   and, one element per such tie and in the same order, the lists `kind`,
//   `hours_per_week`, `contacts_per_month`, `since`, `until`, `status` (only what the
//   service view and the isolation series use; graph.frames.frame_by_client makes them
//   one row per tie). One row per client, not per tie: the driver's cost is per record,
//   and a service has thousands of ties. The tie's other end is not read.
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
WITH c, collect(t) AS ties
RETURN c.id AS person_id, [t IN ties | t.kind] AS kind,
       [t IN ties | t.hours_per_week] AS hours_per_week,
       [t IN ties | t.contacts_per_month] AS contacts_per_month,
       [t IN ties | t.since] AS since, [t IN ties | t.until] AS until,
       [t IN ties | t.status] AS status
