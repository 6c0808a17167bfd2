"""A client's support network on a date, and the ego-network measures practitioners know.

Definitions follow egocentric network analysis (Perry, Pescosolido & Borgatti,
*Egocentric Network Analysis: Foundations, Methods, and Models*, CUP 2018;
Wellman's personal-community studies): the client is the *ego*, each person,
asset or service they hold a tie to is an *alter*, and alter–alter links (here
``KNOWS``) describe the network's structure.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from analytics.dates import valid_on
from graph.model import ACTIVE_CONNECTION_STATUSES, ConnectionStatus, TieKind

#: Strength is recorded 1 (weak) to 5 (very close); 4 and 5 count as strong ties.
STRONG_TIE_FROM = 4


def in_use(status: object) -> bool:
    """A tie is in use unless it is an asset connection that is only proposed, lapsed or
    ended: ties without a status (people, services) are in use while valid."""
    if status is None or status == "" or (isinstance(status, float) and status != status):
        return True
    return status in ACTIVE_CONNECTION_STATUSES


def support_network(
    history: nx.MultiGraph, as_of: str, radius: int = 1, *, include_unused: bool = False
) -> nx.Graph:
    """The ties valid on ``as_of`` and the supporters' KNOWS links, as a simple graph.

    Parameters
    ----------
    history : networkx.MultiGraph
        Every tie and KNOWS link ever recorded around one client
        (``graph.frames.history_graph``); ``history.graph["ego"]`` is the client.
    as_of : str
        ``YYYY-MM-DD``. A tie or link counts when ``since <= as_of`` (or no
        ``since``) and it has no ``until`` or ``until > as_of``.
    radius : {1, 2}
        1: the client, their supporters and KNOWS links among supporters.
        2: also the people supporters know (second-degree contacts).
    include_unused : bool
        Keep asset connections that are proposed, lapsed or ended (see ``in_use``);
        by default only ties in use count as support.

    Returns
    -------
    networkx.Graph
        ``graph["ego"]`` and ``graph["as_of"]`` set. Each node keeps its attributes and
        gains ``distance`` (0 for the client). Client–alter edges have
        ``relation="TIE"`` and the tie's attributes; if two ties to the same alter are
        both valid (a tie re-recorded with a later ``since``), the later one is kept.
        Other edges have ``relation="KNOWS"``.

    Examples
    --------
    >>> history = nx.MultiGraph(ego="C")
    >>> history.add_node("C", node_type="client")
    >>> history.add_node("N", node_type="person")
    >>> _ = history.add_edge("C", "N", key="t1", relation="TIE", kind="natural",
    ...                      since="2024-01-01", until=None)
    >>> sorted(support_network(history, "2024-06-01").nodes)
    ['C', 'N']
    >>> sorted(support_network(history, "2023-06-01").nodes)
    ['C']
    """
    if radius not in (1, 2):
        raise ValueError("radius is 1 or 2")
    ego = history.graph["ego"]
    network = nx.Graph(ego=ego, as_of=as_of)
    network.add_node(ego, **history.nodes[ego])
    chosen: dict[Any, dict[str, Any]] = {}
    for _, alter, data in history.edges(ego, data=True):
        if data.get("relation") != "TIE" or not valid_on(data.get("since"), data.get("until"), as_of):
            continue
        if not include_unused and not in_use(data.get("status")):
            continue
        if alter not in chosen or str(data.get("since") or "") > str(chosen[alter].get("since") or ""):
            chosen[alter] = data
    for alter, data in chosen.items():
        network.add_node(alter, **history.nodes[alter])
        network.add_edge(ego, alter, **data)
    for a, b, data in history.edges(data=True):
        if data.get("relation") != "KNOWS" or not valid_on(data.get("since"), data.get("until"), as_of):
            continue
        a_near, b_near = a in chosen, b in chosen
        if (a_near and b_near) or (radius == 2 and (a_near or b_near)):
            for node in (a, b):
                if node not in network:
                    network.add_node(node, **history.nodes[node])
            network.add_edge(a, b, **data)
    for node, distance in nx.single_source_shortest_path_length(network, ego, cutoff=2).items():
        network.nodes[node]["distance"] = distance
    return network


def dated_history(history: nx.MultiGraph, start: str | None) -> nx.MultiGraph:
    """``history`` with every undated tie counted from ``start`` (the client's record
    start, ``analytics.dates.client_start``) instead of from the beginning of time.

    KNOWS links keep their dates: they describe the supporters, not the client's record.
    The graph is returned unchanged when there is no start or no undated tie.

    Examples
    --------
    >>> history = nx.MultiGraph(ego="C")
    >>> _ = history.add_edge("C", "GP", key="t1", relation="TIE", kind="professional")
    >>> dated = dated_history(history, "2024-02-01")
    >>> sorted(support_network(dated, "2024-06-01").nodes), sorted(support_network(dated, "2020-06-01").nodes)
    (['C', 'GP'], ['C'])
    """
    undated = [(a, b, key) for a, b, key, data in history.edges(keys=True, data=True)
               if data.get("relation") == "TIE"
               and (not isinstance(data.get("since"), str) or data.get("since") == "")]
    if start is None or not undated:
        return history
    dated = history.copy()
    for a, b, key in undated:
        dated.edges[a, b, key]["since"] = start
    return dated


#: What a planned connection carries: the tie's facts and its introduction plan.
PLAN_FIELDS = ("status", "since", "functions", "enabled_by", "risk_flags", "mitigations",
               "plan_contact", "plan_travel", "plan_adjustments", "plan_exit")


def planned_connections(history: nx.MultiGraph, as_of: str) -> list[dict[str, Any]]:
    """Asset connections proposed on ``as_of`` (valid then, status ``proposed``): not yet
    support, so left out of every figure, but shown with their introduction plan.

    Examples
    --------
    >>> history = nx.MultiGraph(ego="C")
    >>> history.add_node("A", name="Lunch club", node_type="asset")
    >>> _ = history.add_edge("C", "A", key="t", relation="TIE", kind="community",
    ...                      status="proposed", since="2025-05-01", plan_travel="Minibus")
    >>> [(p["to_id"], p["name"], p["plan_travel"]) for p in planned_connections(history, "2025-06-30")]
    [('A', 'Lunch club', 'Minibus')]
    """
    ego = history.graph["ego"]
    found = []
    for _, alter, data in history.edges(ego, data=True):
        if (data.get("relation") == "TIE" and data.get("status") == ConnectionStatus.PROPOSED.value
                and valid_on(data.get("since"), data.get("until"), as_of)):
            found.append({"to_id": alter, "name": history.nodes[alter].get("name"),
                          **{field: _plain_value(data.get(field)) for field in PLAN_FIELDS}})
    return sorted(found, key=lambda item: str(item["to_id"]))


def _plain_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return sorted(str(item) for item in value)
    return None if value is None or (isinstance(value, float) and value != value) else value


def alters(network: nx.Graph) -> list[Any]:
    """The client's direct supporters (people, assets and services with a valid tie)."""
    ego = network.graph["ego"]
    return sorted(network.neighbors(ego), key=str)


