"""The service view: ranking by paid share and the 3- and 12-month trends, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.service import service_view
from graph.frames import ties_frame

from .handmade import AS_OF, edna_ties, tie


def test_caseload_worked_by_hand() -> None:
    # Frank (C-2), contacts basis (no hours): home care 20 contacts until 2025-05-01, then 40;
    # brother 4. Now 40/44; on 2025-03-31 and 2024-06-30: 20/24.
    # Edna (C-1), hours: now 10/19; 2025-03-31 the same (S-3 ended 03-01, A-1 began Jan);
    # 2024-06-30: 10/18 (S-3 still there, A-1 not yet).
    frank = ties_frame([
        tie("SVC-HC", "paid", [], None, 20, since="2024-01-01", until="2025-05-01", person_id="C-2"),
        tie("SVC-HC", "paid", [], None, 40, since="2025-05-01", person_id="C-2"),
        tie("S-6", "natural", [], None, 4, since="2020-01-01", person_id="C-2"),
    ])
    clients = pd.DataFrame({"person_id": ["C-1", "C-2"], "display_name": ["Edna", "Frank"],
                            "practitioner": ["PR-1", "PR-2"],
                            "last_review": ["2024-03-01", "2025-02-01"]})
    view = service_view(clients, pd.concat([edna_ties(), frank]), as_of=AS_OF).set_index("person_id")
    assert view.index.tolist() == ["C-2", "C-1"]
    assert view.loc["C-2", "basis"] == "contacts"
    assert view.loc["C-2", "paid_share"] == pytest.approx(40 / 44)
    assert view.loc["C-2", "trend_3m"] == pytest.approx(40 / 44 - 20 / 24)
    assert view.loc["C-2", "trend_3m_label"] == "rising"
    assert bool(view.loc["C-2", "over_reliant"]) is True
    assert view.loc["C-1", "trend_3m"] == pytest.approx(0.0)
    assert view.loc["C-1", "trend_12m"] == pytest.approx(10 / 19 - 10 / 18)
    assert view.loc["C-1", "trend_12m_label"] == "steady"
    assert bool(view.loc["C-1", "review_overdue"]) is True
    assert bool(view.loc["C-2", "review_overdue"]) is False


def test_clients_without_measurable_support_rank_last() -> None:
    clients = pd.DataFrame({"person_id": ["A", "B"], "display_name": ["A", "B"],
                            "practitioner": ["P", "P"], "last_review": [None, None]})
    ties = ties_frame([tie("S", "natural", [], 2, None, person_id="B")])
    view = service_view(clients, ties, as_of=AS_OF)
    assert view["person_id"].tolist() == ["B", "A"]
    assert view.iloc[1]["trend_3m_label"] == "unknown"


def test_the_review_planned_at_the_last_review_is_when_it_falls_due() -> None:
    # Both reviewed 2025-01-10: a year on (2026-01-10) is after AS_OF (2025-06-30).
    # - Ann planned her next review for 2025-04-10 at that review: due then, so overdue;
    # - Bea's only plan (2024-11-01) was made before that review: it no longer counts,
    #   the year rule stands (due 2026-01-10): not overdue;
    # - Cal has no plan: the year rule, not overdue.
    clients = pd.DataFrame({"person_id": ["ann", "bea", "cal"], "display_name": ["A", "B", "C"],
                            "practitioner": ["P"] * 3, "last_review": ["2025-01-10"] * 3,
                            "planned_reviews": [["2025-04-10"], ["2024-11-01"], []]})
    ties = ties_frame([tie("S", "natural", [], 2, None, person_id="ann")])
    view = service_view(clients, ties, as_of=AS_OF).set_index("person_id")
    assert view["review_overdue"].map(bool).to_dict() == {"ann": True, "bea": False,
                                                          "cal": False}


def test_a_service_whose_clients_have_no_ties_yet() -> None:
    # One client, just referred: no tie recorded, so nothing to share out (no paid
    # share), no informal tie, nothing over-reliant; the service page must still open.
    # (The mask of usable ties over no rows was read by pandas as column names.)
    clients = pd.DataFrame({"person_id": ["nora"], "display_name": ["Nora"],
                            "practitioner": ["pr1"], "last_review": [None],
                            "start_date": ["2026-03-01"]})
    row = service_view(clients, ties_frame([]), as_of="2026-06-15").iloc[0]
    assert pd.isna(row["paid_share"]) and pd.isna(row["formal_share"])
    assert (int(row["informal_ties"]), bool(row["over_reliant"])) == (0, False)
