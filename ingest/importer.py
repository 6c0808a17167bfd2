"""Import files into the graph: read, validate everything, then write or write nothing.

``import_paths`` never raises for bad data: every problem is in the report as
``file:line: column: reason`` and a file set with any problem writes no data. Each
call (dry runs and rejected imports too) is logged as an ``ImportRun`` node.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from graph.errors import AssetmapError, QueryError
from graph.model import RecordType
from graph.scope import Scope, scope_parameters
from graph.store import GraphStore, now_utc
from ingest.directory_feeds import feeds_read, partial_feed_warnings, to_withdraw, withdraw
from ingest.formats import read_file
from ingest.history import History, Snapshot, StoredSnapshots, apply_history, stored_snapshot
from ingest.limits import ImportLimits
from ingest.preview import client_changes
from ingest.readers import expand_paths
from ingest.rules import (
    DEFAULT_REQUIRED_PLAN_ITEMS,
    ConnectionLookup,
    ImportPlan,
    Row,
    StoreLookup,
    plan_import,
)
from ingest.scoping import ImportNotAllowed, WriteScope
from ingest.sources import FileChanged, FileRead, Issue
from ingest.streaming import FirstPasses, changed_files, hold_mixed_streams
from ingest.validate import ValidTable, validate_table
from ingest.vocabulary import Mapped, Vocabulary, apply_vocabulary
from ingest.writer import Progress, ties_to_end, write_plan

#: How many problems an ImportRun node keeps (the report has them all).
LOGGED_ERRORS = 50
#: How long each logged problem may be: the run log records what went wrong, not the
#: data (a rejected 50 MB cell must not be stored with every try).
LOGGED_ERROR_CHARS = 200
#: Ids per store lookup: keeps each query's parameters small.
LOOKUP_CHUNK = 5000
#: The query that finds which ids of a kind are already stored.
LOOKUP_QUERIES = {kind: f"ingest_existing_{kind}s" for kind in ("client", "person", "asset",
                                                                  "service")}
#: The same for a scoped writer: clients and people outside the scope are not found.
SCOPED_LOOKUP_QUERIES = {**LOOKUP_QUERIES, "client": "ingest_scoped_clients",
                         "person": "ingest_scoped_persons"}


class Outcome(StrEnum):
    """How an import ended (``ImportRun.outcome``)."""

    WRITTEN = "written"  # valid, and written
    VALIDATED = "validated"  # valid; a dry run, so nothing written
    REJECTED = "rejected"  # invalid: nothing written
    FAILED = "failed"  # valid, but the store failed part-way
    RUNNING = "running"  # on record while the import runs
    INTERRUPTED = "interrupted"  # its process ended without closing the run (killed)


@dataclass
class FileSummary:
    """One file of an import: its name, checksum and what it held."""

    name: str
    sha256: str
    rows: int
    record_types: list[str]
    #: What an interop source recognised the file as ("a /services page ..."), else "".
    shape: str = ""


@dataclass
class TermsMapped:
    """Cells whose local term was written as ours: ``cells`` cells of ``[vocabulary.<table>]``
    held ``local``, stored as ``ours``; ``by`` a vocabulary line or our term's spelling."""

    table: str
    local: str
    ours: str
    by: str
    cells: int


def terms_mapped(mapped: Counter[Mapped]) -> list[TermsMapped]:
    """The report's list of mapped terms, in table and term order."""
    return [TermsMapped(*key, cells) for key, cells in sorted(mapped.items())]


@dataclass
class ValidationReport:
    """What validating a set of files found. ``ok`` when there is nothing to fix."""

    files: list[FileSummary] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    rows_read: int = 0
    errors: list[str] = field(default_factory=list)
    #: What does not stop the import but should be known (a placeholder coordinate
    #: ignored, services skipped or given a default, a self-loop left out).
    warnings: list[str] = field(default_factory=list)
    #: With the files declared complete networks: the current ties they would end.
    ties_to_end: list[dict[str, Any]] = field(default_factory=list)
    #: Per client, what importing would add, change and end (``ingest.preview``).
    changes: list[dict[str, Any]] = field(default_factory=list)
    #: Local terms written as ours (the vocabulary, or our terms in another spelling).
    terms_mapped: list[TermsMapped] = field(default_factory=list)
    plan: ImportPlan | None = field(default=None, repr=False, compare=False)
    history: History | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        result = {key: value for key, value in asdict(self).items()
                  if key not in ("plan", "history")}
        result["ok"] = self.ok
        return result


