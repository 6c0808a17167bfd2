"""Review triggers: each kind against a record worked by hand."""

from __future__ import annotations

import pandas as pd

from analytics.triggers import review_triggers
from graph.frames import events_frame, measures_frame, ties_frame

from .handmade import AS_OF, edna_ties, tie

NO_MEASURES = measures_frame([])
NO_SERIES = pd.DataFrame(columns=["month", "score", "at_risk"])


def events(*rows: tuple[str, str, str | None, str | None]) -> pd.DataFrame:
    return events_frame([{"person_id": "C-1", "date": d, "kind": k, "other_id": o, "notes": n}
                         for d, k, o, n in rows])


def kinds(found: list[dict]) -> list[tuple[str, str]]:
    return [(t["kind"], t["date"]) for t in found]


RECENT_REVIEW = ("2025-01-10", "review", None, None)


def test_edna_record_raises_each_kind_once() -> None:
    # Window: 90 days back from 2025-06-30 -> after 2025-04-01.
    # Review 2024-03-01 + 365 days = 2025-03-01 < as_of: overdue, dated 2025-03-01.
    # Missed A-1 on 04-08 and 04-15 after attending 04-01: two in a row, dated 04-15.
    # Crisis 06-01 + incident 06-10 = 2 in the window, 0 before: increased, dated 06-10.
    record = events(("2024-03-01", "review", None, "annual"),
                    ("2025-04-01", "attended", "A-1", None),
                    ("2025-04-08", "missed", "A-1", None),
                    ("2025-04-15", "missed", "A-1", None),
                    ("2025-05-20", "safeguarding_concern", None, "raised by home care"),
                    ("2025-06-01", "crisis_contact", None, None),
                    ("2025-06-10", "incident", None, "fall"),
                    ("2025-06-15", "mood_low", None, None))
    found = review_triggers(record, NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF)
    assert kinds(found) == [("review_overdue", "2025-03-01"), ("missed_attendance", "2025-04-15"),
                            ("safeguarding_concern", "2025-05-20"),
                            ("incidents_increased", "2025-06-10"),
                            ("mood_deterioration", "2025-06-15")]
    by_kind = {t["kind"]: t["detail"] for t in found}
    assert by_kind["missed_attendance"] == "2 missed in a row at A-1: 2025-04-08, 2025-04-15"
    assert by_kind["safeguarding_concern"].endswith("raised by home care")
    assert "last review 2024-03-01" in by_kind["review_overdue"]


def test_an_attendance_between_misses_resets_the_run() -> None:
    record = events(RECENT_REVIEW, ("2025-05-01", "missed", "A-1", None),
                    ("2025-05-08", "attended", "A-1", None), ("2025-05-15", "missed", "A-1", None),
                    ("2025-05-15", "missed", "A-2", None))
    assert review_triggers(record, NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF) == []
    three = review_triggers(record, NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF,
                            missed_in_a_row=1)
    assert kinds(three) == [("missed_attendance", "2025-05-01"), ("missed_attendance", "2025-05-15"),
                            ("missed_attendance", "2025-05-15")]


def test_old_events_and_future_events_raise_nothing() -> None:
    record = events(RECENT_REVIEW, ("2025-03-31", "safeguarding_concern", None, None),
                    ("2025-07-01", "safeguarding_concern", None, None))
    assert review_triggers(record, NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF) == []


def test_incidents_must_increase() -> None:
    # Two in the window but three in the 90 days before: not an increase.
    record = events(RECENT_REVIEW, ("2025-02-01", "incident", None, None),
                    ("2025-02-02", "incident", None, None), ("2025-03-01", "incident", None, None),
                    ("2025-05-01", "incident", None, None), ("2025-06-01", "crisis_contact", None, None))
    assert review_triggers(record, NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF) == []


def test_wellbeing_falling_three_points_and_new_risks() -> None:
    # SWEMWBS 24 -> 22 (fall 2: nothing) -> 19 (fall 3: trigger on 2025-06-01).
    measures = measures_frame([
        {"person_id": "C-1", "date": d, "instrument": "SWEMWBS", "score": s}
        for d, s in (("2025-04-10", 24), ("2025-05-01", 22), ("2025-06-01", 19))])
    ties = ties_frame([tie("A-1", "community", [], None, 4, since="2025-05-05",
                           status="attending", to_type="asset")])
    ties.at[0, "risk_flags"] = ["falls"]
    record = events(RECENT_REVIEW, ("2025-06-20", "risk_identified", None, "new carer"))
    found = review_triggers(record, measures, ties, NO_SERIES, as_of=AS_OF)
    assert kinds(found) == [("new_risk", "2025-05-05"), ("mood_deterioration", "2025-06-01"),
                            ("new_risk", "2025-06-20")]
    assert found[1]["detail"] == "SWEMWBS fell from 22 (2025-05-01) to 19"


def test_isolation_worsening_past_the_threshold() -> None:
    # March 20, June 35: a rise of 15 >= 10 over three months.
    series = pd.DataFrame({"month": ["2025-03", "2025-04", "2025-05", "2025-06"],
                           "score": [20.0, 22.0, 30.0, 35.0], "at_risk": [False] * 4})
    found = review_triggers(events(RECENT_REVIEW), NO_MEASURES, edna_ties(), series, as_of=AS_OF)
    assert kinds(found) == [("isolation_worsening", "2025-06-30")]
    assert review_triggers(events(RECENT_REVIEW), NO_MEASURES, edna_ties(), series, as_of=AS_OF,
                           isolation_worsening_points=16) == []


def test_review_overdue_without_any_review_counts_from_the_first_tie() -> None:
    # First tie 2010-01-01 + 365 days = 2011-01-01.
    found = review_triggers(events(), NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF)
    assert kinds(found) == [("review_overdue", "2011-01-01")]
