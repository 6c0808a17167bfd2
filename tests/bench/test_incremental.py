"""The incremental-import bench at a small scale: it times a month's events and measures
beside its floor and leaves the store as it found it (the figures themselves are read in
BENCHMARKS.md, never asserted here)."""

from __future__ import annotations

from pathlib import Path

from bench import incremental, views
from bench.run import SEED
from graph.local_neo4j import LocalNeo4jServer
from graph.neo4j_store import Neo4jStore

from ..conftest import harness_read


def _records(store: Neo4jStore) -> int:
    """How many events and measures the store holds."""
    return sum(1 for row in harness_read(store, "snapshot_nodes")
               if {"Event", "Measure"} & set(row["labels"]))


def test_a_month_is_timed_beside_its_floor_and_the_store_ends_as_it_began(
        store: Neo4jStore, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    views.import_files(store, views.write_area(folder, 120, SEED), "bench-test")
    before = _records(store)
    month = incremental.cut_month(folder, views.AS_OF[:7])
    lines = sum(len(path.read_text().splitlines()) - 1 for path in month)
    assert store.local_dir is not None
    result = incremental.measure(LocalNeo4jServer(store.local_dir), store, month, repeats=1)
    figure = result["figures"][0]
    assert 0 < result["rows"] <= lines  # the month's distinct events and measures
    assert figure["value"]["median"] > 0 and figure["floor"]["median"] > 0
    assert _records(store) == before
