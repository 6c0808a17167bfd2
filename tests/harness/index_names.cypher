// Test harness only: the names of the database's indexes.
SHOW INDEXES YIELD name
RETURN collect(name) AS names
