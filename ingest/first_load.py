"""A local authority's first load: years of records into an empty local Neo4j through
Neo4j's bulk importer (``neo4j-admin database import full``), after the same reading and
validation as ``import_paths``.

The ordinary import sends ``UNWIND ... MERGE`` batches through the server; the import tool
writes the store files directly, with the database offline. So a first load runs only on
a store that holds no records (it is refused, and the refusal logged, otherwise): it
rebuilds the whole database from files, carrying over the import-run and audit logs
(read first, written back unchanged). What it writes is the ordinary import's plan
(``ingest.writer.write_steps``) turned into the tool's files by ``ingest.bulk_csv``; the
steps that only remove what a rebuilt interview history no longer yields, and directory
withdrawals, run through the server after the load with the ordinary queries. A file set
with any problem writes nothing, and every run is logged as an ``ImportRun`` (opened as
"running" before the load, closed with its outcome), as in the ordinary import.
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
from ingest.bulk_csv import ARRAY_DELIMITER_OPTION, BulkFiles, BulkUnsupported, write_bulk_csvs
from ingest.directory_feeds import feeds_read, withdraw
from ingest.importer import (
    ImportReport,
    Outcome,
    _log_run,
    _open_run,
    _read_all,
    _valid_as_of,
    mark_interrupted_runs,
    store_lookup,
    stored_interviews,
    validate_reads,
)
from ingest.limits import ImportLimits
from ingest.sources import DirectoryFeed, FileChanged
from ingest.vocabulary import Vocabulary
from ingest.writer import Progress

#: Nodes a first load carries over rather than counting as records: the logs.
LOG_LABELS = frozenset({"ImportRun", "AuditEntry"})


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
    on_progress: Progress | None = None, snapshot: bool = False,
    vocabulary: Vocabulary | None = None, limits: ImportLimits | None = None,
) -> FirstLoad:
    """Validate ``paths`` as ``import_paths`` does (``as_of``, ``snapshot``,
    ``vocabulary`` and ``limits`` as there) and, if every row is good, bulk-load them into
    the empty local Neo4j of ``data_dir``. On a store holding records nothing is read or
    written: the report is rejected, saying so, and the refusal logged. The caller closes
    the returned store."""
    store = Neo4jStore.local(data_dir, memory=memory)
    seconds: dict[str, float] = {}
    began = time.monotonic()
    report = ImportReport(
        run_id=f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}Z-{uuid.uuid4().hex[:8]}",
        actor=actor, outcome=Outcome.REJECTED, dry_run=False,
        as_of=as_of or date.today().isoformat(), started_at=now_utc())
    mark_interrupted_runs(store, actor)
    held = stored_records(store)
    if held:
        listed = ", ".join(f"{count:,} {label}" for label, count in sorted(held.items()))
        report.errors.append(f"--first-load: the store is not empty ({listed}): a first load "
                             "would replace it; import without --first-load")
    if report.errors or not _valid_as_of(report):
        _log_run(store, report)
        return FirstLoad(report, store, seconds)
    reads, issues = _read_all(paths, limits)
    validation = validate_reads(reads, issues, store_lookup(store), on_progress,
                                stored_of=stored_interviews(store),
                                snapshot_as_of=report.as_of if snapshot else None,
                                vocabulary=vocabulary)
    feeds = feeds_read(reads)
    del reads
    report.files, report.counts = validation.files, validation.counts
    report.terms_mapped = validation.terms_mapped
    report.rows_read, report.errors = validation.rows_read, validation.errors
    report.warnings = validation.warnings
    seconds["read and validate"] = time.monotonic() - began
    if not validation.ok or validation.plan is None:
        _log_run(store, report)
        return FirstLoad(report, store, seconds)
    _open_run(store, report)  # on record as running, and carried over with the logs
    kept = [(row["label"], row["props"]) for row in store.read("first_load_kept_logs")]
    with tempfile.TemporaryDirectory(prefix="first-load-", dir=data_dir) as folder:
        mark = time.monotonic()
        try:
            files = write_bulk_csvs(validation.plan, Path(folder), actor=actor, at=now_utc(),
                                    history=validation.history, kept_logs=kept,
                                    on_progress=on_progress)
        except (BulkUnsupported, FileChanged) as refused:
            # Nothing is loaded before every file is written: the store stays as it was.
            report.outcome = Outcome.REJECTED
            hint = f"; {refused.hint}" if isinstance(refused, BulkUnsupported) else ""
            report.errors.append(f"--first-load: {refused}{hint}")
            _log_run(store, report)
            return FirstLoad(report, store, seconds)
        validation.plan = validation.history = None  # the CSVs hold them now
        seconds["write CSV"] = time.monotonic() - mark
        store.close()
        _run_tool(data_dir, memory, files, report, seconds)
    mark = time.monotonic()
    store = Neo4jStore.local(data_dir, memory=memory)
    seconds["restart"] = time.monotonic() - mark
    mark = time.monotonic()
    store.ensure_schema()  # constraints and indexes, built over the loaded store
    seconds["schema"] = time.monotonic() - mark
    if report.outcome == Outcome.WRITTEN:
        _after_load(store, files, report, feeds)
    _log_run(store, report)
    seconds["total"] = time.monotonic() - began
    return FirstLoad(report, store, seconds)


def _run_tool(data_dir: Path, memory: ServerMemory | None, files: BulkFiles,
              report: ImportReport, seconds: dict[str, float]) -> None:
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
        # The store was put back as it was: the run is logged there as failed.
        report.outcome = Outcome.FAILED
        report.errors.append(f"write failed: {exc}")


def _after_load(store: Neo4jStore, files: BulkFiles, report: ImportReport,
                feeds: list[DirectoryFeed]) -> None:
    """What the import tool cannot do, through the server: empty lists, the drops of a
    rebuilt history (``AFTER_LOAD_STEPS``) and what a refreshed feed withdraws."""
    try:
        if files.empty_lists:
            store.write_batches("first_load_empty_lists", files.empty_lists, actor=report.actor)
        for query, rows in files.after_load:
            store.write_batches(query, rows, actor=report.actor)
        report.withdrawn = withdraw(store, feeds, actor=report.actor)
    except AssetmapError as exc:
        report.outcome = Outcome.FAILED
        report.errors.append(f"write failed after the bulk load: {exc}")
