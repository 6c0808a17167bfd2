"""``assetmap export csv|graphml|report`` (issue 6): records out, through scoped reads.

The command line reads as the system scope of the configured actor
(``Scope.system(settings.actor)``); what the files hold is what that scope may see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assetmap.cli_analytics import as_of_or_today
from assetmap.settings import load_settings, opened_store
from graph import audit
from graph.scope import Scope

export_app = typer.Typer(help="Export records: CSV tables, GraphML, a person's network report.",
                         no_args_is_help=True)

Person = Annotated[str, typer.Option("--person", help="One client's person_id.")]
Area = Annotated[str, typer.Option("--area", help="The clients of one area (area code).")]


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("csv")
def export_csv_command(
    folder: Annotated[Path, typer.Argument(help="Folder for people.csv, ties.csv, ...")],
    person: Person = "",
    area: Area = "",
) -> None:
    """The import tables (whole store, one client or one area); `assetmap import` of
    the folder recreates the same records."""
    from ingest.export import export_csv

    settings = load_settings()
    with opened_store(settings) as store:
        scope = Scope.system(settings.actor)
        paths = export_csv(store, scope, folder, person_id=person, area=area)
        audit.record(store, scope, audit.AuditAction.EXPORT, person_id=person or None,
                     detail=f"assetmap export csv {folder} (area {area or 'all'}): "
                            f"{len(paths)} files")
    for path in paths:
        typer.echo(str(path))


@export_app.command("graphml")
def export_graphml_command(
    path: Annotated[Path, typer.Argument(help="The .graphml file to write.")],
    person: Person = "",
    area: Area = "",
) -> None:
    """A client's network (--person) or an area's (--area): ties with kinds and dates."""
    from ingest.export import export_graphml

    settings = load_settings()
    with opened_store(settings) as store:
        scope = Scope.system(settings.actor)
        written = export_graphml(store, scope, path, person_id=person, area=area)
        audit.record(store, scope, audit.AuditAction.EXPORT, person_id=person or None,
                     detail=f"assetmap export graphml {written} (area {area or 'all'})")
    typer.echo(str(written))


@export_app.command("report")
def export_report_command(
    person_id: Annotated[str, typer.Argument(help="The client's person_id.")],
    path: Annotated[Path, typer.Argument(help="The .html file to write.")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD (default today).")]
    = None,
) -> None:
    """A person's network report as one self-contained HTML file (map, ties, single
    points of failure, plan, risks, isolation trend, triggers, review history)."""
    from assetmap.report import person_report

    day = as_of_or_today(as_of)
    settings = load_settings()
    with opened_store(settings) as store:
        scope = Scope.system(settings.actor)
        html = person_report(store, scope, person_id, as_of=day, limits=settings.analytics)
        audit.record_person_view(store, scope, person_id, f"assetmap export report {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    typer.echo(str(path))
