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
``event months`` events counted by person, month and kind: ``person_id, date`` (the
              month, ``YYYY-MM``), ``kind, count``
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
import numpy as np
import pandas as pd

from graph.model import SECOND_DEGREE_NAME, SECOND_DEGREE_PREFIX

LIST_COLUMNS = frozenset({
    "functions", "enabled_by", "risk_flags", "tags", "accessibility", "safeguarding",
    "needs", "interests", "access_needs", "risks", "functions_needed", "assets", "items",
})
NUMBER_COLUMNS = frozenset({"hours_per_week", "contacts_per_month", "strength", "score"})

TIE_COLUMNS: tuple[str, ...] = (
    "person_id", "tie_id", "to_id", "to_type", "name", "relationship", "kind", "functions",
    "hours_per_week", "contacts_per_month", "strength", "quality", "trusted", "since", "until",
    "status", "enabled_by", "risk_flags", "category",
    # The introduction plan, for the tie table and the report (not used by analytics).
    "mitigations", "plan_contact", "plan_travel", "plan_adjustments", "plan_exit",
    # What the workbench records (graph.model.TIE_WORK_COLUMNS) and who changed it last.
    "own_words", "end_reason", "plan_introduction", "plan_staff_role", "plan_boundaries",
    "plan_first_date", "introduced_on", "attending_on", "lapsed_on", "updated_by",
    "updated_at",
)
KNOWS_COLUMNS: tuple[str, ...] = ("a_id", "b_id", "since", "until")
EVENT_COLUMNS: tuple[str, ...] = ("person_id", "date", "kind", "other_id", "notes",
                                  "recorded_by")
MEASURE_COLUMNS: tuple[str, ...] = ("person_id", "date", "instrument", "score", "items",
                                    "recorded_by", "correction_reason", "corrected_at")
ASSET_COLUMNS: tuple[str, ...] = (
    "asset_id", "name", "category", "area", "tags", "accessibility", "cost", "safeguarding",
    "approved", "last_reviewed", "review_due", "status",
)
CLIENT_COLUMNS: tuple[str, ...] = (
    "person_id", "display_name", "area", "service", "practitioner", "needs", "interests",
    "access_needs", "risks", "functions_needed", "age_band", "start_date",
)


def _clean(column: str, value: Any) -> Any:
    if column in LIST_COLUMNS:
        return [] if value is None else list(value)
    if column in NUMBER_COLUMNS:
        return float("nan") if value is None else float(value)
    return value


def _objects(values: list[Any]) -> np.ndarray:
    """A 1-d object array of ``values`` (a list value stays one element, never an axis)."""
    return np.fromiter(values, dtype=object, count=len(values))


