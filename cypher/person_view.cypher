// Returns: at most one row, for client $person_id if the scope may see them: the
//   client's properties (`person_id`, `display_name`, `area`, `service`, `practitioner`,
//   `needs`, `interests`, `access_needs`, `risks`, `functions_needed`, `age_band`,
//   `start_date`: when the service began working with them, if recorded), and
//   lists of maps: `ties` (every tie ever recorded, current and ended: `tie_id`,
//   `to_id`, `to_type`, `name`, `relationship`, `kind`, `functions`, `hours_per_week`,
//   `contacts_per_month`, `strength`, `quality`, `trusted`, `since`, `until`, `status`,
//   `enabled_by`, `risk_flags`, `category`, and the introduction plan: `mitigations`,
//   `plan_contact`, `plan_travel`, `plan_adjustments`, `plan_exit`, and what the
//   workbench records, graph.model.TIE_WORK_COLUMNS, with `updated_by`, `updated_at`), `knows` (KNOWS links of the client's
//   supporters, to anyone: `a_id`, `b_id`, `since`, `until`; outside the system scope a
//   supporter who is a client the viewer may not see is `hidden-supporter:…` named
//   "a supporter", and a second-degree contact is `contact:…`, never their id),
//   `events` (`date`, `kind`,
//   `other_id`, `notes`, `recorded_by`), `measures` (`date`, `instrument`, `score`, `items`: the
//   item answers when entered item by item, `recorded_by`), `assets` (approved
//   assets in the client's area serving at least one of the client's interests, or all
//   of them when none is recorded: the only assets analytics.fit can suggest, by its
//   rules 1, 2 and 5; `asset_id`, `name`,
//   `category`, `area`, `tags`, `accessibility`, `cost`, `safeguarding`, `approved`,
//   `last_reviewed`, `review_due`, `status`). Everything the person view needs, in one query.
// Parameters: $person_id (client id), $scope_role and $scope_id (graph.scope; no row unless the role is system, the practitioner holds the client, or the service lead's service is the client's)
// Mode: read
// Person-level: scoped
// Example: {"person_id": "P001", "scope_role": "system", "scope_id": ""}
MATCH (c:Client {id: $person_id})
WHERE ($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)
RETURN c.id AS person_id, c.display_name AS display_name, c.area AS area,
       c.service AS service, c.practitioner AS practitioner, c.needs AS needs,
       c.interests AS interests, c.access_needs AS access_needs, c.risks AS risks,
       c.functions_needed AS functions_needed, c.age_band AS age_band,
       c.start_date AS start_date,
       COLLECT {
         MATCH (c)-[t:TIE]->(x)
         // A supporter who is a client outside the viewer's scope is shown as "a
         // supporter": the tie's facts are this client's record, the identity is not.
         WITH t, x, (x:Client AND NOT (($scope_role = 'system')
                        OR ($scope_role = 'practitioner' AND x.practitioner = $scope_id)
                        OR ($scope_role = 'service_lead' AND x.service = $scope_id))) AS hidden
         RETURN {tie_id: CASE WHEN hidden THEN 'hidden-tie:' + elementId(t) ELSE t.id END,
                 to_id: CASE WHEN hidden THEN 'hidden-supporter:' + elementId(x) ELSE x.id END,
                 to_type: t.to_type,
                 name: CASE WHEN hidden THEN 'a supporter' ELSE coalesce(x.name, x.display_name) END,
                 relationship: t.relationship,
                 kind: t.kind, functions: t.functions, hours_per_week: t.hours_per_week,
                 contacts_per_month: t.contacts_per_month, strength: t.strength,
                 quality: t.quality, trusted: t.trusted, since: t.since, until: t.until,
                 status: t.status, enabled_by: t.enabled_by, risk_flags: t.risk_flags,
                 category: x.category, mitigations: t.mitigations,
                 plan_contact: t.plan_contact, plan_travel: t.plan_travel,
                 plan_adjustments: t.plan_adjustments, plan_exit: t.plan_exit,
                 own_words: t.own_words, end_reason: t.end_reason,
                 plan_introduction: t.plan_introduction, plan_staff_role: t.plan_staff_role,
                 plan_boundaries: t.plan_boundaries, plan_first_date: t.plan_first_date,
                 introduced_on: t.introduced_on, attending_on: t.attending_on,
                 lapsed_on: t.lapsed_on, updated_by: t.updated_by, updated_at: t.updated_at}
       } AS ties,
       COLLECT {
         MATCH (c)-[:TIE]->(s:Person)-[k:KNOWS]-(o:Person)
         // Outside the system scope, someone met only as a supporter's acquaintance
         // (second degree) is shown without an id, and a supporter who is a client
         // outside the scope as in the ties above.
         WITH c, s, k, o,
              [p IN [s, o] | p:Client AND NOT (($scope_role = 'system')
                  OR ($scope_role = 'practitioner' AND p.practitioner = $scope_id)
                  OR ($scope_role = 'service_lead' AND p.service = $scope_id))] AS hidden,
              $scope_role <> 'system' AND o <> c AND NOT EXISTS { (c)-[:TIE]->(o) } AS second
         RETURN {a_id: CASE WHEN hidden[0] THEN 'hidden-supporter:' + elementId(s) ELSE s.id END,
                 b_id: CASE WHEN second THEN 'contact:' + elementId(o)
                            WHEN hidden[1] THEN 'hidden-supporter:' + elementId(o)
                            ELSE o.id END,
                 since: k.since, until: k.until}
       } AS knows,
       COLLECT {
         MATCH (c)-[:HAS_EVENT]->(e:Event)
         RETURN {date: e.date, kind: e.kind, other_id: e.other_id, notes: e.notes,
                 recorded_by: e.created_by}
       } AS events,
       COLLECT {
         MATCH (c)-[:HAS_MEASURE]->(m:Measure)
         RETURN {date: m.date, instrument: m.instrument, score: m.score, items: m.items,
                 recorded_by: m.updated_by}
       } AS measures,
       COLLECT {
         MATCH (a:Asset)
         WHERE a.area = c.area AND a.approved = true
           AND (size(coalesce(c.interests, [])) = 0
                OR any(tag IN coalesce(a.tags, []) WHERE tag IN c.interests))
         RETURN {asset_id: a.id, name: a.name, category: a.category, area: a.area,
                 tags: a.tags, accessibility: a.accessibility, cost: a.cost,
                 safeguarding: a.safeguarding, approved: a.approved,
                 last_reviewed: a.last_reviewed, review_due: a.review_due, status: a.status}
       } AS assets
