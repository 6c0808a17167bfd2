"""One client's person view as rows and map elements: what the person page and the
HTML report both show (the page adds its controls; the report prints).

Everything here is a pure function of ``assetmap.views.PersonView``'s parts: the
record read from the store and the figures ``analytics.person.person_view`` computed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from analytics.dates import client_start, first_record
from assetmap.network_map import MapNode, MapTie
from graph import reads
from graph.model import (
    AccessFeature,
    ConnectionStatus,
    EventKind,
    Quality,
    Risk,
    SupportFunction,
    TieKind,
    label,
)


@dataclass(frozen=True)
class PersonRecord:
    """What the store holds about one client, as the viewer may see it."""

    data: reads.PersonData

    @property
    def record_start(self) -> str | None:
        """When the client's record starts (``analytics.dates.client_start``)."""
        data = self.data
        return client_start(data.client.get("start_date"), first_record(
            data.ties["since"], data.events["date"], data.measures["date"]))


def single_point_ids(view: dict[str, Any]) -> set[Any]:
    return {entry["id"] for entry in view["single_points_of_failure"]}


#: The map layout's seed: the same history always gives the same picture.
LAYOUT_SEED = 15
#: Pixels per unit of the spring layout (its nodes sit about one unit apart).
LAYOUT_SCALE_PX = 120


def map_positions(history: nx.MultiGraph) -> dict[str, tuple[float, float]]:
    """Where each node goes on the map, in pixels from the person at (0, 0): a seeded
    ``networkx.spring_layout`` of every tie and KNOWS link ever recorded around the
    person (``PersonData.history``), nodes and links taken in sorted order. Laid out
    from the whole undated history, so the same person gives the same picture on every
    run and a supporter keeps their place whichever date the map is drawn for."""
    ego = history.graph["ego"]
    simple = nx.Graph()
    simple.add_nodes_from(sorted((str(n) for n in history.nodes), key=str))
    simple.add_edges_from(sorted(tuple(sorted((str(a), str(b))))
                                 for a, b in history.edges() if a != b))
    if len(simple) == 1:
        return {str(ego): (0.0, 0.0)}
    laid = nx.spring_layout(simple, seed=LAYOUT_SEED, pos={str(ego): (0.0, 0.0)},
                            fixed=[str(ego)], k=1.0, iterations=80)
    return {node: (float(x) * LAYOUT_SCALE_PX, float(y) * LAYOUT_SCALE_PX)
            for node, (x, y) in laid.items()}


def map_elements(view: dict[str, Any], positions: dict[str, tuple[float, float]] | None = None
                 ) -> tuple[list[MapNode], list[MapTie]]:
    """Nodes and lines for the map: the client, each supporter coloured by the kind of
    tie, second-degree contacts and KNOWS links in grey, single points of failure ringed;
    each node fixed at its place in ``positions`` (``map_positions``) when given."""
    nodes, ties = _map_elements(view)
    if positions is None:
        return nodes, ties
    return [replace(node, position=positions.get(node.id)) for node in nodes], ties


