"""Issue 14.6 on the import page: the vocabulary of ASSETMAP_CONFIG maps an upload's
local terms, and the page says which terms it will store in ours before importing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Role
from graph.neo4j_store import Neo4jStore

from ..ingest.helpers import nodes_with
from .conftest import TINY_AREA, app_as, point_app_at

#: A client in a case system's words, without a client column (a person is a client).
LOCAL_PEOPLE = """person_id,display_name,area,service,practitioner,needs,interests,access_needs,risks,functions_needed,age_band
C-9,Nina New,Riverside,SVC-A,PR-A,,,Quiet Room; Step-Free,,,65-74
"""


@pytest.fixture
def vocabulary_app(store: Neo4jStore, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    from ingest.importer import import_paths

    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / "services.csv").write_text(TINY_AREA["services.csv"])
    (folder / "people.csv").write_text(TINY_AREA["people.csv"])
    assert import_paths(store, [folder], actor="test-suite").ok
    point_app_at(store, monkeypatch)
    config = tmp_path / "assetmap.toml"
    config.write_text('[vocabulary.access_needs]\nquiet_room = "quiet_space"\n')
    monkeypatch.setenv("ASSETMAP_CONFIG", str(config))
    return store


def test_the_page_shows_the_terms_it_maps_and_stores_ours(vocabulary_app: Neo4jStore) -> None:
    at = app_as(vocabulary_app, Role.SERVICE_LEAD, "SVC-A", page="import_data")
    at.file_uploader[0].upload("people.csv", LOCAL_PEOPLE.encode(), "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    # "Quiet Room" by the table, "Step-Free" by spelling (our step_free): two rows.
    (mapped,) = [frame.value for frame in at.dataframe
                 if "Term in the files" in frame.value.columns]
    assert list(zip(mapped["Term in the files"], mapped["Stored as"], mapped["By"],
                    strict=True)) == [("Quiet Room", "quiet_space", "vocabulary"),
                                      ("Step-Free", "step_free", "spelling")]
    at.button[0].click().run()
    assert [s.value for s in at.success][-1].startswith("Imported: ")
    assert nodes_with(vocabulary_app, "Client")["C-9"]["access_needs"] == ["quiet_space",
                                                                          "step_free"]
