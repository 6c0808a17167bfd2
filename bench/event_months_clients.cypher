// BENCHMARK HARNESS ONLY (bench/event_storage.py): every client id, and how many
// EventMonth aggregate nodes exist (0 before the build).
MATCH (c:Client)
RETURN collect(c.id) AS ids, COUNT { MATCH (n:EventMonth) } AS aggregates
