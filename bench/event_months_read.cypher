// BENCHMARK HARNESS ONLY (bench/event_storage.py; not in the product catalogue): what
// cypher/service_event_months.cypher returns (same rows, same scope predicate), read from
// the per-month aggregate nodes of bench/event_months_build.cypher instead of the events.
// Whole months only: $since must be a month's first day and $until its last (a month in
// progress would need its events counted from the detail).
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (c)-[:HAS_EVENT_MONTH]->(n:EventMonth)
WHERE n.month >= substring($since, 0, 7) AND n.month <= substring($until, 0, 7)
  AND n.kind IN $kinds
WITH c, collect(n) AS counts
RETURN c.id AS person_id, [n IN counts | n.month] AS date, [n IN counts | n.kind] AS kind,
       [n IN counts | n.count] AS count
