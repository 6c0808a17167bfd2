"""The workbench's Review tab (issue 15.5) through AppTest on the real store: what
changed since the last review, a refused save (no next review date, a trigger without a
note), an accepted one, an out-of-scope attempt; then the review is in the person view
and the report's review history, and review_due starts again from it.

TINY_AREA (conftest): PR-A holds C-1, last reviewed 2026-01-10 ("annual review");
PR-B holds C-3.
"""

from __future__ import annotations

from datetime import date, timedelta

from assetmap import views
from assetmap.person_rows import review_rows
from assetmap.settings import AnalyticsSettings
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import forms

from .test_workbench import SYSTEM, press, shown, workbench


def c1(store: Neo4jStore, as_of: str) -> views.PersonView:
    view = views.person(store, SYSTEM, "C-1", as_of=as_of, limits=AnalyticsSettings())
    assert view is not None
    return view


def overdue(view: views.PersonView) -> list[str]:
    return [t["date"] for t in view.figures["triggers"] if t["kind"] == "review_overdue"]


def test_a_review_is_refused_then_recorded_and_resets_review_due(tiny_page: Neo4jStore) -> None:
    today = date.today()
    # A low mood today raises a mood_deterioration trigger the review must acknowledge.
    assert forms.record_event(tiny_page, SYSTEM, {"person_id": "C-1", "date": today.isoformat(),
                                                  "kind": "mood_low", "notes": "tearful"}).ok
    # Before: last review 2026-01-10, so a year on (365 days: 2027-01-10) it is overdue.
    later = (today + timedelta(days=400)).isoformat()
    assert overdue(c1(tiny_page, later)) == ["2027-01-10"]
    at = workbench(tiny_page)
    assert shown(at, "Changes since the last review (2026-01-10):")
    assert shown(at, "Trigger: mood recorded low: tearful")
    at.text_area(key="review_summary").input("Settled; choir going well")
    at.text_area(key="review_own_view").input("I like Tuesdays best")
    press(at, "Record the review")  # no next review date, trigger not acknowledged
    assert shown(at, "Not saved: give the next review date (after the review); "
                     "acknowledge each trigger with a note")
    assert [row["Notes"] for row in review_rows(c1(tiny_page, later).record)] == [
        "annual review"]
    for box in at.text_input:
        if str(box.key).startswith("review_ack_"):
            box.input("GP appointment made")
    next_review = today + timedelta(days=180)
    at.date_input(key="review_next").set_value(next_review)
    press(at, "Record the review")
    assert shown(at, f"Review recorded; next review {next_review}.")
    after = c1(tiny_page, later)
    # The report's review history, newest first, now starts with this review.
    assert review_rows(after.record)[0] == {"Date": today.isoformat(),
                                            "Notes": "Settled; choir going well"}
    events = after.record.data.events.to_dict("records")
    assert {(e["kind"], e["date"], e["notes"]) for e in events} >= {
        ("own_view", today.isoformat(), "I like Tuesdays best"),
        ("review_planned", next_review.isoformat(), None),
        ("trigger_ack", today.isoformat(),
         f"mood_deterioration {today.isoformat()}: GP appointment made")}
    # review_due now counts from today: 400 days on it is overdue from today + 365 only.
    assert overdue(after) == [(today + timedelta(days=365)).isoformat()]
    assert views.review_changes(c1(tiny_page, today.isoformat()))["next_review"] == (
        next_review.isoformat())


def test_a_review_for_another_caseload_is_refused(tiny_page: Neo4jStore) -> None:
    result = forms.record_review(
        tiny_page, Scope("pr-a", Role.PRACTITIONER, "PR-A"), "C-3", on="2026-06-01",
        summary="not mine", own_view="", next_review="2026-12-01")
    assert result.problems == (forms.NOT_IN_CASELOAD,)
    view = views.person(tiny_page, SYSTEM, "C-3", as_of="2099-01-01",
                        limits=AnalyticsSettings())
    assert view is not None and "review" not in set(view.record.data.events["kind"])
