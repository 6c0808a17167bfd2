// Returns: one row per tie (current and ended) of every client of service
//   $service_id the scope may see, with only what the service view and the isolation
//   series use: `person_id`, `kind`, `hours_per_week`, `contacts_per_month`, `since`,
//   `until`, `status` (the tie's other end is not read: thousands of rows each).
// Parameters: $service_id, $scope_role and $scope_id (graph.scope).
// Mode: read
// Example: {"service_id": "SVC-1", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
MATCH (c)-[t:TIE]->()
RETURN c.id AS person_id, t.kind AS kind, t.hours_per_week AS hours_per_week,
       t.contacts_per_month AS contacts_per_month, t.since AS since, t.until AS until,
       t.status AS status
