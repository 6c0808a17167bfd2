// Returns: one row per professional or paid service: `service_id` and `name`, so the
//   dashboard names a service ("Riverside Team") instead of showing its code. No
//   person-level data.
// Parameters: none
// Mode: read
// Person-level: aggregate
// Example: {}
MATCH (s:Service)
RETURN s.id AS service_id, s.name AS name
ORDER BY service_id
