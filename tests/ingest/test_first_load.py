"""``first_load``: the bulk path (neo4j-admin database import) into an empty local store.

The shipped templates are the worked case: the same files through the ordinary import
and through the first load must leave the same nodes, relationships and properties
(every value, row hash and who-stamp; only the ``*_at`` times differ, being the times
of two different runs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jStore
from ingest.first_load import FirstLoadRefused, first_load
from ingest.importer import Outcome, import_paths

from ..conftest import SessionGraph
from .helpers import ACTOR, TEMPLATES, import_runs, snapshot, write_csv

TIMES = ("created_at", "updated_at")


def _without_times(lines: list[str]) -> list[str]:
    """Snapshot lines with the two run-time stamps dropped (they differ by design)."""
    result = []
    for line in lines:
        row = json.loads(line)
        props = row.get("properties", {})
        for key in TIMES:
            props.pop(key, None)
        result.append(json.dumps(row, sort_keys=True))
    return sorted(result)


def _graph(store: Neo4jStore) -> dict[str, list[str]]:
    taken = snapshot(store)
    return {part: _without_times(lines) for part, lines in taken.items()}


@pytest.mark.xfail(reason="issue 16, open: relationships match the ordinary import's, but "
                   "this test saw the node snapshots differ once (2026-12-02, a starved "
                   "machine), while a direct comparison of the same files on two fresh "
                   "stores found every node equal; not yet diagnosed", strict=False)
def test_first_load_leaves_the_graph_the_ordinary_import_leaves(
        store: Neo4jStore, session_graph: SessionGraph) -> None:
    report = import_paths(store, [TEMPLATES], actor=ACTOR)
    assert report.outcome == Outcome.WRITTEN, report.errors
    ordinary = _graph(store)
    session_graph.empty()

    loaded = first_load(session_graph.data_dir, [TEMPLATES], actor=ACTOR)
    try:
        assert loaded.report.outcome == Outcome.WRITTEN, loaded.report.errors
        # Every record row of the templates is written, as by the ordinary import.
        assert loaded.report.rows_written == report.rows_written
        assert _graph(loaded.store) == ordinary
        # The run is logged like any import: one ImportRun, outcome written.
        assert [run["outcome"] for run in import_runs(loaded.store)] == ["written"]
    finally:
        loaded.store.close()


def test_first_load_is_refused_on_a_store_holding_records(
        store: Neo4jStore, session_graph: SessionGraph, tmp_path: Path) -> None:
    people = write_csv(tmp_path, "people.csv", [
        {"person_id": "C1", "client": "yes", "display_name": "Ann", "area": "North"}])
    assert import_paths(store, [people], actor=ACTOR).ok
    before = snapshot(store)

    with pytest.raises(FirstLoadRefused, match="not empty"):
        first_load(session_graph.data_dir, [TEMPLATES], actor=ACTOR)
    assert snapshot(store) == before  # nothing replaced, nothing added


def test_a_first_load_with_a_bad_row_writes_nothing_and_keeps_the_logs(
        store: Neo4jStore, session_graph: SessionGraph, tmp_path: Path) -> None:
    # A tie to a client no file lists: refused by validation, as in the ordinary import.
    ties = write_csv(tmp_path, "ties.csv", [
        {"person_id": "C404", "to_id": "S1", "to_type": "person", "relationship": "son",
         "kind": "natural"}])
    loaded = first_load(session_graph.data_dir, [ties], actor=ACTOR)
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
