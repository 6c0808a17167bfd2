"""The demo's own services grow with the area: about 2,000 clients a team at most."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from ingest.demo import CLIENTS_PER_SERVICE, own_services, write_demo_csvs
from ingest.importer import validate_paths


def test_a_small_area_keeps_one_team_per_service() -> None:
    assert [[row[0] for row in teams] for teams in own_services(300)] == [
        ["SVC-LT"], ["SVC-CC"], ["SVC-RB"]]


def test_a_large_area_splits_services_into_teams() -> None:
    teams = own_services(100_000)
    assert [len(t) for t in teams] == [23, 15, 12]
    assert teams[0][0][0] == "SVC-LT-01" and teams[0][-1][0] == "SVC-LT-23"
    assert {row[2] for row in teams[2]} == {"paid"}  # reablement teams stay paid support


def test_teams_hold_at_most_about_2000_clients(tmp_path: Path) -> None:
    paths = write_demo_csvs(tmp_path, people=7000, seed=11)  # two connector teams
    assert validate_paths(paths).errors == []
    with (tmp_path / "people.csv").open(newline="", encoding="utf-8") as handle:
        clients = [row for row in csv.DictReader(handle) if row["client"] == "yes"]
    sizes = Counter(row["service"] for row in clients)
    assert len(sizes) == len([t for teams in own_services(7000) for t in teams]) > 3
    assert max(sizes.values()) <= CLIENTS_PER_SERVICE * 1.05
    services_of = {}
    for row in clients:
        services_of.setdefault(row["practitioner"], set()).add(row["service"])
    assert all(len(found) == 1 for found in services_of.values())  # one team each
    assert max(Counter(row["practitioner"] for row in clients).values()) <= 25
