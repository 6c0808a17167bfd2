// Returns: one row per asset or service withdrawn: `id`, `name`, `kind` ('asset' or
//   'service'), `status` (the status it had).
// Parameters: $feed, $keep, $withdrawn, $actor, $at. $feed: the feed's name (the `feed`
//   property); $keep: ids the refreshed feed lists; $withdrawn: the withdrawn status
//   code; $actor: who; $at: when. An
//   entry of the feed that the feed no longer lists is withdrawn, never deleted: status
//   $withdrawn, an asset unapproved (so never suggested), ties to it kept as history;
//   row_hash becomes 'withdrawn' so that a later feed listing it again restores it.
// Mode: write
// Person-level: system
// Example: {"feed": "riverside-directory", "keep": ["A-001"], "withdrawn": "withdrawn"}
MATCH (a:Asset {feed: $feed})
WHERE NOT a.id IN $keep AND coalesce(a.status, '') <> $withdrawn
WITH a, a.status AS was
SET a.status = $withdrawn, a.approved = false, a.row_hash = 'withdrawn',
    a.updated_by = $actor, a.updated_at = $at
RETURN a.id AS id, a.name AS name, 'asset' AS kind, was AS status
UNION ALL
MATCH (s:Service {feed: $feed})
WHERE NOT s.id IN $keep AND coalesce(s.status, '') <> $withdrawn
WITH s, s.status AS was
SET s.status = $withdrawn, s.row_hash = 'withdrawn', s.updated_by = $actor,
    s.updated_at = $at
RETURN s.id AS id, s.name AS name, 'service' AS kind, was AS status
