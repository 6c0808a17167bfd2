"""Events stored as nodes, or also as per-month aggregates: measured (issue 16.2).

    python -m bench.event_storage --store /tmp/store --build   # adds the aggregates once
    python -m bench.event_storage --store /tmp/store --repeats 5

On a local store of its own (never a store that people use: ``--build`` adds one
``EventMonth`` node per client, month and event kind beside the events, through the
bench-only ``bench/event_months_build.cypher``), this times the isolation series of the
largest service two ways: the product's (events counted when read,
``cypher/service_event_months.cypher``) and the same view with those counts read from
the aggregate nodes (``bench/event_months_read.cypher``), checks both give the same
series, and reports the store's database files when it finds the server stopped
(run it once with the server stopped before ``--build``, and once after). Figures:
the query's rows and db hits, the view's Python CPU, the server's CPU (its process's
own counters) and wall time beside the load average of the shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from bench import views
from bench.kept import load_average
from graph.local_neo4j import LocalNeo4jServer
from graph.neo4j_store import Neo4jStore
from graph.store import Params, Row, query_for

HERE = Path(__file__).resolve().parent
BUILD, READ, CLIENTS = (HERE / f"event_months_{name}.cypher" for name in ("build", "read", "clients"))
BUILD_BATCH = 500


class AggregateStore(Neo4jStore):
    """The store, with the service's event counts read from the aggregate nodes."""

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        if name == "service_event_months":
            return self._run(READ.stem, READ.read_text("utf-8"), dict(params or {}), read_only=True)
        return super().read(name, params)


def bench_query(store: Neo4jStore, path: Path, params: Params | None = None, *,
                write: bool = False) -> list[Row]:
    return store._run(path.stem, path.read_text("utf-8"), dict(params or {}), read_only=not write)


def database_mb(data_dir: Path) -> float:
    """The database files on disk (transaction logs apart). Exact only with the server
    stopped (a clean stop checkpoints; the embedded server has no db.checkpoint()), so
    the harness reads it when it finds the server stopped, before it starts it."""
    folder = data_dir / "data" / "databases"
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def build(store: Neo4jStore, data_dir: Path) -> dict[str, Any]:
    (row,) = bench_query(store, CLIENTS)
    if row["aggregates"]:
        raise SystemExit(f"the store already holds {row['aggregates']:,} EventMonth nodes")
    ids, created, started = row["ids"], 0, time.perf_counter()
    for start in range(0, len(ids), BUILD_BATCH):
        (done,) = bench_query(store, BUILD, {"ids": ids[start:start + BUILD_BATCH]}, write=True)
        created += int(done["created"])
    return {"clients": len(ids), "aggregates": created, "build_seconds": time.perf_counter() - started,
            "load_average": load_average()}


def server_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_runs(action: Callable[[], Any], pid: int, repeats: int) -> dict[str, float]:
    action()  # warms the server's query cache: not counted
    runs = []
    for _ in range(repeats):
        load, server, cpu, wall = load_average(), server_cpu(pid), time.process_time(), time.perf_counter()
        action()
        runs.append((time.process_time() - cpu, server_cpu(pid) - server, time.perf_counter() - wall, load))
    return {name: statistics.median(run[i] for run in runs)
            for i, name in enumerate(("python_cpu_s", "server_cpu_s", "wall_s", "load_average"))}


def profiled(store: Neo4jStore, text: str, params: Params) -> dict[str, int]:
    """Rows (records) and db hits of one query, from the server's PROFILE."""
    def hits(plan: dict[str, Any]) -> int:
        return int(plan.get("dbHits", 0)) + sum(hits(child) for child in plan.get("children", []))

    with store._driver.session(database=store.database) as session:
        result = session.run("PROFILE " + text, dict(params))
        records = len(list(result))
        return {"records": records, "db_hits": hits(result.consume().profile or {})}


def measure(data_dir: Path, repeats: int) -> dict[str, Any]:
    detail = Neo4jStore.local(data_dir, idle_seconds=0)
    aggregate = AggregateStore.local(data_dir, idle_seconds=0)
    try:
        pid = LocalNeo4jServer(data_dir).pid()
        assert pid is not None, "the local server is not running"
        service, size = views.largest_service(detail)
        series = {name: views.service_isolation(store, service, views.AS_OF)
                  for name, store in (("detail", detail), ("aggregate", aggregate))}
        pd.testing.assert_frame_equal(series["detail"], series["aggregate"], check_exact=True)
        params = _counts_params(detail, service)
        result: dict[str, Any] = {"service": service, "clients": size, "series_rows": len(series["detail"])}
        for name, store, text in (("detail", detail, query_for("service_event_months", "read").body),
                                  ("aggregate", aggregate, READ.read_text("utf-8"))):
            result[name] = {"counts_query": profiled(store, text, params),
                            **_view_times(store, service, pid, repeats)}
        return result
    finally:
        detail.close()
        aggregate.close()


def _view_times(store: Neo4jStore, service: str, pid: int, repeats: int) -> dict[str, Any]:
    def isolation() -> Any:
        return views.service_isolation(store, service, views.AS_OF)

    def service_view() -> Any:
        return views.service_report(store, service, views.AS_OF)

    return {"isolation_series": timed_runs(isolation, pid, repeats),
            "service_view": timed_runs(service_view, pid, repeats)}


def _counts_params(store: Neo4jStore, service: str) -> Params:
    """The parameters the isolation series sends to ``service_event_months``."""
    sent: list[Params] = []
    original = store.read

    def recording(name: str, params: Params | None = None) -> list[Row]:
        if name == "service_event_months":
            sent.append(dict(params or {}))
        return original(name, params)

    store.read = recording  # type: ignore[method-assign]
    try:
        views.service_isolation(store, service, views.AS_OF)
    finally:
        store.read = original  # type: ignore[method-assign]
    return sent[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a local store of the bench's own")
    parser.add_argument("--build", action="store_true", help="add the aggregate nodes first")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--results", type=Path, default=None, help="JSON file to write")
    args = parser.parse_args(argv)
    stopped_mb = None if LocalNeo4jServer(args.store).pid() else database_mb(args.store)
    if args.build:
        store = Neo4jStore.local(args.store, idle_seconds=0)
        try:
            result = build(store, args.store)
        finally:
            store.close()
    else:
        result = measure(args.store, args.repeats)
    result["database_mb_at_start"] = stopped_mb  # None: the server was running
    print(json.dumps(result, indent=2))
    if args.results:
        args.results.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
