"""``first_load``: the bulk path (neo4j-admin database import) into an empty local store.

The worked case is one file set through every route a first load meets: the shipped
templates (every record type), an Open Referral directory (directory status and feed
columns), a Network Canvas study (Interview nodes and tie histories rebuilt from two
interviews, KNOWS pairs), and a client of our own with dated ties rows (snapshots whose
interviews hold no KNOWS pair: empty lists), measure item answers, a fractional score
and recorded text holding quotes, commas and a line break. Loaded by the ordinary
import and by the first load, on the real local Neo4j, the two stores must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.model import RECORD_COLUMNS, RecordType
from graph.neo4j_store import Neo4jStore
from ingest.bulk_csv import BulkUnsupported, check_steps, unsupported_steps, write_bulk_csvs
from ingest.first_load import first_load
from ingest.importer import Outcome, import_paths, validate_paths
from ingest.writer import write_steps

from ..conftest import SessionGraph, harness_read
from .helpers import ACTOR, TEMPLATES, import_runs, snapshot, write_csv

DATA = Path(__file__).resolve().parents[1] / "data"
AS_OF = "2025-12-01"

#: Left out of the comparison, and why: each is the bookkeeping of one run, not data.
#: ``created_at``/``updated_at`` on every node and relationship: the clock time of the
#: run's writes (two runs, two times; who wrote, ``created_by``/``updated_by``, IS
#: compared). On the ImportRun: its ``id`` (a new id per run) and its ``started_at`` and
#: ``finished_at`` (clock times). Nothing else differs, ImportRun nodes included.
RUN_TIMES = ("created_at", "updated_at")
IMPORT_RUN_BOOKKEEPING = ("id", "started_at", "finished_at")


def _our_client(folder: Path) -> list[Path]:
    """A client with two dated ties exports, item answers, a fractional score and
    recorded text the CSV writer must quote."""
    folder.mkdir()
    people = write_csv(folder, "people.csv", [
        {"person_id": "C-0042", "client": "yes", "display_name": 'Ada "Nan" Lovel, Jr',
         "area": "Northgate"},
        {"person_id": "S-0042", "client": "no", "display_name": "Bea"}])
    ties_path = write_csv(folder, "ties.csv", [
        {"person_id": "C-0042", "to_id": "S-0042", "to_type": "person", "kind": "natural",
         "hours_per_week": "2", "as_of": "2025-01-10"},
        {"person_id": "C-0042", "to_id": "S-0042", "to_type": "person", "kind": "natural",
         "hours_per_week": "3.5", "as_of": "2025-06-10"}],
        columns=[*RECORD_COLUMNS[RecordType.TIES], "as_of"])
    events = write_csv(folder, "events.csv", [
        {"person_id": "C-0042", "date": "2025-02-03", "kind": "contact", "other_id": "S-0042",
         "notes": 'rang, said "fine"\nthen rang again'}])
    measures = write_csv(folder, "measures.csv", [
        {"person_id": "C-0042", "date": "2025-02-03", "instrument": "LSNS-6", "score": "11",
         "items": "2;2;2;2;2;1"},
        {"person_id": "C-0042", "date": "2025-02-03", "instrument": "SWEMWBS",
         "score": "23.21"}], columns=["person_id", "date", "instrument", "score", "items"])
    return [people, ties_path, events, measures]


def _files(tmp_path: Path) -> list[Path]:
    return [TEMPLATES, DATA / "open_referral" / "directory.json",
            DATA / "network_canvas" / "study_csv.toml", *_our_client(tmp_path / "ours")]


def _comparable(store: Neo4jStore) -> dict[str, list[str]]:
    """Every node (labels sorted, all properties) and relationship (type, the keys of
    both ends, all properties), the run bookkeeping above left out, as sorted JSON."""
    nodes = []
    for row in harness_read(store, "snapshot_nodes"):
        props: dict[str, Any] = dict(row["properties"])
        for key in RUN_TIMES:
            props.pop(key, None)
        if "ImportRun" in row["labels"]:
            for key in IMPORT_RUN_BOOKKEEPING:
                props.pop(key, None)
        nodes.append(json.dumps({"labels": sorted(row["labels"]), "properties": props},
                                sort_keys=True))
    relationships = []
    for row in harness_read(store, "snapshot_relationships"):
        props = {key: value for key, value in row["properties"].items()
                 if key not in RUN_TIMES}
        relationships.append(json.dumps({**row, "properties": props}, sort_keys=True))
    return {"nodes": sorted(nodes), "relationships": sorted(relationships)}


@pytest.mark.timeout(2400)  # a bulk load stops and restarts the server: minutes when starved
def test_first_load_leaves_the_store_the_ordinary_import_leaves(
        store: Neo4jStore, session_graph: SessionGraph, tmp_path: Path) -> None:
    files = _files(tmp_path)
    report = import_paths(store, files, actor=ACTOR, as_of=AS_OF)
    assert report.outcome == Outcome.WRITTEN, report.errors
    ordinary = _comparable(store)
    session_graph.empty()

    loaded = first_load(session_graph.data_dir, files, actor=ACTOR, as_of=AS_OF)
    try:
        assert loaded.report.outcome == Outcome.WRITTEN, loaded.report.errors
        bulk = _comparable(loaded.store)
    finally:
        loaded.store.close()
    # The worked case reaches every kind of record: 9 node labels (Service, Asset,
    # Person, Client, Area, Interview, Event, Measure, ImportRun) and 6 relationship
    # types (TIE, KNOWS, IN_AREA, HAS_INTERVIEW, HAS_EVENT, HAS_MEASURE). Checked: with
    # one column (a tie's plan_contact) left out of the bulk writer, the relationships
    # differ and this test fails.
    labels = {label for line in ordinary["nodes"] for label in json.loads(line)["labels"]}
    assert labels == {"Service", "Asset", "Person", "Client", "Area", "Interview", "Event",
                      "Measure", "ImportRun"}
    types = {json.loads(line)["type"] for line in ordinary["relationships"]}
    assert types == {"TIE", "KNOWS", "IN_AREA", "HAS_INTERVIEW", "HAS_EVENT", "HAS_MEASURE"}
    assert bulk["nodes"] == ordinary["nodes"]
    assert bulk["relationships"] == ordinary["relationships"]
    # Every record row is counted as written, as by the ordinary import.
    assert loaded.report.rows_written == report.rows_written


def test_first_load_is_refused_on_a_store_holding_records_and_the_refusal_logged(
        store: Neo4jStore, session_graph: SessionGraph, tmp_path: Path) -> None:
    people = write_csv(tmp_path, "people.csv", [
        {"person_id": "C1", "client": "yes", "display_name": "Ann", "area": "North"}])
    assert import_paths(store, [people], actor=ACTOR).ok
    before = snapshot(store)

    loaded = first_load(session_graph.data_dir, [TEMPLATES], actor=ACTOR)
    try:
        assert loaded.report.outcome == Outcome.REJECTED
        # people.csv wrote one Person:Client and its Area: 1 Area, 1 Client, 1 Person.
        assert loaded.report.errors == [
            "--first-load: the store is not empty (1 Area, 1 Client, 1 Person): a first "
            "load would replace it; import without --first-load"]
        assert snapshot(loaded.store) == before  # nothing replaced, nothing added
        # The refusal is logged beside the ordinary import's run (both may start within
        # one second, so their order is not asserted).
        assert sorted(run["outcome"] for run in import_runs(loaded.store)) == [
            "rejected", "written"]
    finally:
        loaded.store.close()


@pytest.mark.timeout(2400)
def test_a_first_load_with_a_bad_row_writes_nothing_and_keeps_the_logs(
        session_graph: SessionGraph, tmp_path: Path) -> None:
    session_graph.empty()
    # A tie from a client no file lists: refused by validation, as in the ordinary import.
    ties_path = write_csv(tmp_path, "ties.csv", [
        {"person_id": "C404", "to_id": "S1", "to_type": "person", "relationship": "son",
         "kind": "natural"}])
    loaded = first_load(session_graph.data_dir, [ties_path], actor=ACTOR)
    try:
        assert loaded.report.outcome == Outcome.REJECTED
        assert loaded.report.errors
        assert snapshot(loaded.store)["nodes"] == []  # no record; the run log only
        assert [run["outcome"] for run in import_runs(loaded.store)] == ["rejected"]
    finally:
        loaded.store.close()

    # The rejected run's log does not make the store "not empty", and a later first
    # load carries it over: two runs logged, the rejected one and the written one.
    second = first_load(session_graph.data_dir, [TEMPLATES], actor=ACTOR)
    try:
        assert second.report.outcome == Outcome.WRITTEN, second.report.errors
        assert sorted(run["outcome"] for run in import_runs(second.store)) == [
            "rejected", "written"]
    finally:
        second.store.close()


def test_every_write_of_the_ordinary_import_has_a_bulk_counterpart() -> None:
    plan = validate_paths([TEMPLATES]).plan
    assert plan is not None
    assert unsupported_steps(step.query for step in write_steps(plan)) == []
    # A write the bulk path does not know is refused, by name, before any file is written.
    try:
        check_steps(["upsert_services", "upsert_new_thing"])
    except BulkUnsupported as refused:
        assert "upsert_new_thing" in str(refused)
        assert "upsert_services" not in str(refused)
    else:
        raise AssertionError("an unknown write step was not refused")


def test_the_bulk_csv_types_and_quotes_each_value_as_the_upsert_stores_it(
        tmp_path: Path) -> None:
    report = validate_paths(_our_client(tmp_path / "ours"))
    assert report.ok and report.plan is not None, report.errors
    files = write_bulk_csvs(report.plan, tmp_path / "csv", actor="a", at="t",
                            history=report.history)
    measures = [group for group in files.groups if group.name == "Measure"]
    headers = sorted(group.header.read_text("utf-8").strip() for group in measures)
    # Score 11 is stored whole (long) and 23.21 as a fraction (double): one column cannot
    # be both, so two groups, each with its header; the items 2;2;2;2;2;1 are long[].
    assert len(headers) == 2
    assert any(",score:long," in header and ",items:long[]," in header for header in headers)
    assert any(",score:double," in header for header in headers)
    (event,) = [group for group in files.groups if group.name == "Event"]
    # The note holds a line break, so the tool is told this file has multi-line fields.
    assert event.multiline
    assert '"rang, said ""fine""\nthen rang again"' in event.data.read_text("utf-8")
    # Two dated ties exports: two interviews, neither with a KNOWS pair; the tool cannot
    # write an empty list, so each knows=[] is set after the load.
    assert sorted(item["id"] for item in files.empty_lists) == [
        "C-0042:ties-file-2025-01-10", "C-0042:ties-file-2025-06-10"]
    assert all(item["props"] == {"knows": []} for item in files.empty_lists)
