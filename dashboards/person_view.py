"""The person page's figures, composed from ``graph.reads`` and ``analytics``.

The page draws; this module decides what to draw: which nodes and ties go on the
map and how they are marked, and the rows of the tie table. Every figure is an
``analytics`` function's answer.

Caching: one client's record (``person_record``) is cached for
``PERSON_CACHE_TTL_S`` seconds, keyed by the store, the viewer's role and scope id
and the client id, so a cached answer is only ever reused for the same scope; a
client outside the scope is cached as "not found" for that scope alone. The
caseload of the picker (``caseload``) is cached the same way, keyed by the store,
role and scope id, so one viewer's list is never shown to another. Writes
made through the dashboard clear both (``clear_caches``). What is computed from the
record (``analytics.person.person_view`` as of the slider's date) takes tens of
milliseconds for a demo client and is not cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from analytics.isolation import chart_panels
from assetmap import person_rows, report, views
from assetmap.person_rows import PersonRecord
from assetmap.settings import AnalyticsSettings
from assetmap.wording import percent
from dashboards import session
from dashboards.text import md_text
from graph import reads
from graph.model import AssetCategory, Role, SupportFunction, TieKind, label
from graph.scope import Scope
from graph.store import GraphStore

#: Seconds a client's record stays cached: long enough for the slider and what-if to
#: redraw without a query, short enough that an import from the command line shows
#: within a minute.
PERSON_CACHE_TTL_S = 60


def person_record(store: GraphStore, store_key: str, scope: Scope,
                  person_id: str) -> PersonRecord | None:
    """The client's record if ``scope`` may see them, else None (cached; see above)."""
    return _cached_record(store, store_key, scope.role.value, scope.scope_id, person_id)


@st.cache_data(ttl=PERSON_CACHE_TTL_S, max_entries=200, show_spinner=False)
def _cached_record(_store: GraphStore, store_key: str, role: str, scope_id: str,
                   person_id: str) -> PersonRecord | None:
    # The key is (store_key, role, scope_id, person_id); the store itself is not hashed.
    scope = Scope(user="dashboard", role=Role(role), scope_id=scope_id)
    data = reads.person_data(_store, scope, person_id)
    if data is None:
        return None
    return PersonRecord(data=data)


def caseload(store: GraphStore, store_key: str, scope: Scope) -> pd.DataFrame:
    """``reads.clients_in_scope`` for ``scope`` (cached like the record; see above)."""
    return _cached_caseload(store, store_key, scope.role.value, scope.scope_id)


@st.cache_data(ttl=PERSON_CACHE_TTL_S, max_entries=200, show_spinner=False)
def _cached_caseload(_store: GraphStore, store_key: str, role: str,
                     scope_id: str) -> pd.DataFrame:
    # The key is (store_key, role, scope_id): the whole scope the read depends on.
    return reads.clients_in_scope(_store, Scope(user="dashboard", role=Role(role),
                                                scope_id=scope_id))


#: What a link to someone outside the viewer's caseload says (for any id: it does not
#: tell whether the person exists elsewhere).
NOT_IN_CASELOAD = ("The person in that link is not in your caseload, so nobody is shown. "
                   "Choose someone from your caseload above.")


def service_name(names: dict[str, str], service_id: object) -> str:
    """A service by its recorded name; its id when no name is recorded, "" for none."""
    code = "" if service_id is None else str(service_id)
    return names.get(code, code)


def clear_caches() -> None:
    """Forget cached records, after a write made through the dashboard."""
    _cached_record.clear()
    _cached_caseload.clear()


def forget_after_write() -> None:
    """After any write made through the dashboard (an import, a workbench form, a
    directory form): every cached read is forgotten, so every page shows the change at
    its next run rather than up to ``PERSON_CACHE_TTL_S`` later."""
    clear_caches()
    session.clear_shared_caches()


def analyse(record: PersonRecord, as_of: str, thresholds: AnalyticsSettings) -> dict[str, Any]:
    """``assetmap.views.person_figures`` on the record: every figure the page shows."""
    return views.person_figures(record, as_of=as_of, limits=thresholds).figures


@dataclass(frozen=True)
class Card:
    """One metric card: its value, the help behind the (?) and a caption under it."""

    value: str
    help: str = ""
    caption: str = ""


def uncovered_text(view: dict[str, Any]) -> str:
    """The support the person needs that no tie gives, in words."""
    return "Needed but not covered: " + ", ".join(
        label(fn, SupportFunction) for fn in view["uncovered_functions"])


