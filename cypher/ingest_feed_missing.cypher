// Returns: one row per asset or service imported from directory feed $feed that the
//   feed's latest read no longer lists and that is not yet withdrawn: `id`, `name`,
//   `kind` ('asset' or 'service'), `status` (as stored). What a refreshed feed would
//   withdraw, read before anything is written.
// Parameters: $feed, $keep, $withdrawn. $feed: the feed's name (the `feed` property);
//   $keep: ids the feed lists; $withdrawn: the withdrawn status code.
// Mode: read
// Person-level: system
// Example: {"feed": "riverside-directory", "keep": ["A-001"], "withdrawn": "withdrawn"}
MATCH (a:Asset {feed: $feed})
WHERE NOT a.id IN $keep AND coalesce(a.status, '') <> $withdrawn
RETURN a.id AS id, a.name AS name, 'asset' AS kind, a.status AS status
UNION ALL
MATCH (s:Service {feed: $feed})
WHERE NOT s.id IN $keep AND coalesce(s.status, '') <> $withdrawn
RETURN s.id AS id, s.name AS name, 'service' AS kind, s.status AS status
