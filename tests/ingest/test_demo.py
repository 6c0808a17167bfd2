"""The demo generator: valid at several seeds, deterministic, and telling its stories."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from graph.store import GraphStore
from ingest.demo import (
    DEMO_END,
    FEMALE_NAMES,
    FEMALE_RELATIONSHIPS,
    HISTORY_MONTHS,
    MALE_NAMES,
    MALE_RELATIONSHIPS,
    write_demo_csvs,
)
from ingest.importer import import_paths, validate_paths

from .helpers import ACTOR, nodes_with, snapshot


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_the_demo_passes_validation(tmp_path: Path, seed: int) -> None:
    report = validate_paths(write_demo_csvs(tmp_path, people=60, seed=seed))
    assert report.errors == []
    assert report.counts["people"] > 60 and report.counts["ties"] > 300


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    first = write_demo_csvs(tmp_path / "a", people=40, seed=3)
    second = write_demo_csvs(tmp_path / "b", people=40, seed=3)
    other = write_demo_csvs(tmp_path / "c", people=40, seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_the_demo_tells_its_stories(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    write_demo_csvs(folder, people=200, seed=7)
    people = read(folder / "people.csv")
    ties = read(folder / "ties.csv")
    clients = [row for row in people if row["client"] == "yes"]
    assert len(clients) == 200
    # hostile text lives in the test fixtures, not in a caseload people are shown
    assert not any(set(row["display_name"]) & set("<>&\"'") for row in people)
    assert all(row["start_date"] for row in clients)
    assert {row["area"] for row in clients} == {"Riverside", "Hillcrest", "Old Town", "Meadowbank"}
    services = {row["service_id"] for row in read(folder / "services.csv")}
    assert {row["service"] for row in clients} == {"SVC-LT", "SVC-CC", "SVC-RB"} <= services
    caseloads: dict[str, int] = {}
    for row in clients:
        caseloads[row["practitioner"]] = caseloads.get(row["practitioner"], 0) + 1
    assert max(caseloads.values()) <= 25
    natural = {}
    paid = {}
    for row in ties:
        bucket = natural if row["kind"] == "natural" else paid if row["kind"] == "paid" else None
        if bucket is not None:
            bucket[row["person_id"]] = bucket.get(row["person_id"], 0) + 1
    assert max(natural.values()) >= 6  # some rich natural networks...
    assert any(paid.get(c["person_id"], 0) >= 3 and natural.get(c["person_id"], 0) <= 1
               for c in clients)  # ...and some almost wholly paid
    statuses = {row["status"] for row in ties if row["to_type"] == "asset"}
    assert {"proposed", "introduced", "attending", "lapsed"} <= statuses
    assert any(row["until"] for row in ties if row["kind"] == "natural")  # friends fall away
    neighbours = {row["to_id"] for row in ties if row["relationship"] == "neighbour"}
    assert any(row["enabled_by"] in neighbours for row in ties if row["to_type"] == "asset")
    assets = read(folder / "assets.csv")
    assert {row["approved"] for row in assets} == {"yes", "no"}
    assert any(row["review_due"] < DEMO_END.isoformat() for row in assets)
    assert all(row["safeguarding_notes"] for row in assets)
    events = read(folder / "events.csv")
    assert {"attended", "missed", "contact", "crisis_contact", "mood_low", "review"} <= {
        row["kind"] for row in events}
    assert max(row["date"] for row in events) <= DEMO_END.isoformat()
    assert min(row["date"] for row in events) < "2024-11-01"  # two years and more of history
    assert read(folder / "knows.csv")


def test_an_isolation_story_worsens_then_recovers(tmp_path: Path) -> None:
    write_demo_csvs(tmp_path, people=10, seed=7)  # client 1 always tells the ARC story
    lsns = [int(row["score"]) for row in read(tmp_path / "measures.csv")
            if row["person_id"] == "C00001" and row["instrument"] == "LSNS-6"]
    worst = min(range(len(lsns)), key=lsns.__getitem__)
    assert lsns[worst] < 12 <= lsns[0]  # falls into the at-risk range...
    assert lsns[-1] >= 12 and 0 < worst < len(lsns) - 1  # ...and climbs out of it


def test_the_demo_imports_and_a_second_import_changes_nothing(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = write_demo_csvs(tmp_path, people=30, seed=11)
    report = import_paths(store, paths, actor=ACTOR, as_of=DEMO_END.isoformat())
    assert report.errors == [] and report.outcome == "written"
    assert len(nodes_with(store, "Client")) == 30
    before = snapshot(store)
    import_paths(store, paths, actor="second", as_of=DEMO_END.isoformat())
    assert snapshot(store) == before


def test_the_demo_scales_without_fuss(tmp_path: Path) -> None:
    paths = write_demo_csvs(tmp_path, people=3000, seed=5)
    ties = sum(1 for _ in paths[3].open()) - 1
    assert paths[3].name == "ties.csv" and 20_000 < ties < 40_000


def test_supporters_names_fit_their_relationship(tmp_path: Path) -> None:
    write_demo_csvs(tmp_path, people=200, seed=7)
    name_of = {row["person_id"]: row["display_name"] for row in read(tmp_path / "people.csv")}
    checked = 0
    for row in read(tmp_path / "ties.csv"):
        first = name_of.get(row["to_id"], "").split(" ")[0]
        if row["relationship"] in FEMALE_RELATIONSHIPS:
            assert first in FEMALE_NAMES, (row["relationship"], first)
            checked += 1
        elif row["relationship"] in MALE_RELATIONSHIPS:
            assert first in MALE_NAMES, (row["relationship"], first)
            checked += 1
    assert checked > 100


def test_introductions_have_varied_plans_and_risks_have_mitigations(tmp_path: Path) -> None:
    write_demo_csvs(tmp_path, people=200, seed=7)
    connections = [row for row in read(tmp_path / "ties.csv") if row["to_type"] == "asset"]
    proposed = [row for row in connections if row["status"] == "proposed"]
    assert len({row["plan_travel"] for row in proposed}) >= 3
    flagged = [row for row in connections if row["risk_flags"]]
    assert flagged and all(row["mitigations"] for row in flagged)


def test_paid_support_changes_in_the_last_year_both_ways(tmp_path: Path) -> None:
    """The service page's 3- and 12-month trends need real change: home care that began
    and home care that ended within the last 12 months of the history."""
    write_demo_csvs(tmp_path, people=300, seed=7)
    year_ago = (date.fromisoformat(DEMO_END.isoformat()) - timedelta(days=365)).isoformat()
    care = [row for row in read(tmp_path / "ties.csv") if row["kind"] == "paid"]
    assert all(row["since"] for row in care)  # undated care would count at every date
    began = [row for row in care if row["since"] > year_ago]
    ended = [row for row in care if row["until"] and row["until"] > year_ago]
    assert len(began) >= 10 and len(ended) >= 10
    assert HISTORY_MONTHS >= 24
