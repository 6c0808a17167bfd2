// Returns: an aggregate, no person ids: clients counted by their area and why no asset
//   fits them (analytics.fit.no_fit_reason's code; null when something fits). One row per
//   area and code: `area`, `code`, `clients`. The rules come from analytics.fit.fit_rules
//   as $rules (area -> `any`: the entry for a client with no interests, `by_interest`:
//   interest -> entry; an entry is what the area's offered assets serving it hold:
//   `in_date`, a list of profiles, each `assets` (ids), `unanswered` (risks its
//   safeguarding does not answer) and `offers` (access features)); the query only tests
//   each client's interests, connections, risks and access needs against them, so the
//   rules have one definition. Never shown as such: analytics.coverage.unmet_needs
//   suppresses the counts.
// Parameters: $area ('' for every area), $as_of (YYYY-MM-DD), $active_statuses (ACTIVE_CONNECTION_STATUSES), $rules (analytics.fit.fit_rules), $codes (analytics.fit.FUNNEL_CODES: the code of each rule, in rule order)
// Mode: read
// Person-level: aggregate
// Example: {"area": "", "as_of": "2025-01-31", "active_statuses": ["introduced", "attending"], "rules": {"North": {"any": {"in_date": [{"assets": ["A-1"], "unanswered": [], "offers": ["step_free"]}]}, "by_interest": {"music": {"in_date": []}}}}, "codes": ["no_asset_for_interests", "overdue_for_review", "already_connected", "safeguarding_not_met", "access_needs_not_met"]}
MATCH (c:Client)
WHERE $area = '' OR c.area = $area
WITH c, CASE WHEN c.area IS NULL THEN null ELSE $rules[c.area] END AS rules,
     coalesce(c.interests, []) AS interests
// The entries of the client's interests that some offered asset of the area serves.
WITH c, CASE WHEN rules IS NULL THEN []
             WHEN size(interests) = 0 THEN [rules.any]
             ELSE [i IN interests WHERE rules.by_interest[i] IS NOT NULL | rules.by_interest[i]]
        END AS entries
WITH c, [e IN entries | e.in_date] AS profiles_by_entry, size(entries) > 0 AS served
WITH c, served, reduce(all = [], ps IN profiles_by_entry | all + ps) AS in_date
// Only clients with an asset in date to weigh read their connections and needs.
WITH c, served, in_date,
     CASE WHEN size(in_date) = 0 THEN [] ELSE COLLECT {
       MATCH (c)-[t:TIE]->(a:Asset)
       WHERE t.status IN $active_statuses
         AND (t.since IS NULL OR t.since <= $as_of) AND (t.until IS NULL OR t.until > $as_of)
       RETURN DISTINCT a.id
     } END AS connected
WITH c, served, in_date,
     [p IN in_date WHERE any(a IN p.assets WHERE NOT a IN connected)] AS unconnected
WITH c, served, in_date, unconnected,
     [p IN unconnected WHERE none(r IN coalesce(c.risks, []) WHERE r IN p.unanswered)] AS safe
WITH c, served, in_date, unconnected, safe,
     any(p IN safe WHERE all(n IN coalesce(c.access_needs, []) WHERE n IN p.offers)) AS fits
WITH c.area AS area,
     CASE WHEN fits THEN null
          ELSE $codes[CASE WHEN served THEN 1 ELSE 0 END + CASE WHEN size(in_date) > 0 THEN 1 ELSE 0 END
                      + CASE WHEN size(unconnected) > 0 THEN 1 ELSE 0 END
                      + CASE WHEN size(safe) > 0 THEN 1 ELSE 0 END]
     END AS code
RETURN area, code, count(*) AS clients
