"""Review triggers: each kind against a record worked by hand."""

from __future__ import annotations

import pandas as pd

from analytics.dates import months_ending
from analytics.isolation import isolation_series
from analytics.person import person_view
from analytics.triggers import review_triggers
from graph.frames import (
    assets_frame,
    events_frame,
    history_graph,
    knows_frame,
    measures_frame,
    ties_frame,
)

from .handmade import AS_OF, edna_client, edna_ties, tie

NO_MEASURES = measures_frame([])
NO_EVENTS_FRAME = events_frame([])
NO_SERIES = pd.DataFrame(columns=["person_id", "month", "at_risk"])


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


def contracting_ties() -> pd.DataFrame:
    # S-1 (8 contacts a month) throughout; S-2 (4 a month) ends 2025-05-10.
    return ties_frame([tie("S-1", "natural", [], None, 8),
                       tie("S-2", "natural", [], None, 4, until="2025-05-10")])


IMPROVING = measures_frame([{"person_id": "C-1", "date": d, "instrument": "LSNS-6", "score": s}
                            for d, s in (("2025-01-10", 9), ("2025-06-10", 16))])


def test_isolation_worsening_is_the_series_direction_with_its_words() -> None:
    # Six months to June 2025, no measures, so the network gives the direction:
    #   informal ties 2 on 2025-03-31, 1 on 2025-06-30 (S-2 ended 2025-05-10): worsening;
    #   contacts 12, 12, 12 (Jan-Mar) against 12, 8, 8 (S-2 gone from May): means 12 ->
    #   28/3 = 9.3, a fall of 2.7 >= 1: worsening; crisis 0 -> 0; no sessions.
    #   Network contracting -> "worsening": raised, dated 2025-06-30, in words.
    months = months_ending(AS_OF, 6)
    series = isolation_series(contracting_ties(), NO_EVENTS_FRAME, NO_MEASURES, months,
                              as_of=AS_OF, people=["C-1"])
    found = review_triggers(events(RECENT_REVIEW), NO_MEASURES, contracting_ties(), series,
                            as_of=AS_OF)
    assert kinds(found) == [("isolation_worsening", "2025-06-30")]
    assert found[0]["detail"] == (
        "measures unknown: fewer than two recordings in date; network contracting: informal "
        "ties 2 → 1 (S-2 ended 2025-05-10), contacts a month 12 → 9.3 (means of the three "
        "months before and the last three)")
    # The same network with LSNS-6 9 -> 16 (improving, out of the at-risk range): the
    # measures give the direction, "improving", and nothing is raised.
    improving = isolation_series(contracting_ties(), NO_EVENTS_FRAME, IMPROVING, months,
                                 as_of=AS_OF, people=["C-1"])
    assert review_triggers(events(RECENT_REVIEW), IMPROVING, contracting_ties(), improving,
                           as_of=AS_OF) == []


def test_the_card_and_the_trigger_share_one_direction() -> None:
    # (d) The person view's isolation_direction (the card) and its isolation_worsening
    # trigger: without measures the contracting network makes both "worsening" (raised);
    # with LSNS-6 improving both follow the measures (not raised). The trigger's words are
    # the card's words.
    history = history_graph(edna_client(), contracting_ties(), knows_frame([]))
    for measures, expected in ((NO_MEASURES, "worsening"), (IMPROVING, "improving")):
        view = person_view(history, contracting_ties(), events(RECENT_REVIEW), measures,
                           assets_frame([]), as_of=AS_OF)
        raised = [t for t in view["triggers"] if t["kind"] == "isolation_worsening"]
        assert view["isolation_direction"] == expected
        assert bool(raised) is (expected == "worsening")
        assert [t["detail"] for t in raised] == (
            [view["isolation_signals"]["summary"]] if raised else [])


def test_review_due_counts_from_the_start_date_never_from_the_first_tie() -> None:
    # Edna's first tie (a daughter) dates from 2010, her GP from 2020: neither says when
    # the service should have reviewed her. No review recorded:
    # - with a start date of 2025-03-01, the first review is due 2026-03-01: not overdue
    #   on 2025-06-30;
    found = review_triggers(events(), NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF,
                            start_date="2025-03-01")
    assert kinds(found) == []
    # - with a start date of 2024-01-15, it fell due 2025-01-14 (365 days on, 2024 a leap year);
    found = review_triggers(events(), NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF,
                            start_date="2024-01-15")
    assert kinds(found) == [("review_overdue", "2025-01-14")]
    assert "started 2024-01-15" in found[0]["detail"]
    # - with neither a review nor a start date, it is overdue now, and says why.
    found = review_triggers(events(), NO_MEASURES, edna_ties(), NO_SERIES, as_of=AS_OF)
    assert kinds(found) == [("review_overdue", AS_OF)]
    assert found[0]["detail"] == "no review and no start date on record"


def test_a_risk_carried_through_an_introduction_is_new_once() -> None:
    # The lunch club connection moves proposed (05-01) -> introduced (05-20) -> attending
    # (06-10), each stage a tie row flagged "falls": one new risk, on 05-01. A second
    # flag appearing on 06-10 is new then.
    ties = pd.DataFrame({"since": ["2025-05-01", "2025-05-20", "2025-06-10"],
                         "risk_flags": [["falls"], ["falls"], ["falls", "exploitation"]],
                         "to_id": ["A-LUNCH"] * 3})
    found = review_triggers(events(RECENT_REVIEW), NO_MEASURES, ties, NO_SERIES, as_of=AS_OF)
    assert [(t["date"], t["detail"]) for t in found if t["kind"] == "new_risk"] == [
        ("2025-05-01", "connection to A-LUNCH flagged: falls"),
        ("2025-06-10", "connection to A-LUNCH flagged: exploitation")]


def test_the_next_review_planned_at_the_last_review_drives_review_due() -> None:
    # Reviewed 2025-01-10. A year on is 2026-01-10: not overdue on AS_OF (2025-06-30).
    found = review_triggers(events(RECENT_REVIEW), NO_MEASURES, edna_ties(), NO_SERIES,
                            as_of=AS_OF)
    assert kinds(found) == []
    # The practitioner planned the next review for 2025-04-10 at it: due then, and on
    # 2025-06-30 overdue, dated 2025-04-10, saying so.
    planned = ("2025-04-10", "review_planned", None, None)
    found = review_triggers(events(RECENT_REVIEW, planned), NO_MEASURES, edna_ties(),
                            NO_SERIES, as_of=AS_OF)
    assert found == [{"kind": "review_overdue", "date": "2025-04-10",
                      "detail": "review due 2025-04-10 (planned at the last review, 2025-01-10)"}]
    # A plan for 2025-12-01 instead: due then, not yet overdue (the plan, not the year).
    later = ("2025-12-01", "review_planned", None, None)
    assert review_triggers(events(RECENT_REVIEW, later), NO_MEASURES, edna_ties(), NO_SERIES,
                           as_of="2025-12-02")[-1]["date"] == "2025-12-01"
    assert kinds(review_triggers(events(RECENT_REVIEW, later), NO_MEASURES, edna_ties(),
                                 NO_SERIES, as_of=AS_OF)) == []
    # A plan made before the last review (2024-11-01, at a 2024-05-01 review) is spent:
    # the year rule from 2025-01-10 stands.
    spent = (("2024-05-01", "review", None, None), ("2024-11-01", "review_planned", None, None))
    assert kinds(review_triggers(events(*spent, RECENT_REVIEW), NO_MEASURES, edna_ties(),
                                 NO_SERIES, as_of=AS_OF)) == []
