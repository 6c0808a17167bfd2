"""The workbench's one write path (``ingest.forms``) on the real store: what a form saves
goes through the import's rules and writer, is scoped, audited with before and after,
refuses a stale save, and shows at once in ``views.person`` and the report.

The area is conftest's TINY_AREA: practitioner PR-A holds C-1 and C-2, PR-B holds C-3.
C-1's daughter tie is ``C-1>S-1@2010-01-01`` with 8 contacts a month.
"""

from __future__ import annotations

import pytest

from assetmap import report, views
from assetmap.settings import DEFAULT_REQUIRED_PLAN_ITEMS, AnalyticsSettings
from graph.dashboard_reads import audit_entries
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import forms

from .conftest import scope_of

AS_OF = "2026-06-30"
DAUGHTER = "C-1>S-1@2010-01-01"
PR_A = scope_of(Role.PRACTITIONER, "PR-A")


def person(store: Neo4jStore, person_id: str = "C-1", scope: Scope = PR_A) -> views.PersonView:
    view = views.person(store, scope, person_id, as_of=AS_OF, limits=AnalyticsSettings())
    assert view is not None
    return view


def tie_of(view: views.PersonView, to_id: str) -> dict[str, object]:
    ties = view.record.data.ties
    (row,) = ties[ties["to_id"] == to_id].to_dict("records")
    return row


def own_entries(store: Neo4jStore, action: str) -> list[dict[str, object]]:
    return [entry for entry in audit_entries(store, Scope.system("t"))
            if entry["action"] == action]


GWEN = {"person_id": "C-1", "to_id": "SUP-gwen", "to_type": "person", "kind": "natural",
        "relationship": "friend", "functions": ["emotional", "check_in"],
        "contacts_per_month": 8, "since": "2026-03-01",
        "own_words": "Gwen knows when I'm low — she just turns up with cake."}


def test_a_new_supporter_is_in_the_view_the_report_and_the_audit(tiny: Neo4jStore) -> None:
    lead = scope_of(Role.SERVICE_LEAD, "SVC-A")

    def informal_ties() -> int:
        service = views.service(tiny, lead, "SVC-A", as_of=AS_OF, limits=AnalyticsSettings())
        assert service is not None
        caseload = service.caseload.set_index("person_id")
        return int(caseload.loc["C-1", "informal_ties"])

    # C-1's informal ties on AS_OF: daughter S-1, neighbour S-2, garden club A-1 = 3.
    assert informal_ties() == 3
    result = forms.add_tie(tiny, PR_A, GWEN, supporter_name="Gwen Friend", as_of=AS_OF)
    assert result.ok, result.message
    assert informal_ties() == 4  # Gwen, natural, since 2026-03-01: in the service view at once
    row = tie_of(person(tiny), "SUP-gwen")
    # The person's words are kept verbatim, the name from the people row the form sent.
    assert row["own_words"] == GWEN["own_words"] and row["name"] == "Gwen Friend"
    assert row["functions"] == ["emotional", "check_in"] and row["updated_by"] == PR_A.user
    html = report.person_report(tiny, PR_A, "C-1", as_of=AS_OF)
    # The report's "Recorded with the person" section: the words and who changed the tie.
    assert "Gwen Friend" in html and "she just turns up with cake" in html
    assert f"{PR_A.user} 20" in html
    (entry,) = own_entries(tiny, "record")
    assert (entry["actor"], entry["person_id"], entry["before"]) == (PR_A.user, "C-1", "")
    assert "own_words=Gwen knows when I'm low" in str(entry["after"])


def test_refused_input_names_the_field_and_writes_nothing(tiny: Neo4jStore) -> None:
    result = forms.add_tie(tiny, PR_A, {**GWEN, "kind": "friendly"})
    assert not result.ok and any(problem.startswith("kind:") for problem in result.problems)
    assert "SUP-gwen" not in set(person(tiny).record.data.ties["to_id"])
    (entry,) = own_entries(tiny, "refused")
    assert entry["person_id"] == "C-1"


