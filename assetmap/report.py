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

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, select_autoescape

from analytics.isolation import chart_panels
from assetmap import views
from assetmap.network_map import map_height, render_map
from assetmap.person_rows import (
    MONTH_COLUMNS,
    PersonRecord,
    event_rows,
    map_elements,
    map_positions,
    measure_rows,
    month_rows,
    planned_rows,
    profile_rows,
    review_rows,
    risk_rows,
    tie_rows,
    trigger_rows,
)
from assetmap.report_template import REPORT_TEMPLATE
from assetmap.settings import AnalyticsSettings
from assetmap.wording import percent
from graph.errors import AssetmapError
from graph.model import EventKind, SupportFunction, TieKind, label
from graph.record_history import record_history
from graph.scope import Scope
from graph.store import GraphStore

CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 640, 120, 24
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
    return render_report(view.record, view.figures, generated_by=scope.user,
                         steps=record_history(store, scope, person_id))


def as_sentence(text: object) -> str:
    """``text`` with a capital first letter (figures' words start in lower case)."""
    words = str(text or "")
    return words[:1].upper() + words[1:]


def render_report(record: PersonRecord, view: dict[str, Any], *, generated_by: str,
                  steps: Sequence[Mapping[str, Any]] = ()) -> str:
    """Render an analysed record (``analytics.person.person_view``) as the report, with
    ``steps``, the saves made to the record (``graph.record_history``), each with who
    made it and when."""
    client = record.data.client
    name = str(client.get("display_name") or client["person_id"])
    nodes, ties = map_elements(view, map_positions(record.data.history))
    rows = tie_rows(record, view)
    return _TEMPLATE.render(
        name=name, client=client, as_of=view["as_of"], generated_by=generated_by,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        map_html=render_map(nodes, ties, aria_label=f"Support network of {name}"),
        map_height=map_height(),
        ties=rows,
        shares=_shares(view),
        single_points=single_point_rows(view),
        uncovered=[label(fn, SupportFunction) for fn in view["uncovered_functions"]],
        plans=[*({**row, "name": f"{row['name']} (proposed {row['since']})"}
                 for row in planned_rows(view)),
               *(row for row in rows if any(row[key] for key in (*PLAN_COLUMNS, "risk_flags",
                                                                  "mitigations")))],
        profile=profile_rows(record), risks=risk_rows(view, client.get("risks") or []),
        month_columns=MONTH_COLUMNS, months=month_rows(view),
        direction=view["isolation_direction"],
        isolation_summary=view["isolation_signals"]["summary"],
        chart=trend_chart(view["isolation"]),
        triggers=trigger_rows(view),
        reviews=review_rows(record), events=event_rows(record, view),
        measures=measure_rows(record),
        work_ties=work_ties(record), work_entries=work_entries(record),
        steps=step_rows(steps, record_names(record)),
    )


def record_names(record: PersonRecord) -> dict[str, str]:
    """Id -> name of everyone and everything the client has a tie to (for the steps)."""
    return {str(tie["to_id"]): str(tie.get("name") or tie["to_id"])
            for tie in record.data.ties.to_dict("records")}


def step_rows(steps: Sequence[Mapping[str, Any]],
              names: Mapping[str, str]) -> list[dict[str, str]]:
    """Each save made to the record, in the order made: when (UTC), who made it, what
    the form did and the values it wrote, with the ids of the people and places on
    the record replaced by their names.

    >>> step_rows([{"at": "2026-06-15T09:30:01Z", "actor": "demo-practitioner-PR-W",
    ...             "detail": "moved a connection to attending: A-CAFE",
    ...             "after": "status=attending; attending_on=2026-05-18"}],
    ...           {"A-CAFE": "Memory Cafe"})[0]["what"]
    'Moved a connection to attending: Memory Cafe'
    """
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(key)}(?![\w-])"
                                  for key in sorted(names, key=len, reverse=True)))

    def named(text: Any) -> str:
        words = str(text or "")
        return pattern.sub(lambda found: names[found.group(0)], words) if names else words

    return [{"when": str(step.get("at") or ""), "who": str(step.get("actor") or ""),
             "what": as_sentence(named(step.get("detail"))),
             "values": named(step.get("after"))} for step in steps]


#: The steps of a connection, in order, with the column that dates each.
STEPS = (("introduced", "introduced_on"), ("attending", "attending_on"),
         ("lapsed", "lapsed_on"), ("ended", "until"))
ON_THE_DAY = (("introduced", "plan_introduction"), ("staff", "plan_staff_role"),
              ("boundaries", "plan_boundaries"), ("first date", "plan_first_date"))