@dataclass
class ImportReport:
    """What an import did. ``outcome`` says whether anything was written."""

    run_id: str
    actor: str
    outcome: Outcome
    dry_run: bool
    as_of: str
    started_at: str
    finished_at: str = ""
    files: list[FileSummary] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    rows_read: int = 0
    rows_written: int = 0
    errors: list[str] = field(default_factory=list)
    #: Whether the files were declared the complete networks of their clients, and the
    #: current ties that ended (or, in a dry run, would end) because they are not listed.
    complete_network: bool = False
    ties_ended: list[dict[str, Any]] = field(default_factory=list)
    #: With ``list_changes``: per client, what was added, changed and ended.
    changes: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Local terms written as ours (the vocabulary, or our terms in another spelling).
    terms_mapped: list[TermsMapped] = field(default_factory=list)
    #: Directory entries a refreshed feed no longer lists: withdrawn (in a dry run, would
    #: be), each ``feed, id, name, kind, status``.
    withdrawn: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.WRITTEN, Outcome.VALIDATED)

    def as_dict(self) -> dict[str, Any]:
        result = asdict(self)
        result["outcome"] = str(self.outcome)
        result["ok"] = self.ok
        return result


def store_lookup(store: GraphStore, scope: Scope | None = None) -> StoreLookup:
    """Which of some ids the store already holds as clients, people, assets or services;
    with a ``scope``, only the clients and people in it (graph.scope)."""
    queries = LOOKUP_QUERIES if scope is None else SCOPED_LOOKUP_QUERIES
    extra = scope_parameters(scope) or {}

    def lookup(kind: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = ids[start:start + LOOKUP_CHUNK]
            found.update(row["id"] for row in store.read(queries[kind], {"ids": chunk, **extra}))
        return found

    return lookup


def stored_connections(store: GraphStore) -> ConnectionLookup:
    """The stored ties from clients to places (``cypher/ingest_stored_connections``),
    for the introduction-plan rule (``ingest.rules.check_plan_moves``)."""

    def connections(pairs: list[tuple[str, str]]) -> list[Row]:
        found: list[Row] = []
        for start in range(0, len(pairs), LOOKUP_CHUNK):
            chunk = [{"person_id": person, "to_id": place}
                     for person, place in pairs[start:start + LOOKUP_CHUNK]]
            found.extend(store.read("ingest_stored_connections", {"pairs": chunk}))
        return found

    return connections


def write_scope(store: GraphStore, scope: Scope | None) -> WriteScope | None:
    """The scoped writer's checks (None for the operator: the command line imports with
    full scope). Raises ImportNotAllowed for a role that may not import."""
    writer = scope or Scope.system("operator")
    return WriteScope.of(writer, store_lookup(store), store_lookup(store, writer))


def _scoped_lookup(store: GraphStore, writer: WriteScope | None) -> StoreLookup:
    return store_lookup(store, None if writer is None else writer.scope)


def stored_interviews(store: GraphStore, writer: WriteScope | None = None) -> StoredSnapshots:
    """The stored interviews (dated snapshots) of some clients; for a scoped ``writer``
    only of clients in its scope (others' histories are never read into its import)."""

    def stored_of(clients: list[str]) -> list[Snapshot]:
        if writer is not None:
            clients = sorted(writer.in_scope("client", clients)) if clients else []
        found: list[Snapshot] = []
        for start in range(0, len(clients), LOOKUP_CHUNK):
            chunk = clients[start:start + LOOKUP_CHUNK]
            found.extend(stored_snapshot(row)
                         for row in store.read("ingest_client_interviews", {"ids": chunk}))
        return found

    return stored_of


def _read_all(paths: Iterable[Path | str],
              limits: ImportLimits | None = None) -> tuple[list[FileRead], list[Issue]]:
    files, issues = expand_paths(paths)
    if not files and not issues:
        issues.append(Issue("(no files)", "", "no .csv, .xlsx or .json files to import"))
    reads = [read_file(path, limits) for path in files]
    for read in reads:
        issues.extend(read.issues)
    return reads, issues


def validate_reads(
    reads: Sequence[FileRead], issues: list[Issue], lookup: StoreLookup | None,
    on_progress: Progress | None = None, writer: WriteScope | None = None,
    stored_of: StoredSnapshots | None = None, snapshot_as_of: str | None = None,
    vocabulary: Vocabulary | None = None, connections: ConnectionLookup | None = None,
    required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS,
) -> ValidationReport:
    """Validate tables already read; cross-file checks consult ``lookup`` when given,
    and a scoped ``writer`` may write only what its scope holds (``ingest.scoping``).
    Reads that brought interviews get tables rebuilt from all of their clients'
    interviews (with ``stored_of``, the stored ones too); with ``snapshot_as_of`` every
    ties row is part of its client's network on that date (as an ``as_of`` cell does).
    Every table, whichever source read it, has its local terms mapped by ``vocabulary``
    first (``ingest.vocabulary``). With ``connections`` (the store's), a row moving a
    stored connection to introduced or attending needs ``required_plan_items``
    (``ingest.rules.check_plan_moves``)."""
    hold_mixed_streams(reads, issues)
    history = apply_history(list(reads), issues, stored_of, snapshot_as_of)
    vocabulary = vocabulary or Vocabulary()
    valid: list[ValidTable] = []
    mapped: Counter[Mapped] = Counter()
    passes = FirstPasses(reads, vocabulary, issues, mapped)
    for read in reads:
        for table in read.tables:
            if table.stream is not None:
                passes.read(table)
            else:
                mapped.update(apply_vocabulary(table, vocabulary))
                checked, problems = validate_table(table, vocabulary)  # lets the raw rows go
                valid.append(checked)
                issues.extend(problems)
            if on_progress is not None:
                on_progress(f"validate {table.source}", table.size, table.size)
    plan = plan_import(valid, lookup, scope_noun=writer.noun if writer else "",
                       scope_check=writer.check if writer else None,
                       connections=connections, required_plan_items=required_plan_items,
                       streamed=passes.tables)
    issues.extend(plan.issues)
    return ValidationReport(
        files=[_summary(read) for read in reads],
        counts={record_type.value: plan.count(record_type) for record_type in RecordType},
        rows_read=sum(read.rows for read in reads),
        errors=[str(issue) for issue in issues],
        warnings=[str(warning) for read in reads for warning in read.warnings]
        + partial_feed_warnings(feeds_read(reads)),
        terms_mapped=terms_mapped(mapped),
        plan=plan,
        history=history,
    )


def _summary(read: FileRead) -> FileSummary:
    types = sorted({table.record_type.value for table in read.tables})
    return FileSummary(read.name, read.sha256, read.rows, types, read.shape)


def validate_paths(
    paths: Iterable[Path | str], *, store: GraphStore | None = None,
    complete_network: bool = False, scope: Scope | None = None,
    vocabulary: Vocabulary | None = None, limits: ImportLimits | None = None,
    required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS,
) -> ValidationReport:
    """Read and validate ``paths`` (files or folders) without writing anything.

    Without a ``store``, references must be satisfied by the files themselves;
    with one, ids already stored count as known too, and with ``complete_network``
    the report lists the current ties an import would end. A ``scope`` below the
    operator's (a service lead's upload) may refer to and change only what it holds.
    ``vocabulary`` maps the organisation's terms to ours (``Settings.vocabulary``);
    ``limits`` bound each file (default ``ImportLimits()``); ``required_plan_items``
    (``[workbench]``) are what a row moving a stored connection to introduced needs.
    """
    if store is None:
        reads, issues = _read_all(paths, limits)
        return validate_reads(reads, issues, None, vocabulary=vocabulary)
    try:
        writer = write_scope(store, scope)
    except ImportNotAllowed as refused:
        return ValidationReport(errors=[str(refused)])
    reads, issues = _read_all(paths, limits)
    report = validate_reads(reads, issues, _scoped_lookup(store, writer), writer=writer,
                            stored_of=stored_interviews(store, writer),
                            vocabulary=vocabulary, connections=stored_connections(store),
                            required_plan_items=required_plan_items)
    if report.ok and report.plan is not None:
        if complete_network:
            report.ties_to_end = ties_to_end(store, report.plan)
        report.changes = listed_changes(store, report.plan, report.ties_to_end, report.errors)
    return report


def import_paths(
    store: GraphStore,
    paths: Iterable[Path | str],
    *,
    actor: str,
    dry_run: bool = False,
    as_of: str | None = None,
    on_progress: Progress | None = None,
    complete_network: bool = False,
    scope: Scope | None = None,
    list_changes: bool = False,
    snapshot: bool = False,
    vocabulary: Vocabulary | None = None,
    limits: ImportLimits | None = None,
    required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS,
) -> ImportReport:
    """Validate ``paths`` and, if every row is good and this is not a dry run, write them.

    With ``complete_network`` the ties files are declared the complete current networks
    of the clients in them: a current tie of such a client that the file does not list
    is ended (``until`` = ``as_of``, YYYY-MM-DD, default today; never deleted), and the
    report names each one (``ties_ended``; in a dry run, the ties that would end).
    Without it nothing is ended. With ``snapshot`` each client's ties rows are its
    whole network on ``as_of``: a dated snapshot placed among the client's stored ones
    (``ingest.history``), as rows with an ``as_of`` cell are. ``on_progress(step, done,
    total)`` is called as rows are validated and written. ``scope`` is the writer's:
    None is the operator (the command line, full scope); a service lead may create or
    change only their own service's clients (``ingest.scoping``); other roles may not
    import. With ``list_changes`` the report says per client what was added, changed and
    ended (read before writing; it costs a read of every stored row the files touch).
    ``vocabulary`` maps the organisation's terms to ours (``Settings.vocabulary``); the
    report counts the cells it changed (``terms_mapped``).
    ``limits`` bound each file (default ``ImportLimits()``). A row moving a stored
    connection to introduced or attending is refused while an item of
    ``required_plan_items`` (the organisation's ``[workbench]``) is empty.
    """
    report = ImportReport(
        run_id=f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}Z-{uuid.uuid4().hex[:8]}",
        actor=actor, outcome=Outcome.REJECTED, dry_run=dry_run,
        as_of=as_of or date.today().isoformat(), started_at=now_utc(),
        complete_network=complete_network,
    )
    try:
        writer = write_scope(store, scope)
    except ImportNotAllowed as refused:
        report.errors.append(str(refused))
        writer = None
    mark_interrupted_runs(store, actor)
    if report.errors or not _valid_as_of(report):
        _log_run(store, report)
        return report
    reads, issues = _read_all(paths, limits)
    validation = validate_reads(reads, issues, _scoped_lookup(store, writer), on_progress,
                                writer, stored_of=stored_interviews(store, writer),
                                snapshot_as_of=report.as_of if snapshot else None,
                                vocabulary=vocabulary, connections=stored_connections(store),
                                required_plan_items=required_plan_items)
    report.files, report.counts = validation.files, validation.counts
    report.terms_mapped = validation.terms_mapped
    report.rows_read, report.errors = validation.rows_read, validation.errors
    report.warnings = validation.warnings
    if validation.ok and validation.plan is not None:
        report.outcome = Outcome.VALIDATED if dry_run else Outcome.WRITTEN
        if complete_network:
            report.ties_ended = ties_to_end(store, validation.plan)
        if list_changes:
            report.changes = listed_changes(store, validation.plan, report.ties_ended,
                                            report.errors)
        if report.errors:  # a streamed file changed while the changes were listed
            report.outcome = Outcome.REJECTED
        elif dry_run:
            report.withdrawn = to_withdraw(store, feeds_read(reads))
        elif not _refuse_changed(validation.plan, report):
            store.ensure_schema()  # the import migrates: constraints before the first write
            _open_run(store, report)
            _write(store, validation.plan, report, on_progress, validation.history)
            if report.outcome == Outcome.WRITTEN:
                report.withdrawn = withdraw(store, feeds_read(reads), actor=actor)
    _log_run(store, report)
    return report


