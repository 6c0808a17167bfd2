"""Single points of failure and what-if: Edna's network by hand, then property checks
against NetworkX's own algorithms on random networks."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.network import support_network
from analytics.resilience import (
    cut_points,
    lost_with,
    single_points_of_failure,
    uncovered_functions,
    what_if,
)

from .handmade import AS_OF, edna_history


def test_edna_single_points_of_failure_worked_by_hand() -> None:
    # Needed: shopping, transport, check_in, finances. Providers on 2025-06-30:
    #   shopping S-1 only; transport, check_in S-2 only; emotional S-1 and S-5 (not sole);
    #   social A-1; personal_care, meals SVC-HC; medication SVC-GP.
    # enabled_by: A-1 depends on S-2.
    # KNOWS among supporters: S-1–S-2–S-5, so S-2 is the one link between S-1 and S-5.
    found = {entry["id"]: entry for entry in single_points_of_failure(
        support_network(edna_history(), AS_OF))}
    assert sorted(found) == ["A-1", "S-1", "S-2", "SVC-GP", "SVC-HC"]
    neighbour = found["S-2"]
    assert neighbour["functions"] == ["check_in", "transport"]
    assert neighbour["dependent_connections"] == ["A-1"]
    assert neighbour["cut_point"] is True
    assert neighbour["reasons"] == [
        "only source of needed support: check_in, transport",
        "A-1 depend on them (enabled_by)",
        "the only link between supporters who do not otherwise know each other: S-1 | S-5",
    ]
    assert found["S-1"]["reasons"] == ["only source of needed support: shopping"]
    assert found["SVC-HC"]["functions"] == ["meals", "personal_care"]
    # S-2 has three reasons, so it comes first.
    assert single_points_of_failure(support_network(edna_history(), AS_OF))[0]["id"] == "S-2"


def test_uncovered_functions() -> None:
    # finances is needed and nobody provides it.
    assert uncovered_functions(support_network(edna_history(), AS_OF)) == ["finances"]


def test_what_if_the_neighbour_stops() -> None:
    # Losing S-2 loses A-1 too (enabled_by). Functions only they gave: transport,
    # check_in (S-2), social. Hours 1.5 + 2 = 3.5; contacts 8 + 4 = 12.
    # S-1 and S-5 knew each other only through S-2. S-4 (radius 2) was reachable only via S-2.
    result = what_if(support_network(edna_history(), AS_OF, radius=2), "S-2")
    assert result["ties_lost"] == ["A-1", "S-2"]
    assert result["dependent_connections"] == ["A-1"]
    assert result["functions_uncovered"] == ["check_in", "social", "transport"]
    assert result["hours_lost"] == 3.5
    assert result["contacts_lost"] == 12.0
    assert result["split_groups"] == [["S-1"], ["S-5"]]
    assert result["unreachable"] == ["S-4"]


def test_what_if_the_daughter_stops() -> None:
    # S-1 provided emotional (S-5 still does) and shopping (nobody else): shopping uncovered.
    result = what_if(support_network(edna_history(), AS_OF), "S-1")
    assert result["functions_uncovered"] == ["shopping"]
    assert result["hours_lost"] == 4.0
    assert result["split_groups"] == []


# -- property checks on random networks ---------------------------------------------------

FUNCTIONS = ["a", "b", "c", "d"]


@st.composite
def random_networks(draw: st.DrawFn) -> nx.Graph:
    size = draw(st.integers(min_value=1, max_value=9))
    supporters = [f"s{i}" for i in range(size)]
    network = nx.Graph(ego="C")
    network.add_node("C", node_type="client", functions_needed=draw(
        st.lists(st.sampled_from(FUNCTIONS), unique=True)))
    for node in supporters:
        network.add_node(node, node_type="person")
        network.add_edge("C", node, relation="TIE",
                         functions=draw(st.lists(st.sampled_from(FUNCTIONS), unique=True)),
                         hours_per_week=float(draw(st.integers(0, 5))), enabled_by=[])
    pairs = [(a, b) for i, a in enumerate(supporters) for b in supporters[i + 1:]]
    for a, b in draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []:
        network.add_edge(a, b, relation="KNOWS")
    for node in supporters:
        enablers = draw(st.lists(st.sampled_from(supporters), max_size=2, unique=True))
        network.edges["C", node]["enabled_by"] = [e for e in enablers if e != node]
    return network


def _components_without(graph: nx.Graph, node: str) -> int:
    rest = graph.subgraph(set(graph) - {node})
    return nx.number_connected_components(rest)


@settings(max_examples=150, deadline=None)
@given(random_networks())
def test_cut_points_are_the_supporters_whose_loss_splits_the_rest(network: nx.Graph) -> None:
    # Definition check, node by node: removing a cut point leaves more components among
    # the supporters (client removed) than there were.
    supporters = network.subgraph(set(network) - {"C"})
    brute = sorted(n for n in supporters
                   if _components_without(supporters, n) > nx.number_connected_components(supporters))
    assert cut_points(network) == brute
    assert cut_points(network) == sorted(nx.articulation_points(supporters))


@settings(max_examples=150, deadline=None)
@given(random_networks())
def test_what_if_matches_removing_the_lost_ties(network: nx.Graph) -> None:
    for alter in sorted(set(network) - {"C"}):
        result = what_if(network, alter)
        lost = set(result["ties_lost"])
        # The cascade: every tie that names a lost tie in enabled_by is lost too, and
        # nothing else (a fixed point computed independently here).
        closure = {alter}
        while True:
            grown = closure | {n for n in network["C"] if set(network.edges["C", n]["enabled_by"]) & closure}
            if grown == closure:
                break
            closure = grown
        assert lost == closure == set(lost_with(network, alter))
        kept = network.subgraph(set(network) - lost)
        kept_functions = {f for n in kept["C"] for f in network.edges["C", n]["functions"]}
        had = {f for n in network["C"] for f in network.edges["C", n]["functions"]}
        assert set(result["functions_uncovered"]) == had - kept_functions
        assert result["hours_lost"] == sum(network.edges["C", n]["hours_per_week"] for n in lost)
        # Split groups: the lost tie's former component among supporters, without the lost
        # ties, as NetworkX's connected components; a lone alter that is a cut point and
        # loses nothing else always splits its component.
        supporters = network.subgraph(set(network) - {"C"})
        if lost == {alter}:
            assert bool(result["split_groups"]) == (alter in set(nx.articulation_points(supporters)))
        for group in result["split_groups"]:
            assert not lost & set(group)
