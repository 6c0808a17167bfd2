"""Query rows into the shapes analytics works on: pandas frames and NetworkX graphs.

No figures are computed here (they live in ``analytics/``); this module only gives
rows a fixed set of columns and types, so an empty answer still has every column
and a missing value is ``None`` (text, lists) or ``NaN`` (numbers).

Frames (one row per ...):

``ties``      tie: ``person_id, tie_id, to_id, to_type, name, relationship, kind,
              functions, hours_per_week, contacts_per_month, strength, quality, trusted,
              since, until, status, enabled_by, risk_flags, category``
``knows``     KNOWS link: ``a_id, b_id, since, until``
``events``    event: ``person_id, date, kind, other_id, notes``
``measures``  measure: ``person_id, date, instrument, score``
``assets``    asset: ``asset_id, name, category, area, tags, accessibility, cost,
              safeguarding, approved, last_reviewed, review_due``
``clients``   client: ``person_id, display_name, area, service, practitioner, needs,
              interests, access_needs, risks, functions_needed, age_band``

List columns always hold lists (empty when the property is absent). Dates stay
ISO ``YYYY-MM-DD`` strings, as stored.

The history graph (``history_graph``) is an ``nx.MultiGraph``: the client (node
attribute ``node_type="client"`` plus the client's properties), every tie ever
recorded as an edge ``relation="TIE"`` keyed by tie id with all tie columns, and
every KNOWS link among the people involved as an edge ``relation="KNOWS"``.
``analytics.network.support_network`` cuts it down to the network as of a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

LIST_COLUMNS = frozenset({
    "functions", "enabled_by", "risk_flags", "tags", "accessibility", "safeguarding",
    "needs", "interests", "access_needs", "risks", "functions_needed", "assets",
})
NUMBER_COLUMNS = frozenset({"hours_per_week", "contacts_per_month", "strength", "score"})

TIE_COLUMNS: tuple[str, ...] = (
    "person_id", "tie_id", "to_id", "to_type", "name", "relationship", "kind", "functions",
    "hours_per_week", "contacts_per_month", "strength", "quality", "trusted", "since", "until",
    "status", "enabled_by", "risk_flags", "category",
)
KNOWS_COLUMNS: tuple[str, ...] = ("a_id", "b_id", "since", "until")
EVENT_COLUMNS: tuple[str, ...] = ("person_id", "date", "kind", "other_id", "notes")
MEASURE_COLUMNS: tuple[str, ...] = ("person_id", "date", "instrument", "score")
ASSET_COLUMNS: tuple[str, ...] = (
    "asset_id", "name", "category", "area", "tags", "accessibility", "cost", "safeguarding",
    "approved", "last_reviewed", "review_due",
)
CLIENT_COLUMNS: tuple[str, ...] = (
    "person_id", "display_name", "area", "service", "practitioner", "needs", "interests",
    "access_needs", "risks", "functions_needed", "age_band",
)


def _clean(column: str, value: Any) -> Any:
    if column in LIST_COLUMNS:
        return [] if value is None else list(value)
    if column in NUMBER_COLUMNS:
        return float("nan") if value is None else float(value)
    return value


def frame(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    """A frame with exactly ``columns`` (extra keys dropped, missing ones filled)."""
    names = tuple(columns)
    records = [[_clean(name, row.get(name)) for name in names] for row in rows]
    table = pd.DataFrame.from_records(records, columns=list(names))
    for name in names:
        if name in NUMBER_COLUMNS:
            table[name] = table[name].astype("float64")
        elif name not in LIST_COLUMNS:
            # pandas turns an all-missing column into NaN; keep None so text stays text.
            column = table[name].astype(object)
            table[name] = column.where(column.notna(), None)
    return table


def ties_frame(rows: Iterable[Mapping[str, Any]], person_id: str | None = None) -> pd.DataFrame:
    """Tie rows as a frame; ``person_id`` fills the column when rows come from one client."""
    if person_id is not None:
        rows = ({**row, "person_id": person_id} for row in rows)
    return frame(rows, TIE_COLUMNS)


def knows_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """KNOWS rows as a frame, each pair once (smaller id first), self-links dropped."""
    seen: dict[tuple[str, str, Any], dict[str, Any]] = {}
    for row in rows:
        a, b = row.get("a_id"), row.get("b_id")
        if not a or not b or a == b:
            continue
        low, high = sorted((a, b))
        seen[(low, high, row.get("since"))] = {**row, "a_id": low, "b_id": high}
    return frame(seen.values(), KNOWS_COLUMNS)


def events_frame(rows: Iterable[Mapping[str, Any]], person_id: str | None = None) -> pd.DataFrame:
    """Event rows as a frame, in date order."""
    if person_id is not None:
        rows = ({**row, "person_id": person_id} for row in rows)
    table = frame(rows, EVENT_COLUMNS)
    return table.sort_values(["person_id", "date"], kind="stable").reset_index(drop=True)


def measures_frame(rows: Iterable[Mapping[str, Any]], person_id: str | None = None) -> pd.DataFrame:
    """Measure rows as a frame, in date order."""
    if person_id is not None:
        rows = ({**row, "person_id": person_id} for row in rows)
    table = frame(rows, MEASURE_COLUMNS)
    return table.sort_values(["person_id", "date"], kind="stable").reset_index(drop=True)


def assets_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Asset rows as a frame; ``approved`` is a bool (absent means not approved)."""
    table = frame(rows, ASSET_COLUMNS)
    table["approved"] = table["approved"].map(lambda value: value is True).astype(bool)
    return table


def clients_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Client rows as a frame."""
    return frame(rows, CLIENT_COLUMNS)


def client_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One client's properties with every column present (lists as lists)."""
    return {name: _clean(name, row.get(name)) for name in CLIENT_COLUMNS}


def history_graph(client: Mapping[str, Any], ties: pd.DataFrame, knows: pd.DataFrame) -> nx.MultiGraph:
    """Every tie and KNOWS link ever recorded around one client, undated.

    Parameters
    ----------
    client : mapping
        The client's properties (``client_record``); ``person_id`` names the ego.
    ties, knows : DataFrame
        From ``ties_frame`` and ``knows_frame``.

    Returns
    -------
    networkx.MultiGraph
        ``graph["ego"]`` is the client id. The ego node has ``node_type="client"``
        and the client's properties; other nodes have ``node_type`` "person",
        "asset" or "service" and a ``name``. TIE edges are keyed by tie id and carry
        the tie's columns; KNOWS edges carry ``since``/``until``.
    """
    ego = client["person_id"]
    graph = nx.MultiGraph(ego=ego)
    graph.add_node(ego, node_type="client", **{k: v for k, v in client.items() if k != "person_id"})
    for tie in ties.to_dict("records"):
        target = tie["to_id"]
        if target == ego or not target:
            continue
        if target not in graph:
            graph.add_node(target, node_type=tie["to_type"] or "person", name=tie["name"],
                           category=tie["category"])
        graph.add_edge(ego, target, key=tie["tie_id"] or f"{ego}>{target}", relation="TIE",
                       **{k: v for k, v in tie.items() if k not in ("person_id",)})
    for link in knows.to_dict("records"):
        if ego in (link["a_id"], link["b_id"]):
            continue  # the client's own relationships are its ties
        for node in (link["a_id"], link["b_id"]):
            if node not in graph:
                graph.add_node(node, node_type="person", name=None, category=None)
        graph.add_edge(link["a_id"], link["b_id"], key=f"knows@{link['since']}", relation="KNOWS",
                       since=link["since"], until=link["until"])
    return graph
