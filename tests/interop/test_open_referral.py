"""Open Referral UK / HSDS 3.0: a directory imports as assets (one per place) with
accessibility features and notes, approved only when active; professional services
become services; a re-import updates the same records in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.dashboard_reads import asset_directory
from graph.model import AccessFeature, RecordType
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.importer import import_paths, validate_paths
from ingest.open_referral import access_features

from ..conftest import TEST_ACTOR

DIRECTORY = Path(__file__).resolve().parents[1] / "data" / "open_referral" / "directory.json"
KNIT_LIBRARY = "7b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e11"
KNIT_CHURCH = "7b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e12"
WALKING = "7b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e21"
MENTAL_HEALTH_TEAM = "3f0c7d1e-5b2a-4c8e-9d41-7a6b5c4d3e04"


def directory(store: Neo4jStore) -> dict[str, dict]:
    rows = asset_directory(store, Scope.system(TEST_ACTOR), approved_only=False)
    return {row["id"]: row for row in rows}


def test_directory_imports_as_approved_assets_with_accessibility_notes(
        store: Neo4jStore) -> None:
    report = import_paths(store, [DIRECTORY], actor=TEST_ACTOR)
    assert report.ok, report.errors
    assets = directory(store)
    library, church = assets[KNIT_LIBRARY], assets[KNIT_CHURCH]
    assert library["approved"] is True and church["approved"] is True
    assert library["name"] == "Knit and Natter (Riverside Library)"
    assert library["accessibility"] == ["step_free", "accessible_toilet"]
    assert library["transport"] == "Bus 12 stops outside"
    assert library["access_notes"] == "Hearing loop in the main hall only"
    assert library["schedule"] == "Weekly on Tuesday 10:00-12:00"
    assert church["schedule"] == "Monthly on the 1st Friday 14:00-16:00"
    assert church["accessibility"] == ["wheelchair", "large_print", "carer_welcome"]
    assert church.get("transport") is None
    assert church["access_notes"] == "No disabled parking; nearest blue badge bays on Mill Lane"
    assert (library["cost"], library["last_reviewed"], library["review_due"]) == \
        ("free", "2025-11-20", "2026-11-20")
    assert (library["category"], library["area"]) == ("arts_culture", "Riverside")
    assert assets[WALKING]["cost"] == "low"


def test_defunct_and_inactive_services_are_not_approved(store: Neo4jStore) -> None:
    assert import_paths(store, [DIRECTORY], actor=TEST_ACTOR).ok
    assets = directory(store)
    approved = {row["name"]: row["approved"] for row in assets.values()}
    assert approved == {"Knit and Natter (Riverside Library)": True,
                        "Knit and Natter (St Mark's Church Hall)": True,
                        "Hillcrest Walking Group": True, "Riverside Lunch Club": False,
                        "Memory Café": False}
    assert store.read("ingest_existing_services", {"ids": [MENTAL_HEALTH_TEAM]}) == \
        [{"id": MENTAL_HEALTH_TEAM}]
    assert MENTAL_HEALTH_TEAM not in assets


def test_reimport_updates_in_place(store: Neo4jStore, tmp_path: Path) -> None:
    assert import_paths(store, [DIRECTORY], actor=TEST_ACTOR).ok
    document = json.loads(DIRECTORY.read_text(encoding="utf-8"))
    walking = document["contents"][1]
    walking["status"], walking["assured_date"] = "temporarily closed", "2026-03-01"
    changed = tmp_path / "directory.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    assert import_paths(store, [changed], actor=TEST_ACTOR).ok
    assets = directory(store)
    assert len(assets) == 5
    assert (assets[WALKING]["approved"], assets[WALKING]["last_reviewed"]) == (False, "2026-03-01")


def test_bad_directory_names_each_problem(tmp_path: Path) -> None:
    document = json.loads(DIRECTORY.read_text(encoding="utf-8"))
    document["contents"][0]["service_at_locations"][1]["location"]["latitude"] = 95
    document["contents"][1]["status"] = "open"
    document["contents"][2]["attributes"] = []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    report = validate_paths([bad])
    # Coordinates are not stored: an impossible one is a warning, never a refusal.
    assert report.warnings[0] == (
        "bad.json:[0]: service_at_locations[1].location.latitude: 95 is not a latitude in "
        "decimal degrees: ignored (assetmap stores no coordinates)")
    assert report.errors == [
        "bad.json:[1]: status: 'open' is not one of active, inactive, defunct, "
        "temporarily closed",
        "bad.json:[2]: attributes: no asset category for taxonomy terms none: map one under "
        "[categories] in a mapping file (term id, code or name), or set default_category",
    ]


def test_mapping_file_overrides_categories_and_areas(tmp_path: Path) -> None:
    (tmp_path / "directory.json").write_bytes(DIRECTORY.read_bytes())
    (tmp_path / "directory.toml").write_text(
        'format = "open-referral"\nfiles = ["directory.json"]\nreview_months = 6\n'
        '[categories]\n"Knitting" = "club"\n"2020" = "green_space"\n'
        '[areas]\nHillcrest = "HC"\n', encoding="utf-8")
    report = validate_paths([tmp_path / "directory.toml"])
    assert report.ok, report.errors
    assert report.plan is not None
    rows = {row["asset_id"]: row for row in report.plan.records[RecordType.ASSETS].rows}
    assert rows[KNIT_LIBRARY]["category"] == "club"
    assert (rows[WALKING]["category"], rows[WALKING]["area"]) == ("green_space", "HC")
    assert rows[WALKING]["review_due"] == "2026-08-01"


def test_a_misspelt_mapping_setting_is_refused_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "directory.json").write_bytes(DIRECTORY.read_bytes())
    (tmp_path / "directory.toml").write_text(
        'format = "open-referral"\nfiles = ["directory.json"]\n'
        '[categorys]\n"Knitting" = "club"\n', encoding="utf-8")
    report = validate_paths([tmp_path / "directory.toml"])
    assert not report.ok
    assert any("directory.toml: categorys: unknown setting" in error for error in report.errors)


@pytest.mark.parametrize(("text", "features", "notes"), [
    ("Wheelchair accessible", [AccessFeature.WHEELCHAIR], []),
    ("Level access, induction loop", [AccessFeature.STEP_FREE, AccessFeature.HEARING_LOOP], []),
    ("No wheelchair access", [], ["No wheelchair access"]),
    ("Limited seating", [], ["Limited seating"]),
    ("Wheelchair accessible toilet", [], ["Wheelchair accessible toilet"]),
    ("Assistance dogs welcome", [], ["Assistance dogs welcome"]),
])
def test_accessibility_phrases(text: str, features: list[AccessFeature], notes: list[str]) -> None:
    assert access_features(text) == (features, notes)
