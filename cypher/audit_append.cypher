// Returns: one row, `id`, of the audit entry just created.
// Parameters: $id (new unique id), $role, $person_id (or null), $action, $detail, $before, $after, $actor, $at
//   ($role: the viewer's role; $action: view_person |
//   import | record | ...; $detail: short text; $before and $after: a bounded summary of
//   the values a recorded change replaced and wrote, '' for reads).
//   The audit log is append-only: this query only ever CREATEs, and no query in
//   cypher/ updates or deletes an AuditEntry.
// Mode: write
// Person-level: system
// Example: {"id": "AUD-example", "role": "practitioner", "person_id": "P001", "action": "view_person", "detail": "person page", "before": "", "after": ""}
CREATE (a:AuditEntry {id: $id, actor: $actor, at: $at, role: $role, person_id: $person_id,
                      action: $action, detail: $detail, before: $before, after: $after})
RETURN a.id AS id
