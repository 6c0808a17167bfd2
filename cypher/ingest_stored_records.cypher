// Returns: one row per id in $ids stored as an Event or a Measure: `id`, `row_hash`.
//   The import compares them to say, before writing, which events and measures are new
//   and which measures change.
// Parameters: $ids (list of event and measure ids: "ev-…" and "ms-…")
// Mode: read
// Person-level: system
// Example: {"ids": ["ev-0a1b2c", "ms-0a1b2c"]}
UNWIND $ids AS id
OPTIONAL MATCH (e:Event {id: id})
OPTIONAL MATCH (m:Measure {id: id})
WITH id, coalesce(e, m) AS stored
WHERE stored IS NOT NULL
// An event's id is its row hash (events store no copy of it).
RETURN id, coalesce(stored.row_hash, stored.id) AS row_hash
