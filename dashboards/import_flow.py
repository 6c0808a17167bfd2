"""The import page's steps: stage uploads in a private folder, validate without
writing, then import on confirmation and record it in the audit log.

Uploaded files are written under their base name only (never a path the browser
sent) into a fresh ``tempfile.mkdtemp`` folder (mode 0700), removed after import.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Protocol

from dashboards import person_view
from graph import audit
from graph.scope import Scope
from graph.store import GraphStore
from ingest.importer import ImportReport, ValidationReport, import_paths, validate_paths

ACCEPTED_TYPES = ["csv", "xlsx", "json"]


class Upload(Protocol):
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class Staged:
    """Uploaded files saved for validation, and what validation found."""

    folder: Path
    signature: tuple[tuple[str, int], ...]
    report: ValidationReport


def signature(uploads: Sequence[Upload]) -> tuple[tuple[str, int], ...]:
    """What identifies a set of uploads (names and sizes), to notice a new choice."""
    return tuple(sorted((upload.name, len(upload.getvalue())) for upload in uploads))


def stage(store: GraphStore, uploads: Sequence[Upload]) -> Staged:
    """Save the uploads in a private folder and validate them against the store."""
    folder = Path(tempfile.mkdtemp(prefix="assetmap-import-"))
    for upload in uploads:
        (folder / _safe_name(upload.name)).write_bytes(upload.getvalue())
    return Staged(folder, signature(uploads), validate_paths([folder], store=store))


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
        report = import_paths(store, [staged.folder], actor=scope.user)
    finally:
        discard(staged)
    files = ", ".join(summary.name for summary in report.files)
    audit.record(store, scope, audit.AuditAction.IMPORT,
                 detail=f"{files}: {report.outcome}, {report.rows_read} rows read, "
                        f"{report.rows_written} written, run {report.run_id}")
    person_view.clear_caches()
    return report


def file_rows(report: ValidationReport | ImportReport) -> list[dict[str, Any]]:
    """The files of a report as table rows."""
    return [{"File": summary.name, "Rows": summary.rows,
             "Record types": ", ".join(summary.record_types)} for summary in report.files]