def work_ties(record: PersonRecord) -> list[dict[str, str]]:
    """Ties with what the workbench records: the person's own words, each step of a
    connection with its date (and why a tie ended), the plan for the day, and who
    changed the tie last and when."""
    rows = []
    for tie in record.data.ties.to_dict("records"):
        steps = [f"{words} {tie[column]}" for words, column in STEPS if tie.get(column)]
        if tie.get("end_reason"):
            steps.append(f"why: {tie['end_reason']}")
        day = [f"{words}: {tie[column]}" for words, column in ON_THE_DAY if tie.get(column)]
        if not (tie.get("own_words") or day or any(tie.get(c) for _, c in STEPS[:3])
                or tie.get("end_reason")):
            continue
        rows.append({"name": str(tie.get("name") or tie.get("to_id")),
                     "own_words": str(tie.get("own_words") or ""), "steps": "; ".join(steps),
                     "on_the_day": "; ".join(day),
                     "changed": f"{tie.get('updated_by') or ''} {tie.get('updated_at') or ''}"
                                .strip()})
    return rows


def work_entries(record: PersonRecord) -> list[dict[str, str]]:
    """Events and measures, newest first, with who recorded each."""
    rows = [{"date": str(event["date"]), "what": label(event["kind"], EventKind),
             "by": str(event.get("recorded_by") or "")}
            for event in record.data.events.to_dict("records")]
    rows += [{"date": str(measure["date"]),
              "what": f"{measure['instrument']} {measure['score']:g}",
              "by": str(measure.get("recorded_by") or "")}
             for measure in record.data.measures.to_dict("records")]
    return sorted(rows, key=lambda row: row["date"], reverse=True)


def _shares(view: dict[str, Any]) -> dict[str, str]:
    return {"Paid share of support": percent(view["paid_share"], missing="not recorded"),
            "Formal share (paid and professional)": percent(view["formal_share"],
                                                            missing="not recorded"),
            "What it counts": as_sentence(view["reliance_coverage"]),
            "Over-reliant on paid support": "yes" if view["over_reliant"] else "no"}


#: How each severity of a single point of failure reads on the page and in the report.
SEVERITY_WORDS = {"high": "High: hard to replace", "medium": "Medium",
                  "low": "Low: only provider (a service can be re-commissioned)"}


def single_point_rows(view: dict[str, Any], *,
                      only_providers: bool | None = None) -> list[dict[str, str]]:
    """Single points of failure, most costly first, in plain words (order, reasons and
    actions are ``analytics.resilience.single_points_of_failure``'s; codes become
    words through ``graph.model.label``). ``only_providers`` True keeps the low "only
    provider" notes, False the others, None all. The person page shows the same rows."""
    graph = view["network"]

    def name(node: Any) -> str:
        return str(graph.nodes[node].get("name") or node) if node in graph else str(node)

    return [{"Who": str(entry.get("name") or name(entry["id"])),
             "Kind": label(entry.get("kind"), TieKind) or "no tie recorded",
             "Severity": SEVERITY_WORDS.get(entry["severity"], entry["severity"]),
             "Why": "; ".join(entry["reasons"]),
             "Suggested action": entry["action"],
             "Only they provide": ", ".join(label(fn, SupportFunction)
                                            for fn in entry["functions"]) or "-",
             "Depend on them": ", ".join(name(n) for n in entry["dependent_connections"]) or "-"}
            for entry in view["single_points_of_failure"]
            if only_providers is None or (entry["severity"] == "low") == only_providers]


def trend_chart(series: list[dict[str, Any]]) -> dict[str, Any]:
    """The isolation chart for inline SVG, one panel per measure and network indicator
    (``analytics.isolation.chart_panels``), each on its own scale: the line's points,
    the cut-off line where the scale has one, and the at-risk months shaded.

    Each panel: ``title``, ``low`` and ``high`` (axis labels), ``points`` (a polyline),
    ``dots``, ``cut_off_y`` and ``cut_off_words`` (None without a cut-off), ``shades``
    (x and width of each at-risk month); plus the panel size and the months at either
    end as labels."""
    inner_w = CHART_WIDTH - 2 * CHART_MARGIN
    inner_h = CHART_HEIGHT - 2 * CHART_MARGIN
    step = inner_w / max(len(series), 1)  # each month a band; its point at the centre

    def y_of(value: float, low: float, high: float) -> float:
        return round(CHART_MARGIN + inner_h * (1 - (value - low) / ((high - low) or 1)), 1)

    panels = []
    for panel in chart_panels(series):
        low, high = panel["low"], panel["high"]
        dots = [(round(CHART_MARGIN + (index + 0.5) * step, 1), y_of(float(p["value"]), low, high))
                for index, p in enumerate(panel["points"]) if p["value"] is not None]
        cut_off = panel["cut_off"]
        panels.append({
            "title": panel["title"], "low": f"{low:g}", "high": f"{high:g}",
            "points": " ".join(f"{x},{y}" for x, y in dots), "dots": dots,
            "cut_off_y": None if cut_off is None else y_of(cut_off, low, high),
            "cut_off_words": panel["cut_off_words"],
            "shades": [(round(CHART_MARGIN + index * step, 1), round(step, 1))
                       for index, p in enumerate(panel["points"]) if p["at_risk"]]})
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "margin": CHART_MARGIN,
            "bottom": CHART_HEIGHT - CHART_MARGIN, "panels": panels,
            "first": series[0]["month"] if series else "",
            "last": series[-1]["month"] if series else ""}
