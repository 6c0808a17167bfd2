// Returns: one row per client of service $service_id the scope may see:
//   `person_id`, `display_name`, `practitioner`, `area`, `last_review` (date of the
//   latest event of kind $review_kind, null if none), `planned_reviews` (the dates of
//   every event of kind $planned_kind: the next reviews planned; analytics picks the
//   one after the last review), `start_date` (as recorded, or
//   null) and `first_record` (the earliest date in the client's record: any tie's
//   `since`, any event or measure; null if nothing is dated).
// Parameters: $service_id, $review_kind (EventKind.REVIEW), $planned_kind (EventKind.REVIEW_PLANNED), $scope_role and $scope_id (graph.scope).
// Mode: read
// Person-level: scoped
// Example: {"service_id": "SVC-1", "review_kind": "review", "planned_kind": "review_planned", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {service: $service_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
// One walk over each client's events gives the last review, the planned reviews and
// the earliest event (a walk each read every event several times: the largest cost of
// the service view). collect() leaves out the nulls of other kinds.
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event)
  RETURN max(CASE WHEN e.kind = $review_kind THEN e.date END) AS last_review,
         collect(CASE WHEN e.kind = $planned_kind THEN e.date END) AS planned_reviews,
         min(e.date) AS first_event
}
RETURN c.id AS person_id, c.display_name AS display_name, c.practitioner AS practitioner,
       c.area AS area, c.start_date AS start_date, last_review, planned_reviews,
       reduce(first = null, day IN
                COLLECT { MATCH (c)-[t:TIE]->() WHERE t.since IS NOT NULL
                          RETURN t.since ORDER BY t.since LIMIT 1 }
              + [first_event]
              + COLLECT { MATCH (c)-[:HAS_MEASURE]->(m:Measure)
                          RETURN m.date ORDER BY m.date LIMIT 1 }
              | CASE WHEN day IS NULL THEN first
                     WHEN first IS NULL OR day < first THEN day ELSE first END) AS first_record
ORDER BY person_id
