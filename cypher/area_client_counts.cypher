// Returns: an aggregate, no person ids: one row per area (in $area, or every area when
//   $area is ''): `area`, `clients` (how many clients live there).
// Parameters: $area ('' for every area).
// Mode: read
// Person-level: aggregate
// Example: {"area": ""}
MATCH (c:Client)
WHERE $area = '' OR c.area = $area
RETURN c.area AS area, count(*) AS clients
