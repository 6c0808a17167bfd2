"""Directory upkeep (issue 15.6) on the real store: approve, withdraw with a reason and
record an asset review through the one write path (``ingest.directory_forms``): the
import's rules and writer, scoped to asset owners and service leads, audited with
before and after, a stale second save refused with what changed; and the change shows
at once in asset fit, the area's directory figures and the area report.

TINY_AREA (conftest), Riverside: A-1 Riverside Garden Club (approved, last reviewed
2026-01-01, review due 2099-01-01, safeguarding notes "Staff on site"); A-2 Unvetted
Card School (tags cards, free, not approved, no review dates). Practitioner PR-A
(service SVC-A) holds C-1 (attending A-1) and C-2; PR-B holds C-3 (Hillcrest).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assetmap import views
from assetmap.cli_analytics import area_report_on
from assetmap.settings import AnalyticsSettings
from graph.dashboard_reads import audit_entries
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import directory_forms as upkeep
from ingest.importer import import_paths

from .conftest import scope_of

AS_OF = "2026-06-30"
OWNER = scope_of(Role.ASSET_OWNER)
LEAD_A = scope_of(Role.SERVICE_LEAD, "SVC-A")
PR_A = scope_of(Role.PRACTITIONER, "PR-A")
COMMISSIONER = scope_of(Role.COMMISSIONER)
SYSTEM = Scope.system("t")


def read(store: Neo4jStore, asset_id: str) -> upkeep.AssetState:
    state = upkeep.read_asset(store, OWNER, asset_id)
    assert state is not None
    return state


def entries(store: Neo4jStore, asset_id: str) -> list[dict[str, object]]:
    """This asset's audit entries, oldest first."""
    return [entry for entry in reversed(audit_entries(store, SYSTEM))
            if str(entry["detail"]).startswith(f"asset {asset_id}:")]


def parts(summary: object) -> set[str]:
    return set(str(summary).split("; ")) if summary else set()


def suggested(store: Neo4jStore, person_id: str) -> list[str]:
    view = views.person(store, SYSTEM, person_id, as_of=AS_OF, limits=AnalyticsSettings())
    assert view is not None
    return [str(s["asset_id"]) for s in view.figures["suggestions"]]


def riverside_health(store: Neo4jStore) -> tuple[int, int, int]:
    """(listed, unapproved, approved but overdue) for Riverside, from the area view."""
    view = views.area(store, COMMISSIONER, "", as_of=AS_OF, limits=AnalyticsSettings())
    assert view is not None
    health = view.directory_health.set_index("area")
    row = health.loc["Riverside"]
    return int(row["listed"]), int(row["unapproved"]), int(row["overdue"])


def add_card_player(store: Neo4jStore, folder: Path) -> None:
    """C-9: a Riverside client of PR-A who likes cards, no access needs, no risks."""
    people = folder / "people.csv"
    people.write_text("person_id,client,display_name,area,service,practitioner,needs,"
                      "interests,access_needs,risks,functions_needed,age_band\n"
                      "C-9,yes,Cara Cards,Riverside,SVC-A,PR-A,,cards,,,,65-74\n")
    assert import_paths(store, [people], actor="t").ok


