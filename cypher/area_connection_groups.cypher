// Returns: an aggregate, no person ids: clients with at least one active community
//   connection on $as_of, grouped by their area and the set of assets they are connected
//   to. One row per group: `area` (the client's), `assets` (asset ids), `clients` (how
//   many clients share that area and set). A set may come back in more than one order;
//   analytics treats the ids as a set. Clients with no connection are not here:
//   `area_client_counts` counts every client, and graph.reads adds the empty-set group.
//   (Walked from the assets' side: only community ties are read, not every client's ties.)
// Parameters: $area ('' for every area), $as_of (YYYY-MM-DD), $community_kind (TieKind.COMMUNITY), $active_statuses (ACTIVE_CONNECTION_STATUSES)
// Mode: read
// Person-level: aggregate
// Example: {"area": "", "as_of": "2025-01-31", "community_kind": "community", "active_statuses": ["introduced", "attending"]}
MATCH (a:Asset)<-[t:TIE]-(c:Client)
WHERE ($area = '' OR c.area = $area)
  AND t.kind = $community_kind AND t.status IN $active_statuses
  AND (t.since IS NULL OR t.since <= $as_of) AND (t.until IS NULL OR t.until > $as_of)
WITH c, collect(DISTINCT a.id) AS assets
RETURN c.area AS area, assets, count(*) AS clients
