"""The workbench's plain values: the guided prompts and the choices its forms offer."""

from __future__ import annotations

from dashboards import workbench
from graph.frames import ties_frame


def test_the_guided_prompts_come_first_then_one_per_needed_function() -> None:
    texts = [prompt.text for prompt in workbench.prompts_for(["shopping", "transport"])]
    assert texts == ["Who helps you feel safe?",
                     "Where do you like going that lifts your mood?",
                     "When things get hard, what keeps you going?",
                     "Who would notice if you're not okay?",
                     "Who helps with shopping?", "Who helps with transport?"]
    # The place prompt suggests a community connection (an asset).
    assert workbench.prompts_for([])[1].target.value == "asset"


def test_only_current_visible_ties_are_offered_for_editing() -> None:
    ties = ties_frame([
        {"tie_id": "C>S@2020", "to_id": "S", "name": "Sue", "kind": "natural", "since": "2020"},
        {"tie_id": "C>T@2019", "to_id": "T", "name": "Tom", "kind": "natural", "since": "2019",
         "until": "2021-01-01"},
        {"tie_id": "hidden-tie:4", "to_id": "hidden-supporter:9", "kind": "natural"},
        {"tie_id": "C>A@2024", "to_id": "A", "to_type": "asset", "name": "Club",
         "kind": "community", "since": "2024", "status": "attending"},
    ], person_id="C")
    # Ended (Tom) and hidden ties are not offered; newest first.
    assert list(workbench.editable_ties(ties)) == ["C>A@2024", "C>S@2020"]
    assert workbench.connections(ties) == {"C>A@2024": "Club · community group · since 2024 · attending"}
    assert workbench.active_connections(ties) == {"A": "Club"}


def test_review_changes_read_as_sentences() -> None:
    changes = {"last_review": "2026-01-10", "next_review": None,
               "gained": [{"to_id": "S3", "name": "Gwen", "since": "2026-03-01"}],
               "lost": [{"to_id": "S2", "name": None, "until": "2026-02-20"}],
               "moved": [{"to_id": "A1", "name": "Choir", "status": "attending",
                          "date": "2026-02-08"}],
               "measures": [{"date": "2026-02-15", "instrument": "LSNS-6", "score": 9.0}],
               "triggers": [{"kind": "new_risk", "date": "2026-03-01", "detail": "falls"}]}
    # A nameless supporter reads as their id; 9.0 reads as 9.
    assert workbench.review_change_lines(changes) == [
        "Changes since the last review (2026-01-10):", "Gained: Gwen (since 2026-03-01)",
        "Lost: S2 (ended 2026-02-20)", "Choir: attending on 2026-02-08",
        "LSNS-6 9 on 2026-02-15", "Trigger: falls (2026-03-01)"]
    empty = {**changes, "last_review": None, "gained": [], "lost": [], "moved": [],
             "measures": [], "triggers": []}
    assert workbench.review_change_lines(empty) == [
        "Changes on record (no review yet):", "nothing recorded"]