def listed_changes(store: GraphStore, plan: ImportPlan, ending: list[dict[str, Any]],
                   errors: list[str]) -> list[dict[str, Any]]:
    """Per client, what importing ``plan`` would change (``ingest.preview``); a streamed
    file found changed since it was validated is added to ``errors`` instead."""
    try:
        return [change.as_dict() for change in client_changes(store, plan, ending)]
    except FileChanged as changed:
        errors.append(str(changed))
        return []


def _refuse_changed(plan: ImportPlan, report: ImportReport) -> bool:
    """Refuse, before anything is written, files streamed (``ingest.streaming``) that
    changed since they were validated; True if any did."""
    changed = changed_files(plan)
    if changed:
        report.outcome = Outcome.REJECTED
        report.errors.extend(changed)
    return bool(changed)


def _open_run(store: GraphStore, report: ImportReport) -> None:
    """Put the run on record as running before any data is written, so a killed import
    is still known (and marked interrupted by the next one)."""
    store.write("ingest_start_run", {
        "run_id": report.run_id, "started_at": report.started_at,
        "files": [summary.name for summary in report.files], "pid": os.getpid(),
        "host": socket.gethostname(), "dry_run": report.dry_run}, actor=report.actor)


def mark_interrupted_runs(store: GraphStore, actor: str) -> list[str]:
    """Mark "interrupted" every run still "running" whose process is gone (on this
    machine: no such pid; an import always runs beside its local store). Returns them."""
    host = socket.gethostname()
    gone = [run["id"] for run in store.read("ingest_running_runs", {})
            if run["host"] == host and not _process_alive(run["pid"])]
    if gone:
        store.write("ingest_mark_interrupted", {"run_ids": gone}, actor=actor)
    return gone


