// Test harness only: how many constraints the database has.
SHOW CONSTRAINTS YIELD name
RETURN count(*) AS constraints
