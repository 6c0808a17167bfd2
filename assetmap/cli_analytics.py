"""``assetmap person``, ``service`` and ``area`` (issue 4): the analytics, for scripting
and for checking the numbers. Read through ``graph.reads`` with the system scope,
computed by ``analytics``; ``--json`` prints one object, otherwise readable tables."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any

import pandas as pd
import typer

from assetmap import views
from assetmap.settings import AnalyticsSettings, Settings, load_settings, opened_store
from assetmap.wording import percent
from graph import audit
from graph.errors import AssetmapError
from graph.scope import Scope
from graph.store import GraphStore

AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD (default today).")]


def register(app: typer.Typer) -> None:
    app.command("person")(person_command)
    app.command("service")(service_command)
    app.command("area")(area_command)


def as_of_or_today(value: str | None) -> str:
    """``--as-of`` checked as YYYY-MM-DD, or the settings' today (``ASSETMAP_TODAY``)."""
    if value is None:
        return load_settings().today().isoformat()
    try:
        date.fromisoformat(value)
    except ValueError:
        raise AssetmapError(f"--as-of {value!r} is not a date", hint="use YYYY-MM-DD") from None
    if len(value) != 10:
        raise AssetmapError(f"--as-of {value!r} is not a date", hint="use YYYY-MM-DD")
    return value


def plain(value: Any) -> Any:
    """JSON-ready: NaN becomes null, numpy scalars Python numbers, frames lists of records."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:  # most values: as they are
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if isinstance(value, pd.DataFrame):
        return [plain(row) for row in value.to_dict("records")]
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(item) for item in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _plain_dict(values: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = plain(values)
    return result


# -- person -----------------------------------------------------------------------------
def person_report_on(store: GraphStore, scope: Scope, limits: AnalyticsSettings,
                     person_id: str, as_of: str) -> dict[str, Any]:
    """The person view as plain values (what ``--json`` prints), on an open store."""
    view = views.person(store, scope, person_id, as_of=as_of, limits=limits)
    if view is None:
        raise AssetmapError(f"no client {person_id!r} in {store.description}",
                            hint="check the id; clients are listed by the service and area views")
    return _plain_dict({key: value for key, value in view.figures.items() if key != "network"})


def person_report(settings: Settings, person_id: str, as_of: str) -> dict[str, Any]:
    """The person view, opening and closing the configured store."""
    with opened_store(settings) as store:
        scope = Scope.system(settings.actor)
        report = person_report_on(store, scope, settings.analytics, person_id, as_of)
        audit.record_person_view(store, scope, person_id, f"assetmap person (as of {as_of})")
        return report


def person_command(
    person_id: Annotated[str, typer.Argument(help="The client's person_id.")],
    as_of: AsOf = None,
    as_json: AsJson = False,
) -> None:
    """One client's support network, single points of failure, reliance, isolation,
    review triggers and suggested assets."""
    report = person_report(load_settings(), person_id, as_of_or_today(as_of))
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['person_id']} as of {report['as_of']}")
    typer.echo(f"paid share {percent(report['paid_share'])}, formal share "
               f"{percent(report['formal_share'])} (by {report['basis']}: "
               f"{report['reliance_coverage']}); "
               f"over-reliant: {'yes' if report['over_reliant'] else 'no'}")
    _section("Ties", supporters_named(report["ties"], "to_id"),
             ["name", "to_id", "kind", "functions", "hours_per_week", "contacts_per_month",
              "status"])
    names = {row["to_id"]: row.get("name") or row["to_id"] for row in report["ties"]}
    _section("Single points of failure",
             [{**row, "dependent_connections": [names.get(n, n) for n in
                                                row["dependent_connections"]]}
              for row in supporters_named(report["single_points_of_failure"], "id")],
             ["name", "id", "reasons", "functions", "dependent_connections"])
    typer.echo(f"\nUncovered functions: {', '.join(report['uncovered_functions']) or 'none'}")
    _section(f"Isolation ({report['isolation_direction']})", report["isolation"],
             ["month", "at_risk", "at_risk_basis", "lsns6", "ucla3", "ascof_1i",
              "informal_ties", "contacts", "attendance_rate", "crisis_contacts"],
             shares={"attendance_rate"})
    _section("Review triggers", report["triggers"], ["date", "kind", "detail"])
    _section("Suggested assets", report["suggestions"], ["asset_id", "name", "score", "reasons"])


def supporters_named(rows: Sequence[Mapping[str, Any]], id_key: str) -> list[dict[str, Any]]:
    """Rows with ``name`` set to the supporter's recorded name, or their id when none is
    recorded (the person view's rows carry both; a table of ids alone names nobody).

    >>> supporters_named([{"to_id": "S-1", "name": "Dora"}, {"to_id": "S-2", "name": None}],
    ...                  "to_id")
    [{'to_id': 'S-1', 'name': 'Dora'}, {'to_id': 'S-2', 'name': 'S-2'}]
    """
    return [{**row, "name": row.get("name") or row.get(id_key)} for row in rows]


# -- service ----------------------------------------------------------------------------
def service_report_on(store: GraphStore, scope: Scope, limits: AnalyticsSettings,
                      service_id: str, as_of: str) -> dict[str, Any]:
    """The service view as plain values, on an open store."""
    view = views.service(store, scope, service_id, as_of=as_of, limits=limits)
    if view is None:
        raise AssetmapError(f"no clients of service {service_id!r} in {store.description}")
    return _plain_dict({"service_id": service_id, "as_of": as_of, "clients": view.caseload,
                        "trend": view.trend})


def service_report(settings: Settings, service_id: str, as_of: str) -> dict[str, Any]:
    """The service view, opening and closing the configured store."""
    with opened_store(settings) as store:
        scope = Scope.system(settings.actor)
        report = service_report_on(store, scope, settings.analytics, service_id, as_of)
        audit.record(store, scope, audit.AuditAction.VIEW_SERVICE,
                     detail=f"assetmap service {service_id}: {len(report['clients'])} clients")
        return report


def service_command(
    service_id: Annotated[str, typer.Argument(help="The service id clients are recorded under.")],
    as_of: AsOf = None,
    as_json: AsJson = False,
) -> None:
    """A service's clients ranked by paid share, with trends over 3 and 12 months."""
    report = service_report(load_settings(), service_id, as_of_or_today(as_of))
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['service_id']} as of {report['as_of']}: {len(report['clients'])} clients")
    _section("Caseload by paid share", report["clients"],
             ["person_id", "practitioner", "paid_share", "formal_share", "basis", "ties_counted",
              "ties_in_use", "trend_3m",
              "trend_12m", "informal_ties", "over_reliant", "review_overdue"],
             shares=SERVICE_SHARE_COLUMNS)


