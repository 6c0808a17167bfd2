"""The monthly isolation score and its direction, worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.isolation import direction, isolation_series
from graph.frames import events_frame, measures_frame, ties_frame

from .handmade import edna_ties, tie

NO_EVENTS = events_frame([])
NO_MEASURES = measures_frame([])


def test_a_month_with_every_component() -> None:
    # March 2025, one friend (contacts 2), one paid carer (not informal):
    #   network 1 - 1/4 = 0.75; contact 1 - (2 + 1 contact event)/8 = 0.625;
    #   participation missed 1 / (1 attended + 1 missed) = 0.5; crisis min(1, 2)/2 = 0.5;
    #   instruments: UCLA-3 6 -> (6 - 3)/6 = 0.5, LSNS-6 15 -> (30 - 15)/30 = 0.5: mean 0.5.
    #   score = 100 * (0.3*0.75 + 0.25*0.625 + 0.15*0.5 + 0.1*0.5 + 0.2*0.5) / 1.0 = 60.625
    #   at risk: UCLA-3 6 >= 6.
    ties = ties_frame([tie("S-1", "natural", [], None, 2), tie("SVC-HC", "paid", [], 10, 40)])
    events = events_frame([
        {"person_id": "C-1", "date": "2025-03-03", "kind": "contact"},
        {"person_id": "C-1", "date": "2025-03-04", "kind": "attended", "other_id": "A-1"},
        {"person_id": "C-1", "date": "2025-03-11", "kind": "missed", "other_id": "A-1"},
        {"person_id": "C-1", "date": "2025-03-20", "kind": "crisis_contact"},
        {"person_id": "C-1", "date": "2025-04-02", "kind": "crisis_contact"},
    ])
    measures = measures_frame([
        {"person_id": "C-1", "date": "2025-02-10", "instrument": "UCLA-3", "score": 6},
        {"person_id": "C-1", "date": "2025-03-10", "instrument": "LSNS-6", "score": 15},
    ])
    row = isolation_series(ties, events, measures, ["2025-03"]).iloc[0]
    assert (row["informal_ties"], row["contacts"], row["attended"], row["missed"],
            row["crisis_contacts"]) == (1, 3.0, 1, 1, 1)
    assert row["score"] == pytest.approx(60.625)
    assert bool(row["at_risk"]) is True


def test_edna_over_a_year() -> None:
    # Informal ties at each month's end: 2024: S-1, S-2, S-5, S-3 = 4; Jan–Feb 2025 + A-1 = 5;
    # from March S-3 has ended (until 2025-03-01) = 4. Contacts 8+8+4+2 = 22 >= 8, so the
    # network and contact components are 0 and, with no events or measures, the score is 0.
    series = isolation_series(edna_ties(), NO_EVENTS, NO_MEASURES,
                              ["2024-12", "2025-01", "2025-02", "2025-03"])
    assert series["informal_ties"].tolist() == [4, 5, 5, 4]
    assert series["score"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert not series["at_risk"].any()


def test_no_ties_at_all_is_fully_isolated_but_instruments_win() -> None:
    # No informal ties, no contacts, no crisis: network 1, contact 1, crisis 0:
    # 100 * (0.3 + 0.25) / 0.65 = 84.6 -> at risk by score. An LSNS-6 of 25 (not at risk,
    # instruments (30-25)/30 = 1/6) decides at_risk by the published cut-off instead.
    empty_ties = ties_frame([])
    alone = isolation_series(empty_ties, NO_EVENTS, NO_MEASURES, ["2025-01"], people=["C-7"])
    assert alone.iloc[0]["score"] == pytest.approx(100 * 0.55 / 0.65)
    assert bool(alone.iloc[0]["at_risk"]) is True
    measures = measures_frame([{"person_id": "C-7", "date": "2025-01-05", "instrument": "LSNS-6",
                                "score": 25}])
    scored = isolation_series(empty_ties, NO_EVENTS, measures, ["2025-01"]).iloc[0]
    assert scored["score"] == pytest.approx(100 * (0.55 + 0.2 / 6) / 0.85)
    assert bool(scored["at_risk"]) is False


def test_scores_carry_forward_five_months_only() -> None:
    measures = measures_frame([{"person_id": "C-1", "date": "2024-01-20", "instrument": "LSNS-6",
                                "score": 9}])
    months = [f"2024-{m:02d}" for m in range(1, 8)]
    series = isolation_series(ties_frame([]), NO_EVENTS, measures, months)
    # Recorded in January: January to June carry it; July is six months on and drops it.
    assert series["lsns6"].notna().tolist() == [True] * 6 + [False]


def test_a_measure_before_the_window_feeds_the_first_months() -> None:
    measures = measures_frame([{"person_id": "C-1", "date": "2023-11-20", "instrument": "UCLA-3",
                                "score": 8}])
    series = isolation_series(ties_frame([]), NO_EVENTS, measures, ["2024-01", "2024-05"])
    assert series["ucla3"].tolist()[0] == 8.0
    assert series["ucla3"].isna().tolist()[1] is True


def test_many_people_at_once_equal_one_at_a_time() -> None:
    ties = pd.concat([edna_ties(), ties_frame([tie("S-6", "natural", [], None, 4, person_id="C-2")])])
    months = ["2024-12", "2025-01", "2025-02", "2025-03"]
    together = isolation_series(ties, NO_EVENTS, NO_MEASURES, months)
    alone = isolation_series(ties[ties.person_id == "C-2"], NO_EVENTS, NO_MEASURES, months)
    assert together[together.person_id == "C-2"]["score"].tolist() == alone["score"].tolist()


def test_as_of_cuts_the_last_month_short() -> None:
    # S-3 ends 2025-03-01; on 2025-03-01 itself it no longer counts, on the month end neither.
    ties = edna_ties()
    assert isolation_series(ties, NO_EVENTS, NO_MEASURES, ["2025-03"], as_of="2025-02-28"
                            ).iloc[0]["informal_ties"] == 5


def test_direction() -> None:
    # Last three months mean 20, three before mean 40: change -20 -> improving.
    # Five months only: unknown. A 4-point rise: stable.
    def series(scores: list[float]) -> pd.DataFrame:
        return pd.DataFrame({"person_id": "C", "month": [f"2024-{i + 1:02d}" for i in range(len(scores))],
                             "score": scores})
    assert direction(series([40, 40, 40, 20, 20, 20])).iloc[0]["direction"] == "improving"
    assert direction(series([40, 40, 40, 20, 20])).iloc[0]["direction"] == "unknown"
    assert direction(series([10, 10, 10, 14, 14, 14])).iloc[0]["direction"] == "stable"
