"""Single points of failure in one client's support network, and what-if for any tie.

Works on the simple graph of ``analytics.network.support_network``. Three kinds of
single point of failure (issue 4; the practice idea is the "fragile network" of
asset-based assessment, e.g. SCIE's strengths-based approaches guidance):

(a) *sole provider* — a support function the client needs (``functions_needed``) or
    receives that exactly one valid tie provides;
(b) *enabler* — a person or service that other connections depend on through the
    tie property ``enabled_by`` (the neighbour who drives the client to the café);
(c) *cut point* — a supporter whose removal splits the rest of the supporters into
    more groups, once the client is removed: an articulation point (Hopcroft &
    Tarjan 1973, "Efficient algorithms for graph manipulation", CACM 16(6)) of the
    KNOWS graph among the client's direct supporters.

``what_if`` removes one tie and reports what goes with it. A connection that lists
several ids in ``enabled_by`` is taken to need *all* of them (the cautious reading:
losing any one enabler loses the connection), and losses cascade.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from analytics.network import alters, functions_covered, tie_data


def needed_functions(network: nx.Graph) -> set[str]:
    """Functions the client is recorded as needing (``functions_needed``)."""
    ego = network.graph["ego"]
    return set(network.nodes[ego].get("functions_needed") or [])


def uncovered_functions(network: nx.Graph) -> list[str]:
    """Needed functions that no valid tie provides, sorted.

    Examples
    --------
    >>> g = nx.Graph(ego="C")
    >>> g.add_node("C", functions_needed=["shopping", "transport"])
    >>> g.add_edge("C", "N", functions=["shopping"])
    >>> uncovered_functions(g)
    ['transport']
    """
    return sorted(needed_functions(network) - functions_covered(network))


def providers(network: nx.Graph) -> dict[str, list[Any]]:
    """For every function needed or received, the alters whose tie provides it."""
    by_function: dict[str, list[Any]] = {fn: [] for fn in needed_functions(network)}
    for alter, data in tie_data(network).items():
        for fn in data.get("functions") or []:
            by_function.setdefault(fn, []).append(alter)
    return by_function


def dependents(network: nx.Graph) -> dict[Any, list[Any]]:
    """For every id named in some tie's ``enabled_by``, the alters whose tie depends on it
    (directly)."""
    depending: dict[Any, list[Any]] = {}
    for alter, data in tie_data(network).items():
        for enabler in data.get("enabled_by") or []:
            if enabler != alter:
                depending.setdefault(enabler, []).append(alter)
    return {enabler: sorted(found, key=str) for enabler, found in depending.items()}


def supporter_graph(network: nx.Graph) -> nx.Graph:
    """The KNOWS graph among the client's direct supporters, with the client removed."""
    return nx.Graph(network.subgraph(alters(network)))


def cut_points(network: nx.Graph) -> list[Any]:
    """Supporters whose loss would split the others into groups that do not know each other.

    Articulation points (Hopcroft & Tarjan 1973) of ``supporter_graph``: the client is
    removed first, because everyone is connected through the client.

    Examples
    --------
    A knows B, B knows D; without B, A and D are strangers:

    >>> g = nx.Graph(ego="C")
    >>> g.add_edges_from([("C", "A"), ("C", "B"), ("C", "D"), ("A", "B"), ("B", "D")])
    >>> cut_points(g)
    ['B']
    """
    return sorted(nx.articulation_points(supporter_graph(network)), key=str)


def lost_with(network: nx.Graph, alter: Any,
              depending: dict[Any, list[Any]] | None = None) -> list[Any]:
    """``alter`` and every connection that depends on it through ``enabled_by``,
    transitively (a lost connection's dependents are lost too). ``depending`` is
    ``dependents(network)`` when the caller has it already."""
    if depending is None:
        depending = dependents(network)
    lost = {alter}
    frontier = [alter]
    while frontier:
        for dependent in depending.get(frontier.pop(), []):
            if dependent not in lost:
                lost.add(dependent)
                frontier.append(dependent)
    return sorted(lost, key=str)


def what_if(network: nx.Graph, alter: Any) -> dict[str, Any]:
    """What the client loses if the tie to ``alter`` ends.

    Parameters
    ----------
    network : networkx.Graph
        From ``support_network`` (radius 1 or 2).
    alter : node
        A direct supporter of the client.

    Returns
    -------
    dict
        ``ties_lost`` — ``alter`` and the connections depending on it (``lost_with``);
        ``dependent_connections`` — those connections without ``alter``;
        ``functions_uncovered`` — functions needed or received that only the lost ties
        provided; ``hours_lost`` / ``contacts_lost`` — sums of ``hours_per_week`` /
        ``contacts_per_month`` over the lost ties (missing values count 0);
        ``split_groups`` — if the supporters that knew each other through ``alter``
        fall apart, the groups they fall into (else empty);
        ``unreachable`` — second-degree contacts reachable only through lost ties.

    Examples
    --------
    The neighbour N drives the client to the café A; N is the only transport:

    >>> g = nx.Graph(ego="C")
    >>> g.add_node("C", functions_needed=["transport"])
    >>> g.add_edge("C", "N", functions=["transport"], hours_per_week=2.0)
    >>> g.add_edge("C", "A", functions=["social"], hours_per_week=3.0, enabled_by=["N"])
    >>> result = what_if(g, "N")
    >>> result["ties_lost"], result["functions_uncovered"], result["hours_lost"]
    (['A', 'N'], ['social', 'transport'], 5.0)
    """
    return _what_if(network, alter, _Shared(network))


