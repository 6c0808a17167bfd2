"""What changed since the last review (analytics.person_review), worked by hand."""

from __future__ import annotations

from analytics.person_review import changes_since_review, trigger_ack_note
from graph.frames import events_frame, measures_frame, ties_frame

TIES = ties_frame([
    # Before the review (2026-01-10): not a change.
    {"tie_id": "t1", "to_id": "S1", "to_type": "person", "name": "Dora", "kind": "natural",
     "since": "2010-01-01"},
    # Gained after it.
    {"tie_id": "t2", "to_id": "S3", "to_type": "person", "name": "Gwen", "kind": "natural",
     "since": "2026-03-01"},
    # Lost after it (started before).
    {"tie_id": "t3", "to_id": "S2", "to_type": "person", "name": "Ned", "kind": "natural",
     "since": "2018-05-01", "until": "2026-02-20"},
    # A connection proposed before the review, introduced and attending after it.
    {"tie_id": "t4", "to_id": "A1", "to_type": "asset", "name": "Choir", "kind": "community",
     "since": "2025-12-01", "status": "attending", "introduced_on": "2026-02-01",
     "attending_on": "2026-02-08"},
], person_id="C")
EVENTS = events_frame([
    {"date": "2025-01-05", "kind": "review", "notes": "first"},
    {"date": "2026-01-10", "kind": "review", "notes": "annual"},
    {"date": "2027-01-10", "kind": "review_planned"},
    {"date": "2026-07-01", "kind": "review_planned"},  # an earlier plan after the review
    {"date": "2025-06-01", "kind": "review_planned"},  # a plan from before the last review
], person_id="C")
MEASURES = measures_frame([
    {"date": "2025-11-01", "instrument": "LSNS-6", "score": 12},
    {"date": "2026-02-15", "instrument": "LSNS-6", "score": 9},
    {"date": "2026-05-01", "instrument": "LSNS-6", "score": 8},  # after as_of
], person_id="C")
TRIGGERS = [{"kind": "review_overdue", "date": "2025-12-01", "detail": "old"},
            {"kind": "mood_deterioration", "date": "2026-03-02", "detail": "low mood"}]


def test_changes_since_the_last_review() -> None:
    found = changes_since_review(TIES, EVENTS, MEASURES, TRIGGERS, as_of="2026-04-01")
    # The last review on or before 2026-04-01 is 2026-01-10 (not 2025-01-05).
    assert found["last_review"] == "2026-01-10"
    # Plans after it: 2026-07-01 and 2027-01-10; the soonest is 2026-07-01.
    assert found["next_review"] == "2026-07-01"
    # Gwen's tie began 2026-03-01 (in (2026-01-10, 2026-04-01]); Dora's in 2010.
    assert [t["name"] for t in found["gained"]] == ["Gwen"]
    assert [(t["name"], t["until"]) for t in found["lost"]] == [("Ned", "2026-02-20")]
    # The choir was proposed 2025-12-01 (before) but moved twice after the review.
    assert [(m["status"], m["date"]) for m in found["moved"]] == [
        ("introduced", "2026-02-01"), ("attending", "2026-02-08")]
    # The 2025-11-01 score is before the review; the 2026-05-01 one after as_of.
    assert [(m["date"], m["score"]) for m in found["measures"]] == [("2026-02-15", 9.0)]
    assert [t["kind"] for t in found["triggers"]] == ["mood_deterioration"]


def test_without_a_review_everything_on_record_counts() -> None:
    events = events_frame([], person_id="C")
    found = changes_since_review(TIES, events, MEASURES, [], as_of="2026-04-01")
    # No review: every tie started by as_of is gained (4), Ned's is lost, and both
    # measures up to as_of count; no plan, so no next review.
    assert (found["last_review"], found["next_review"]) == (None, None)
    assert len(found["gained"]) == 4 and len(found["measures"]) == 2
    assert trigger_ack_note({"kind": "new_risk", "date": "2026-03-01"}, " rang ") == (
        "new_risk 2026-03-01: rang")
