"""Paid and formal share with their basis, worked by hand."""

from __future__ import annotations

import pytest

from analytics.network import support_network
from analytics.reliance import over_reliant, reliance, reliance_table
from graph.frames import ties_frame

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


def test_contacts_missing_count_zero_and_nothing_measurable_gives_none() -> None:
    ties = ties_frame([tie("S-6", "natural", [], None, None, person_id="C-9")])
    row = reliance_table(ties, [AS_OF]).iloc[0]
    assert row["basis"] == "contacts" and row["total"] == 0
    assert row["paid_share"] != row["paid_share"]  # NaN: no support to divide


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