def _map_elements(view: dict[str, Any]) -> tuple[list[MapNode], list[MapTie]]:
    graph, ego = view["network"], view["network"].graph["ego"]
    fragile = single_point_ids(view)
    nodes = [MapNode(id=str(ego), label=str(graph.nodes[ego].get("display_name") or ego),
                     is_client=True, detail="the person")]
    ties: list[MapTie] = []
    for node in graph.nodes:
        if node == ego:
            continue
        name = str(graph.nodes[node].get("name") or node)
        if not graph.has_edge(ego, node):
            nodes.append(MapNode(id=str(node), label=name, single_point=node in fragile,
                                 detail=f"{name}\nknows one of the supporters"))
            continue
        tie = graph.edges[ego, node]
        nodes.append(MapNode(id=str(node), label=name, kind=str(tie.get("kind") or ""),
                             single_point=node in fragile,
                             detail=_tie_detail(name, tie, node in fragile)))
        ties.append(MapTie(source=str(ego), target=str(node), kind=str(tie.get("kind") or ""),
                           strength=_strength(tie.get("strength")),
                           strained=tie.get("quality") == Quality.STRAINED.value,
                           detail=f"{label(tie.get('kind'), TieKind)}: "
                                  f"{tie.get('relationship') or ''}"))
    for plan in view.get("planned_connections", []):
        name = str(plan.get("name") or plan["to_id"])
        if not any(node.id == str(plan["to_id"]) for node in nodes):
            nodes.append(MapNode(id=str(plan["to_id"]), label=name, kind="community",
                                 detail=f"{name}\nproposed introduction"))
        ties.append(MapTie(source=str(ego), target=str(plan["to_id"]), kind="community",
                           planned=True, detail=f"proposed introduction: {name}"))
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
    parts = [name, f"{label(tie.get('kind'), TieKind)} · {tie.get('relationship') or '-'}",
             "functions: " + (", ".join(label(fn, SupportFunction)
                                        for fn in tie.get("functions") or []) or "-")]
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


