"""Network Canvas interviews: both export forms read to the same records, two interviews
of one client import as a network that changed between the dates, and bad exports are
named by file and line and write nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from pandas.testing import assert_frame_equal

from analytics.network import support_network
from graph import reads
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.formats import read_file
from ingest.importer import import_paths, validate_paths
from ingest.network_canvas import session_date
from ingest.sources import FileRead

from ..conftest import TEST_ACTOR

DATA = Path(__file__).resolve().parents[1] / "data" / "network_canvas"
BASE = DATA / "base"


def record_rows(read: FileRead) -> list[tuple[str, list[tuple[str, str]]]]:
    return sorted((table.record_type.value, sorted(row.items()))
                  for table in read.tables for row in table.rows)


def names_on(store: Neo4jStore, day: str) -> dict[str, str]:
    """Who and what holds C-0001 up on ``day``: name -> tie kind."""
    data = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0001")
    assert data is not None
    network = support_network(data.history, day, radius=1)
    return {network.nodes[node].get("name") or node: network.edges["C-0001", node]["kind"]
            for node in network.neighbors("C-0001")}


def test_csv_set_and_graphml_of_the_same_interviews_give_the_same_records() -> None:
    from_csv = read_file(DATA / "study_csv.toml")
    from_graphml = read_file(DATA / "study_graphml.toml")
    assert from_csv.issues == [] and from_graphml.issues == []
    assert record_rows(from_csv) == record_rows(from_graphml)
    assert len(from_csv.sha256) == 64


def test_two_interviews_import_as_a_network_that_changed(store: Neo4jStore) -> None:
    report = import_paths(store, [BASE, DATA / "study_csv.toml"], actor=TEST_ACTOR,
                          as_of="2025-09-10")
    assert report.ok, report.errors
    first = names_on(store, "2025-06-01")
    second = names_on(store, "2025-10-01")
    assert first == {"Jean Clarke": "natural", "Sue Patel": "natural", "Bob Okafor": "paid",
                     "Riverside Library Knit and Natter": "community"}
    assert second == {"Jean Clarke": "natural", "Bob Okafor": "paid", "Mo Ahmed": "natural",
                      "Riverside Library Knit and Natter": "community"}
    data = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0001")
    assert data is not None
    jean = data.ties[data.ties["name"] == "Jean Clarke"].sort_values("since")
    # Jean started giving lifts when Sue moved away: a new tie from the second interview.
    assert jean[["since", "until"]].values.tolist() == [["2025-03-04", "2025-09-10"],
                                                       ["2025-09-10", None]]
    assert [sorted(f) for f in jean["functions"]] == [["emotional", "shopping"],
                                                    ["emotional", "shopping", "transport"]]
    knows = data.knows.sort_values("since")[["since", "until"]].values.tolist()
    assert knows == [["2025-03-04", "2025-09-10"], ["2025-09-10", None]]


def test_reimporting_the_study_changes_nothing(store: Neo4jStore) -> None:
    paths = [BASE, DATA / "study_graphml.toml"]
    assert import_paths(store, paths, actor=TEST_ACTOR, as_of="2025-09-10").ok
    before = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0001")
    again = import_paths(store, paths, actor=TEST_ACTOR, as_of="2026-01-01")
    after = reads.person_data(store, Scope.system(TEST_ACTOR), "C-0001")
    assert again.ok and before is not None and after is not None
    assert_frame_equal(before.ties.sort_values("tie_id").reset_index(drop=True),
                       after.ties.sort_values("tie_id").reset_index(drop=True))


def test_missing_ego_file_is_named_and_nothing_is_written(store: Neo4jStore) -> None:
    report = import_paths(store, [BASE, DATA / "missing_ego.toml"], actor=TEST_ACTOR)
    assert not report.ok
    assert report.errors == [
        "edna_6f1c2a90-1b7e-4c1e-9a55-0c3f8d1e2b01_attributeList_Person.csv:2: "
        "networkCanvasEgoUUID: no ego file for interview '0a6e3c55-8d2f-4f0b-b1d4-2e9f7c1a4b01':"
        " its case id and date are unknown (export the ego file too)"]
    assert reads.person_data(store, Scope.system(TEST_ACTOR), "C-0001") is None


def test_unknown_node_type_is_refused_until_the_mapping_says_what_it_is(tmp_path: Path) -> None:
    report = validate_paths([BASE, DATA / "unknown_type.toml"])
    assert report.errors == [
        "edna_6f1c2a90-1b7e-4c1e-9a55-0c3f8d1e2b01_attributeList_Pet.csv:2: node type 'Pet' "
        "is not in the mapping: add [node_types.Pet] or list it in ignore_node_types"]
    mapping = (DATA / "unknown_type.toml").read_text(encoding="utf-8")
    mapping = mapping.replace('knows_edge_types = ["knows"]',
                              'knows_edge_types = ["knows"]\nignore_node_types = ["Pet"]')
    shutil.copytree(DATA / "unknown_type", tmp_path / "unknown_type")
    (tmp_path / "ignore_pets.toml").write_text(mapping, encoding="utf-8")
    report = validate_paths([BASE, tmp_path / "ignore_pets.toml"])
    assert report.ok, report.errors
    assert report.counts["ties"] == 3


def test_mapping_problems_are_named(tmp_path: Path) -> None:
    text = (DATA / "study_csv.toml").read_text(encoding="utf-8")
    text = text.replace('edna = "C-0001"', 'someone-else = "C-0001"')
    text = text.replace('to_type = "asset"', 'to_type = "venue"\ncolour = "red"')
    shutil.copytree(DATA / "csv", tmp_path / "csv")
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    errors = validate_paths([BASE, tmp_path / "bad.toml"]).errors
    assert "bad.toml: node_types.Venue.colour: unknown setting" in errors
    assert "bad.toml: node_types.Venue.to_type: 'venue' is not person, asset or service" in errors
    assert ("edna_6f1c2a90-1b7e-4c1e-9a55-0c3f8d1e2b01_ego.csv:2: networkCanvasCaseID: "
            "case 'edna' is not mapped to a client in [cases]") in errors


def test_session_dates_from_iso_and_epoch_milliseconds() -> None:
    assert session_date("2025-03-04T10:02:11.000Z") == "2025-03-04"
    assert session_date("1741082531000") == "2025-03-04"
    assert session_date("soon") is None
