"""What the command line and the dashboard write to the audit log, in one place.

Every read of person-level data and every write, whatever the path, appends an entry
(``graph.audit``): who (the actor), when, role, action, the person when there is one,
and a short detail with the outcome. The command line acts as an operator with full
scope (``Scope.system``) and is audited as such.
"""

from __future__ import annotations

from graph import audit
from graph.scope import Scope
from graph.store import GraphStore
from ingest.importer import ImportReport

__all__ = ["import_detail", "record_import"]


def import_detail(report: ImportReport) -> str:
    """One line for the log: the files, the outcome, rows read and written, the run."""
    files = ", ".join(summary.name for summary in report.files) or "no files"
    return (f"{files}: {report.outcome}, {report.rows_read} rows read, "
            f"{report.rows_written} written, run {report.run_id}")


def record_import(store: GraphStore, scope: Scope, report: ImportReport) -> str:
    """Log an import (or a dry run, or a refused file set) by ``scope.user``."""
    return audit.record(store, scope, audit.AuditAction.IMPORT, detail=import_detail(report))
