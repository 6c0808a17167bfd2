"""The person page's figures, composed from ``graph.reads`` and ``analytics``.

The page draws; this module decides what to draw: which nodes and ties go on the
map and how they are marked, and the rows of the tie table. Every figure is an
``analytics`` function's answer.

Caching: one client's record (``person_record``) is cached for
``PERSON_CACHE_TTL_S`` seconds, keyed by the store, the viewer's role and scope id
and the client id, so a cached answer is only ever reused for the same scope; a
client outside the scope is cached as "not found" for that scope alone. Writes
made through the dashboard clear it (``clear_caches``). What is computed from the
record (network as of a date, single points of failure, what-if) is cheap (a few
ms for tens of nodes) and is not cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from analytics.dates import months_ending
from analytics.isolation import direction, isolation_series
from analytics.network import support_network, tie_table
from analytics.resilience import single_points_of_failure
from dashboards.network_map import MapNode, MapTie
from graph import reads
from graph.dashboard_reads import tie_plans
from graph.model import Quality, Role
from graph.scope import Scope
from graph.store import GraphStore, Row

#: Seconds a client's record stays cached: long enough for the slider and what-if to
#: redraw without a query, short enough that an import from the command line shows
#: within a minute.
PERSON_CACHE_TTL_S = 60


@dataclass(frozen=True)
class PersonRecord:
    """What the store holds about one client, as the viewer may see it."""

    data: reads.PersonData
    plans: dict[str, Row]


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
    return PersonRecord(data=data, plans=tie_plans(_store, scope, person_id))


def clear_caches() -> None:
    """Forget cached records, after a write made through the dashboard."""
    _cached_record.clear()


@dataclass(frozen=True)
class NetworkOnDate:
    """The client's support network on one date and its single points of failure."""

    as_of: str
    graph: nx.Graph
    single_points: list[dict[str, Any]]

    @property
    def single_point_ids(self) -> set[Any]:
        return {entry["id"] for entry in self.single_points}


def network_on(record: PersonRecord, as_of: str) -> NetworkOnDate:
    """The network valid on ``as_of`` (ties in use only) and where it is fragile."""
    graph = support_network(record.data.history, as_of)
    return NetworkOnDate(as_of=as_of, graph=graph,
                         single_points=single_points_of_failure(graph))


def map_elements(network: NetworkOnDate) -> tuple[list[MapNode], list[MapTie]]:
    """Nodes and lines for the map: the client, each supporter coloured by the kind of
    tie, KNOWS links among supporters in grey, single points of failure ringed."""
    graph, ego = network.graph, network.graph.graph["ego"]
    fragile = network.single_point_ids
    nodes = [MapNode(id=str(ego), label=str(graph.nodes[ego].get("display_name") or ego),
                     is_client=True, detail="the person")]
    ties: list[MapTie] = []
    for alter in graph.neighbors(ego):
        tie = graph.edges[ego, alter]
        name = str(graph.nodes[alter].get("name") or alter)
        nodes.append(MapNode(id=str(alter), label=name, kind=str(tie.get("kind") or ""),
                             single_point=alter in fragile,
                             detail=_tie_detail(name, tie, alter in fragile)))
        ties.append(MapTie(source=str(ego), target=str(alter), kind=str(tie.get("kind") or ""),
                           strength=_strength(tie.get("strength")),
                           strained=tie.get("quality") == Quality.STRAINED.value,
                           detail=f"{tie.get('kind')}: {tie.get('relationship') or ''}"))
    for a, b, link in graph.edges(data=True):
        if link.get("relation") == "KNOWS":
            ties.append(MapTie(source=str(a), target=str(b), detail="know each other"))
    return nodes, ties


