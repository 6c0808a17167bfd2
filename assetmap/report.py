"""A person's network report: one self-contained HTML file for a review meeting or an
inspection.

It holds what the person page shows, as of one date: the network map (the dashboard's
own self-contained vis-network map, in a sandboxed ``srcdoc`` frame), the ties with
their plans, single points of failure, risks and mitigations, the isolation trend
(an inline SVG drawn here), review triggers and the review history (reviews, other
recorded events and measures). Figures come from ``analytics.person.person_view``;
rows and map elements from ``dashboards.person_view``, so report and page agree.

Nothing is loaded from anywhere: styles and scripts are inline and a
Content-Security-Policy forbids every fetch. Recorded text reaches the page through
autoescaping only (the map receives it as JSON, see ``assetmap.network_map``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, select_autoescape

from assetmap import views
from assetmap.network_map import map_height, render_map
from assetmap.person_rows import PersonRecord, map_elements, tie_rows, trigger_rows
from assetmap.report_template import REPORT_TEMPLATE
from assetmap.settings import AnalyticsSettings
from graph.errors import AssetmapError
from graph.model import EventKind
from graph.scope import Scope
from graph.store import GraphStore

CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 640, 180, 28
PLAN_COLUMNS = ("plan_contact", "plan_travel", "plan_adjustments", "plan_exit")
_TEMPLATE = Environment(
    autoescape=select_autoescape(default=True, default_for_string=True),
).from_string(REPORT_TEMPLATE)


def person_report(store: GraphStore, scope: Scope | None, person_id: str, *, as_of: str,
                  limits: AnalyticsSettings | None = None) -> str:
    """The report as one HTML document; raises if the scope may not see the client."""
    view = views.person(store, scope, person_id, as_of=as_of,
                        limits=limits or AnalyticsSettings())
    if view is None or scope is None:
        raise AssetmapError(f"no client {person_id!r} visible to this viewer",
                            hint="check the id and that the viewer holds this client")
    return render_report(view.record, view.figures, generated_by=scope.user)


def render_report(record: PersonRecord, view: dict[str, Any], *, generated_by: str) -> str:
    """Render an analysed record (``analytics.person.person_view``) as the report."""
    client = record.data.client
    name = str(client.get("display_name") or client["person_id"])
    nodes, ties = map_elements(view)
    rows = tie_rows(record, view)
    return _TEMPLATE.render(
        name=name, client=client, as_of=view["as_of"], generated_by=generated_by,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        map_html=render_map(nodes, ties, aria_label=f"Support network of {name}"),
        map_height=map_height(),
        ties=rows,
        shares=_shares(view),
        single_points=_single_points(view),
        uncovered=view["uncovered_functions"],
        plans=[row for row in rows if any(row[key] for key in (*PLAN_COLUMNS, "risk_flags",
                                                               "mitigations"))],
        isolation=view["isolation"], direction=view["isolation_direction"],
        chart=trend_chart(view["isolation"]),
        triggers=trigger_rows(view),
        reviews=_events(record, reviews=True), events=_events(record, reviews=False),
        measures=record.data.measures.to_dict("records"),
    )


def _shares(view: dict[str, Any]) -> dict[str, str]:
    def percent(value: Any) -> str:
        return "not recorded" if value is None or value != value else f"{value:.0%}"

    return {"Paid share of support": percent(view["paid_share"]),
            "Formal share (paid and professional)": percent(view["formal_share"]),
            "Measured by": str(view["basis"]),
            "Over-reliant on paid support": "yes" if view["over_reliant"] else "no"}


def _single_points(view: dict[str, Any]) -> list[dict[str, str]]:
    graph = view["network"]

    def name(node: Any) -> str:
        return str(graph.nodes[node].get("name") or node) if node in graph else str(node)

    return [{"who": entry.get("name") or name(entry["id"]),
             "why": " ".join(entry["reasons"]),
             "functions": ", ".join(entry["functions"]) or "-",
             "depends": ", ".join(name(n) for n in entry["dependent_connections"]) or "-"}
            for entry in view["single_points_of_failure"]]


def _events(record: PersonRecord, *, reviews: bool) -> list[dict[str, Any]]:
    events = record.data.events
    chosen = (events["kind"] == EventKind.REVIEW.value) == reviews
    rows: list[dict[str, Any]] = events[chosen].sort_values("date", ascending=False).to_dict(
        "records")
    return rows


def trend_chart(series: list[dict[str, Any]]) -> dict[str, Any]:
    """Points of the monthly isolation score (0-100, higher is more isolated) for an
    inline SVG polyline, with the months at either end as labels."""
    scored = [(index, row["score"]) for index, row in enumerate(series)
              if row["score"] is not None]
    inner_w = CHART_WIDTH - 2 * CHART_MARGIN
    inner_h = CHART_HEIGHT - 2 * CHART_MARGIN
    step = inner_w / max(len(series) - 1, 1)
    points = [(round(CHART_MARGIN + index * step, 1),
               round(CHART_MARGIN + inner_h * (1 - float(score) / 100), 1))
              for index, score in scored]
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "margin": CHART_MARGIN,
            "points": " ".join(f"{x},{y}" for x, y in points), "dots": points,
            "first": series[0]["month"] if series else "", "last": series[-1]["month"]
            if series else "", "bottom": CHART_HEIGHT - CHART_MARGIN}