def test_approve_review_withdraw_show_at_once(tiny: Neo4jStore, tmp_path: Path) -> None:
    add_card_player(tiny, tmp_path)
    # Before: A-2 is not approved, so nothing is suggested to C-9; Riverside lists 2
    # assets, 1 unapproved, 0 approved-and-overdue (A-1 is due 2099-01-01).
    assert suggested(tiny, "C-9") == []
    assert riverside_health(tiny) == (2, 1, 0)

    assert upkeep.approve_asset(tiny, OWNER, read(tiny, "A-2"), on=AS_OF).ok
    # Approved but never reviewed: no review date counts as overdue, so it is still not
    # suggested; Riverside: 0 unapproved, 1 approved and overdue.
    assert suggested(tiny, "C-9") == []
    assert riverside_health(tiny) == (2, 0, 1)

    review = upkeep.review_asset(tiny, OWNER, read(tiny, "A-2"), on="2026-06-01",
                                 next_review="2027-06-01", reviewer="Di Directory",
                                 access_checked=True, safeguarding_checked=True,
                                 safeguarding_notes="Two volunteers DBS checked")
    assert review.ok
    # In date now (due 2027-06-01, after 2026-06-30 + 30 days): approved, running, in
    # Riverside and serving "cards", A-2 is suggested to C-9; nothing overdue.
    assert suggested(tiny, "C-9") == ["A-2"]
    assert riverside_health(tiny) == (2, 0, 0)
    report = area_report_on(tiny, COMMISSIONER, AnalyticsSettings(), "", AS_OF)
    assert {"area": "Riverside", "listed": 2, "unapproved": 0, "overdue": 0} \
        in report["directory_health"]
    stored = read(tiny, "A-2").values
    assert (stored["last_reviewed"], stored["review_due"], stored["reviewed_by"],
            stored["access_checked_on"], stored["safeguarding_checked_on"],
            stored["safeguarding_notes"]) == ("2026-06-01", "2027-06-01", "Di Directory",
                                              "2026-06-01", "2026-06-01",
                                              "Two volunteers DBS checked")

    assert upkeep.withdraw_asset(tiny, OWNER, read(tiny, "A-2"), on="2026-06-20",
                                 reason="The hall closed").ok
    # Withdrawn: not approved, status withdrawn, so never suggested; Riverside counts it
    # as unapproved again; it stays in the directory with the day and the reason.
    assert suggested(tiny, "C-9") == []
    assert riverside_health(tiny) == (2, 1, 0)
    every = views.directory(tiny, PR_A, as_of=AS_OF, approved_only=False)
    assert every is not None
    (a2,) = [row for row in every.assets if row["id"] == "A-2"]
    assert (a2["approved"], a2["status"], a2["withdrawn_on"], a2["withdrawn_reason"]) == (
        False, "withdrawn", "2026-06-20", "The hall closed")
    approved = views.directory(tiny, PR_A, as_of=AS_OF)
    assert approved is not None and [row["id"] for row in approved.assets] == ["A-1"]

    # Approved again: active, the withdrawal cleared from the asset (kept in the log).
    again = upkeep.approve_asset(tiny, LEAD_A, read(tiny, "A-2"), on=AS_OF)
    assert again.ok and suggested(tiny, "C-9") == ["A-2"]
    assert parts(again.before) >= {"approved=False", "status=withdrawn",
                                   "withdrawn_reason=The hall closed"}
    assert parts(again.after) >= {"approved=True", "status=active"}


def test_each_save_is_audited_with_before_and_after(tiny: Neo4jStore) -> None:
    result = upkeep.review_asset(tiny, OWNER, read(tiny, "A-1"), on="2026-06-01",
                                 next_review="2027-06-01", reviewer="Di Directory",
                                 access_checked=True, safeguarding_checked=True)
    assert result.ok
    # Changed: last_reviewed 2026-01-01 -> 2026-06-01, review_due 2099-01-01 ->
    # 2027-06-01; new: reviewed_by and the two checked-on days (before: absent).
    assert parts(result.before) == {"last_reviewed=2026-01-01", "review_due=2099-01-01"}
    assert parts(result.after) == {"last_reviewed=2026-06-01", "review_due=2027-06-01",
                                   "reviewed_by=Di Directory", "access_checked_on=2026-06-01",
                                   "safeguarding_checked_on=2026-06-01"}
    (entry,) = entries(tiny, "A-1")
    assert (entry["action"], entry["role"], entry["actor"], entry["person_id"]) == (
        "record", "asset_owner", "test-asset_owner", None)
    assert entry["detail"] == "asset A-1: reviewed"
    assert (entry["before"], entry["after"]) == (result.before, result.after)
    # A service lead sees entries about no person in the audit log; a practitioner does not.
    assert entry["id"] in {e["id"] for e in audit_entries(tiny, LEAD_A)}
    assert entry["id"] not in {e["id"] for e in audit_entries(tiny, PR_A)}


@pytest.mark.parametrize("form, problem", [
    (lambda store, state: upkeep.withdraw_asset(store, OWNER, state, on="2026-06-20",
                                                reason="  "),
     "give the day and the reason for withdrawing"),
    (lambda store, state: upkeep.review_asset(
        store, OWNER, state, on="2026-06-01", next_review="2026-06-01", reviewer="Di",
        access_checked=True, safeguarding_checked=True),
     "give the next review date (after the review)"),
    (lambda store, state: upkeep.review_asset(
        store, OWNER, state, on="2026-06-01", next_review="2027-06-01", reviewer="Di",
        access_checked=True, safeguarding_checked=False),
     "check the safeguarding notes (and tick that you did)"),
    # The import's own rule (Text: at most 2000 characters), not a second copy of it.
    (lambda store, state: upkeep.review_asset(
        store, OWNER, state, on="2026-06-01", next_review="2027-06-01", reviewer="Di",
        access_checked=True, safeguarding_checked=True, access_notes="x" * 2001),
     "access_notes: longer than 2000 characters"),
])
def test_refused_input_writes_nothing_and_is_audited(tiny: Neo4jStore, form, problem) -> None:
    before = read(tiny, "A-1")
    result = form(tiny, before)
    assert not result.ok and result.problems == (problem,)
    assert read(tiny, "A-1") == before  # same values, same version: nothing written
    (entry,) = entries(tiny, "A-1")
    assert entry["action"] == "refused" and problem in str(entry["detail"])


