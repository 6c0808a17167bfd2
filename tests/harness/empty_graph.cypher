// Test harness only (not in the product catalogue): empties the one user database
// between tests, in batches so a large test area does not need one huge transaction.
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
