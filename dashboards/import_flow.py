"""The import page's steps: stage uploads in a private folder, validate without
writing, then import on confirmation and record it in the audit log.

Uploaded files are written under their base name only (never a path the browser
sent) into a fresh ``tempfile.mkdtemp`` folder (mode 0700), removed after import.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Protocol

from assetmap.audit_trail import record_import
from dashboards import person_view
from graph.model import TieKind, label
from graph.scope import Scope
from graph.store import GraphStore
from ingest.importer import ImportReport, ValidationReport, import_paths, validate_paths
from ingest.limits import ImportLimits, megabytes
from ingest.rules import DEFAULT_REQUIRED_PLAN_ITEMS
from ingest.vocabulary import Vocabulary

ACCEPTED_TYPES = ["csv", "xlsx", "json"]
STAGING_PREFIX = "assetmap-import-"
#: Staged uploads older than this are removed at the next staging.
STAGING_LIFETIME_S = 3600


class Upload(Protocol):
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class Staged:
    """Uploaded files saved for validation, and what validation found."""

    folder: Path
    signature: tuple[tuple[str, int], ...]
    report: ValidationReport
    #: One file per upload, each in a folder of its own: two uploads of one name are
    #: both validated and both written, never one silently replacing the other.
    paths: tuple[Path, ...] = ()
    #: Declared the complete current networks of their clients (ends what they omit).
    complete_network: bool = False
    #: The organisation's terms for our closed lists (``Settings.vocabulary``).
    vocabulary: Vocabulary | None = None
    limits: ImportLimits = ImportLimits()
    #: What a row moving a connection to introduced needs (``[workbench]``).
    required_plan_items: tuple[str, ...] = DEFAULT_REQUIRED_PLAN_ITEMS


def signature(uploads: Sequence[Upload]) -> tuple[tuple[str, int], ...]:
    """What identifies a set of uploads (names and sizes), to notice a new choice."""
    return tuple(sorted((upload.name, len(upload.getvalue())) for upload in uploads))


def stage(store: GraphStore, scope: Scope, uploads: Sequence[Upload], *,
          complete_network: bool = False, vocabulary: Vocabulary | None = None,
          limits: ImportLimits | None = None,
          required_plan_items: tuple[str, ...] = DEFAULT_REQUIRED_PLAN_ITEMS) -> Staged:
    """Save the uploads in a private folder and validate them against the store as
    ``scope`` may write (with ``complete_network``, also listing the current ties the
    import would end). An upload over ``limits.max_file_bytes`` is refused unsaved: it
    is named in the report's problems and nothing can be imported."""
    limits = limits or ImportLimits()
    discard_stale()
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX))
    paths, too_big = [], []
    for number, upload in enumerate(uploads, start=1):
        data = upload.getvalue()
        if len(data) > limits.max_file_bytes:
            too_big.append(f"{_safe_name(upload.name)}: {megabytes(len(data))}: an upload may "
                           f"be at most {megabytes(limits.max_file_bytes)} — split it")
            continue
        own = folder / str(number)
        own.mkdir()
        path = own / _safe_name(upload.name)
        path.write_bytes(data)
        paths.append(path)
    report = (validate_paths(paths, store=store, complete_network=complete_network,
                             scope=scope, vocabulary=vocabulary, limits=limits,
                             required_plan_items=required_plan_items)
              if paths or not too_big else ValidationReport())
    report.errors[:0] = too_big
    return Staged(folder, signature(uploads), report, paths=tuple(paths),
                  complete_network=complete_network, vocabulary=vocabulary, limits=limits,
                  required_plan_items=required_plan_items)


def discard_stale(now: float | None = None) -> int:
    """Remove staged uploads older than ``STAGING_LIFETIME_S`` (a session that ended
    without importing or clearing them); return how many were removed."""
    cutoff = (time.time() if now is None else now) - STAGING_LIFETIME_S
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*"):
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _safe_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name
    return base if base and not base.startswith(".") else "upload.csv"


def discard(staged: Staged | None) -> None:
    """Remove a staged folder."""
    if staged is not None:
        shutil.rmtree(staged.folder, ignore_errors=True)


def confirm(store: GraphStore, scope: Scope, staged: Staged) -> ImportReport:
    """Import the staged files as ``scope.user``; log the write; forget cached reads."""
    try:
        report = import_paths(store, list(staged.paths), actor=scope.user,
                              complete_network=staged.complete_network, scope=scope,
                              list_changes=True, vocabulary=staged.vocabulary,
                              limits=staged.limits,
                              required_plan_items=staged.required_plan_items)
    finally:
        discard(staged)
    record_import(store, scope, report)
    person_view.forget_after_write()
    return report


def file_rows(report: ValidationReport | ImportReport) -> list[dict[str, Any]]:
    """The files of a report as table rows."""
    return [{"File": summary.name, "Rows": summary.rows,
             "Record types": ", ".join(summary.record_types)} for summary in report.files]


def terms_mapped_rows(report: ValidationReport | ImportReport) -> list[dict[str, Any]]:
    """The local terms an import writes as ours, as table rows (nothing changes silently)."""
    return [{"Column": term.table, "Term in the files": term.local, "Stored as": term.ours,
             "Cells": term.cells, "By": term.by} for term in report.terms_mapped]


ENDING_COLUMNS = {"person_id": "Client", "name": "Tie to", "kind": "Kind"}


def ending_rows(ties: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Ties a complete-network import ends, as table rows (names, never raw ids alone)."""
    return [{"Client": str(tie["person_id"]), "Tie to": str(tie.get("name") or tie["to_id"]),
             "Kind": label(tie.get("kind"), TieKind)} for tie in ties]


def change_rows(changes: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """What an import adds, changes and ends, one table row per client."""
    return [{
        "Client": str(change["client"]),
        "Client record": str(change["record"]),
        "Service": _service_move(change),
        "Ties added": ", ".join(change["ties_added"]),
        "Ties changed": ", ".join(change["ties_changed"]),
        "Ties ended": ", ".join(change["ties_ended"]),
        "Events and measures": _record_counts(change),
    } for change in changes]


def _service_move(change: dict[str, Any]) -> str:
    if change["changes_service"]:
        return f"moves from {change['service_from'] or '(none)'} to {change['service_to']}"
    return str(change["service_to"] if change["record"] == "new" else "")


def _record_counts(change: dict[str, Any]) -> str:
    parts = [f"{change[key]} {word}" for key, word in
             (("records_added", "added"), ("records_changed", "changed")) if change[key]]
    return ", ".join(parts)


def service_moves(changes: Sequence[dict[str, Any]]) -> list[str]:
    """The clients an import moves to another service."""
    return [str(change["client"]) for change in changes if change["changes_service"]]
