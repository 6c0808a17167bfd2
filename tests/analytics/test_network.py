"""Support network as of a date and the ego-network measures, on Edna's network worked by hand."""

from __future__ import annotations

import pytest

from analytics.network import composition, ego_measures, support_network, tie_table

from .handmade import AS_OF, edna_history


def test_network_on_a_date_keeps_only_valid_ties() -> None:
    # S-3's tie ended 2025-03-01: counted the day before, not on that day or after.
    # A-1 began 2025-01-01: absent in 2024.
    history = edna_history()
    assert "S-3" not in support_network(history, AS_OF)
    assert "S-3" not in support_network(history, "2025-03-01")
    assert "S-3" in support_network(history, "2025-02-28")
    assert "A-1" not in support_network(history, "2024-12-31")
    assert sorted(support_network(history, AS_OF).neighbors("C-1")) == [
        "A-1", "S-1", "S-2", "S-5", "SVC-GP", "SVC-HC"]


def test_radius_two_adds_the_people_supporters_know() -> None:
    # S-4 is known to the neighbour S-2 only: outside radius 1, at distance 2 in radius 2.
    history = edna_history()
    assert "S-4" not in support_network(history, AS_OF, radius=1)
    wide = support_network(history, AS_OF, radius=2)
    assert wide.nodes["S-4"]["distance"] == 2
    assert wide.nodes["S-2"]["distance"] == 1
    with pytest.raises(ValueError):
        support_network(history, AS_OF, radius=3)


def test_composition_counts_ties_by_kind() -> None:
    # Valid on 2025-06-30: S-1, S-2, S-5 natural; A-1 community; SVC-GP professional; SVC-HC paid.
    assert composition(support_network(edna_history(), AS_OF)) == {
        "natural": 3, "community": 1, "professional": 1, "paid": 1}


def test_ego_measures_worked_by_hand() -> None:
    # size: 6 alters.
    # density: person alters S-1, S-2, S-5 -> 3 pairs; KNOWS S-1–S-2 and S-2–S-5 -> 2/3.
    # strong share: strengths recorded S-1 5, S-2 4, S-5 2, A-1 3 -> strong (>= 4) 2 of 4 = 0.5.
    # functions: emotional, shopping, transport, check_in, social, personal_care, meals,
    # medication -> 8.
    measures = ego_measures(support_network(edna_history(), AS_OF))
    assert measures == {"size": 6, "density": pytest.approx(2 / 3), "strong_share": 0.5,
                        "functions_covered": 8}


def test_proposed_connections_are_not_support_unless_asked_for() -> None:
    history = edna_history()
    history.add_node("A-9", node_type="asset", name="Choir", category="arts_culture")
    history.add_edge("C-1", "A-9", key="t9", relation="TIE", kind="community", status="proposed",
                     since="2025-06-01", until=None, functions=["social"])
    assert "A-9" not in support_network(history, AS_OF)
    assert "A-9" in support_network(history, AS_OF, include_unused=True)


def test_tie_table_is_plain_values() -> None:
    rows = {row["to_id"]: row for row in tie_table(support_network(edna_history(), AS_OF))}
    assert rows["S-2"]["functions"] == ["check_in", "transport"]
    assert rows["S-2"]["hours_per_week"] == 1.5
    assert rows["A-1"]["enabled_by"] == ["S-2"]
    assert rows["SVC-GP"]["strength"] is None
