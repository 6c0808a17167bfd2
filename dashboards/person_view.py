"""The person page's figures, composed from ``graph.reads`` and ``analytics``.

The page draws; this module decides what to draw: which nodes and ties go on the
map and how they are marked, and the rows of the tie table. Every figure is an
``analytics`` function's answer.

Caching: one client's record (``person_record``) is cached for
``PERSON_CACHE_TTL_S`` seconds, keyed by the store, the viewer's role and scope id
and the client id, so a cached answer is only ever reused for the same scope; a
client outside the scope is cached as "not found" for that scope alone. Writes
made through the dashboard clear it (``clear_caches``). What is computed from the
record (``analytics.person.person_view`` as of the slider's date) takes tens of
milliseconds for a demo client and is not cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from assetmap import views
from assetmap.person_rows import PersonRecord
from assetmap.settings import AnalyticsSettings
from graph import reads
from graph.model import Role
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


def clear_caches() -> None:
    """Forget cached records, after a write made through the dashboard."""
    _cached_record.clear()


def analyse(record: PersonRecord, as_of: str, thresholds: AnalyticsSettings) -> dict[str, Any]:
    """``assetmap.views.person_figures`` on the record: every figure the page shows."""
    return views.person_figures(record, as_of=as_of, limits=thresholds).figures


@dataclass(frozen=True)
class Card:
    """One metric card: its value, the help behind the (?) and a caption under it."""

    value: str
    help: str = ""
    caption: str = ""


def _percent(share: Any) -> str:
    return "–" if share is None or share != share else f"{share:.0%}"


def paid_card(view: dict[str, Any]) -> Card:
    """The paid share, with its basis and the formal share behind it."""
    return Card(value=_percent(view["paid_share"]),
                help=f"Measured in {view['basis']}; formal (paid + professional) share "
                     f"{_percent(view['formal_share'])}")


def isolation_card(view: dict[str, Any]) -> Card:
    """At risk or not in the latest month of the series, and the three-month direction."""
    latest = view["isolation"][-1] if view["isolation"] else None
    value = "no data" if latest is None else "at risk" if latest["at_risk"] else "not at risk"
    return Card(value=value,
                help="Monthly composite score; LSNS-6 / UCLA-3 cut-offs where recorded",
                caption=f"Trend over the last three months: {view['isolation_direction']}")


def first_recorded(record: PersonRecord) -> date | None:
    """The earliest ``since`` among the client's ties: where the date slider starts."""
    starts = [value for value in record.data.ties["since"].dropna() if value]
    return date.fromisoformat(min(starts)) if starts else None


def what_if_choices(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """"name (kind)" -> ``what_if`` answer, one per direct supporter."""
    graph, ego = view["network"], view["network"].graph["ego"]
    return {f"{graph.nodes[r['tie']].get('name') or r['tie']} ({graph.edges[ego, r['tie']].get('kind')})": r
            for r in view["what_if"] if graph.has_edge(ego, r["tie"])}


def what_if_summary(view: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """A ``what_if`` answer with names instead of ids."""
    graph = view["network"]

    def names(nodes: list[Any]) -> str:
        return ", ".join(str(graph.nodes[n].get("name") or n) if n in graph else str(n)
                         for n in nodes) or "none"

    return {
        "Ties lost": names(result["ties_lost"]),
        "Connections that depend on it": names(result["dependent_connections"]),
        "Functions left uncovered": ", ".join(result["functions_uncovered"]) or "none",
        "Hours/week lost": f"{result['hours_lost']:g}",
        "Contacts/month lost": f"{result['contacts_lost']:g}",
        "Supporters who would fall apart": " | ".join(names(g) for g in result["split_groups"])
        or "none",
        "Contacts no longer reachable": names(result["unreachable"]),
    }


def trend_chart_frame(view: dict[str, Any]) -> pd.DataFrame:
    """The monthly isolation series as chart columns: composite score and instruments."""
    series = pd.DataFrame(view["isolation"], columns=["month", "score", "lsns6", "ucla3"])
    return (series.set_index("month")
            .rename(columns={"score": "Isolation score (0–100)", "lsns6": "LSNS-6 (0–30)",
                             "ucla3": "UCLA-3 (3–9)"}))


def suggestion_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"Asset": s["name"] or s["asset_id"], "Category": s["category"],
             "Fit (0–100)": s["score"], "Why": "; ".join(s["reasons"])}
            for s in view["suggestions"]]


