"""Repeat Network Canvas interviews over time, store-backed: each interview is a dated
snapshot whatever run it arrives in, so a person interviewed twice has the same tie
history from one import of both as from two runs in either order.

The example study (tests/data/network_canvas/repeat, written for these tests from the
Network Canvas export formats) is Frank (C-0002), interviewed on 2025-02-11 and
2025-08-19:

=============  ==========================  ==========================
supporter      interview 1 (2025-02-11)    interview 2 (2025-08-19)
=============  ==========================  ==========================
Ann Moss       daughter, Daily             the same
Pete Lowe      neighbour, Weekly           not named
Carol Baines   home carer, Daily, 10 to 20 Weekly, Under 5 (changed)
Lily Moss      granddaughter, Monthly      not named
Dev Shah       —                           friend, Weekly
KNOWS          Ann–Pete, Ann–Lily          Ann–Dev
=============  ==========================  ==========================

Worked history (contacts a month from the value table Daily 30, Weekly 4, Monthly 1;
hours a week from "10 to 20" 15, "Under 5" 2.5):

* Ann: one tie 2025-02-11 → (current), 30 contacts: unchanged at interview 2.
* Pete and Lily: 2025-02-11 → 2025-08-19, the date of the interview that lacks them.
* Carol: 2025-02-11 → 2025-08-19 (30 contacts, 15 hours), then 2025-08-19 → (current)
  (4 contacts, 2.5 hours): her answers changed, so the values as of each interview
  stay on record, one tie at a time.
* Dev: 2025-08-19 → (current).
* KNOWS: Ann–Pete and Ann–Lily 2025-02-11 → 2025-08-19; Ann–Dev 2025-08-19 → (current).

Network size (alters with a tie in use): on 2025-05-01 Ann, Pete, Carol, Lily = 4; on
2025-10-01 Ann, Carol, Dev = 3. Had the second run left interview 1's ties current, it
would be 5 (Pete and Lily too) — the corruption these tests guard against.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analytics.network import ego_measures, support_network
from graph import reads
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.importer import import_paths

from ..conftest import TEST_ACTOR

REPEAT = Path(__file__).resolve().parents[1] / "data" / "network_canvas" / "repeat"
INTERVIEW_1 = "csv/frank-h_3c9e1f20-5b7a-4d61-8e2f-7a1b2c3d4e51_*.csv"
INTERVIEW_2_CSV = "csv/frank-h_8d4f2a31-6c8b-4e72-9f30-8b2c3d4e5f62_*.csv"
INTERVIEW_2_GRAPHML = "graphml/*.graphml"
CURRENT = None

EXPECTED_TIES = [  # name, since, until, contacts a month, hours a week
    ("Ann Moss", "2025-02-11", CURRENT, 30.0, None),
    ("Carol Baines", "2025-02-11", "2025-08-19", 30.0, 15.0),
    ("Carol Baines", "2025-08-19", CURRENT, 4.0, 2.5),
    ("Dev Shah", "2025-08-19", CURRENT, 4.0, None),
    ("Lily Moss", "2025-02-11", "2025-08-19", 1.0, None),
    ("Pete Lowe", "2025-02-11", "2025-08-19", 4.0, None),
]
EXPECTED_KNOWS = [  # the pair's names (sorted), since, until
    (("Ann Moss", "Dev Shah"), "2025-08-19", CURRENT),
    (("Ann Moss", "Lily Moss"), "2025-02-11", "2025-08-19"),
    (("Ann Moss", "Pete Lowe"), "2025-02-11", "2025-08-19"),
]


def study(folder: Path, name: str, files: list[str]) -> Path:
    """The example mapping, reading only ``files`` (globs relative to the study folder)."""
    if not (folder / "csv").exists():
        shutil.copytree(REPEAT, folder, dirs_exist_ok=True)
    text = (REPEAT / "frank.toml").read_text(encoding="utf-8")
    text = text.replace('files = ["csv/*.csv"]', "files = [" + ", ".join(
        f'"{pattern}"' for pattern in files) + "]")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _none(value: object) -> object:
    return None if value is None or value != value else value  # NaN (a blank) -> None


def tie_history(store: Neo4jStore) -> list[tuple[object, ...]]:
    data = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0002")
    assert data is not None
    return sorted((row["name"] or row["to_id"], row["since"], _none(row["until"]),
                   _none(row["contacts_per_month"]), _none(row["hours_per_week"]))
                  for row in data.ties.to_dict("records"))


def knows_history(store: Neo4jStore) -> list[tuple[object, ...]]:
    data = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0002")
    assert data is not None
    names = dict(zip(data.ties["to_id"], data.ties["name"], strict=True))
    return sorted((tuple(sorted((names[row["a_id"]], names[row["b_id"]]))), row["since"],
                   _none(row["until"])) for row in data.knows.to_dict("records"))


def network_size(store: Neo4jStore, day: str) -> object:
    data = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0002")
    assert data is not None
    return ego_measures(support_network(data.history, day))["size"]


def run(store: Neo4jStore, paths: list[Path]) -> None:
    # A run date later than both interviews: no tie may end on it.
    report = import_paths(store, paths, actor=TEST_ACTOR, as_of="2026-01-15")
    assert report.ok, report.errors


@pytest.mark.parametrize("runs", [
    [[INTERVIEW_1, INTERVIEW_2_GRAPHML]],  # one import of both
    [[INTERVIEW_2_GRAPHML], [INTERVIEW_1]],  # interview 2 first, months before interview 1
    [[INTERVIEW_1], [INTERVIEW_2_CSV]],  # in order, one run each
], ids=["one-import", "2-then-1", "1-then-2"])
def test_two_interviews_give_one_history_whatever_the_runs(
        store: Neo4jStore, tmp_path: Path, runs: list[list[str]]) -> None:
    run(store, [REPEAT / "base"])
    for number, files in enumerate(runs):
        run(store, [study(tmp_path, f"run{number}.toml", files)])
    assert tie_history(store) == EXPECTED_TIES
    assert knows_history(store) == EXPECTED_KNOWS
    assert network_size(store, "2025-05-01") == 4  # Ann, Pete, Carol, Lily
    assert network_size(store, "2025-10-01") == 3  # Ann, Carol, Dev


def interviews_stored(store: Neo4jStore) -> int:
    counts = {row["label"]: row["nodes"] for row in store.read("store_label_counts")}
    return int(counts.get("Interview", 0))


def test_the_same_session_as_csv_and_graphml_is_one_interview(
        store: Neo4jStore, tmp_path: Path) -> None:
    run(store, [REPEAT / "base"])
    # Both exports of interview 2 in one import: one session, so not "two interviews on
    # one day".
    run(store, [study(tmp_path, "both.toml", [INTERVIEW_1, INTERVIEW_2_CSV]),
                study(tmp_path, "graphml.toml", [INTERVIEW_2_GRAPHML])])
    before = tie_history(store)
    assert before == EXPECTED_TIES and interviews_stored(store) == 2
    # The GraphML export of the stored session, again: nothing changes.
    run(store, [study(tmp_path, "again.toml", [INTERVIEW_2_GRAPHML])])
    assert tie_history(store) == before and knows_history(store) == EXPECTED_KNOWS
    assert interviews_stored(store) == 2


def test_a_tie_from_a_ties_file_is_not_touched_by_the_rebuild(
        store: Neo4jStore, tmp_path: Path) -> None:
    """Only ties derived from interviews are rebuilt: a tie recorded by hand stays."""
    run(store, [REPEAT / "base"])
    ties = tmp_path / "ties.json"  # JSON: the columns not given are blank
    ties.write_text(json.dumps([{"person_id": "C-0002", "to_id": "S-0900", "to_type": "person",
                                 "kind": "professional", "since": "2024-06-01"}]),
                    encoding="utf-8")
    run(store, [ties])
    run(store, [study(tmp_path, "second.toml", [INTERVIEW_2_GRAPHML])])
    run(store, [study(tmp_path, "first.toml", [INTERVIEW_1])])
    hand = [row for row in tie_history(store) if row[1] == "2024-06-01"]
    assert hand == [("S-0900", "2024-06-01", CURRENT, None, None)]
    assert len(tie_history(store)) == len(EXPECTED_TIES) + 1


def dated_ties(path: Path, to_ids: list[str], as_of: str = "") -> Path:
    rows = [{"person_id": "C-0002", "to_id": to_id, "to_type": "person", "kind": "natural",
             **({"as_of": as_of} if as_of else {})} for to_id in to_ids]
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def test_dated_ties_files_are_snapshots_placed_in_order(
        store: Neo4jStore, tmp_path: Path) -> None:
    """Two dated ties files of C-0002, the later first: 2025-08-19 lists S-A and S-B (an
    ``as_of`` column); 2025-02-11, imported after with ``--snapshot --as-of``, lists S-A
    and S-C. Worked history: S-A one tie from 2025-02-11 (in both); S-C 2025-02-11 →
    2025-08-19 (missing from the later one); S-B from 2025-08-19. Size on 2025-10-01:
    S-A, S-B = 2."""
    run(store, [REPEAT / "base"])
    run(store, [dated_ties(tmp_path / "ties_august.json", ["S-A", "S-B"], as_of="2025-08-19")])
    report = import_paths(store, [dated_ties(tmp_path / "ties_february.json", ["S-A", "S-C"])],
                          actor=TEST_ACTOR, as_of="2025-02-11", snapshot=True)
    assert report.ok, report.errors
    assert tie_history(store) == [("S-A", "2025-02-11", CURRENT, None, None),
                                  ("S-B", "2025-08-19", CURRENT, None, None),
                                  ("S-C", "2025-02-11", "2025-08-19", None, None)]
    assert network_size(store, "2025-10-01") == 2
