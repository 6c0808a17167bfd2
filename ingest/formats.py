"""Which interop reader, if any, reads a file the plain CSV/XLSX/JSON readers would not.

* ``*.toml``: a mapping file; its ``format`` says which export it maps
  (``network-canvas`` or ``open-referral``) and ``files`` which export files it covers.
* ``*.json`` shaped like an Open Referral UK / HSDS 3.0 directory: a list of services,
  an API page (``{"contents": [...]}``) or ``{"services": [...]}`` whose records carry
  HSDS fields (``id`` plus ``status``, ``service_at_locations`` ...), which the
  assetmap ``services`` record type never has.

Each reader fills the ``FileRead`` with the same record tables the plain readers
produce, so validation, cross-file rules and writing are the importer's own.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from ingest.readers import FileRead, Issue

#: Fields of an HSDS service that no assetmap record has: one is enough to tell them apart.
HSDS_SERVICE_FIELDS = frozenset({
    "service_at_locations", "status", "assured_date", "organization", "organization_id",
    "cost_options", "service_areas", "schedules", "attributes",
})
MAPPING_FORMATS = ("network-canvas", "open-referral")


def hsds_services(document: Any) -> list[Any] | None:
    """The service records of an HSDS document, or None if it is not one."""
    records: Any = document
    if isinstance(document, dict):
        records = document.get("contents", document.get("services"))
    if not isinstance(records, list) or not records:
        return None
    first = records[0]
    if isinstance(first, dict) and "id" in first and HSDS_SERVICE_FIELDS & set(first):
        return records
    return None


def read_interop(path: Path, data: bytes, result: FileRead) -> bool:
    """Read ``data`` with an interop reader if it is one of their formats; True if it was."""
    suffix = path.suffix.lower()
    if suffix == ".toml":
        _read_mapping(path, data, result)
        return True
    if suffix == ".json":
        try:
            services = hsds_services(json.loads(data.decode("utf-8-sig")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return False  # the JSON reader names the problem
        if services is not None:
            from ingest.open_referral import read_directory

            read_directory(services, result, mapping={})
            return True
    return False


def _read_mapping(path: Path, data: bytes, result: FileRead) -> None:
    try:
        mapping = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        result.issues.append(Issue(result.name, "", f"not a readable TOML mapping file ({exc})"))
        return
    kind = mapping.get("format")
    if kind == "network-canvas":
        from ingest.network_canvas import read_study

        read_study(path, mapping, result)
    elif kind == "open-referral":
        from ingest.open_referral import read_mapped_directory

        read_mapped_directory(path, mapping, result)
    else:
        result.issues.append(Issue(result.name, "format", f"{kind!r} is not one of "
                                   f"{', '.join(MAPPING_FORMATS)}"))