#: Service table columns that are shares (0-1), printed as whole percents.
SERVICE_SHARE_COLUMNS = frozenset({"paid_share", "formal_share", "trend_3m", "trend_12m"})


# -- area -------------------------------------------------------------------------------
def area_report_on(store: GraphStore, scope: Scope, limits: AnalyticsSettings,
                   area: str, as_of: str) -> dict[str, Any]:
    """The area view, every count already through ``analytics.coverage.disclose``."""
    view = views.area(store, scope, area, as_of=as_of, limits=limits)
    if view is None:
        raise AssetmapError("the area view needs a scope")
    return _plain_dict({
        "area": area or "all",
        "as_of": as_of,
        "coverage": view.coverage,
        "unmet_interests": view.unmet_interests,
        "unmet_needs": view.unmet_needs,
        "directory_health": view.directory_health,
        "only_connection_assets": view.only_connection_assets,
        "suppression": views.SUPPRESSION_NOTE,
    })


def area_report(settings: Settings, area: str, as_of: str) -> dict[str, Any]:
    """The area view, opening and closing the configured store."""
    with opened_store(settings) as store:
        scope = Scope.system(settings.actor)
        report = area_report_on(store, scope, settings.analytics, area, as_of)
        audit.record(store, scope, audit.AuditAction.VIEW_AREA,
                     detail=f"assetmap area {area or 'all'} (as of {as_of})")
        return report


def area_command(
    area: Annotated[str, typer.Argument(help="Area code (default: every area).")] = "",
    as_of: AsOf = None,
    as_json: AsJson = False,
) -> None:
    """Community asset coverage per area and category (small numbers suppressed)."""
    report = area_report(load_settings(), area, as_of_or_today(as_of))
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"Area {report['area']} as of {report['as_of']} ({report['suppression']})")
    _section("Coverage", report["coverage"], ["area", "category", "approved_assets",
                                              "overdue_reviews", "clients", "clients_connected"])
    _section("Unmet interests", report["unmet_interests"], ["area", "interest", "clients"])
    _section("Clients no asset fits", report["unmet_needs"], ["area", "reason", "clients"])
    _section("Only community connection of several clients", report["only_connection_assets"],
             ["area", "asset_id", "name", "clients"])


# -- tables -----------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(item) for item in value)
    return str(value)


def table_text(rows: Sequence[Mapping[str, Any]], columns: Iterable[str],
               shares: Iterable[str] = ()) -> str:
    """Rows as an aligned text table (no colour, no markup); the ``shares`` columns
    (0-1) as whole percents (``assetmap.wording.percent``)."""
    names, as_percent = list(columns), set(shares)
    cells = [[percent(row.get(name), missing="-") if name in as_percent
              else _cell(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name), *(len(line[i]) for line in cells)]) for i, name in enumerate(names)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(width) for c, width in zip(line, widths, strict=True)).rstrip()
              for line in cells]
    return "\n".join(lines)


def _section(title: str, rows: Sequence[Mapping[str, Any]], columns: Iterable[str], *,
             shares: Iterable[str] = ()) -> None:
    typer.echo(f"\n{title}")
    typer.echo(table_text(rows, columns, shares) if rows else "  (none)")
