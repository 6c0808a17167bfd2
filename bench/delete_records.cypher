// BENCHMARK HARNESS ONLY (bench/incremental.py; not in the product catalogue): deletes
// the events and measures of the given ids (found through their key constraints: one
// labelled match each), so that each measured incremental import writes the same new
// rows into the same store. Returns `deleted`.
UNWIND $ids AS record_id
OPTIONAL MATCH (event:Event {id: record_id})
OPTIONAL MATCH (measure:Measure {id: record_id})
WITH [found IN [event, measure] WHERE found IS NOT NULL] AS records
UNWIND records AS record
DETACH DELETE record
RETURN count(*) AS deleted
