"""Open Referral UK 3.0 / HSDS 3.0 as the APIs publish it (example files written for
these tests from the published formats, in tests/data/open_referral/api): a single
service (GET /services/{id}), a shallow /services page, a /service_at_locations page;
classification by the most specific term, skip rules and defaults; eligibility,
status, cost and areas; a refreshed feed withdrawing what it drops."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph.dashboard_reads import asset_directory
from graph.model import RecordType
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.importer import ValidationReport, import_paths, validate_paths
from ingest.open_referral import cost_band

from ..conftest import TEST_ACTOR

API = Path(__file__).resolve().parents[1] / "data" / "open_referral" / "api"
LONG_AREA = ("The group welcomes anyone living in the Riverside ward or nearby; members from "
             "further afield are welcome if they can travel to us.")
CHURCH_HALL = "5a7c0000-0000-4000-8000-000000000001"
LIBRARY = "5a7c0000-0000-4000-8000-000000000002"
BEFRIENDING, YOUTH, ART, SHED, BUS = (f"5e200000-0000-4000-8000-00000000000{n}"
                                      for n in range(1, 6))
CAFE_HILLSIDE, CAFE_RIVERSIDE, NETBALL = (f"5a7c3000-0000-4000-8000-00000000000{n}"
                                          for n in range(1, 4))
PAGE_MAPPING = ('format = "open-referral"\nfiles = ["services_page.json"]\n'
                'default_category = "club"\n'
                '[areas]\n"Hillside Ward" = "Hillside"\n"Riverside Ward" = "Riverside"\n')


def mapped(tmp_path: Path, text: str, name: str = "directory.toml") -> Path:
    """The example files beside a mapping file holding ``text``."""
    for path in API.iterdir():
        shutil.copy(path, tmp_path / path.name)
    mapping = tmp_path / name
    mapping.write_text(text, encoding="utf-8")
    return mapping


def assets_of(report: ValidationReport) -> dict[str, dict[str, Any]]:
    assert report.ok, report.errors
    assert report.plan is not None
    return {row["asset_id"]: row for row in report.plan.records[RecordType.ASSETS].rows}


def test_a_single_service_object_imports_by_its_most_specific_term(tmp_path: Path) -> None:
    mapping = mapped(tmp_path, 'format = "open-referral"\nfiles = ["service_full.json"]\n'
                               f'[areas]\n"{LONG_AREA}" = "Riverside"\n')
    report = validate_paths([mapping])
    assets = assets_of(report)
    # One asset per service_at_location (2), named after service and place.
    assert sorted(assets) == [CHURCH_HALL, LIBRARY]
    hall = assets[CHURCH_HALL]
    assert hall["name"] == "St Luke's Friendship Group (St Luke's Church Hall)"
    # "Faith groups" has parent_id = the "Advice and information" term, so it is the more
    # specific one and decides, although "Advice..." is listed first (it used to win).
    assert hall["category"] == "faith_group"
    assert (hall["area"], hall["status"], hall["approved"]) == ("Riverside", "active", True)
    assert (hall["minimum_age"], hall["maximum_age"]) == (18, 120)
    # Latitude 100 is the standard's own placeholder: a warning, never a refusal.
    assert report.files[0].shape == "a single service (GET /services/{id})"
    assert any("latitude: 100 is not a latitude" in warning and "ignored" in warning
               for warning in report.warnings)


def test_a_long_service_area_name_says_how_to_map_it(tmp_path: Path) -> None:
    report = validate_paths([API / "service_full.json"])
    # Two locations, one long name: named once, with the ways out.
    assert len(report.errors) == 1
    assert "131 characters, longer than an area code (100)" in report.errors[0]
    assert "under [areas]" in report.errors[0] and 'area_from = "address.city"' in report.errors[0]
    report = validate_paths([mapped(tmp_path, 'format = "open-referral"\n'
                                              'files = ["service_full.json"]\n'
                                              'area_from = "address.postcode_district"\n')])
    # RV1 2AB and RV1 1AA: district RV1 for both.
    assert {row["area"] for row in assets_of(report).values()} == {"RV1"}


def test_a_shallow_services_page_imports_with_a_default_category(tmp_path: Path) -> None:
    report = validate_paths([mapped(tmp_path, PAGE_MAPPING)])
    assets = assets_of(report)
    assert report.files[0].shape == "a /services page (page 1 of 1, 5 items)"
    # Five services: Youth Drop-in (maximum_age 17, under 18) is skipped by default.
    assert sorted(assets) == [BEFRIENDING, ART, SHED, BUS]
    assert any("1 service (Youth Drop-in): only for people under 18: not imported" in warning
               for warning in report.warnings)
    # No taxonomy on a /services page: the mapping's default_category, said in a warning.
    assert {row["category"] for row in assets.values()} == {"club"}
    assert any("4 services" in warning and "default_category 'club'" in warning
               for warning in report.warnings)
    # Defunct: stored with its status, never approved.
    assert (assets[SHED]["status"], assets[SHED]["approved"]) == ("defunct", False)
    # General options £80 and £125 per session (the £0 concession and the £2 option that
    # ran out in 2020 set aside): cheapest general £80 > £5, so paid, not free.
    assert assets[ART]["cost"] == "paid"
    # £26 per year = 26 / 52 = £0.50 a weekly session <= £5: low.
    assert assets[BUS]["cost"] == "low"
    # The bus has no assured_date: no review date, and a warning naming the setting.
    assert "review_due" not in assets[BUS]
    assert any("Hillside Community Bus" in warning and "default_review_interval_days"
               in warning for warning in report.warnings)


def test_under_age_services_can_be_imported_unapproved_and_undated_ones_dated(
        tmp_path: Path) -> None:
    report = validate_paths([mapped(tmp_path, PAGE_MAPPING.replace(
        "[areas]", 'default_review_interval_days = 30\n[skip]\nunder_age = "unapproved"\n'
                   "[areas]"))])
    assets = assets_of(report)
    assert (assets[YOUTH]["approved"], assets[YOUTH]["maximum_age"]) == (False, 17)
    # Undated: due 30 days after the import (today), never "reviewed" on a made-up date.
    assert assets[BUS]["review_due"] == (date.today() + timedelta(days=30)).isoformat()
    assert "last_reviewed" not in assets[BUS]
    assert not any("no assured_date" in warning for warning in report.warnings)


def test_skip_rules_by_term_and_overrides_by_term_id(tmp_path: Path) -> None:
    report = validate_paths([mapped(tmp_path, 'format = "open-referral"\n'
                                              'files = ["service_full.json"]\n'
                                              'area_from = "address.city"\n'
                                              '[skip]\nterms = ["ADV-FAITH"]\n')])
    # The only service carries the skipped term (by its code): nothing imported.
    assert report.ok and report.counts["assets"] == 0
    report = validate_paths([mapped(tmp_path, 'format = "open-referral"\n'
                                              'files = ["service_full.json"]\n'
                                              'area_from = "address.city"\n[categories]\n'
                                              '"7e000000-0000-4000-8000-000000000002" = "club"\n')])
    assert {row["category"] for row in assets_of(report).values()} == {"club"}


def test_a_service_at_locations_page_groups_places_under_their_service(tmp_path: Path) -> None:
    report = validate_paths([mapped(tmp_path, 'format = "open-referral"\n'
                                              'files = ["service_at_locations_page.json"]\n'
                                              'default_category = "cafe"\n'
                                              'postcode_table = "postcode_areas.csv"\n')])
    assets = assets_of(report)
    assert report.files[0].shape == "a /service_at_locations page (page 1 of 1, 3 items)"
    # Chatterbox Café appears twice (two places): one service, two named assets.
    assert assets[CAFE_HILLSIDE]["name"] == "Chatterbox Café (Hillside Library)"
    # HS2 4CD: sector "HS2 4" is in the table (Hillside North) and beats district HS2;
    # rv12ef is RV1 2EF, district RV1 -> Riverside; RV9 9ZZ is not in the table.
    assert assets[CAFE_HILLSIDE]["area"] == "Hillside North"
    assert assets[CAFE_RIVERSIDE]["area"] == "Riverside"
    assert "area" not in assets[NETBALL]
    assert any("Riverside Walking Netball" in warning and "no area from postcode_table"
               in warning for warning in report.warnings)
    assert (assets[NETBALL]["status"], assets[NETBALL]["approved"]) == \
        ("temporarily closed", False)


def test_an_older_oruk_page_gets_a_hint() -> None:
    report = validate_paths([API / "oruk2_page.json"])
    assert len(report.errors) == 1
    assert "Open Referral UK 2.0 page" in report.errors[0]
    assert "contents, total_items" in report.errors[0]


@pytest.mark.parametrize(("options", "band"), [
    # a £0 concession does not make a £3 service free: 3 <= 5, low
    ([{"option": "Adults", "amount": 3}, {"option": "Over 60s", "amount": 0}], "low"),
    # the only general option ran out: nothing general left, cost unknown
    ([{"option": "Standard", "amount": 0, "valid_to": "2001-01-01"}], None),
    # £60 per term = 60 / 12 = £5 a session: low (up to £5)
    ([{"amount": 60, "amount_description": "per term"}], "low"),
    # £35 per 1 hour session: paid
    ([{"amount": 35, "amount_description": "per 1 hour session"}], "paid"),
    # an option with eligibility attributes is a concession
    ([{"amount": 0, "attributes": [{"id": "x"}]}, {"amount": 12}], "paid"),
])
def test_cost_from_the_general_option(options: list[dict[str, Any]], band: str | None) -> None:
    assert cost_band({"cost_options": options}, date(2026, 6, 1)) == band


def directory(store: Neo4jStore) -> dict[str, dict[str, Any]]:
    rows = asset_directory(store, Scope.system(TEST_ACTOR), approved_only=False)
    return {row["id"]: row for row in rows}


def test_a_refreshed_feed_withdraws_what_it_no_longer_lists(
        store: Neo4jStore, tmp_path: Path) -> None:
    mapping = mapped(tmp_path, PAGE_MAPPING.replace("[areas]", 'feed = "council"\n[areas]'))
    first = import_paths(store, [mapping], actor=TEST_ACTOR)
    assert first.ok and first.withdrawn == []
    assert directory(store)[ART]["approved"] is True
    page = json.loads((tmp_path / "services_page.json").read_text(encoding="utf-8"))
    page["contents"] = [service for service in page["contents"] if service["id"] != ART]
    (tmp_path / "services_page.json").write_text(json.dumps(page), encoding="utf-8")
    dry = import_paths(store, [mapping], actor=TEST_ACTOR, dry_run=True)
    assert [(row["id"], row["feed"]) for row in dry.withdrawn] == [(ART, "council")]
    assert directory(store)[ART]["approved"] is True  # a dry run changes nothing
    refreshed = import_paths(store, [mapping], actor=TEST_ACTOR)
    assert [(row["name"], row["kind"], row["status"]) for row in refreshed.withdrawn] == \
        [("Old Mill Art Studio", "asset", "active")]
    art = directory(store)[ART]  # kept, not deleted: unapproved and withdrawn
    assert (art["approved"], art["status"]) == (False, "withdrawn")
    assert import_paths(store, [mapping], actor=TEST_ACTOR).withdrawn == []  # once only
    # Listed again: restored as the feed describes it.
    shutil.copy(API / "services_page.json", tmp_path / "services_page.json")
    assert import_paths(store, [mapping], actor=TEST_ACTOR).ok
    art = directory(store)[ART]
    assert (art["approved"], art["status"]) == (True, "active")


def test_one_page_of_several_withdraws_nothing(store: Neo4jStore, tmp_path: Path) -> None:
    mapping = mapped(tmp_path, PAGE_MAPPING.replace("[areas]", 'feed = "council"\n[areas]'))
    assert import_paths(store, [mapping], actor=TEST_ACTOR).ok
    page = json.loads((tmp_path / "services_page.json").read_text(encoding="utf-8"))
    page["contents"], page["total_pages"] = page["contents"][:1], 3
    (tmp_path / "services_page.json").write_text(json.dumps(page), encoding="utf-8")
    report = import_paths(store, [mapping], actor=TEST_ACTOR)
    assert report.ok and report.withdrawn == []
    assert any("only some pages were read" in warning for warning in report.warnings)
    assert directory(store)[ART]["approved"] is True