def _strength(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None


def _tie_detail(name: str, tie: dict[str, Any], fragile: bool) -> str:
    parts = [name, f"{tie.get('kind')} · {tie.get('relationship') or '-'}",
             "functions: " + (", ".join(tie.get("functions") or []) or "-")]
    if fragile:
        parts.append("single point of failure")
    return "\n".join(parts)


TIE_TABLE_COLUMNS: dict[str, str] = {
    "name": "Who / what", "kind": "Kind", "relationship": "Relationship",
    "functions": "Functions", "hours_per_week": "Hours/week",
    "contacts_per_month": "Contacts/month", "strength": "Strength", "quality": "Quality",
    "status": "Status", "since": "Since", "single_point": "Single point of failure",
    "risk_flags": "Risks", "mitigations": "Mitigations", "plan_contact": "Plan: contact",
    "plan_travel": "Plan: travel", "plan_adjustments": "Plan: adjustments",
    "plan_exit": "Plan: if it does not work out",
}


def tie_rows(record: PersonRecord, network: NetworkOnDate) -> list[dict[str, Any]]:
    """One row per valid tie: the tie's facts, its plan, risks and mitigations."""
    graph, ego = network.graph, network.graph.graph["ego"]
    rows = []
    for row in tie_table(graph):
        tie = graph.edges[ego, row["to_id"]]
        plan = record.plans.get(tie.get("tie_id"), {})
        rows.append({
            **row, "quality": tie.get("quality"),
            "name": row["name"] or row["to_id"],
            "functions": ", ".join(row["functions"]),
            "single_point": "yes" if row["to_id"] in network.single_point_ids else "",
            "risk_flags": ", ".join(plan.get("risk_flags") or tie.get("risk_flags") or []),
            **{key: plan.get(key) or "" for key in ("mitigations", "plan_contact",
                                                     "plan_travel", "plan_adjustments",
                                                     "plan_exit")},
        })
    return rows


def first_recorded(record: PersonRecord) -> date | None:
    """The earliest ``since`` among the client's ties: where the date slider starts."""
    starts = [value for value in record.data.ties["since"].dropna() if value]
    return date.fromisoformat(min(starts)) if starts else None


def alter_choices(network: NetworkOnDate) -> dict[str, str]:
    """Direct supporters on the date, id -> "name (kind)", for the what-if control."""
    graph, ego = network.graph, network.graph.graph["ego"]
    return {alter: f"{graph.nodes[alter].get('name') or alter} ({graph.edges[ego, alter].get('kind')})"
            for alter in sorted(graph.neighbors(ego), key=str)}


def what_if_summary(network: NetworkOnDate, result: dict[str, Any]) -> dict[str, Any]:
    """``analytics.resilience.what_if``'s answer with names instead of ids."""
    def name(node: Any) -> str:
        return str(network.graph.nodes[node].get("name") or node) if node in network.graph else str(node)

    return {
        "Ties lost": ", ".join(name(node) for node in result["ties_lost"]),
        "Connections that depend on it": ", ".join(name(n) for n in result["dependent_connections"]) or "none",
        "Functions left uncovered": ", ".join(result["functions_uncovered"]) or "none",
        "Hours/week lost": result["hours_lost"],
        "Contacts/month lost": result["contacts_lost"],
        "Supporters who would fall apart": " | ".join(
            ", ".join(name(n) for n in group) for group in result["split_groups"]) or "none",
    }


#: Months of isolation history the trend chart shows.
TREND_MONTHS = 12


def isolation_trend(record: PersonRecord, as_of: str) -> tuple[pd.DataFrame, str]:
    """The monthly isolation series up to ``as_of`` and its direction of change."""
    series = isolation_series(record.data.ties, record.data.events, record.data.measures,
                              months_ending(as_of, TREND_MONTHS), as_of=as_of,
                              people=[record.data.person_id])
    trend = direction(series)
    return series, (str(trend["direction"].iloc[0]) if not trend.empty else "unknown")


def trend_chart_frame(series: pd.DataFrame) -> pd.DataFrame:
    """The series as chart columns: the composite score and each instrument's score."""
    return (series.set_index("month")[["score", "lsns6", "ucla3"]]
            .rename(columns={"score": "Isolation score (0–100)", "lsns6": "LSNS-6 (0–30)",
                             "ucla3": "UCLA-3 (3–9)"}))
