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