def paid_card(view: dict[str, Any]) -> Card:
    """The paid share, with its unit, what it counts, and the formal share behind it."""
    return Card(value=percent(view["paid_share"]),
                help=f"Formal (paid + professional) share {percent(view['formal_share'])}. "
                     "Hours and contacts are never mixed: the share is of hours among ties "
                     "that record hours when every paid tie does, else of contacts.",
                caption=report.as_sentence(view["reliance_coverage"]))


def isolation_card(view: dict[str, Any]) -> Card:
    """At risk or not in the latest month, which rule decided, and the direction with its
    evidence: the same ``isolation_direction`` the "isolation worsening" trigger uses."""
    latest = view["isolation"][-1] if view["isolation"] else None
    value = "no data" if latest is None else "at risk" if latest["at_risk"] else "not at risk"
    basis = "" if latest is None else AT_RISK_BASIS_WORDS[latest["at_risk_basis"]]
    return Card(value=value,
                help=basis,
                caption=f"Direction: {view['isolation_direction']}. "
                        f"{view['isolation_signals']['summary']}")


#: How ``at_risk`` was decided, for the card's help (``analytics.isolation``).
AT_RISK_BASIS_WORDS = {
    "measures": "Decided by the validated measures in date (recorded in the last 12 "
                "months): LSNS-6 below 12, UCLA-3 of 6 or more, or ASCOF 1I answer 3 or 4 "
                "is at risk.",
    "network": "No validated measure in date (none in the last 12 months): decided by the "
               "network rule, at risk with fewer than 2 informal ties or fewer than 4 "
               "contacts a month.",
    "before record": "Before the client's record starts: no data.",
}


def first_recorded(record: PersonRecord) -> date | None:
    """Where the date slider starts: the client's record start."""
    start = record.record_start
    return date.fromisoformat(start) if start else None


