"""Single points of failure and what-if: Edna's network by hand, then property checks
against NetworkX's own algorithms on random networks."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.fit import assets_serving
from analytics.network import support_network
from analytics.resilience import (
    cut_points,
    lost_with,
    single_points_of_failure,
    uncovered_functions,
    what_if,
)
from graph.frames import assets_frame

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
    assert neighbour["functions"] == ["check_in", "transport"]  # codes stay codes
    assert neighbour["dependent_connections"] == ["A-1"]
    assert neighbour["cut_point"] is True
    assert neighbour["reasons"] == [
        "the only one who gives regular check-ins, transport, which the person needs",
        "A-1 depends on them",
        "the only link between supporters who do not otherwise know each other: S-1; S-5",
    ]
    assert found["S-1"]["reasons"] == ["the only one who gives shopping, which the person needs"]
    assert found["SVC-HC"]["functions"] == ["meals", "personal_care"]
    assert found["SVC-HC"]["reasons"] == ["the only provider of meals, personal care"]


def test_edna_ranked_by_what_each_loss_costs() -> None:
    # Severity: S-2 natural, sole needed provider + enabler -> high;
    #   S-1 natural, sole needed provider (shopping) -> high;
    #   A-1 community, sole provider of social, which Edna has not recorded as needed -> medium;
    #   SVC-HC paid and SVC-GP professional, sole providers only -> low.
    # Within high: S-2 loses 2 functions + 1 connection + cut point = 4, S-1 loses 1.
    # Within low: SVC-HC 2 functions, SVC-GP 1.
    ranked = single_points_of_failure(support_network(edna_history(), AS_OF))
    assert [(e["id"], e["severity"]) for e in ranked] == [
        ("S-2", "high"), ("S-1", "high"), ("A-1", "medium"), ("SVC-HC", "low"), ("SVC-GP", "low")]
    assert ranked[0]["action"] == (
        "No second person for regular check-ins: look for a befriending or telephone check-in "
        "service. No second person for transport: look for community transport or a volunteer "
        "driver scheme. Agree a back-up so that A-1 can carry on without them. Introduce S-1 "
        "to S-5, so the network holds together without them. Offer them a carer's assessment.")
    # No code reaches the sentences.
    for entry in ranked:
        text = " ".join([*entry["reasons"], entry["action"]])
        assert "_" not in text and "enabled_by" not in text, text


def agency_and_daughter() -> nx.Graph:
    """A client who needs shopping and personal care: the daughter alone shops (and, with
    a friend, gives emotional support); the home care agency alone gives personal care,
    meals and medication."""
    network = nx.Graph(ego="C")
    network.add_node("C", node_type="client", functions_needed=["shopping", "personal_care"])
    network.add_node("D", node_type="person", name="Dora")
    network.add_node("F", node_type="person", name="Fay")
    network.add_node("H", node_type="service", name="Homecare Ltd")
    network.add_edge("C", "D", relation="TIE", kind="natural", functions=["shopping", "emotional"])
    network.add_edge("C", "F", relation="TIE", kind="natural", functions=["emotional"])
    network.add_edge("C", "H", relation="TIE", kind="paid",
                     functions=["personal_care", "meals", "medication"])
    return network


def test_a_home_care_agency_as_sole_provider_is_a_low_only_provider_note() -> None:
    # H alone gives personal care (needed), meals and medication: 3 functions, yet it ranks
    # after Dora (1 function) because severity comes first: an agency can be
    # re-commissioned, a daughter cannot. Fay shares emotional support with Dora: not listed.
    ranked = single_points_of_failure(agency_and_daughter())
    assert [(e["id"], e["severity"]) for e in ranked] == [("D", "high"), ("H", "low")]
    agency = ranked[1]
    assert agency["functions"] == ["meals", "medication", "personal_care"]
    assert agency["reasons"] == ["the only provider of personal care, which the person needs",
                                 "the only provider of meals, help with medication"]
    assert agency["action"] == (
        "Only provider of personal care, meals, help with medication: a service can be "
        "re-commissioned, so no action unless it is at risk; keep the provider's details in "
        "the plan.")


def test_the_daughter_who_does_all_the_shopping_gets_an_action_naming_a_directory_asset() -> None:
    # The directory (all North): Shopping Buddies (tagged shopping, approved, in date),
    # Shop Helpers (tagged shopping, not approved), Old Shop Run (tagged shopping, overdue
    # on 2025-06-30), Knit Club (social only). Only Shopping Buddies can be named.
    def asset(asset_id: str, name: str, tags: list[str], *, approved: bool = True,
              review_due: str = "2026-01-01") -> dict:
        return {"asset_id": asset_id, "name": name, "category": "volunteering", "area": "North",
                "tags": tags, "accessibility": [], "cost": "free", "safeguarding": [],
                "approved": approved, "review_due": review_due}

    directory = assets_frame([
        asset("V-1", "Shopping Buddies", ["shopping"]),
        asset("V-2", "Shop Helpers", ["shopping"], approved=False),
        asset("V-3", "Old Shop Run", ["shopping"], review_due="2025-01-01"),
        asset("V-4", "Knit Club", ["crafts"])])
    client = {"area": "North", "interests": [], "access_needs": [], "risks": []}
    serving = assets_serving(client, directory, ["shopping"], as_of=AS_OF)
    assert serving == {"shopping": ["Shopping Buddies"]}
    daughter = single_points_of_failure(agency_and_daughter(), serving)[0]
    assert (daughter["name"], daughter["severity"]) == ("Dora", "high")
    assert daughter["reasons"] == ["the only one who gives shopping, which the person needs"]
    assert daughter["action"] == (
        "No second person for shopping: look for a volunteer shopping scheme or online delivery "
        "(in the directory: Shopping Buddies). Offer them a carer's assessment.")
    # With no directory asset for shopping, the action names none (and claims none).
    alone = single_points_of_failure(agency_and_daughter())[0]["action"]
    assert "in the directory" not in alone


def test_an_informal_enabler_is_high_and_a_cut_point_alone_is_medium() -> None:
    # N drives the client to club K (K enabled_by N): N high, whatever N provides.
    # A knows B, B knows D: B is a cut point and provides nothing only they give -> medium.
    network = nx.Graph(ego="C")
    network.add_node("C", functions_needed=[])
    for node in ("N", "K", "A", "B", "D"):
        network.add_edge("C", node, kind="natural", functions=["emotional"], enabled_by=[])
    network.edges["C", "K"].update(kind="community", enabled_by=["N"])
    network.add_edges_from([("A", "B"), ("B", "D")])
    found = {e["id"]: e for e in single_points_of_failure(network)}
    assert sorted(found) == ["B", "N"]
    assert (found["N"]["severity"], found["N"]["reasons"]) == ("high", ["K depends on them"])
    assert found["B"]["severity"] == "medium"
    assert found["B"]["action"] == "Introduce A to D, so the network holds together without them."


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