def frame(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    """A frame with exactly ``columns`` (extra keys dropped, missing ones filled).

    Built column by column from plain lists, with no pandas pass afterwards: a
    person's frames hold tens of rows, where every pandas call costs more than the data.
    """
    names = tuple(columns)
    rows = rows if isinstance(rows, list) else list(rows)
    return _table(_arrays(rows, names), names, len(rows))


def frame_by_client(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` of rows that come one per client: ``person_id`` and, for each other
    column, a list with one value per record (all of a row's lists as long as each
    other; a column the rows lack is filled). The driver then builds one record per
    client rather than one per tie, and that was most of the service view's time."""
    names = tuple(columns)
    values = _client_columns(rows, names)
    return _table(_column_arrays(values, names), names, len(values["person_id"]))


def dated_by_client(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    """``frame_by_client`` in (person, date) order, missing values last, as ``_dated``
    orders rows that come one per record."""
    names = tuple(columns)
    values = _client_columns(rows, names)
    people, dates = values["person_id"], values["date"]
    order = sorted(range(len(people)), key=lambda i: (people[i] is None, people[i] or "",
                                                      dates[i] is None, dates[i] or ""))
    ordered = {name: [column[i] for i in order] for name, column in values.items()}
    return _table(_column_arrays(ordered, names), names, len(order))


def _client_columns(rows: Iterable[Mapping[str, Any]], names: tuple[str, ...]
                    ) -> dict[str, list[Any]]:
    """Each column of ``names`` as one flat list, from rows of per-client lists."""
    rows = rows if isinstance(rows, list) else list(rows)
    lengths = [len(next(value for key, value in row.items() if key != "person_id"))
               for row in rows]
    person_ids = [row["person_id"] for row, length in zip(rows, lengths, strict=True)
                  for _ in range(length)]
    return {name: person_ids if name == "person_id" else
            [value for row, length in zip(rows, lengths, strict=True)
             for value in row.get(name) or [None] * length]
            for name in names}


def _arrays(rows: list[Mapping[str, Any]], names: tuple[str, ...]) -> list[np.ndarray]:
    return _column_arrays({name: [row.get(name) for row in rows] for name in names}, names)


def _column_arrays(columns: Mapping[str, list[Any]], names: tuple[str, ...]) -> list[np.ndarray]:
    arrays: list[np.ndarray] = []
    for name in names:
        values = columns[name]
        if name in LIST_COLUMNS:
            arrays.append(_objects([[] if value is None else list(value) for value in values]))
        elif name in NUMBER_COLUMNS:
            arrays.append(np.array([float("nan") if value is None else float(value)
                                    for value in values], dtype="float64"))
        else:
            # ``value == value`` is False only for NaN: one comparison, no call, per value.
            arrays.append(_objects([value if value == value else None for value in values]))
    return arrays


def _table(arrays: list[np.ndarray], names: tuple[str, ...], length: int) -> pd.DataFrame:
    """Columns as given: object columns stay object (text is never inferred as pandas'
    ``str`` dtype, so a missing value stays ``None``)."""
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is not None:  # pandas' own constructor under from_records: ~10x the public path
        return build(arrays, columns=pd.Index(names), index=pd.RangeIndex(length),
                     verify_integrity=False)
    return pd.DataFrame({name: pd.Series(array, dtype=array.dtype, copy=False)
                         for name, array in zip(names, arrays, strict=True)}, columns=list(names))


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
    return _dated(rows, EVENT_COLUMNS, person_id)


EVENT_MONTH_COLUMNS: tuple[str, ...] = ("person_id", "date", "kind", "count")


def event_months_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Events counted per person, month and kind, from rows of one client each with the
    lists ``date`` (the month, ``YYYY-MM``), ``kind`` and ``count``
    (``cypher/service_event_months.cypher``), as a frame ``person_id, date, kind, count``
    in (person, month) order: the shape ``analytics.isolation.isolation_series`` counts
    like single events."""
    return dated_by_client(rows, EVENT_MONTH_COLUMNS)


def measures_frame(rows: Iterable[Mapping[str, Any]], person_id: str | None = None) -> pd.DataFrame:
    """Measure rows as a frame, in date order."""
    return _dated(rows, MEASURE_COLUMNS, person_id)


def _dated(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...],
           person_id: str | None) -> pd.DataFrame:
    """Rows in (person, date) order, missing values last."""
    if person_id is not None:
        rows = ({**row, "person_id": person_id} for row in rows)
    # Sorted as plain records (pandas' sort of text columns costs more than the rows'
    # Python sort), missing values last as pandas would put them.
    ordered = sorted(rows, key=lambda row: (row.get("person_id") is None,
                                            row.get("person_id") or "",
                                            row.get("date") is None, row.get("date") or ""))
    return frame(ordered, columns)


def assets_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Asset rows as a frame; ``approved`` is a bool (absent means not approved)."""
    rows = rows if isinstance(rows, list) else list(rows)
    arrays = _arrays(rows, ASSET_COLUMNS)
    arrays[ASSET_COLUMNS.index("approved")] = np.array(
        [row.get("approved") is True for row in rows], dtype=bool)
    return _table(arrays, ASSET_COLUMNS, len(rows))


def connection_groups_frame(groups: Iterable[Mapping[str, Any]],
                            totals: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """``area, assets, clients``: the groups of connected clients as read, plus per area
    the group with no connection (an empty ``assets`` list): the area's clients who are
    in no group. Every client of the area is in exactly one row."""
    rows = [dict(row) for row in groups]
    connected: dict[Any, int] = {}
    for row in rows:
        connected[row.get("area")] = connected.get(row.get("area"), 0) + int(row["clients"])
    for total in totals:
        unconnected = int(total["clients"]) - connected.get(total.get("area"), 0)
        if unconnected > 0:
            rows.append({"area": total.get("area"), "assets": [], "clients": unconnected})
    return frame(rows, ("area", "assets", "clients"))


def clients_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Client rows as a frame."""
    return frame(rows, CLIENT_COLUMNS)


def records(table: pd.DataFrame, columns: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """``table.to_dict("records")`` (optionally of some columns) without pandas' per-call
    overhead: plain Python values, one dict per row."""
    names = list(table.columns if columns is None else columns)
    return [dict(zip(names, values, strict=True))
            for values in zip(*(table[name].tolist() for name in names), strict=True)]


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
    for tie in records(ties):
        target = tie["to_id"]
        if target == ego or not target:
            continue
        if target not in graph:
            graph.add_node(target, node_type=tie["to_type"] or "person", name=tie["name"],
                           category=tie["category"])
        graph.add_edge(ego, target, key=tie["tie_id"] or f"{ego}>{target}", relation="TIE",
                       **{k: v for k, v in tie.items() if k not in ("person_id",)})
    for link in records(knows):
        if ego in (link["a_id"], link["b_id"]):
            continue  # the client's own relationships are its ties
        for node in (link["a_id"], link["b_id"]):
            if node not in graph:
                unnamed = str(node).startswith(SECOND_DEGREE_PREFIX)
                graph.add_node(node, node_type="person", category=None,
                               name=SECOND_DEGREE_NAME if unnamed else None)
        graph.add_edge(link["a_id"], link["b_id"], key=f"knows@{link['since']}", relation="KNOWS",
                       since=link["since"], until=link["until"])
    return graph
