"""``assetmap import`` and ``assetmap demo-files``, and loading the demo area for
``assetmap demo``.

``assetmap import PATH...`` exits 0 when the files were written (or, with
``--dry-run``, would be), 1 when any row is bad (then nothing is written).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from assetmap.audit_trail import record_import
from assetmap.settings import Settings, load_settings, open_store
from graph.errors import AssetmapError
from graph.scope import Scope
from ingest.importer import ImportReport, import_paths

#: Steps with at least this many rows get a progress bar.
PROGRESS_FROM_ROWS = 5000


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("demo-files")(demo_files_command)


class ProgressBars:
    """Rich progress bars on stderr, shown once a step is big enough to wait for."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled or (self._progress is None and total < PROGRESS_FROM_ROWS):
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=False)
            self._progress.start()
        if step not in self._tasks:
            self._tasks[step] = self._progress.add_task(step, total=total)
        self._progress.advance(self._tasks[step], done)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def import_command(
    paths: Annotated[list[Path], typer.Argument(
        help="CSV, XLSX or JSON files, or folders of them (templates in ingest/templates); "
             "an Open Referral UK / HSDS 3.0 API response saved as .json (a service, a "
             "/services or /service_at_locations page); a .toml mapping file for a Network "
             "Canvas study (its CSV or GraphML export) or an Open Referral directory. Local "
             "terms map through \\[vocabulary.<column>] in ASSETMAP_CONFIG. Every format: "
             "docs/import-format.md.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate only; write no data (the run is logged).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    complete_network: Annotated[bool, typer.Option(
        "--complete-network",
        help="The ties files are the complete current networks of the clients in them: "
             "end (never delete) each current tie of those clients they do not list. "
             "Off by default: a partial file adds and changes, and ends nothing. "
             "With --dry-run, lists what would end.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date (YYYY-MM-DD) a tie missing from this export ends; "
                                     "default today."),
    ] = None,
    first_load: Annotated[bool, typer.Option(
        "--first-load",
        help="Load an empty local store through Neo4j's bulk importer (neo4j-admin "
             "database import), after the same validation: for years of records at once. "
             "Refused when the store holds records; the server restarts.")] = False,
    snapshot: Annotated[bool, typer.Option(
        "--snapshot",
        help="Each client's ties rows are its whole network on --as-of (as an as_of column "
             "says row by row): placed in order among the client's earlier snapshots and "
             "interviews, so a tie missing from it ends on that date.")] = False,
) -> None:
    """Validate and import files; a file set with any bad row writes nothing."""
    settings = load_settings()
    if first_load:
        _first_load(settings, paths, as_json=as_json, as_of=as_of, snapshot=snapshot,
                    refused_with=dry_run or complete_network)
        return
    store = open_store(settings)
    bars = ProgressBars(enabled=not as_json and sys.stderr.isatty())
    try:
        report = import_paths(store, paths, actor=settings.actor, dry_run=dry_run, as_of=as_of,
                              on_progress=bars, complete_network=complete_network,
                              snapshot=snapshot, vocabulary=settings.vocabulary,
                              limits=settings.import_limits,
                              required_plan_items=settings.workbench.required_plan_items)
        record_import(store, Scope.system(settings.actor), report)
    finally:
        bars.stop()
        store.close()
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(summary(report))
    raise typer.Exit(0 if report.ok else 1)


def _first_load(settings: Settings, paths: list[Path], *, as_json: bool, as_of: str | None,
                snapshot: bool, refused_with: bool) -> None:
    """``assetmap import --first-load``: the bulk path into an empty local store."""
    from ingest.first_load import first_load

    if refused_with:
        raise AssetmapError("--first-load loads an empty store: it takes neither --dry-run "
                            "(use `assetmap import --dry-run`) nor --complete-network")
    if not settings.is_local:
        raise AssetmapError("--first-load runs on the local Neo4j only (it writes the store "
                            "files offline)", hint="for a server: neo4j-admin database import")
    bars = ProgressBars(enabled=not as_json and sys.stderr.isatty())
    try:
        loaded = first_load(settings.local_dir, paths, actor=settings.actor,
                            memory=settings.local_memory, as_of=as_of, on_progress=bars,
                            snapshot=snapshot, vocabulary=settings.vocabulary,
                            limits=settings.import_limits)
    finally:
        bars.stop()
    try:
        record_import(loaded.store, Scope.system(settings.actor), loaded.report)
    finally:
        loaded.store.close()
    report = loaded.report
    if as_json:
        typer.echo(json.dumps({**report.as_dict(), "seconds": loaded.seconds}, indent=2))
    else:
        typer.echo(summary(report))
    raise typer.Exit(0 if report.ok else 1)


