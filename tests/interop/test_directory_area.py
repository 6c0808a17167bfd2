"""`assetmap area` and the area page on stores with no clients: an empty store and a
store holding only an Open Referral directory (tests/data/open_referral/directory.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import Role
from graph.neo4j_store import Neo4jStore
from ingest.importer import import_paths

from ..conftest import TEST_ACTOR, run_cli
from ..dashboards.conftest import all_text, app_as, point_app_at

DIRECTORY = Path(__file__).resolve().parents[1] / "data" / "open_referral" / "directory.json"


def test_area_answers_on_an_empty_store(store: Neo4jStore) -> None:
    result = run_cli(store, "area", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # Nothing stored: only the all/all total, of nothing; nothing unmet, no
    # only-connection asset.
    assert report["coverage"] == [{"area": "all", "category": "all", "approved_assets": 0,
                                   "overdue_reviews": 0, "clients": 0,
                                   "clients_connected": 0}]
    assert report["only_connection_assets"] == []
    assert report["unmet_interests"] == [] and report["unmet_needs"] == []


def test_area_answers_on_a_directory_only_store(store: Neo4jStore) -> None:
    assert import_paths(store, [DIRECTORY], actor=TEST_ACTOR).ok
    result = run_cli(store, "area", "--json")
    assert result.returncode == 0, result.stderr
    coverage = {(row["area"], row["category"]): row for row in json.loads(result.stdout)["coverage"]}
    # Approved and active: Knit and Natter at two places (Riverside, arts_culture) and the
    # walking group (Hillcrest, sport_leisure); the defunct lunch club and the inactive
    # Memory Café are not counted. No clients anywhere: 0 (not suppressed, nothing to hide).
    assert coverage[("Riverside", "arts_culture")]["approved_assets"] == 2
    assert coverage[("Hillcrest", "sport_leisure")]["approved_assets"] == 1
    assert coverage[("all", "all")]["approved_assets"] == 3
    assert coverage[("all", "all")]["clients"] == 0
    text = run_cli(store, "area")
    assert text.returncode == 0, text.stderr
    assert "Coverage" in text.stdout and "Traceback" not in text.stderr


@pytest.fixture
def directory_app(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    assert import_paths(store, [DIRECTORY], actor=TEST_ACTOR).ok
    point_app_at(store, monkeypatch)
    return store


def test_area_page_on_a_directory_only_store(directory_app: Neo4jStore) -> None:
    at = app_as(directory_app, Role.COMMISSIONER, page="area")  # asserts no exception
    assert "Area coverage" in all_text(at)
    coverage = at.dataframe[0].value
    every = coverage[(coverage["Area"] == "all") & (coverage["Category"] == "all")]
    assert list(every["Approved assets"]) == ["3"]  # published cells are text
