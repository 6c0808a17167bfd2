"""Paid and formal share with their basis, worked by hand."""

from __future__ import annotations

import pytest

from analytics.network import support_network
from analytics.reliance import over_reliant, reliance, reliance_table
from graph.frames import client_record, history_graph, knows_frame, ties_frame

from .handmade import AS_OF, edna_history, edna_ties, tie


def test_edna_on_hours() -> None:
    # Every tie in use records hours: S-1 4, S-2 1.5, S-5 1, A-1 2, SVC-HC 10 (paid),
    # SVC-GP 0.5 (professional): total 19. Paid 10/19; formal (10 + 0.5)/19.
    # Informal ties: S-1, S-2, S-5 natural + A-1 community = 4.
    result = reliance(support_network(edna_history(), AS_OF))
    assert result["basis"] == "hours"
    assert result["total"] == 19.0
    assert result["paid_share"] == pytest.approx(10 / 19)
    assert result["formal_share"] == pytest.approx(10.5 / 19)
    assert result["informal_ties"] == 4


def test_falls_back_to_contacts_when_any_hours_are_missing() -> None:
    # Frank: home care 40 contacts (no hours), brother 4 contacts: paid 40/44.
    ties = ties_frame([
        tie("SVC-HC", "paid", ["personal_care"], None, 40, person_id="C-2"),
        tie("S-6", "natural", ["check_in"], 3, 4, person_id="C-2"),
    ])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    assert row["basis"] == "contacts"
    assert row["paid_share"] == pytest.approx(40 / 44)
    assert row["informal_ties"] == 1


def test_nothing_measurable_gives_no_basis_and_no_share() -> None:
    ties = ties_frame([tie("S-6", "natural", [], None, None, person_id="C-9")])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    assert row["basis"] == "none" and row["total"] == 0 and row["ties_counted"] == 0
    assert row["paid_share"] != row["paid_share"]  # NaN: no support to divide


def test_mixed_hours_and_contacts_keep_the_hours_share() -> None:
    # Home care 14 h/week, son 5 h, friend 3 h; GP (2 contacts) and pharmacist
    # (1 contact) record contacts only. Every paid tie records hours, so the headline is
    # hours among the 3 ties that record them: paid 14/22, formal 14/22 (the GP and
    # pharmacist are left out of the hours, not counted as 0 hours).
    # Contacts among the 2 ties that record them: paid 0/3, formal 3/3.
    ties = ties_frame([
        tie("SVC-HC", "paid", ["personal_care"], 14, None, to_type="service"),
        tie("S-SON", "natural", ["shopping"], 5, None),
        tie("S-FRIEND", "natural", ["social"], 3, None),
        tie("SVC-GP", "professional", ["medication"], None, 2, to_type="service"),
        tie("SVC-PH", "professional", ["medication"], None, 1, to_type="service"),
    ])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    assert row["basis"] == "hours" and row["total"] == 22
    assert row["paid_share"] == pytest.approx(14 / 22)
    assert row["formal_share"] == pytest.approx(14 / 22)
    assert (row["ties_counted"], row["ties_with_hours"], row["ties_in_use"]) == (3, 3, 5)
    assert (row["paid_share_contacts"], row["formal_share_contacts"]) == (0.0, 1.0)
    assert row["ties_with_contacts"] == 2


def test_coverage_names_the_ties_left_out_of_the_headline() -> None:
    ties = ties_frame([
        tie("HC", "paid", [], 14, None),
        tie("Son", "natural", [], 5, None),
        tie("GP", "professional", [], None, 2),
        tie("Pharmacist", "professional", [], None, 1),
        tie("Cousin", "natural", [], None, None),
    ])
    history = history_graph(client_record({"person_id": "C-1"}), ties, knows_frame([]))
    result = reliance(support_network(history, AS_OF))
    assert result["paid_share"] == pytest.approx(14 / 19)
    assert result["coverage"] == ("hours recorded for 2 of 5 ties; GP, Pharmacist by "
                                  "contacts only; Cousin with neither recorded")


def test_a_tie_recording_neither_figure_changes_nothing() -> None:
    base = [tie("HC", "paid", [], 10, 20), tie("Son", "natural", [], 5, 8)]
    before = reliance_table(ties_frame(base), [AS_OF]).iloc[0]
    after = reliance_table(ties_frame([*base, tie("Aunt", "natural", [], None, None)]),
                           [AS_OF]).iloc[0]
    for column in ("basis", "total", "paid_share", "formal_share", "paid_share_contacts"):
        assert after[column] == before[column], column
    assert (after["ties_in_use"], after["informal_ties"]) == (3, 2)


def test_a_paid_tie_without_hours_moves_the_headline_to_contacts() -> None:
    # Home care records 30 contacts and no hours; the daughter 6 h and 10 contacts.
    # An hours share would leave the paid tie out (understating it), so contacts:
    # 30 / 40. The hours figure (0 paid of 6 h) is still reported, labelled as hours.
    ties = ties_frame([tie("HC", "paid", [], None, 30), tie("D", "natural", [], 6, 10)])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    assert row["basis"] == "contacts" and row["paid_share"] == pytest.approx(0.75)
    assert row["paid_share_hours"] == 0.0 and row["ties_with_hours"] == 1


def test_a_paid_tie_recording_neither_gives_no_share() -> None:
    ties = ties_frame([tie("HC", "paid", [], None, None), tie("D", "natural", [], 6, 10)])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    assert row["basis"] == "none" and row["paid_share"] != row["paid_share"]


def test_ended_and_proposed_ties_are_not_counted() -> None:
    ties = ties_frame([
        tie("SVC-HC", "paid", [], 10, None, until="2025-01-01"),
        tie("A-1", "community", [], 2, None, status="proposed", to_type="asset"),
        tie("S-1", "natural", [], 2, None),
        tie("SVC-X", "paid", [], 2, None),
    ])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    # Only S-1 (2 h) and SVC-X (2 h, paid) count: 2/4.
    assert row["paid_share"] == 0.5
    assert row["informal_ties"] == 1


def test_many_people_and_dates_at_once() -> None:
    # Edna on 2024-06-30: S-1 4, S-2 1.5, S-5 1, S-3 1 (not yet ended), SVC-HC 10, SVC-GP 0.5
    # (A-1 not yet begun) = 18 h; paid 10/18.
    table = reliance_table(edna_ties(), ["2024-06-30", AS_OF]).set_index("as_of")
    assert table.loc["2024-06-30", "paid_share"] == pytest.approx(10 / 18)
    assert table.loc[AS_OF, "paid_share"] == pytest.approx(10 / 19)


@pytest.mark.parametrize(("share", "informal", "expected"), [
    (0.8, 1, True), (0.79, 0, False), (0.95, 2, False), (None, 0, False)])
def test_over_reliance_thresholds(share: float | None, informal: int, expected: bool) -> None:
    assert over_reliant(share, informal, paid_share_from=0.8, informal_ties_below=2) is expected
