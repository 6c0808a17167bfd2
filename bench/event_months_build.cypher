// BENCHMARK HARNESS ONLY (bench/event_storage.py; not in the product catalogue): for
// the clients $ids, one (:EventMonth {month, kind, count}) node per month and event kind
// with events, linked (:Client)-[:HAS_EVENT_MONTH]->: the per-month aggregate of issue
// 16.2, added beside the detail on a bench store so its size and reads can be measured.
// Returns `created`.
UNWIND $ids AS id
MATCH (c:Client {id: id})
CALL (c) {
  MATCH (c)-[:HAS_EVENT]->(e:Event)
  WITH substring(e.date, 0, 7) AS month, e.kind AS kind, count(*) AS events
  CREATE (c)-[:HAS_EVENT_MONTH]->(:EventMonth {month: month, kind: kind, count: events})
  RETURN count(*) AS made
}
RETURN sum(made) AS created
