"""The incremental import (issue 16: >= 15k validated rows/s and >= 0.8 of its floor),
on a store kept between runs that already holds an area:

    python -m bench.incremental --store /work/b100k/store --csv /work/b100k/csv

The increment is what a service sends each month: one month's events and measures of the
whole area (``--month``, the area's last by default), cut from the area's own files into
``increment/`` beside them. Each repetition deletes the month's records from the store
(the bench-only ``bench/delete_records.cypher``, by id), imports the month's files with the
validated import (``assetmap import``: read, validate against the store, plan, write;
timed), deletes them again and sends the same rows, already validated and built, through
the same ``UNWIND ... MERGE`` queries (the floor; timed). The store ends holding the month,
as it began. Every figure records the load average of the shared machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from pathlib import Path
from typing import Any

from bench import views
from bench.run import ACTOR, RESULTS, Figure, python_peak_mb, timed
from graph.local_neo4j import LocalNeo4jServer, ServerMemory
from graph.model import RecordType
from graph.neo4j_store import Neo4jStore

DELETE_QUERY = Path(__file__).resolve().parent / "delete_records.cypher"
DELETE_BATCH = 5_000
MONTH_FILES = ("events", "measures")


def cut_month(csv_dir: Path, month: str) -> list[Path]:
    """The month's rows of events.csv and measures.csv (their ``date`` in ``month``),
    written to ``csv_dir/increment/``; returns the two files."""
    target = csv_dir / "increment"
    target.mkdir(exist_ok=True)
    paths = []
    for name in MONTH_FILES:
        with (csv_dir / f"{name}.csv").open(newline="", encoding="utf-8") as source, \
                (target / f"{name}.csv").open("w", newline="", encoding="utf-8") as out:
            reader = csv.DictReader(source)
            writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [])
            writer.writeheader()
            writer.writerows(row for row in reader if row["date"].startswith(month))
        paths.append(target / f"{name}.csv")
    return paths


def prepared_steps(store: Neo4jStore, paths: list[Path]) -> tuple[list[Any], list[str]]:
    """The increment's writes with their rows built (validated against the store), and
    the ids of the events and measures they create."""
    steps, _ = views.prepared_write_steps(paths, store)
    ids = [row["id"] for step, rows in steps
           if step.record_type in (RecordType.EVENTS, RecordType.MEASURES) for row in rows]
    return steps, ids


def delete_records(server: LocalNeo4jServer, ids: list[str]) -> int:
    """Delete the events and measures of ``ids`` (a driver of the harness's own: the
    query is not in the product's catalogue)."""
    import neo4j

    body = DELETE_QUERY.read_text("utf-8")
    deleted = 0
    with neo4j.GraphDatabase.driver(server.uri(), auth=("neo4j", server.password())) as driver:
        for start in range(0, len(ids), DELETE_BATCH):
            records, _, _ = driver.execute_query(body, {"ids": ids[start:start + DELETE_BATCH]})
            deleted += records[0]["deleted"]
    return deleted


def measure(server: LocalNeo4jServer, store: Neo4jStore, paths: list[Path],
            repeats: int) -> dict[str, Any]:
    steps, ids = prepared_steps(store, paths)
    rows = views.record_rows(steps)
    figure = Figure("incremental import, validated end to end", "rows/s",
                    note=f"one month of events and measures ({rows:,} rows) into the kept "
                         "store; floor: the same rows, already built, through the same "
                         "UNWIND ... MERGE queries")
    loads = []
    for _ in range(repeats):
        delete_records(server, ids)
        loads.append(os.getloadavg()[0])
        seconds, report = timed(lambda: views.import_files(store, paths, ACTOR))
        figure.samples.append(report.rows_read / seconds)
        delete_records(server, ids)
        seconds, _ = timed(lambda: views.send_steps(store, steps, ACTOR))
        figure.floor.append(rows / seconds)
    return {"rows": rows, "figures": [figure.as_dict()], "load_average": loads,
            "python_peak_mb": python_peak_mb()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="the local store's directory")
    parser.add_argument("--csv", type=Path, required=True, help="the area's files")
    parser.add_argument("--month", default=views.AS_OF[:7])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--heap-mb", type=int, default=2048)
    parser.add_argument("--pagecache-mb", type=int, default=3072)
    parser.add_argument("--results", type=Path, default=None, help="JSON file to write")
    args = parser.parse_args(argv)
    paths = cut_month(args.csv, args.month)
    memory = ServerMemory(heap_mb=args.heap_mb, pagecache_mb=args.pagecache_mb)
    store = Neo4jStore.local(args.store, memory=memory, idle_seconds=0)
    try:
        result = measure(LocalNeo4jServer(args.store, memory=memory), store, paths,
                         args.repeats)
    finally:
        store.close()
    result["month"] = args.month
    target = args.results or RESULTS / f"incremental-{args.store.parent.name}.json"
    target.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
