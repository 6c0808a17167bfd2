// Returns: one row per stored tie from client `person_id` to asset `to_id` of each pair
//   in $pairs: `person_id`, `to_id`, `id` (the tie id), `status` (or null), `since`.
//   The introduction-plan rule (ingest.rules.check_plan_moves) compares a row's status
//   with the stored one: only a move to introduced or attending needs the plan.
// Parameters: $pairs: list of {person_id (the client), to_id (the asset)}
// Mode: read
// Person-level: system
// Example: {"pairs": [{"person_id": "C-0001", "to_id": "A-0001"}]}
UNWIND $pairs AS pair
MATCH (:Client {id: pair.person_id})-[t:TIE]->(:Asset {id: pair.to_id})
RETURN pair.person_id AS person_id, pair.to_id AS to_id, t.id AS id, t.status AS status,
       t.since AS since
