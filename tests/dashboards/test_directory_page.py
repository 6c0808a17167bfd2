"""The Directory page's upkeep forms (issue 15.6) through Streamlit's AppTest on the real
store: for each form accepted input, refused input and an out-of-scope attempt, a stale
save refused with what changed, each checked in the store and not only on the page;
and the asset owner reaches the directory only, with no person-level data on any page.

TINY_AREA (conftest), Riverside: A-1 Riverside Garden Club (approved, last reviewed
2026-01-01, due 2099-01-01); A-2 Unvetted Card School (not approved, no review dates).
Clients C-1, C-2 (PR-A, SVC-A) and C-3 (PR-B, SVC-B).
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboards import state
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from ingest import directory_forms as upkeep

from .conftest import all_text, app_as
from .test_pages import PEOPLE_NAMES, _refused
from .test_workbench import SYSTEM, press, shown

OWNER = (Role.ASSET_OWNER, "")


def stored(store: Neo4jStore, asset_id: str) -> dict[str, object]:
    state_ = upkeep.read_asset(store, SYSTEM, asset_id)
    assert state_ is not None
    return state_.values


def directory_as(store: Neo4jStore, role: Role, scope_id: str, asset_id: str) -> AppTest:
    at = app_as(store, role, scope_id, page="directory")
    at.selectbox(key=state.DIRECTORY_UPKEEP_ASSET).set_value(asset_id).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_an_asset_owner_reaches_the_directory_only_and_sees_no_person(
        tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *OWNER)
    text = all_text(at)
    assert "Community asset directory" in text and "Keep the directory" in text
    pages_seen = [text]
    for page in ("person", "workbench", "service", "area", "import_data", "audit_log"):
        _refused(at, page)
    # A link to a person's page, typed by hand, lands on the role check too.
    linked = app_as(tiny_app, *OWNER)
    linked.query_params["person"] = "C-1"
    _refused(linked, "person")
    pages_seen += [all_text(at), all_text(linked)]
    for text in pages_seen:
        for name in PEOPLE_NAMES:
            assert name not in text
        for person_id in ("C-1", "C-2", "C-3", "S-1", "S-2"):
            assert person_id not in text


@pytest.mark.parametrize("viewer", [(Role.PRACTITIONER, "PR-A"), (Role.COMMISSIONER, "")],
                         ids=["practitioner", "commissioner"])
def test_practitioners_and_commissioners_get_no_upkeep_forms(tiny_app: Neo4jStore,
                                                              viewer) -> None:
    at = app_as(tiny_app, *viewer, page="directory")
    assert "Keep the directory" not in all_text(at)
    assert not [button for button in at.button
                if button.label in ("Approve", "Withdraw", "Record the review")]


def test_approve_on_the_page(tiny_page: Neo4jStore) -> None:
    at = directory_as(tiny_page, *OWNER, "A-2")
    press(at, "Approve")
    assert shown(at, "Approved.")
    assert stored(tiny_page, "A-2")["approved"] is True
    # The page's approved list shows it at once (its review: no review date).
    assert list(at.dataframe[0].value["Asset"]) == ["Riverside Garden Club",
                                                    "Unvetted Card School"]


def test_withdraw_asks_for_the_reason_then_keeps_it(tiny_page: Neo4jStore) -> None:
    at = directory_as(tiny_page, Role.SERVICE_LEAD, "SVC-A", "A-1")
    press(at, "Withdraw")  # no reason given
    assert shown(at, "Not saved: give the day and the reason for withdrawing")
    assert stored(tiny_page, "A-1")["approved"] is True
    at.date_input(key="withdraw_on_A-1").set_value(date(2026, 6, 20))
    at.text_input(key="withdraw_reason_A-1").input("The garden is being built on")
    press(at, "Withdraw")
    assert shown(at, "Withdrawn; it stays on the record.")
    values = stored(tiny_page, "A-1")
    assert (values["approved"], values["status"], values["withdrawn_on"],
            values["withdrawn_reason"]) == (False, "withdrawn", "2026-06-20",
                                            "The garden is being built on")
    # Gone from the approved list (it was the only approved asset); the upkeep table,
    # now the page's only table, shows when and why.
    assert "No approved assets in the directory yet." in all_text(at)
    (upkeep_frame,) = at.dataframe
    upkeep_table = upkeep_frame.value
    row = upkeep_table[upkeep_table["Id"] == "A-1"].iloc[0]
    assert (row["Approved"], row["Status"], row["Withdrawn"]) == (
        "no", "withdrawn", "on 2026-06-20: The garden is being built on")


def test_review_refused_then_recorded(tiny_page: Neo4jStore) -> None:
    at = directory_as(tiny_page, *OWNER, "A-2")
    at.date_input(key="review_on_A-2").set_value(date(2026, 6, 1))
    at.date_input(key="review_next_A-2").set_value(date(2026, 5, 1))  # before the review
    at.text_input(key="review_by_A-2").input("Di Directory")
    at.checkbox(key="review_access_checked_A-2").check()
    press(at, "Record the review")  # safeguarding not ticked, next review before
    assert shown(at, "Not saved: check the safeguarding notes (and tick that you did); "
                     "give the next review date (after the review)")
    assert "last_reviewed" not in stored(tiny_page, "A-2")
    at.checkbox(key="review_safeguarding_checked_A-2").check()
    at.text_area(key="review_safeguarding_notes_A-2").input("Run by two vetted volunteers")
    at.date_input(key="review_next_A-2").set_value(date(2027, 6, 1))
    press(at, "Record the review")
    assert shown(at, "Review recorded.")
    values = stored(tiny_page, "A-2")
    assert (values["last_reviewed"], values["review_due"], values["reviewed_by"],
            values["access_checked_on"], values["safeguarding_checked_on"],
            values["safeguarding_notes"]) == ("2026-06-01", "2027-06-01", "Di Directory",
                                              "2026-06-01", "2026-06-01",
                                              "Run by two vetted volunteers")
    upkeep_table = at.dataframe[-1].value
    row = upkeep_table[upkeep_table["Id"] == "A-2"].iloc[0]
    assert (row["Last reviewed"], row["Reviewed by"], row["Notes checked"]) == (
        "2026-06-01", "Di Directory", "accessibility 2026-06-01; safeguarding 2026-06-01")


def test_an_asset_changed_by_someone_else_is_not_overwritten(tiny_page: Neo4jStore) -> None:
    at = directory_as(tiny_page, *OWNER, "A-1")
    # Another user reviews A-1 after this page read it.
    other = upkeep.read_asset(tiny_page, SYSTEM, "A-1")
    assert other is not None
    assert upkeep.review_asset(tiny_page, SYSTEM, other, on="2026-06-01",
                               next_review="2027-06-01", reviewer="Sam Lead",
                               access_checked=True, safeguarding_checked=True).ok
    at.text_input(key="withdraw_reason_A-1").input("Closed for the winter")
    press(at, "Withdraw")
    assert shown(at, "someone else saved this asset since you opened it (another-user at ")
    assert shown(at, "review_due=2099-01-01") and shown(at, "review_due=2027-06-01")
    assert stored(tiny_page, "A-1")["approved"] is True
    # Reopened with the new version, the same withdrawal saves.
    at.text_input(key="withdraw_reason_A-1").input("Closed for the winter")
    press(at, "Withdraw")
    assert stored(tiny_page, "A-1")["withdrawn_reason"] == "Closed for the winter"
