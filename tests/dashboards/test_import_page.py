"""The import page: every bad row is named and nothing is written; a good file is
written only on confirmation, and the write is in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import reads
from graph.dashboard_reads import audit_entries
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

from .conftest import TINY_AREA, app_as, point_app_at, scope_of

BAD_PEOPLE = """person_id,client,display_name,area,service,practitioner,needs,interests,access_needs,risks,functions_needed,age_band
C-9,yes,Nina New,Riverside,SVC-A,PR-A,,,,,,200
C-10,maybe,Nico New,Riverside,SVC-A,PR-A,,,,,,65-74
"""
GOOD_PEOPLE = """person_id,client,display_name,area,service,practitioner,needs,interests,access_needs,risks,functions_needed,age_band
C-9,yes,Nina New,Riverside,SVC-A,PR-A,,,,,,65-74
"""


@pytest.fixture
def lead_app(store: Neo4jStore, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    """A fresh graph holding the hand-written area's services (so a lead exists)."""
    from ingest.importer import import_paths

    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / "services.csv").write_text(TINY_AREA["services.csv"])
    (folder / "people.csv").write_text(TINY_AREA["people.csv"])
    assert import_paths(store, [folder], actor="test-suite").ok
    point_app_at(store, monkeypatch)
    return store


def test_bad_file_names_every_bad_row_and_writes_nothing(lead_app: Neo4jStore) -> None:
    at = app_as(lead_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("people.csv", BAD_PEOPLE.encode(), "text/csv").run()
    problems = list(at.dataframe[-1].value.iloc[:, 0])
    assert any("people.csv:2:" in problem and "age_band" in problem for problem in problems)
    assert any("people.csv:3:" in problem and "client" in problem for problem in problems)
    assert not at.button, "no import button while rows are bad"
    system = Scope.system("test")
    assert "C-9" not in set(reads.clients_in_scope(lead_app, system)["person_id"])


def test_good_file_is_imported_on_confirmation_and_audited(lead_app: Neo4jStore) -> None:
    at = app_as(lead_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("people.csv", GOOD_PEOPLE.encode(), "text/csv").run()
    system = Scope.system("test")
    assert "C-9" not in set(reads.clients_in_scope(lead_app, system)["person_id"])
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success][-1].startswith("Imported: ")
    assert "C-9" in set(reads.clients_in_scope(lead_app, system)["person_id"])
    (entry,) = [e for e in audit_entries(lead_app, scope_of(Role.SERVICE_LEAD, "SVC-A"))
                if e["action"] == "import"]
    assert entry["actor"] == "demo-service_lead-SVC-A" and "people.csv: written" in entry["detail"]


SEED_TIES = """person_id,to_id,to_type,relationship,kind,functions,hours_per_week,contacts_per_month,strength,quality,trusted,since,until,status,enabled_by,risk_flags,mitigations
C-1,S-1,person,daughter,natural,shopping,4,8,5,positive,yes,2010-01-01,,,,,
C-1,S-2,person,neighbour,natural,transport,1,4,3,positive,yes,2018-05-01,,,,,
C-1,HC-1,service,home care,paid,personal_care,10,40,3,neutral,,2024-01-01,,,,,
"""
ONE_TIE = SEED_TIES.splitlines()[0] + "\n" + SEED_TIES.splitlines()[1] + "\n"


def current_ties(store: Neo4jStore) -> set[str]:
    data = reads.person_data(store, Scope.system("test"), "C-1")
    assert data is not None
    return {row["to_id"] for row in data.ties.to_dict("records") if not row["until"]}


@pytest.fixture
def networked_app(lead_app: Neo4jStore, tmp_path: Path) -> Neo4jStore:
    from ingest.importer import import_paths

    (tmp_path / "ties.csv").write_text(SEED_TIES)
    assert import_paths(lead_app, [tmp_path / "ties.csv"], actor="test-suite").ok
    return lead_app


def test_a_partial_ties_upload_ends_nothing(networked_app: Neo4jStore) -> None:
    """Issue 13: a one-row ties upload ended all of that client's other ties unasked."""
    at = app_as(networked_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("ties.csv", ONE_TIE.encode(), "text/csv").run()
    assert not any("will end" in w.value for w in at.warning)
    at.button[0].click().run()
    assert [s.value for s in at.success][-1].startswith("Imported: ")
    assert "0 tie(s) ended" in at.success[-1].value
    assert current_ties(networked_app) == {"S-1", "S-2", "HC-1"}


def test_a_complete_network_upload_says_what_it_ends_before_it_writes(
        networked_app: Neo4jStore) -> None:
    at = app_as(networked_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("ties.csv", ONE_TIE.encode(), "text/csv").run()
    at.checkbox(key="import_complete_network").check().run()
    assert any("will end 2 current tie(s)" in w.value for w in at.warning)
    listed = at.dataframe[-1].value
    assert sorted(listed["Tie to"]) == ["Homecare Ltd", "Ned Neighbour"]
    assert current_ties(networked_app) == {"S-1", "S-2", "HC-1"}  # nothing yet
    at.button[0].click().run()
    assert "2 tie(s) ended" in at.success[-1].value
    assert current_ties(networked_app) == {"S-1"}


def test_two_uploads_of_one_name_are_both_validated(lead_app: Neo4jStore) -> None:
    """Issue 13: a bad events.csv then a good events.csv were both listed, and the good
    one silently replaced the bad in staging: "All 2 rows are valid"."""
    bad = "person_id,date,kind,other_id,notes\nC-1,2025-13-40,contact,,\n"
    good = "person_id,date,kind,other_id,notes\nC-1,2025-01-10,contact,,\n"
    at = app_as(lead_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("events.csv", bad.encode(), "text/csv")
    at.file_uploader[0].upload("events.csv", good.encode(), "text/csv").run()
    problems = list(at.dataframe[-1].value.iloc[:, 0])
    assert any("events.csv:2:" in problem and "date" in problem for problem in problems)
    assert not at.button, "nothing can be imported while one of them is bad"


def test_stale_staged_uploads_are_removed(tmp_path: Path) -> None:
    import os
    import tempfile
    import time

    from dashboards import import_flow

    old = Path(tempfile.mkdtemp(prefix=import_flow.STAGING_PREFIX))
    fresh = Path(tempfile.mkdtemp(prefix=import_flow.STAGING_PREFIX))
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    import_flow.discard_stale()
    assert not old.exists() and fresh.exists()
    import_flow.discard(None)
    fresh.rmdir()


def test_a_lead_upload_naming_another_services_client_is_refused(lead_app: Neo4jStore) -> None:
    """Issue 13.1: C-3 is SVC-B's client; SVC-A's lead naming them was "1 rows written"."""
    taken = GOOD_PEOPLE.splitlines()[0] + "\nC-3,yes,Taken,Riverside,SVC-A,PR-A,,,,,,55-64\n"
    at = app_as(lead_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("people.csv", taken.encode(), "text/csv").run()
    problems = list(at.dataframe[-1].value.iloc[:, 0])
    assert problems == ["people.csv:2: person_id: person 'C-3' is unknown or not in your "
                        "service"]
    assert not at.button


def test_the_confirm_step_lists_each_clients_changes_and_the_result_repeats_them(
        networked_app: Neo4jStore) -> None:
    """Issue 13.2: per client, what will be added and changed, before and after."""
    added = SEED_TIES.splitlines()[0] + "\nC-1,S-9,person,friend,natural,,,,,,,2026-01-01,,,,,\n"
    at = app_as(networked_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("ties.csv", added.encode(), "text/csv").run()
    preview = at.dataframe[-1].value.to_dict("records")
    assert [(row["Client"], row["Ties added"]) for row in preview] == [("C-1", "S-9")]
    at.button[0].click().run()
    result = at.dataframe[-1].value.to_dict("records")
    assert result == preview


def test_an_upload_over_the_size_limit_is_refused_unsaved(
        lead_app: Neo4jStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: a dashboard upload raised the shared server's memory from 0.3 to 1.3 GB.
    The limit is the settings' (here 1 MiB from an [import] table); the upload is
    GOOD_PEOPLE plus a 1 MiB notes column: over it, so named and not imported."""
    config = tmp_path / "assetmap.toml"
    config.write_text("[import]\nmax_file_mb = 1\n")
    monkeypatch.setenv("ASSETMAP_CONFIG", str(config))
    big = GOOD_PEOPLE + "#" * (1024 * 1024)
    at = app_as(lead_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("people.csv", big.encode(), "text/csv").run()
    problems = list(at.dataframe[-1].value.iloc[:, 0])
    assert problems == ["people.csv: 1.0 MiB: an upload may be at most 1.0 MiB — split it"]
    assert not at.button
