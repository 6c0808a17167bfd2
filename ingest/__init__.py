"""Reading, validating and writing the seven importable record types.

``ingest.importer`` is the entry point (``import_paths``, ``validate_paths``);
``ingest.demo`` writes a synthetic local authority as the same files.
"""