def tie_rows(record: PersonRecord, view: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per valid tie: the tie's facts, its plan, risks and mitigations."""
    graph, ego = view["network"], view["network"].graph["ego"]
    fragile = single_point_ids(view)
    rows = []
    for row in view["ties"]:
        tie = graph.edges[ego, row["to_id"]]
        rows.append({
            **row, "quality": tie.get("quality"), "name": row["name"] or row["to_id"],
            "kind": label(row["kind"], TieKind), "status": label(row["status"], ConnectionStatus),
            "functions": ", ".join(label(fn, SupportFunction) for fn in row["functions"]),
            "single_point": "yes" if row["to_id"] in fragile else "",
            "risk_flags": ", ".join(label(risk, Risk) for risk in tie.get("risk_flags") or []),
            **{key: tie.get(key) or "" for key in ("mitigations", "plan_contact",
                                                    "plan_travel", "plan_adjustments",
                                                    "plan_exit")},
        })
    return rows


PLANNED_COLUMNS: dict[str, str] = {
    "name": "Proposed connection", "since": "Proposed on", "plan_contact": "Who makes contact",
    "plan_travel": "Travel", "plan_adjustments": "Adjustments",
    "plan_exit": "If it does not work out", "risk_flags": "Risks", "mitigations": "Mitigations",
}


def planned_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per proposed introduction, with its plan (blank cells blank)."""
    return [{column: _cell(plan.get(column)) for column in PLANNED_COLUMNS}
            | {"name": plan.get("name") or plan["to_id"]}
            for plan in view.get("planned_connections", [])]


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(label(item) for item in value)
    return "" if value is None else str(value)


def trigger_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"Date": t["date"], "Trigger": label(t["kind"], EventKind), "Evidence": t["detail"]}
            for t in view["triggers"]]


# -- the person: what they are about, their risks and their history ------------------------
#: What an empty part of the profile reads as (the report has said it this way).
NONE_RECORDED = "none recorded"


def _words(codes: Any, vocabulary: type[Any] | None = None) -> str:
    return ", ".join(label(code, vocabulary) for code in codes or []) or NONE_RECORDED


def profile_rows(record: PersonRecord) -> dict[str, str]:
    """The person's interests, needs, the support they need and their access needs, in
    words (codes through ``graph.model.label``; an empty list reads "none recorded").
    Interests are the person's own words, shown as recorded."""
    client = record.data.client
    return {"Interests": ", ".join(str(i) for i in client.get("interests") or [])
                         or NONE_RECORDED,
            "Needs": _words(client.get("needs")),
            "Support needed": _words(client.get("functions_needed"), SupportFunction),
            "Access needs": _words(client.get("access_needs"), AccessFeature)}


RISK_COLUMNS = ("Risk", "Recorded on", "Mitigations agreed")


def risk_rows(view: dict[str, Any], risks: list[str]) -> list[dict[str, str]]:
    """Each risk recorded for the person (``risks``), then each risk flagged only on a
    connection, with where it is recorded and the mitigations agreed on the connections
    that flag it (current ties and proposed introductions on the view's date). No
    mitigation stored reads "none recorded"."""
    graph, ego = view["network"], view["network"].graph["ego"]
    connections = [{"name": row["name"] or row["to_id"],
                    **graph.edges[ego, row["to_id"]]} for row in view["ties"]]
    connections += [{**plan, "name": plan.get("name") or plan["to_id"]}
                    for plan in view.get("planned_connections", [])]
    flagged = [str(risk) for c in connections for risk in c.get("risk_flags") or []]
    rows = []
    for risk in dict.fromkeys([*(str(r) for r in risks), *flagged]):
        where = [c for c in connections if risk in (c.get("risk_flags") or [])]
        agreed = [f"{c['mitigations']} ({c['name']})" for c in where if c.get("mitigations")]
        rows.append({"Risk": label(risk, Risk),
                     "Recorded on": "; ".join([*(["the person"] if risk in risks else []),
                                               *(str(c["name"]) for c in where)]),
                     "Mitigations agreed": "; ".join(agreed) or NONE_RECORDED})
    return rows


def _newest_first(table: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.sort_values("date", ascending=False).to_dict("records")
    return rows


def _text(value: Any) -> str:
    """A recorded value as table text: missing (None, NaN) is blank, never "None"."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def review_rows(record: PersonRecord) -> list[dict[str, str]]:
    """The reviews recorded, newest first: date and notes."""
    events = record.data.events
    return [{"Date": _text(row["date"]), "Notes": _text(row.get("notes"))}
            for row in _newest_first(events[events["kind"] == EventKind.REVIEW.value])]


def event_rows(record: PersonRecord, view: dict[str, Any]) -> list[dict[str, str]]:
    """Every other recorded event (attendance, contacts, incidents, ...), newest first,
    with the person or place it was with by name where the network holds them."""
    events, graph = record.data.events, view["network"]

    def named(other: Any) -> str:
        text = _text(other)
        return str(graph.nodes[text].get("name") or text) if text in graph else text

    return [{"Date": _text(row["date"]), "Event": label(row["kind"], EventKind),
             "With": named(row.get("other_id")), "Notes": _text(row.get("notes"))}
            for row in _newest_first(events[events["kind"] != EventKind.REVIEW.value])]


def measure_rows(record: PersonRecord) -> list[dict[str, str]]:
    """The validated measures recorded, newest first: date, instrument, score."""
    return [{"Date": _text(row["date"]), "Instrument": _text(row["instrument"]),
             "Score": _text(row["score"])}
            for row in _newest_first(record.data.measures)]


#: Which rule decided a month's "at risk", in words.
DECIDED_BY = {"measures": "validated measures", "network": "network rule"}

MONTH_COLUMNS = ("Month", "At risk", "Decided by", "LSNS-6", "UCLA-3", "ASCOF 1I",
                 "Informal ties", "Contacts", "Attended", "Missed", "Crisis contacts")


def month_rows(view: dict[str, Any]) -> list[dict[str, str]]:
    """The isolation series month by month (``analytics.isolation``): at risk and why,
    the measures in date, ties, contacts, attendance and crisis contacts. A measure not
    in date is blank."""
    return [dict(zip(MONTH_COLUMNS, [
        _text(row["month"]), "yes" if row["at_risk"] else "no",
        DECIDED_BY.get(str(row.get("at_risk_basis")), label(row.get("at_risk_basis"))),
        *(_text(row.get(key)) for key in ("lsns6", "ucla3", "ascof_1i", "informal_ties",
                                          "contacts", "attended", "missed",
                                          "crisis_contacts"))], strict=True))
        for row in view["isolation"]]