def _process_alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def _valid_as_of(report: ImportReport) -> bool:
    try:
        date.fromisoformat(report.as_of)
        if len(report.as_of) == 10:
            return True
    except ValueError:
        pass
    report.errors.append(f"as_of: {report.as_of!r} is not a date (YYYY-MM-DD)")
    return False


def _write(
    store: GraphStore, plan: ImportPlan, report: ImportReport, on_progress: Progress | None,
    history: History | None = None,
) -> None:
    try:
        report.rows_written = write_plan(store, plan, actor=report.actor, as_of=report.as_of,
                                         on_progress=on_progress,
                                         complete_network=report.complete_network,
                                         history=history)
    except (QueryError, FileChanged) as exc:
        # Validated data the store refused, or a streamed file changed after the check
        # before writing: keep what the batches already committed on record as a failed
        # run rather than raising past the run log.
        report.outcome = Outcome.FAILED
        report.errors.append(f"write failed: {exc}")


def logged_problem(error: str) -> str:
    """A problem as the run log keeps it: at most ``LOGGED_ERROR_CHARS`` characters."""
    if len(error) <= LOGGED_ERROR_CHARS:
        return error
    return error[:LOGGED_ERROR_CHARS - 1] + "…"


def _log_run(store: GraphStore, report: ImportReport) -> None:
    report.finished_at = now_utc()
    params = {
        "run_id": report.run_id,
        "started_at": report.started_at,
        "files": [summary.name for summary in report.files],
        "checksums": [summary.sha256 for summary in report.files],
        "rows_read": report.rows_read,
        "rows_written": report.rows_written,
        "outcome": str(report.outcome),
        "dry_run": report.dry_run,
        "error_count": len(report.errors),
        "errors": [logged_problem(error) for error in report.errors[:LOGGED_ERRORS]],
    }
    try:
        store.write("ingest_log_run", params, actor=report.actor)
    except AssetmapError as exc:
        if report.outcome != Outcome.FAILED:
            raise
        report.errors.append(f"the import log could not be written either: {exc}")

