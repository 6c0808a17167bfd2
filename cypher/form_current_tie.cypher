// Returns: at most one row for tie $tie_id of client $person_id, if the scope may see
//   the client: `to_id`, `props` (every stored property of the tie, bookkeeping
//   included), `version` (its row_hash: the form carries it and a save is refused when
//   the stored one differs), `updated_by`, `updated_at`. For the workbench's forms.
// Parameters: $person_id (client id), $tie_id (`person>to@since`), $scope_role and $scope_id (graph.scope)
// Mode: read
// Person-level: scoped
// Example: {"person_id": "C-0001", "tie_id": "C-0001>S-000001@2024-03-01", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {id: $person_id})-[t:TIE {id: $tie_id}]->(x)
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN x.id AS to_id, properties(t) AS props, t.row_hash AS version,
       t.updated_by AS updated_by, t.updated_at AS updated_at
