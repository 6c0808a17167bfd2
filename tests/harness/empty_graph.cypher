// Test harness only (not in the product catalogue): empties the one user database
// between tests, $limit nodes (with their relationships) a transaction; run until it
// deletes nothing. (One CALL ... IN TRANSACTIONS over every node exceeded the
// transaction memory pool after a 3,000-client import.)
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
WITH count(*) AS deleted
RETURN deleted
