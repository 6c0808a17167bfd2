// Returns: an aggregate, no person ids: one row per area and interest recorded for
//   clients there: `area`, `interest`, `clients` (how many clients hold it).
// Parameters: $area ('' for every area).
// Mode: read
// Person-level: aggregate
// Example: {"area": ""}
MATCH (c:Client)
WHERE $area = '' OR c.area = $area
UNWIND c.interests AS interest
RETURN c.area AS area, interest, count(DISTINCT c) AS clients
ORDER BY area, interest