class _Shared:
    """What every ``what_if`` on one network needs, computed once for all of its ties."""

    def __init__(self, network: nx.Graph) -> None:
        self.ties = tie_data(network)
        self.depending = dependents(network)
        self.supporters = supporter_graph(network)


def what_if_all(network: nx.Graph) -> list[dict[str, Any]]:
    """``what_if`` for every direct supporter, in ``alters`` order (the shared parts
    of the network worked out once)."""
    shared = _Shared(network)
    return [_what_if(network, alter, shared) for alter in alters(network)]


def _what_if(network: nx.Graph, alter: Any, shared: _Shared) -> dict[str, Any]:
    ego = network.graph["ego"]
    ties = shared.ties
    if alter not in ties:
        raise KeyError(f"{alter!r} is not a direct supporter of {ego!r}")
    lost = lost_with(network, alter, shared.depending)
    kept = [a for a in ties if a not in lost]
    kept_functions = {fn for a in kept for fn in ties[a].get("functions") or []}
    lost_functions = {fn for a in lost for fn in ties[a].get("functions") or []}
    return {
        "tie": alter,
        "ties_lost": lost,
        "dependent_connections": [a for a in lost if a != alter],
        "functions_uncovered": sorted(lost_functions - kept_functions),
        "hours_lost": sum(_amount(ties[a].get("hours_per_week")) for a in lost),
        "contacts_lost": sum(_amount(ties[a].get("contacts_per_month")) for a in lost),
        "split_groups": _split_groups(network, alter, set(lost), shared.supporters),
        "unreachable": _unreachable(network, set(lost)),
    }


def _amount(value: Any) -> float:
    if value is None or (isinstance(value, float) and value != value):
        return 0.0
    return float(value)


def _split_groups(network: nx.Graph, alter: Any, lost: set[Any],
                  supporters: nx.Graph | None = None) -> list[list[Any]]:
    if supporters is None:
        supporters = supporter_graph(network)
    before = nx.node_connected_component(supporters, alter) - lost
    after = [sorted(group, key=str) for group in
             nx.connected_components(supporters.subgraph(before))]
    return sorted(after, key=lambda group: [str(n) for n in group]) if len(after) > 1 else []


def _unreachable(network: nx.Graph, lost: set[Any]) -> list[Any]:
    ego = network.graph["ego"]
    remaining = network.subgraph(set(network) - lost)
    reachable = nx.node_connected_component(remaining, ego)
    return sorted((n for n in remaining if n not in reachable), key=str)


def single_points_of_failure(network: nx.Graph) -> list[dict[str, Any]]:
    """Every supporter (or enabler) whose loss the network cannot absorb, with reasons in words.

    Returns
    -------
    list of dict
        One entry per id: ``id``, ``name``, ``reasons`` (sentences), ``functions`` (the
        functions only they provide), ``dependent_connections`` (connections that
        depend on them through ``enabled_by``, transitively), ``cut_point`` (bool).
        Sorted by number of reasons (most first), then id.

    Examples
    --------
    >>> g = nx.Graph(ego="C")
    >>> g.add_node("C", functions_needed=["shopping"])
    >>> g.add_edge("C", "D", functions=["shopping", "emotional"])
    >>> g.add_edge("C", "F", functions=["emotional"])
    >>> [(s["id"], s["functions"]) for s in single_points_of_failure(g)]
    [('D', ['shopping'])]
    """
    needed = needed_functions(network)
    depending = dependents(network)
    supporters = supporter_graph(network)
    entries: dict[Any, dict[str, Any]] = {}

    def entry(node: Any) -> dict[str, Any]:
        if node not in entries:
            name = network.nodes[node].get("name") if node in network else None
            entries[node] = {"id": node, "name": name, "reasons": [], "functions": [],
                             "dependent_connections": [], "cut_point": False}
        return entries[node]

    for fn, found in sorted(providers(network).items()):
        if len(found) == 1:
            item = entry(found[0])
            item["functions"].append(fn)
    for item in entries.values():
        wanted = [fn for fn in item["functions"] if fn in needed]
        only = [fn for fn in item["functions"] if fn not in needed]
        if wanted:
            item["reasons"].append(f"only source of needed support: {', '.join(wanted)}")
        if only:
            item["reasons"].append(f"only one providing: {', '.join(only)}")
    for enabler in depending:
        downstream = [a for a in lost_with(network, enabler, depending) if a != enabler]
        item = entry(enabler)
        item["dependent_connections"] = downstream
        item["reasons"].append(f"{_names(network, downstream)} depend on them (enabled_by)")
    for node in sorted(nx.articulation_points(supporters), key=str):  # cut_points
        groups = _split_groups(network, node, {node}, supporters)
        item = entry(node)
        item["cut_point"] = True
        item["reasons"].append(
            "the only link between supporters who do not otherwise know each other: "
            + " | ".join(_names(network, group) for group in groups)
        )
    return sorted(entries.values(), key=lambda e: (-len(e["reasons"]), str(e["id"])))


def _names(network: nx.Graph, nodes: list[Any]) -> str:
    labels = [str(network.nodes[n].get("name") or n) if n in network else str(n) for n in nodes]
    return ", ".join(labels)
