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

Each is ranked by what its loss costs the person (``single_points_of_failure``):
informal supporters and community connections first, formal services last as "only
provider" notes, each with a suggested action in plain words.

``what_if`` removes one tie and reports what goes with it. A connection that lists
several ids in ``enabled_by`` is taken to need *all* of them (the cautious reading:
losing any one enabler loses the connection), and losses cascade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from analytics.network import alters, functions_covered, tie_data
from graph.model import FORMAL_KINDS, SupportFunction, TieKind, label


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


#: Severities, most costly first (see ``single_points_of_failure``).
HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITIES = (HIGH, MEDIUM, LOW)

#: Where to look for a second source of each function, in plain words (our wording of
#: the usual options in asset-based practice; the directory's own assets are named
#: beside it when there are any).
LOOK_FOR: dict[str, str] = {
    SupportFunction.TRANSPORT.value: "community transport or a volunteer driver scheme",
    SupportFunction.SHOPPING.value: "a volunteer shopping scheme or online delivery",
    SupportFunction.MEALS.value: "a lunch club or meal delivery",
    SupportFunction.SOCIAL.value: "a group or club near them",
    SupportFunction.EMOTIONAL.value: "befriending or a peer support group",
    SupportFunction.CHECK_IN.value: "a befriending or telephone check-in service",
    SupportFunction.FINANCES.value: "an advice service, or a second trusted person for money",
    SupportFunction.ADVICE.value: "an advice service",
    SupportFunction.PRACTICAL.value: "a handyperson or good-neighbour scheme",
    SupportFunction.HOUSEWORK.value: "a home help service",
    SupportFunction.PERSONAL_CARE.value: "a second care provider",
    SupportFunction.MEDICATION.value: "a pharmacist's medication review",
    SupportFunction.CRISIS_CONTACT.value: "a second named crisis contact",
}


def is_formal(network: nx.Graph, node: Any) -> bool:
    """True when the client's tie to ``node`` is paid or professional (a service that can
    be re-commissioned); False for family, friends, neighbours, community connections,
    and for an enabler the client has no tie to (nothing says they can be replaced)."""
    ego = network.graph["ego"]
    if not network.has_edge(ego, node):
        return False
    return network.edges[ego, node].get("kind") in {kind.value for kind in FORMAL_KINDS}