def summary(report: ImportReport) -> str:
    """The human-readable end of an import: problems first, then what happened."""
    lines = list(report.errors)
    lines += [f"warning: {warning}" for warning in report.warnings]
    if lines:
        lines.append("")
    files = ", ".join(f.name for f in report.files) or "none"
    counts = ", ".join(f"{name} {count}" for name, count in report.counts.items() if count)
    verdict = {
        "written": f"written: {report.rows_written} rows sent (unchanged rows are left as they were)",
        "validated": "dry run: every row is valid; nothing was written",
        "rejected": f"rejected: {len(report.errors)} problem(s); nothing was written",
        "failed": "failed while writing: see the error above; the run is logged as failed",
    }[str(report.outcome)]
    lines += [
        f"files: {files}",
        *(f"  {f.name}: {f.shape}" for f in report.files if f.shape),
        f"rows read: {report.rows_read}" + (f" ({counts})" if counts else ""),
        *terms_mapped_lines(report),
        *(f"warning: {warning}" for warning in report.warnings),
        *_endings(report),
        *_withdrawals(report),
        verdict,
        f"import run: {report.run_id} by {report.actor}",
    ]
    return "\n".join(lines)


def terms_mapped_lines(report: ImportReport) -> list[str]:
    """Every local term the import wrote as ours, with its cells: nothing changes silently."""
    if not report.terms_mapped:
        return []
    cells = sum(term.cells for term in report.terms_mapped)
    return [f"vocabulary: {cells} cell(s) written in our terms:",
            *(f"  [vocabulary.{term.table}] {term.local!r} -> {term.ours} "
              f"({term.cells} cell(s), by {term.by})" for term in report.terms_mapped)]


def _endings(report: ImportReport) -> list[str]:
    """What a complete-network import ended (or, in a dry run, would end), per tie."""
    if not report.complete_network or not report.ok:
        return []
    verb = "would end" if report.dry_run else "ended"
    if not report.ties_ended:
        return [f"complete networks: no current tie {verb}"]
    return [f"complete networks: {len(report.ties_ended)} current tie(s) {verb} "
            f"(until {report.as_of}):",
            *(f"  {tie['person_id']}: {tie['name'] or tie['to_id']} ({tie['kind']})"
              for tie in report.ties_ended)]


def _withdrawals(report: ImportReport) -> list[str]:
    """What a refreshed directory feed withdrew (or, in a dry run, would withdraw)."""
    if not report.withdrawn or not report.ok:
        return []
    verb = "would be withdrawn" if report.dry_run else "withdrawn"
    return [f"no longer listed by their feed, {verb} (kept, never suggested): "
            f"{len(report.withdrawn)}",
            *(f"  {row['feed']}: {row['name'] or row['id']} ({row['kind']}, was "
              f"{row['status'] or 'active'})" for row in report.withdrawn)]


def demo_files_command(
    folder: Annotated[Path, typer.Argument(help="Folder to write the demo CSV files into.")],
    people: Annotated[int, typer.Option("--people", help="Clients to generate.")] = 300,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same files.")] = 7,
) -> None:
    """Write the synthetic demo area as CSV files (for `assetmap import` or benchmarks)."""
    from ingest.demo import write_demo_csvs

    for path in write_demo_csvs(folder, people=people, seed=seed):
        typer.echo(str(path))


def load_demo_if_empty(settings: Settings, *, people: int, seed: int) -> bool:
    """Generate and import the demo area when the store holds no clients.

    The demo goes through the real import path: CSV files in a temporary folder,
    validated and written by ``import_paths``. Returns True if data was loaded.
    """
    from ingest.demo import DEMO_END, write_demo_csvs

    store = open_store(settings)
    bars = ProgressBars(enabled=sys.stderr.isatty())
    try:
        if store.read("ingest_any_client"):
            return False
        with tempfile.TemporaryDirectory(prefix="assetmap-demo-") as folder:
            paths = write_demo_csvs(Path(folder), people=people, seed=seed)
            report = import_paths(store, paths, actor=settings.actor, as_of=DEMO_END.isoformat(),
                                  on_progress=bars)
    finally:
        bars.stop()
        store.close()
    if not report.ok:
        raise AssetmapError(
            f"the demo data did not import ({report.outcome}): "
            + "; ".join(report.errors[:3]),
            hint="this is a bug in ingest/demo.py; please report it",
        )
    typer.echo(f"loaded the demo area: {report.counts.get('people', 0)} people, "
               f"{report.counts.get('ties', 0)} ties ({report.run_id})")
    return True