@pytest.mark.parametrize("client", ["C-3", "C-404"])
def test_outside_the_caseload_is_refused_revealing_nothing(tiny: Neo4jStore, client: str) -> None:
    # C-3 is PR-B's client, C-404 does not exist: the same words for both.
    result = forms.add_tie(tiny, PR_A, {**GWEN, "person_id": client})
    assert result.problems == (forms.NOT_IN_CASELOAD,)
    assert forms.read_tie(tiny, PR_A, "C-3", "C-3>S-2@2019-01-01") is None
    event = forms.record_event(tiny, PR_A, {"person_id": client, "date": "2026-03-01",
                                            "kind": "contact"})
    assert event.problems == (forms.NOT_IN_CASELOAD,)
    # The operator (system scope) writes anywhere that exists.
    assert forms.record_event(tiny, Scope.system("op"), {"person_id": "C-3", "date": "2026-03-01",
                                                         "kind": "contact"}).ok
    # The refusals are logged without the person.
    assert {entry["person_id"] for entry in own_entries(tiny, "refused")} == {None}


def test_a_stale_save_is_refused_with_what_changed(tiny: Neo4jStore) -> None:
    first = forms.read_tie(tiny, PR_A, "C-1", DAUGHTER)
    second = forms.read_tie(tiny, scope_of(Role.SERVICE_LEAD, "SVC-A"), "C-1", DAUGHTER)
    assert first is not None and second is not None and first.version == second.version
    saved = forms.edit_tie(tiny, PR_A, first, {"contacts_per_month": 10}, as_of=AS_OF)
    assert saved.ok, saved.message
    # The audit keeps the changed value only: 8 -> 10 contacts a month.
    assert (saved.before, saved.after) == ("contacts_per_month=8", "contacts_per_month=10")
    lead = scope_of(Role.SERVICE_LEAD, "SVC-A")
    stale = forms.edit_tie(tiny, lead, second, {"contacts_per_month": 2}, as_of=AS_OF)
    assert not stale.ok and stale.conflict
    assert "contacts_per_month=8" in stale.conflict[0]
    assert "contacts_per_month=10" in stale.conflict[0] and PR_A.user in stale.conflict[0]
    # The first save stands: never last-write-wins.
    assert tie_of(person(tiny), "S-1")["contacts_per_month"] == 10
    (entry,) = own_entries(tiny, "record")
    assert (entry["before"], entry["after"]) == ("contacts_per_month=8", "contacts_per_month=10")


def test_ending_a_tie_needs_a_date_and_a_reason_and_keeps_it(tiny: Neo4jStore) -> None:
    read = forms.read_tie(tiny, PR_A, "C-1", DAUGHTER)
    assert read is not None
    assert not forms.end_tie(tiny, PR_A, read, "2026-05-01", " ").ok
    ended = forms.end_tie(tiny, PR_A, read, "2026-05-01", "Moved to Leeds")
    assert ended.ok, ended.message
    view = person(tiny)
    row = tie_of(view, "S-1")  # still recorded, now ended
    assert (row["until"], row["end_reason"]) == ("2026-05-01", "Moved to Leeds")
    assert "S-1" not in {tie["to_id"] for tie in view.figures["ties"]}  # not in use on AS_OF