def single_points_of_failure(
    network: nx.Graph, alternatives: Mapping[str, Sequence[str]] | None = None
) -> list[dict[str, Any]]:
    """Every supporter (or enabler) whose loss the network cannot absorb, ranked by what
    the loss costs the person, each with reasons and a suggested action in plain words.

    Severity (our rule, from the design's "informal supporters and community
    connections before replaceable formal services": an agency can be re-commissioned,
    a daughter cannot):

    * ``high`` — an informal supporter (family, friend, neighbour, community
      connection, or an enabler the client has no tie to) who alone gives a function
      the client needs (``functions_needed``), or on whom other connections depend
      (``enabled_by``);
    * ``medium`` — an informal supporter who alone gives a function the client receives
      but has not recorded as needed; a cut point (the only link between supporters
      who do not otherwise know each other); a formal service other connections
      depend on;
    * ``low`` — a paid or professional service that is only the sole provider of some
      function: an "only provider" note.

    An entry takes the highest severity of its reasons. Entries are ranked by severity,
    then by how much goes with them (functions only they give + connections depending
    on them + 1 for a cut point), most first, then by id.

    Parameters
    ----------
    network : networkx.Graph
        From ``analytics.network.support_network``.
    alternatives : mapping, optional
        Function code -> names of directory assets that could give it
        (``analytics.fit.assets_serving``), named in the action.

    Returns
    -------
    list of dict
        One entry per id: ``id``, ``name``, ``kind`` (the tie's kind code, None for an
        enabler with no tie), ``severity``, ``reasons`` (plain sentences, no codes),
        ``action`` (what to do, in plain words), ``functions`` (codes of the functions
        only they provide), ``dependent_connections`` (ids of connections that depend
        on them through ``enabled_by``, transitively), ``cut_point`` (bool).

    Examples
    --------
    The daughter alone does the shopping the client needs; the home care agency alone
    gives personal care. The daughter ranks first:

    >>> g = nx.Graph(ego="C")
    >>> g.add_node("C", functions_needed=["shopping", "personal_care"])
    >>> g.add_edge("C", "D", kind="natural", functions=["shopping", "emotional"])
    >>> g.add_edge("C", "F", kind="natural", functions=["emotional"])
    >>> g.add_edge("C", "H", kind="paid", functions=["personal_care"])
    >>> [(s["id"], s["severity"], s["functions"]) for s in single_points_of_failure(g)]
    [('D', 'high', ['shopping']), ('H', 'low', ['personal_care'])]
    >>> print(single_points_of_failure(g, {"shopping": ["Shopping Buddies"]})[0]["action"])
    No second person for shopping: look for a volunteer shopping scheme or online delivery (in the directory: Shopping Buddies). Offer them a carer's assessment.
    """
    needed = needed_functions(network)
    depending = dependents(network)
    supporters = supporter_graph(network)
    entries: dict[Any, dict[str, Any]] = {}
    severities: dict[Any, list[str]] = {}

    def entry(node: Any) -> dict[str, Any]:
        if node not in entries:
            ego = network.graph["ego"]
            name = network.nodes[node].get("name") if node in network else None
            kind = network.edges[ego, node].get("kind") if network.has_edge(ego, node) else None
            entries[node] = {"id": node, "name": name, "kind": kind, "severity": LOW,
                             "reasons": [], "action": "", "functions": [],
                             "dependent_connections": [], "cut_point": False}
            severities[node] = []
        return entries[node]

    for fn, found in sorted(providers(network).items()):
        if len(found) == 1:
            entry(found[0])["functions"].append(fn)
    for node, item in entries.items():
        formal = is_formal(network, node)
        wanted = [fn for fn in item["functions"] if fn in needed]
        only = [fn for fn in item["functions"] if fn not in needed]
        sole = "the only provider of " if formal else "the only one who gives "
        if wanted:
            item["reasons"].append(f"{sole}{_words(wanted)}, which the person needs")
            severities[node].append(LOW if formal else HIGH)
        if only:
            item["reasons"].append(f"{sole}{_words(only)}")
            severities[node].append(LOW if formal else MEDIUM)
    for enabler in depending:
        downstream = [a for a in lost_with(network, enabler, depending) if a != enabler]
        item = entry(enabler)
        item["dependent_connections"] = downstream
        item["reasons"].append(f"{_names(network, downstream)} "
                               f"{'depends' if len(downstream) == 1 else 'depend'} on them")
        severities[enabler].append(MEDIUM if is_formal(network, enabler) else HIGH)
    for node in sorted(nx.articulation_points(supporters), key=str):  # cut_points
        groups = _split_groups(network, node, {node}, supporters)
        item = entry(node)
        item["cut_point"] = True
        item["reasons"].append("the only link between supporters who do not otherwise know "
                               "each other: " + "; ".join(_names(network, g) for g in groups))
        severities[node].append(MEDIUM)
    for node, item in entries.items():
        item["severity"] = min(severities[node], key=SEVERITIES.index)
        item["action"] = _action(network, item, needed, alternatives or {},
                                 _split_groups(network, node, {node}, supporters)
                                 if item["cut_point"] else [])
    return sorted(entries.values(), key=lambda e: (
        SEVERITIES.index(e["severity"]),
        -(len(e["functions"]) + len(e["dependent_connections"]) + int(e["cut_point"])),
        str(e["id"])))


def _action(network: nx.Graph, item: dict[str, Any], needed: set[str],
            alternatives: Mapping[str, Sequence[str]], groups: list[list[Any]]) -> str:
    """What to do about one single point of failure, in plain words."""
    # Needed functions first: those are the gaps that hurt.
    functions = sorted(item["functions"], key=lambda fn: (fn not in needed, fn))
    if item["severity"] == LOW:
        return (f"Only provider of {_words(functions)}: a service can be re-commissioned, "
                "so no action unless it is at risk; keep the provider's details in the plan.")
    steps = []
    for fn in functions:
        named = list(alternatives.get(fn) or [])
        step = (f"No second {'provider' if is_formal(network, item['id']) else 'person'} "
                f"for {label(fn, SupportFunction)}: look for "
                f"{LOOK_FOR.get(fn, 'someone else who could help')}")
        steps.append(step + (f" (in the directory: {', '.join(named)})." if named else "."))
    if item["dependent_connections"]:
        steps.append(f"Agree a back-up so that {_names(network, item['dependent_connections'])} "
                     "can carry on without them.")
    if len(groups) > 1:
        steps.append("Introduce " + " to ".join(_names(network, g) for g in groups)
                     + ", so the network holds together without them.")
    if item["kind"] == TieKind.NATURAL.value and any(fn in needed for fn in functions):
        # Care Act 2014 s.10: a carer who gives necessary care has a right to an assessment.
        steps.append("Offer them a carer's assessment.")
    return " ".join(steps)


def _words(functions: list[str]) -> str:
    return ", ".join(label(fn, SupportFunction) for fn in functions)


def _names(network: nx.Graph, nodes: list[Any]) -> str:
    labels = [str(network.nodes[n].get("name") or n) if n in network else str(n) for n in nodes]
    return ", ".join(labels)
