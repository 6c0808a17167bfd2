// Returns: one row per client of service $service_id the scope may see with at least one
//   event of a kind in $kinds dated from $since to $until (both included): `person_id`
//   and, one element per month and kind with such events and in the same order, the
//   lists `date` (the month, YYYY-MM), `kind` and `count` (how many). The isolation
//   series only counts events by month and kind, so a service's series reads these
//   counts rather than every event (graph.frames.event_months_frame), and one record per
//   client rather than per count: the driver's cost is per record.
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
WITH c, substring(e.date, 0, 7) AS month, e.kind AS kind, count(*) AS events
WITH c, collect({month: month, kind: kind, events: events}) AS counts
RETURN c.id AS person_id, [n IN counts | n.month] AS date, [n IN counts | n.kind] AS kind,
       [n IN counts | n.events] AS count