def test_a_connection_moves_only_with_its_required_plan(tiny: Neo4jStore) -> None:
    proposal = {"person_id": "C-2", "to_id": "A-1", "to_type": "asset", "kind": "community",
                "functions": ["social"], "since": "2026-03-01", "status": "proposed"}
    assert forms.add_tie(tiny, PR_A, proposal, as_of=AS_OF).ok
    tie = "C-2>A-1@2026-03-01"
    read = forms.read_tie(tiny, PR_A, "C-2", tie)
    assert read is not None
    early = forms.move_connection(tiny, PR_A, read, "introduced", "2026-03-10",
                                  required_plan_items=DEFAULT_REQUIRED_PLAN_ITEMS)
    assert not early.ok
    # The import's own rule (ingest.rules.check_plan_moves), naming its column.
    assert early.problems == ("status: cannot move to introduced while these are empty: "
                              "plan_contact, "
                              "plan_introduction, plan_travel, plan_exit",)
    plan = {"plan_contact": "Pat at the club rings her", "plan_introduction": "Meets Pat first",
            "plan_travel": "Community bus", "plan_exit": "Rings the connector to leave",
            "plan_staff_role": "Connector goes along", "plan_first_date": "2026-03-10",
            "risk_flags": ["anxiety_in_crowds"], "mitigations": "Quiet room available"}
    assert forms.edit_tie(tiny, PR_A, read, plan, as_of=AS_OF).ok
    read = forms.read_tie(tiny, PR_A, "C-2", tie)
    assert read is not None
    moved = forms.move_connection(tiny, PR_A, read, "introduced", "2026-03-10",
                                  required_plan_items=DEFAULT_REQUIRED_PLAN_ITEMS)
    assert moved.ok, moved.message
    row = tie_of(person(tiny, "C-2"), "A-1")
    assert (row["status"], row["introduced_on"], row["plan_staff_role"]) == (
        "introduced", "2026-03-10", "Connector goes along")
    assert row["risk_flags"] == ["anxiety_in_crowds"]


def test_events_and_scored_measures_reach_the_view_and_report(tiny: Neo4jStore) -> None:
    attended = {"person_id": "C-1", "date": "2026-06-01", "kind": "attended", "other_id": "A-1"}
    assert forms.record_event(tiny, PR_A, attended).ok
    concern = {"person_id": "C-1", "date": "2026-06-02", "kind": "safeguarding_concern",
               "notes": "Neighbour asking for money"}
    assert forms.record_event(tiny, PR_A, concern).ok
    # LSNS-6 answers 2+1+1+3+2+0 = 9 (below 12: at risk of isolation).
    lsns = {"person_id": "C-1", "date": "2026-06-03", "instrument": "LSNS-6", "score": 9,
            "items": [2, 1, 1, 3, 2, 0]}
    assert forms.record_measure(tiny, PR_A, lsns).ok
    view = person(tiny)
    events = view.record.data.events
    assert set(zip(events["date"], events["kind"], strict=True)) >= {
        ("2026-06-01", "attended"), ("2026-06-02", "safeguarding_concern")}
    measures = view.record.data.measures
    (stored,) = measures[measures["date"] == "2026-06-03"].to_dict("records")
    assert (stored["score"], stored["items"], stored["recorded_by"]) == (
        9, [2, 1, 1, 3, 2, 0], PR_A.user)
    html = report.person_report(tiny, PR_A, "C-1", as_of=AS_OF)
    assert "Neighbour asking for money" in html and "2026-06-03" in html
    # Who recorded each: the measure and both events by PR-A's user — once in the
    # events and measures tables, once more in "Each step, who recorded it and when"
    # (three saves): 3 + 3 cells.
    assert html.count(f"<td>{PR_A.user}</td>") == 6
    # The same day's LSNS-6 again is someone else's entry: refused with what is stored.
    again = forms.record_measure(tiny, PR_A, {**lsns, "score": 10, "items": [2, 2, 1, 3, 2, 0]})
    assert not again.ok and "already recorded (score 9" in again.conflict[0]


def test_items_that_do_not_add_up_are_refused_by_the_import_rule(tiny: Neo4jStore) -> None:
    # 2+1+1+3+2+0 = 9, not 10; and UCLA-3 has three items, not two.
    wrong_sum = forms.record_measure(tiny, PR_A, {
        "person_id": "C-1", "date": "2026-06-03", "instrument": "LSNS-6", "score": 10,
        "items": [2, 1, 1, 3, 2, 0]})
    assert wrong_sum.problems == ("items: the items add up to 9, not the score 10",)
    short = forms.record_measure(tiny, PR_A, {
        "person_id": "C-1", "date": "2026-06-03", "instrument": "UCLA-3", "score": 4,
        "items": [2, 2]})
    assert short.problems == ("items: UCLA-3 has 3 items; 2 given",)
