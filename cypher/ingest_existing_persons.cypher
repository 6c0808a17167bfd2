// Returns: one row per id in $ids that is already a Person in the store: `id`.
//   The importer asks this about ids a file refers to but does not list.
// Parameters: $ids (list of ids)
// Mode: read
// Person-level: system
// Example: {"ids": ["C-0001", "S-000001"]}
UNWIND $ids AS id
MATCH (n:Person {id: id})
RETURN n.id AS id
