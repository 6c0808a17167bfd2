"""One client's person view as rows and map elements: what the person page and the
HTML report both show (the page adds its controls; the report prints).

Everything here is a pure function of ``assetmap.views.PersonView``'s parts: the
record read from the store and the figures ``analytics.person.person_view`` computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assetmap.network_map import MapNode, MapTie
from graph import reads
from graph.model import Quality


@dataclass(frozen=True)
class PersonRecord:
    """What the store holds about one client, as the viewer may see it."""

    data: reads.PersonData


def single_point_ids(view: dict[str, Any]) -> set[Any]:
    return {entry["id"] for entry in view["single_points_of_failure"]}


def map_elements(view: dict[str, Any]) -> tuple[list[MapNode], list[MapTie]]:
    """Nodes and lines for the map: the client, each supporter coloured by the kind of
    tie, second-degree contacts and KNOWS links in grey, single points of failure ringed."""
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


def tie_rows(record: PersonRecord, view: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per valid tie: the tie's facts, its plan, risks and mitigations."""
    graph, ego = view["network"], view["network"].graph["ego"]
    fragile = single_point_ids(view)
    rows = []
    for row in view["ties"]:
        tie = graph.edges[ego, row["to_id"]]
        rows.append({
            **row, "quality": tie.get("quality"), "name": row["name"] or row["to_id"],
            "functions": ", ".join(row["functions"]),
            "single_point": "yes" if row["to_id"] in fragile else "",
            "risk_flags": ", ".join(tie.get("risk_flags") or []),
            **{key: tie.get(key) or "" for key in ("mitigations", "plan_contact",
                                                    "plan_travel", "plan_adjustments",
                                                    "plan_exit")},
        })
    return rows


def trigger_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"Date": t["date"], "Trigger": t["kind"].replace("_", " "), "Evidence": t["detail"]}
            for t in view["triggers"]]