def what_if_choices(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """"name (kind)" -> ``what_if`` answer, one per direct supporter."""
    graph, ego = view["network"], view["network"].graph["ego"]
    return {f"{graph.nodes[r['tie']].get('name') or r['tie']} "
            f"({label(graph.edges[ego, r['tie']].get('kind'), TieKind)})": r
            for r in view["what_if"] if graph.has_edge(ego, r["tie"])}


def what_if_node(view: dict[str, Any], chosen: object) -> str | None:
    """The node to highlight on the map for the what-if choice ``chosen`` (a label of
    ``what_if_choices``); the first choice when none is made yet (the what-if control
    shows it), None when there are no ties."""
    choices = what_if_choices(view)
    if not choices:
        return None
    answer = choices.get(str(chosen)) or next(iter(choices.values()))
    return str(answer["tie"])


def what_if_summary(view: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """A ``what_if`` answer with names instead of ids."""
    graph = view["network"]

    def names(nodes: list[Any]) -> str:
        return ", ".join(str(graph.nodes[n].get("name") or n) if n in graph else str(n)
                         for n in nodes) or "none"

    return {
        "Ties lost": names(result["ties_lost"]),
        "Connections that depend on it": names(result["dependent_connections"]),
        "Functions left uncovered": ", ".join(label(fn, SupportFunction)
                                              for fn in result["functions_uncovered"]) or "none",
        "Hours/week lost": f"{result['hours_lost']:g}",
        "Contacts/month lost": f"{result['contacts_lost']:g}",
        "Supporters who would fall apart": " | ".join(names(g) for g in result["split_groups"])
        or "none",
        "Contacts no longer reachable": names(result["unreachable"]),
    }


def trend_panels(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The isolation chart as Vega-Lite specs, one panel per measure and indicator
    (``analytics.isolation.chart_panels``): each on its own scale, its cut-off drawn as a
    dashed line, the at-risk months shaded. Each: ``title`` and ``spec``."""
    return [{"title": panel["title"], "spec": _panel_spec(panel)}
            for panel in chart_panels(view["isolation"])]


AT_RISK_SHADE = "#F0E442"
LINE_COLOUR = "#0072B2"


def _panel_spec(panel: dict[str, Any]) -> dict[str, Any]:
    month = {"field": "month", "type": "ordinal", "title": None}
    layers: list[dict[str, Any]] = [
        {"transform": [{"filter": "datum.at_risk"}],
         "mark": {"type": "rect", "color": AT_RISK_SHADE, "opacity": 0.5},
         "encoding": {"x": month, "tooltip": [{"field": "month"},
                                               {"datum": "at risk", "title": "status"}]}},
        {"mark": {"type": "line", "point": True, "color": LINE_COLOUR},
         "encoding": {"x": month,
                      "y": {"field": "value", "type": "quantitative", "title": None,
                            "scale": {"domain": [panel["low"], panel["high"]]}}}},
    ]
    if panel["cut_off"] is not None:
        layers.append({"mark": {"type": "rule", "strokeDash": [4, 4], "color": "#D55E00"},
                       "encoding": {"y": {"datum": panel["cut_off"]},
                                    "tooltip": {"datum": panel["cut_off_words"]}}})
    return {"title": panel["title"], "height": 120, "data": {"values": panel["points"]},
            "layer": layers}


def single_point_rows(view: dict[str, Any], *,
                      only_providers: bool | None = None) -> list[dict[str, str]]:
    """Single points of failure in plain words, most costly first: the report's rows
    (``assetmap.report.single_point_rows``), so page and report agree."""
    return report.single_point_rows(view, only_providers=only_providers)


def suggestion_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Suggested assets, best first, with the category in words."""
    return [{"Asset": s["name"] or s["asset_id"], "Category": label(s["category"], AssetCategory),
             "Fit (0–100)": s["score"], "Why": "; ".join(s["reasons"])}
            for s in view["suggestions"]]


def no_suggestion_text(view: dict[str, Any]) -> str:
    """Why nothing is suggested (``analytics.fit.no_fit_reason``), or "" when something is."""
    if view["suggestions"]:
        return ""
    return ("Nothing to suggest. " + (view.get("suggestions_none_reason")
                                       or "No approved, in-date asset in their area fits."))




# -- the person and their history (the report's rows: ``assetmap.person_rows``) -----------
def profile_lines(record: PersonRecord) -> list[str]:
    """The person's interests, needs, support needed and access needs, one Markdown line
    each (recorded text escaped)."""
    return [f"**{heading}:** {md_text(words)}"
            for heading, words in person_rows.profile_rows(record).items()]


def risk_table(record: PersonRecord, view: dict[str, Any]) -> pd.DataFrame:
    """Risks with where they are recorded and the mitigations agreed (the report's)."""
    return pd.DataFrame(person_rows.risk_rows(view, record.data.client.get("risks") or []),
                        columns=list(person_rows.RISK_COLUMNS))


def review_table(record: PersonRecord) -> pd.DataFrame:
    """The reviews recorded, newest first."""
    return pd.DataFrame(person_rows.review_rows(record), columns=["Date", "Notes"])


def event_table(record: PersonRecord, view: dict[str, Any]) -> pd.DataFrame:
    """Attendance, contacts and every other recorded event, newest first."""
    return pd.DataFrame(person_rows.event_rows(record, view),
                        columns=["Date", "Event", "With", "Notes"])


def measure_table(record: PersonRecord) -> pd.DataFrame:
    """The validated measures recorded, newest first."""
    return pd.DataFrame(person_rows.measure_rows(record),
                        columns=["Date", "Instrument", "Score", "Corrected"])


def month_table(view: dict[str, Any]) -> pd.DataFrame:
    """Month by month: at risk, measures in date, ties, contacts, attendance, crises."""
    return pd.DataFrame(person_rows.month_rows(view), columns=list(person_rows.MONTH_COLUMNS))


# -- the ties: the essentials at a glance, the rest in a detail view ---------------------------
#: The ties table's columns; every other fact of a tie is in ``TIE_DETAIL_COLUMNS``.
TIE_ESSENTIALS = ("name", "kind", "functions", "hours_per_week", "contacts_per_month",
                  "status")
TIE_DETAIL_COLUMNS = ("name", *(c for c in person_rows.TIE_TABLE_COLUMNS
                                if c not in TIE_ESSENTIALS))


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def tie_table(record: PersonRecord, view: dict[str, Any], *, detail: bool = False
              ) -> pd.DataFrame:
    """The ties as the page shows them: the essentials (who, kind, functions, hours or
    contacts, status), or with ``detail`` every other recorded fact; blank cells blank."""
    columns = TIE_DETAIL_COLUMNS if detail else TIE_ESSENTIALS
    rows = [{person_rows.TIE_TABLE_COLUMNS[c]: _cell(row.get(c)) for c in columns}
            for row in person_rows.tie_rows(record, view)]
    return pd.DataFrame(rows, columns=[person_rows.TIE_TABLE_COLUMNS[c] for c in columns])
