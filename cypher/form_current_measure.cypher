// Returns: at most one row for measure $measure_id of client $person_id, if the scope
//   may see the client: `score`, `items`, `version` (its row_hash), `updated_by`,
//   `updated_at`. A form entering a measure already recorded for that day and
//   instrument is refused with these (ingest.forms).
// Parameters: $person_id (client id), $measure_id (ingest.rules.measure_id), $scope_role and $scope_id (graph.scope)
// Mode: read
// Person-level: scoped
// Example: {"person_id": "C-0001", "measure_id": "ms-0a1b2c", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {id: $person_id})-[:HAS_MEASURE]->(m:Measure {id: $measure_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN m.score AS score, m.items AS items, m.row_hash AS version,
       m.updated_by AS updated_by, m.updated_at AS updated_at
