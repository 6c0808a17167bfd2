// Returns: one row per stored interview of the clients asked for: `person_id`,
//   `session`, `date`, `source`, `ties` (JSON texts), `knows` (JSON texts), oldest
//   first. An import reads them to rebuild each client's tie history from every
//   interview, stored and new.
// Parameters: $ids: client ids
// Mode: read
// Person-level: system
// Example: {"ids": ["C-0001"]}
MATCH (c:Client)-[:HAS_INTERVIEW]->(i:Interview)
WHERE c.id IN $ids
RETURN c.id AS person_id, i.session AS session, i.date AS date, i.source AS source,
       i.ties AS ties, i.knows AS knows
ORDER BY person_id, date, session
