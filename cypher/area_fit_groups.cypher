// Returns: an aggregate, no person ids: clients grouped by what asset fit asks of them,
//   for counting who has no asset that fits. One row per group: `area`, `interests`,
//   `access_needs`, `risks` (the clients' lists, as stored), `connected` (ids of the
//   assets they are actively connected to on $as_of, sorted) and `clients` (how many
//   clients share all of these). Never shown as such: analytics.coverage.unmet_needs
//   turns it into suppressed counts per area and reason.
// Parameters: $area ('' for every area), $as_of (YYYY-MM-DD), $active_statuses (ACTIVE_CONNECTION_STATUSES)
// Mode: read
// Person-level: aggregate
// Example: {"area": "", "as_of": "2025-01-31", "active_statuses": ["introduced", "attending"]}
MATCH (c:Client)
WHERE $area = '' OR c.area = $area
WITH c, COLLECT {
  MATCH (c)-[t:TIE]->(a:Asset)
  WHERE t.status IN $active_statuses
    AND (t.since IS NULL OR t.since <= $as_of) AND (t.until IS NULL OR t.until > $as_of)
  RETURN DISTINCT a.id AS asset ORDER BY asset
} AS connected
RETURN c.area AS area, coalesce(c.interests, []) AS interests,
       coalesce(c.access_needs, []) AS access_needs, coalesce(c.risks, []) AS risks,
       connected, count(*) AS clients
