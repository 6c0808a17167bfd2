"""Undated ties count from the client's record start, never from the beginning of time."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.dates import client_start, date_undated_ties, first_record
from analytics.person import person_view
from analytics.service import service_view
from graph.frames import (
    client_record,
    events_frame,
    history_graph,
    knows_frame,
    measures_frame,
    ties_frame,
)

from .handmade import tie

NO_ASSETS = pd.DataFrame()


def undated_home_care() -> pd.DataFrame:
    # Home care 14 h/week recorded with no `since`; a son 6 h/week since 2024-03-01.
    return ties_frame([tie("SVC-HC", "paid", ["personal_care"], 14, None, since=None,
                           to_type="service"),
                       tie("S-SON", "natural", ["shopping"], 6, None, since="2024-03-01")])


def test_the_record_start_is_the_start_date_else_the_first_dated_entry() -> None:
    ties = undated_home_care()
    events = events_frame([{"date": "2023-11-20", "kind": "contact"}], person_id="C-1")
    assert first_record(ties["since"], events["date"]) == "2023-11-20"
    assert client_start(None, "2023-11-20") == "2023-11-20"
    assert client_start("2024-01-02", "2023-11-20") == "2024-01-02"
    assert client_start(None, None) is None


def test_an_undated_tie_counts_from_the_record_start() -> None:
    ties = undated_home_care()
    dated = date_undated_ties(ties, {"C-1": "2024-03-01"})
    assert dated["since"].tolist() == ["2024-03-01", "2024-03-01"]
    assert date_undated_ties(ties, {})["since"].tolist() == [None, "2024-03-01"]


def test_person_view_before_the_record_start_has_no_paid_share() -> None:
    # Without the rule, the undated home care counted in 2002: paid share 14/14 = 100 %.
    # The record starts 2024-03-01 (the son's tie, the earliest dated entry), so on
    # 2002-06-30 nothing counts, and on 2025-06-30 paid share is 14 / 20 = 0.7.
    ties = undated_home_care()
    client = client_record({"person_id": "C-1"})
    history = history_graph(client, ties, knows_frame([]))
    no_events, no_measures = events_frame([], person_id="C-1"), measures_frame([], person_id="C-1")
    old = person_view(history, ties, no_events, no_measures, NO_ASSETS, as_of="2002-06-30")
    assert old["paid_share"] is None and old["ties"] == []
    assert old["record_start"] == "2024-03-01"
    now = person_view(history, ties, no_events, no_measures, NO_ASSETS, as_of="2025-06-30")
    assert now["paid_share"] == pytest.approx(0.7)


def test_service_view_dates_undated_ties_from_each_clients_start() -> None:
    # The same client with a recorded start of 2025-01-01: on 2025-06-30 paid 14/20 = 0.7;
    # twelve months earlier (2024-06-30) only the son counts, so 0.0: a rise of 0.7.
    clients = pd.DataFrame({"person_id": ["C-1"], "display_name": ["Ann"],
                            "practitioner": ["PR-1"], "last_review": [None],
                            "start_date": ["2025-01-01"], "first_record": ["2024-03-01"]})
    row = service_view(clients, undated_home_care(), as_of="2025-06-30").iloc[0]
    assert row["paid_share"] == pytest.approx(0.7)
    assert row["paid_share_12m_ago"] == 0.0 and row["trend_12m"] == pytest.approx(0.7)
    assert bool(row["review_overdue"]) is False  # first review due 2026-01-01


def test_a_trend_never_compares_with_a_share_its_unit_could_not_carry() -> None:
    # A year ago home care recorded 40 contacts and no hours (a tie since 2024-01-01,
    # replaced on 2025-01-01 by one recording 14 h/week); the son 6 h throughout.
    # Now (hours): 14 / 20 = 0.7. A year ago the hours share would leave home care out
    # (0 paid of 6 h = 0.0, understated): that end is unknown, and so is the trend.
    ties = ties_frame([
        tie("SVC-HC", "paid", [], None, 40, since="2024-01-01", until="2025-01-01",
            to_type="service"),
        tie("SVC-HC", "paid", [], 14, None, since="2025-01-01", to_type="service"),
        tie("S-SON", "natural", [], 6, None, since="2020-01-01")])
    clients = pd.DataFrame({"person_id": ["C-1"], "display_name": ["Ann"],
                            "practitioner": ["PR-1"], "last_review": ["2025-03-01"]})
    row = service_view(clients, ties, as_of="2025-06-30").iloc[0]
    assert row["paid_share"] == pytest.approx(0.7)
    assert row["paid_share_12m_ago"] != row["paid_share_12m_ago"]  # NaN
    assert row["trend_12m_label"] == "unknown"
