// Returns: one row per professional or paid service, with every column of the services
//   template: `service_id`, `name`, `kind`, `category`, `area`, `status`, `minimum_age`,
//   `maximum_age`, `feed`. No person-level data.
//   For `assetmap export`.
// Parameters: none
// Mode: read
// Person-level: aggregate
// Example: {}
MATCH (s:Service)
RETURN s.id AS service_id, s.name AS name, s.kind AS kind, s.category AS category,
       s.area AS area, s.status AS status, s.minimum_age AS minimum_age,
       s.maximum_age AS maximum_age, s.feed AS feed
ORDER BY service_id
