"""The workbench page's forms through Streamlit's AppTest, on the real store: accepted
input, refused input, an out-of-scope attempt and a concurrent edit, each checked in
the store (through ``views.person``) and not only on the page.

TINY_AREA (conftest): PR-A holds C-1 (ties to S-1 daughter, S-2 neighbour, HC-1 home
care, A-1 garden club attending since 2025-03-01) and C-2; PR-B holds C-3.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assetmap import views
from assetmap.settings import AnalyticsSettings
from dashboards import state
from dashboards.text import md_text
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import forms
from ingest.importer import import_paths

from .conftest import all_text, app_as

SYSTEM = Scope.system("another-user")


def workbench(store: Neo4jStore) -> AppTest:
    at = app_as(store, Role.PRACTITIONER, "PR-A", page="workbench")
    assert at.selectbox(key=state.WORKBENCH_PERSON).value == "C-1"
    return at


def press(at: AppTest, label: str) -> AppTest:
    (button,) = [button for button in at.button if button.label == label]
    button.click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(at: AppTest, text: str) -> bool:
    """Whether the page says ``text`` (pages put recorded text through ``md_text``)."""
    return md_text(text) in all_text(at)


def c1_ties(store: Neo4jStore) -> dict[str, dict[str, object]]:
    view = views.person(store, SYSTEM, "C-1", as_of="2099-01-01", limits=AnalyticsSettings())
    assert view is not None
    return {row["to_id"]: row for row in view.record.data.ties.to_dict("records")}


def test_mapping_adds_a_supporter_in_their_own_words(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    # The guided prompts, then one per function C-1 needs (shopping; transport; emotional).
    prompts = at.selectbox(key=state.WORKBENCH_PROMPT)
    texts = list(prompts.options)  # as shown
    assert texts[:4] == ["Who helps you feel safe?",
                         "Where do you like going that lifts your mood?",
                         "When things get hard, what keeps you going?",
                         "Who would notice if you're not okay?"]
    assert "Who helps with shopping?" in texts
    at.text_input(key="map_name").input("Gwen Friend")
    at.text_area(key="map_words").input("Gwen — she'd know before I did.")
    press(at, "Add to the map")
    assert shown(at, "Added Gwen Friend to the map.")
    (gwen,) = [tie for tie in c1_ties(tiny_page).values() if tie["name"] == "Gwen Friend"]
    # Prompt 1 suggests emotional support from family or friends.
    assert (gwen["own_words"], gwen["functions"], gwen["kind"]) == (
        "Gwen — she'd know before I did.", ["emotional"], "natural")


def test_mapping_refuses_what_the_import_would_refuse(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    at.text_input(key="map_name").input("Too Long")
    at.text_area(key="map_words").input("x" * 2001)  # the import's limit is 2000 characters
    press(at, "Add to the map")
    assert shown(at, "Not saved: own_words: longer than 2000 characters")
    assert not [tie for tie in c1_ties(tiny_page).values() if tie["name"] == "Too Long"]


def test_a_client_moved_out_of_the_caseload_cannot_be_written(tiny_page: Neo4jStore,
                                                               tmp_path: Path) -> None:
    at = workbench(tiny_page)
    at.text_input(key="map_name").input("Late Addition")
    # Before the save, C-1 moves to practitioner PR-B's caseload.
    people = tmp_path / "people.csv"
    people.write_text("person_id,client,display_name,area,service,practitioner,needs,interests,"
                      "access_needs,risks,functions_needed,age_band\n"
                      "C-1,yes,Ann Example,Riverside,SVC-A,PR-B,mobility,gardening,step_free,"
                      "falls,shopping;transport;emotional,75-84\n")
    assert import_paths(tiny_page, [people], actor="t").ok
    press(at, "Add to the map")
    # The page now offers only C-2: the form filled in for C-1 is saved to nobody.
    assert at.selectbox(key=state.WORKBENCH_PERSON).value == "C-2"
    assert shown(at, "Not saved: this form was filled in for another client.")
    for client in ("C-1", "C-2"):
        view = views.person(tiny_page, SYSTEM, client, as_of="2099-01-01",
                            limits=AnalyticsSettings())
        assert view is not None and "Late Addition" not in set(view.record.data.ties["name"])
    # Written directly, the same attempt gets the one answer that reveals nothing.
    result = forms.add_tie(tiny_page, Scope("pr-a", Role.PRACTITIONER, "PR-A"), {
        "person_id": "C-1", "to_id": "SUP-x", "to_type": "person", "kind": "natural"})
    assert result.problems == (forms.NOT_IN_CASELOAD,)


def test_a_tie_changed_by_someone_else_is_not_overwritten(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    at.selectbox(key=state.WORKBENCH_TIE).set_value("C-1>S-1@2010-01-01").run()
    # Another user saves the daughter's tie after this page read it (8 -> 12 a month).
    read = forms.read_tie(tiny_page, SYSTEM, "C-1", "C-1>S-1@2010-01-01")
    assert read is not None
    assert forms.edit_tie(tiny_page, SYSTEM, read, {"contacts_per_month": 12}).ok
    at.number_input(key="edit_contacts_C-1>S-1@2010-01-01").set_value(2.0)
    press(at, "Save changes")
    assert shown(at, "someone else saved this tie since you opened it (another-user")
    assert shown(at, "contacts_per_month=8") and shown(at, "contacts_per_month=12")
    assert c1_ties(tiny_page)["S-1"]["contacts_per_month"] == 12
    # Reopened with the new version, the same change saves.
    at.number_input(key="edit_contacts_C-1>S-1@2010-01-01").set_value(2.0)
    press(at, "Save changes")
    assert c1_ties(tiny_page)["S-1"]["contacts_per_month"] == 2


def test_ending_a_tie_asks_for_the_reason(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    at.selectbox(key=state.WORKBENCH_TIE).set_value("C-1>S-2@2018-05-01").run()
    press(at, "End the tie")
    assert shown(at, "give the date the tie ended and the reason")
    at.text_input(key="end_reason_C-1>S-2@2018-05-01").input("Moved away")
    press(at, "End the tie")
    ended = c1_ties(tiny_page)["S-2"]
    assert ended["end_reason"] == "Moved away" and ended["until"]


def test_an_introduction_needs_its_plan_first(tiny_page: Neo4jStore) -> None:
    assert forms.add_tie(tiny_page, SYSTEM, {
        "person_id": "C-1", "to_id": "A-2", "to_type": "asset", "kind": "community",
        "since": "2026-03-01", "status": "proposed"}).ok
    at = workbench(tiny_page)
    at.selectbox(key=state.WORKBENCH_CONNECTION).set_value("C-1>A-2@2026-03-01").run()
    press(at, "Move")
    assert shown(at, "cannot move to introduced while these are empty: plan_contact, "
                     "plan_introduction, plan_travel, plan_exit")
    for item, text in {"plan_contact": "Pat rings", "plan_introduction": "Meets Pat first",
                       "plan_travel": "Bus 4", "plan_exit": "Rings me to leave",
                       "plan_staff_role": "I go along"}.items():
        at.text_input(key=f"plan_{item}_C-1>A-2@2026-03-01").input(text)
    at.multiselect(key="plan_risks_C-1>A-2@2026-03-01").set_value(["anxiety_in_crowds"])
    press(at, "Save the plan")
    press(at, "Move")
    tie = c1_ties(tiny_page)["A-2"]
    assert (tie["status"], tie["plan_staff_role"], tie["risk_flags"]) == (
        "introduced", "I go along", ["anxiety_in_crowds"])
    assert tie["introduced_on"]


def test_evidence_and_measures(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    at.button(key="attend_attended_A-1").click().run()  # one click after the date
    at.selectbox(key=state.WORKBENCH_EVENT_KIND).set_value("safeguarding_concern").run()
    assert shown(at, "Escalation route: Tell your team")
    at.text_area(key="event_notes").input("Asked for money")
    press(at, "Record")
    press(at, "Save the answers")  # nothing answered yet
    assert shown(at, "Answer every question.")
    # LSNS-6 answers 2, 1, 1, 3, 2, 0: total 9, below 12 so at risk of isolation.
    for number, answer in enumerate([2, 1, 1, 3, 2, 0]):
        at.radio(key=f"measure_LSNS-6_{number}").set_value(answer)
    press(at, "Save the answers")
    assert shown(at, "LSNS-6 9 (at risk of isolation) saved.")
    view = views.person(tiny_page, SYSTEM, "C-1", as_of="2099-01-01",
                        limits=AnalyticsSettings())
    assert view is not None
    events = view.record.data.events.to_dict("records")
    assert {(e["kind"], e["other_id"]) for e in events} >= {("attended", "A-1")}
    assert [e["notes"] for e in events if e["kind"] == "safeguarding_concern"] == [
        "Asked for money"]
    measures = view.record.data.measures.to_dict("records")
    assert [(m["score"], m["items"]) for m in measures if m["instrument"] == "LSNS-6"
            and m["items"]] == [(9, [2, 1, 1, 3, 2, 0])]