def tie_data(network: nx.Graph) -> dict[Any, dict[str, Any]]:
    """Each alter's tie attributes, keyed by alter id."""
    ego = network.graph["ego"]
    return {alter: network.edges[ego, alter] for alter in alters(network)}


def composition(network: nx.Graph) -> dict[str, int]:
    """How many ties of each kind (natural, community, professional, paid) the client has.

    Composition by source of support is the first thing an asset map shows
    (Perry et al. 2018, ch. 6: "network composition"). Every kind is present, zero if
    none.

    Examples
    --------
    >>> g = nx.Graph(ego="C")
    >>> g.add_edge("C", "N", kind="natural"); g.add_edge("C", "H", kind="paid")
    >>> composition(g)["natural"], composition(g)["paid"], composition(g)["community"]
    (1, 1, 0)
    """
    counts = Counter(str(data.get("kind")) for data in tie_data(network).values())
    return {kind.value: counts.get(kind.value, 0) for kind in TieKind}


def functions_covered(network: nx.Graph) -> set[str]:
    """Distinct support functions provided by at least one valid tie."""
    return {fn for data in tie_data(network).values() for fn in (data.get("functions") or [])}


def ego_measures(network: nx.Graph) -> dict[str, float | int | None]:
    """Size, density among supporters, share of strong ties and functions covered.

    Definitions (Perry, Pescosolido & Borgatti 2018, ch. 6; Wellman 2007):

    * ``size`` — number of alters: people, assets and services with a valid tie.
    * ``density`` — KNOWS links among the *person* alters divided by the possible
      pairs, ``L / (n (n - 1) / 2)``; assets and services cannot know anyone, so they
      are left out of ``n``. ``None`` with fewer than two person alters.
    * ``strong_share`` — ties of strength 4–5 (on the 1–5 scale) divided by ties with
      a recorded strength; ``None`` if no strength is recorded.
    * ``functions_covered`` — number of distinct support functions the ties provide.

    Examples
    --------
    Two neighbours who know each other and a paid carer:

    >>> g = nx.Graph(ego="C")
    >>> g.add_node("C", node_type="client")
    >>> for alter, kind, strength in [("A", "natural", 5), ("B", "natural", 2), ("H", "paid", 3)]:
    ...     g.add_node(alter, node_type="person")
    ...     g.add_edge("C", alter, kind=kind, strength=strength, functions=["check_in"])
    >>> g.add_edge("A", "B", relation="KNOWS")
    >>> ego_measures(g)
    {'size': 3, 'density': 0.3333333333333333, 'strong_share': 0.3333333333333333, 'functions_covered': 1}
    """
    ties = tie_data(network)
    people = [a for a in ties if network.nodes[a].get("node_type", "person") == "person"]
    links = network.subgraph(people).number_of_edges()
    pairs = len(people) * (len(people) - 1) / 2
    strengths = [float(d["strength"]) for d in ties.values() if _recorded(d.get("strength"))]
    return {
        "size": len(ties),
        "density": links / pairs if pairs else None,
        "strong_share": (sum(s >= STRONG_TIE_FROM for s in strengths) / len(strengths)
                         if strengths else None),
        "functions_covered": len(functions_covered(network)),
    }


def _recorded(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and value != value)


def tie_table(network: nx.Graph) -> list[dict[str, Any]]:
    """One plain record per valid tie, for tables and JSON: ``to_id``, ``name``,
    ``to_type``, ``kind``, ``relationship``, ``functions``, ``hours_per_week``,
    ``contacts_per_month``, ``strength``, ``status``, ``since``, ``enabled_by``."""
    rows = []
    for alter, data in tie_data(network).items():
        rows.append({
            "to_id": alter,
            "name": network.nodes[alter].get("name"),
            "to_type": network.nodes[alter].get("node_type"),
            "kind": data.get("kind"),
            "relationship": data.get("relationship"),
            "functions": sorted(data.get("functions") or []),
            "hours_per_week": _number(data.get("hours_per_week")),
            "contacts_per_month": _number(data.get("contacts_per_month")),
            "strength": _number(data.get("strength")),
            "status": data.get("status"),
            "since": data.get("since"),
            "enabled_by": sorted(data.get("enabled_by") or []),
        })
    return rows


def _number(value: Any) -> float | None:
    return float(value) if _recorded(value) else None
