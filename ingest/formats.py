"""The registry of sources: which reader reads each file (``read_file``), an interop
source or, for everything else, the plain CSV/XLSX/JSON reader.

* ``*.toml``: a mapping file; its ``format`` says which export it maps
  (``network-canvas`` or ``open-referral``) and ``files`` which export files it covers.
* ``*.json`` shaped like an Open Referral UK / HSDS 3.0 API response
  (``ingest.open_referral_shapes``): a single service, a ``/services`` or
  ``/service_at_locations`` page (``{"contents": [...]}``), ``{"services": [...]}`` or a
  list, whose records carry HSDS fields (``id`` plus ``status``, ``service_at_locations``
  ...), which the assetmap ``services`` record type never has; an ORUK 2.0 page gets a
  one-line hint.

Each reader fills the ``FileRead`` with the same record tables the plain readers
produce, so validation, cross-file rules and writing are the importer's own.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ingest.limits import ImportLimits
from ingest.network_canvas import export_without_mapping, read_study
from ingest.open_referral import read_json_directory, read_mapped_directory
from ingest.readers import read_bytes, read_plain
from ingest.sources import FileRead, Issue
from ingest.strict import check_table, load_json

MAPPING_FORMATS = ("network-canvas", "open-referral")
#: The top-level settings of each kind of mapping file; anything else is refused, so a
#: typo such as ``[categorys]`` is named instead of silently ignored.
MAPPING_KEYS: dict[str, set[str]] = {
    "network-canvas": {"format", "files", "cases", "node_types", "knows_edge_types",
                       "ignore_node_types", "ignore_edge_types"},
    "open-referral": {"format", "files", "categories", "areas", "review_months", "feed",
                      "default_category", "skip", "default_review_interval_days",
                      "area_from", "postcode_table"},
}

def read_file(path: Path, limits: ImportLimits | None = None) -> FileRead:
    """Read one file with the source that reads it: an interop source (Network Canvas
    or Open Referral UK) when it is one of theirs, else the plain CSV/XLSX/JSON reader;
    then check every table it gave (``ingest.strict``: ids, numbers, cell sizes).
    Problems are returned, never raised."""
    if (hint := export_without_mapping(path)) is not None:
        return FileRead(path=path, name=path.name, issues=[Issue(path.name, "", hint)])
    limits = limits or ImportLimits()
    result, data = read_bytes(path, limits)
    if data is not None and not read_interop(path, data, result):
        read_plain(data, result, limits)
    for table in result.tables:
        check_table(table, limits, result.issues)
    return result


def read_interop(path: Path, data: bytes, result: FileRead) -> bool:
    """Read ``data`` with an interop reader if it is one of their formats; True if it was."""
    suffix = path.suffix.lower()
    if suffix == ".toml":
        _read_mapping(path, data, result)
        return True
    if suffix == ".json":
        try:
            document = load_json(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return False  # the JSON reader names the problem
        return read_json_directory(path, document, result)
    return False


def _read_mapping(path: Path, data: bytes, result: FileRead) -> None:
    try:
        mapping = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        result.issues.append(Issue(result.name, "", f"not a readable TOML mapping file ({exc})"))
        return
    kind = mapping.get("format")
    for unknown in sorted(set(mapping) - MAPPING_KEYS.get(str(kind), set(mapping))):
        result.issues.append(Issue(result.name, unknown, "unknown setting (a typo?); known: "
                                   + ", ".join(sorted(MAPPING_KEYS[str(kind)]))))
    if kind == "network-canvas":
        read_study(path, mapping, result)
    elif kind == "open-referral":
        read_mapped_directory(path, mapping, result)
    else:
        result.issues.append(Issue(result.name, "format", f"{kind!r} is not one of "
                                   f"{', '.join(MAPPING_FORMATS)}"))
