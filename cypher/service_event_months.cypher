// Returns: one row per client of service $service_id the scope may see, month and
//   event kind in $kinds with at least one such event dated from $since to $until
//   (both included): `person_id`, `month` (YYYY-MM), `kind`, `count` (how many). The
//   isolation series only counts events by month and kind, so a service's series
//   reads these counts rather than every event (graph.frames.event_months_frame).
// Parameters: $service_id, $kinds (event kinds), $since and $until (YYYY-MM-DD), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"service_id": "SVC-1", "kinds": ["contact"], "since": "2024-01-01", "until": "2024-12-31", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (c)-[:HAS_EVENT]->(e:Event)
WHERE e.date >= $since AND e.date <= $until AND e.kind IN $kinds
RETURN c.id AS person_id, substring(e.date, 0, 7) AS month, e.kind AS kind, count(*) AS count
