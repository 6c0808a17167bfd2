// Returns: at most one row for asset $asset_id: `props` (every stored property of the
//   asset, bookkeeping included), `version` (its row_hash: the Directory page's upkeep
//   forms carry it and a save is refused when the stored one differs), `updated_by`,
//   `updated_at`. The directory holds no person-level data (ingest.directory_forms).
// Parameters: $asset_id (asset id)
// Mode: read
// Person-level: aggregate
// Example: {"asset_id": "A-001"}
MATCH (a:Asset {id: $asset_id})
RETURN properties(a) AS props, a.row_hash AS version, a.updated_by AS updated_by,
       a.updated_at AS updated_at
