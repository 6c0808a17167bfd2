"""A local authority's first load: years of records into an empty local Neo4j through
Neo4j's bulk importer (``neo4j-admin database import full``), after the same reading and
validation as ``import_paths``.

The ordinary import sends ``UNWIND ... MERGE`` batches through the server (about 7k rows/s
here); the import tool writes the store files directly, with the database offline. So a
first load is refused unless the store holds no records: it rebuilds the whole database
from the files, carrying over only the import-run and audit logs (which it reads first
and writes back unchanged). A file set with any problem writes nothing, exactly as in the
ordinary import, and every run is logged as an ``ImportRun`` node.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from graph.bulk_import import import_tool_command, offline_import
from graph.errors import AssetmapError, StoreUnavailable
from graph.local_neo4j import LocalNeo4jServer, ServerMemory
from graph.neo4j_store import Neo4jStore
from graph.store import now_utc
from ingest.bulk_csv import ARRAY_DELIMITER_OPTION, write_bulk_csvs
from ingest.importer import (
    ImportReport,
    Outcome,
    _log_run,
    _read_all,
    _valid_as_of,
    store_lookup,
    validate_reads,
)
from ingest.writer import Progress

#: Nodes a first load carries over rather than counting as records: the logs.
LOG_LABELS = frozenset({"ImportRun", "AuditEntry"})


class FirstLoadRefused(AssetmapError):
    """The store already holds records: a first load would replace them."""


@dataclass
class FirstLoad:
    """A first load's report, the store (reopened after the load) and where time went."""

    report: ImportReport
    store: Neo4jStore
    seconds: dict[str, float] = field(default_factory=dict)


def stored_records(store: Neo4jStore) -> dict[str, int]:
    """Nodes per label, the logs left out: empty when a first load may run."""
    return {row["label"]: int(row["nodes"]) for row in store.read("store_label_counts")
            if row["label"] not in LOG_LABELS and row["nodes"]}


def first_load(
    data_dir: Path, paths: Iterable[Path | str], *, actor: str,
    memory: ServerMemory | None = None, as_of: str | None = None,
    on_progress: Progress | None = None,
) -> FirstLoad:
    """Validate ``paths`` as ``import_paths`` does and, if every row is good, bulk-load them
    into the empty local Neo4j of ``data_dir``. Raises ``FirstLoadRefused`` when the store
    holds records. The caller closes the returned store."""
    store = Neo4jStore.local(data_dir, memory=memory)
    seconds: dict[str, float] = {}
    began = time.monotonic()
    held = stored_records(store)
    if held:
        store.close()
        listed = ", ".join(f"{count:,} {label}" for label, count in sorted(held.items()))
        raise FirstLoadRefused(f"the store is not empty ({listed}): a first load would "
                               "replace it", hint="import without --first-load")
    report = ImportReport(
        run_id=f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}Z-{uuid.uuid4().hex[:8]}",
        actor=actor, outcome=Outcome.REJECTED, dry_run=False,
        as_of=as_of or date.today().isoformat(), started_at=now_utc())
    if not _valid_as_of(report):
        _log_run(store, report)
        return FirstLoad(report, store, seconds)
    reads, issues = _read_all(paths)
    validation = validate_reads(reads, issues, store_lookup(store), on_progress)
    del reads
    report.files, report.counts = validation.files, validation.counts
    report.rows_read, report.errors = validation.rows_read, validation.errors
    seconds["read and validate"] = time.monotonic() - began
    if not validation.ok or validation.plan is None:
        _log_run(store, report)
        return FirstLoad(report, store, seconds)
    kept = [(row["label"], row["props"]) for row in store.read("first_load_kept_logs")]
    with tempfile.TemporaryDirectory(prefix="first-load-", dir=data_dir) as folder:
        mark = time.monotonic()
        files = write_bulk_csvs(validation.plan, Path(folder), actor=actor, at=now_utc(),
                                kept_logs=kept, on_progress=on_progress)
        validation.plan = None  # the CSVs hold it now
        seconds["write CSV"] = time.monotonic() - mark
        store.close()
        server = LocalNeo4jServer(data_dir, memory=memory)
        command = import_tool_command(
            server, [group.argument() for group in files.groups],
            array_delimiter=ARRAY_DELIMITER_OPTION,
            multiline_files=[group.data for group in files.groups if group.multiline])
        try:
            seconds["import tool"] = offline_import(server, command).seconds
            report.outcome = Outcome.WRITTEN
            report.rows_written = files.record_rows
        except StoreUnavailable as exc:
            report.outcome = Outcome.FAILED
            report.errors.append(f"write failed: {exc}")
    mark = time.monotonic()
    store = Neo4jStore.local(data_dir, memory=memory)
    seconds["restart"] = time.monotonic() - mark
    mark = time.monotonic()
    store.ensure_schema()  # constraints and indexes, built over the loaded store
    seconds["schema"] = time.monotonic() - mark
    _log_run(store, report)
    seconds["total"] = time.monotonic() - began
    return FirstLoad(report, store, seconds)
