// BENCHMARK HARNESS ONLY (bench/incremental.py; not in the product catalogue): deletes
// the events and measures of the given ids (found through their key constraints), so
// that each measured incremental import writes the same new rows into the same store.
// Returns `deleted`.
UNWIND $ids AS record_id
MATCH (record {id: record_id})
WHERE record:Event OR record:Measure
DETACH DELETE record
RETURN count(*) AS deleted