@pytest.mark.parametrize("scope", [PR_A, COMMISSIONER], ids=["practitioner", "commissioner"])
def test_practitioners_and_commissioners_may_not_keep_the_directory(tiny: Neo4jStore,
                                                                    scope: Scope) -> None:
    before = read(tiny, "A-2")
    result = upkeep.approve_asset(tiny, scope, before, on=AS_OF)
    assert result.problems == (upkeep.NOT_A_DIRECTORY_KEEPER,)
    assert read(tiny, "A-2") == before
    (entry,) = entries(tiny, "A-2")
    assert (entry["action"], entry["role"]) == ("refused", scope.role.value)
    assert entry["detail"] == f"asset A-2: approved: refused: {upkeep.NOT_A_DIRECTORY_KEEPER}"


def test_a_stale_second_save_is_refused_with_what_changed(tiny: Neo4jStore) -> None:
    # Two keepers open A-1 at the same version; the lead reviews it first.
    owners_copy, leads_copy = read(tiny, "A-1"), read(tiny, "A-1")
    assert upkeep.review_asset(tiny, LEAD_A, leads_copy, on="2026-06-01",
                               next_review="2027-06-01", reviewer="Sam Lead",
                               access_checked=True, safeguarding_checked=True).ok
    stale = upkeep.withdraw_asset(tiny, OWNER, owners_copy, on="2026-06-20",
                                  reason="Moving to the new hall")
    assert not stale.ok
    (conflict,) = stale.conflict
    assert conflict.startswith("someone else saved this asset since you opened it "
                               "(test-service_lead at ")
    assert "last_reviewed=2026-01-01" in conflict and "last_reviewed=2026-06-01" in conflict
    assert "Nothing was saved" in conflict
    now = read(tiny, "A-1").values
    assert (now["approved"], now.get("status"), now["reviewed_by"]) == (True, None, "Sam Lead")
    (saved, refused) = entries(tiny, "A-1")
    assert (saved["action"], refused["action"]) == ("record", "refused")
    # Reopened at the new version, the same withdrawal saves.
    assert upkeep.withdraw_asset(tiny, OWNER, read(tiny, "A-1"), on="2026-06-20",
                                 reason="Moving to the new hall").ok


def test_an_asset_owner_sees_no_person_level_data(tiny: Neo4jStore) -> None:
    from assetmap import report
    from graph import export_reads, reads
    from graph.errors import AssetmapError

    assert not OWNER.sees_people and OWNER.keeps_directory
    assert reads.clients_in_scope(tiny, OWNER).empty
    assert reads.person_data(tiny, OWNER, "C-1") is None
    assert reads.service_data(tiny, OWNER, "SVC-A") is None
    assert views.person(tiny, OWNER, "C-1", as_of=AS_OF, limits=AnalyticsSettings()) is None
    assert views.service(tiny, OWNER, "SVC-A", as_of=AS_OF, limits=AnalyticsSettings()) is None
    assert views.audit(tiny, OWNER) is None
    assert audit_entries(tiny, OWNER) == []
    with pytest.raises(AssetmapError):
        report.person_report(tiny, OWNER, "C-1", as_of=AS_OF)
    assert export_reads.export_records(tiny, OWNER) is None


def test_the_roles_file_grants_an_asset_owner_no_scope_id(tmp_path: Path) -> None:
    from assetmap.roles import scope_for_user

    roles = tmp_path / "roles.toml"
    roles.write_text('[users."di@council.example"]\nrole = "asset_owner"\nscope_id = "x"\n')
    di = scope_for_user("Di@Council.example", {"ASSETMAP_ROLES": str(roles)})
    # Any scope_id given is ignored: an asset owner holds nobody's people.
    assert di is not None and (di.role, di.scope_id) == (Role.ASSET_OWNER, "")
    assert (di.sees_people, di.keeps_directory) == (False, True)
