// Returns: one row per (service, practitioner) pair found on client records, with
//   `service`, `practitioner` and `clients` (how many clients they hold). Used by the
//   demo "viewing as" selector; it names staff ids only, never a client.
// Parameters: none
// Mode: read
// Person-level: aggregate
// Example: {}
MATCH (c:Client)
WHERE c.practitioner IS NOT NULL AND c.service IS NOT NULL
RETURN c.service AS service, c.practitioner AS practitioner, count(c) AS clients
ORDER BY service, practitioner
