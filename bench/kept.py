"""The view figures on a store kept between runs (issue 16: 100,000 clients).

    python -m bench.kept --store /work/bench100k/store --load 100000   # once: generate, import
    python -m bench.kept --store /work/bench100k/store --heap-mb 2048 --pagecache-mb 3072

``bench.run`` generates and imports an area for every run, which at 100,000 clients
takes most of an hour; this measures the views of ``bench.run`` (the same calls, from
``bench.views``) on a local store that already holds an area (for example one loaded
by ``--load``: the bench generator's files, seed 2026, kept beside the store in
``csv/``, imported one file at a time in the order of their references with the
validated import of ``assetmap import``), so they can be measured again after a change
without loading it again. Each figure is beside its floor where it has
one, and every repetition records the load average of the shared machine.

Results go to ``--results`` as JSON (``bench/results/kept-<clients>.json`` by default).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from analytics.person import ISOLATION_MONTHS
from bench import views
from bench.run import RESULTS, SEED, Figure, bench_person_view, python_peak_mb, timed
from graph.local_neo4j import LocalNeo4jServer, ServerMemory
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore


def load_average() -> float:
    """The one-minute load average of the machine (the other work sharing its cores)."""
    return os.getloadavg()[0]


def bench_loaded(name: str, action: Callable[[], Any], repeats: int, note: str = "") -> tuple[Figure, list[float]]:
    """``action`` timed ``repeats`` times, and the load average before each run."""
    figure = Figure(name, "s", note=note)
    loads = []
    for _ in range(repeats):
        loads.append(load_average())
        figure.samples.append(timed(action)[0])
    return figure, loads


def measure(store: GraphStore, repeats: int, persons: int) -> dict[str, Any]:
    as_of = views.AS_OF
    clients = views.client_ids(store)
    sample = random.Random(SEED).sample(clients, min(persons, len(clients)))
    loads: dict[str, list[float]] = {}
    loads["person view"] = [load_average()]
    figures = bench_person_view(store, sample, repeats, as_of)
    loads["person view"].append(load_average())
    service, size = views.largest_service(store)
    runs: list[tuple[str, Callable[[], Any], str]] = [
        ("service view (largest service)", lambda: views.service_report(store, service, as_of),
         f"{service}: {size:,} clients"),
        ("area coverage (whole area)", lambda: views.area_report(store, as_of),
         f"{len(clients):,} clients"),
        ("isolation series, every client of the largest service",
         lambda: views.service_isolation(store, service, as_of),
         f"{size:,} clients x {ISOLATION_MONTHS} months"),
    ]
    for name, action, note in runs:
        action()  # the first run warms the server's query cache: not counted
        figure, figure_loads = bench_loaded(name, action, repeats, note)
        figures.append(figure)
        loads[name] = figure_loads
    return {"clients": len(clients), "repeats": repeats, "persons": len(sample),
            "figures": [figure.as_dict() for figure in figures],
            "load_average": {name: statistics.median(values) for name, values in loads.items()},
            "python_peak_mb": python_peak_mb()}


#: The files of an area in the order their references need (each refers only to earlier ones).
LOAD_ORDER = ("services", "assets", "people", "ties", "knows", "events", "measures")


def load(store: GraphStore, csv_dir: Path, clients: int) -> list[dict[str, Any]]:
    """Generate the bench area of ``clients`` (unless ``csv_dir`` holds it) and import
    it file by file (each import holds one file's rows, not the area's)."""
    if not (csv_dir / "measures.csv").is_file():
        views.write_area(csv_dir, clients, SEED)
    imported = []
    for name in LOAD_ORDER:
        seconds, report = timed(partial(views.import_files, store, [csv_dir / f"{name}.csv"],
                                        "bench"))
        imported.append({"file": name, "rows": report.rows_read, "seconds": seconds,
                         "load_average": load_average(), "python_peak_mb": python_peak_mb()})
        print(json.dumps(imported[-1]), flush=True)
    return imported


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="the local store's directory")
    parser.add_argument("--heap-mb", type=int, default=2048)
    parser.add_argument("--pagecache-mb", type=int, default=3072)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--results", type=Path, default=None, help="JSON file to write")
    parser.add_argument("--load", type=int, metavar="CLIENTS", default=None,
                        help="first generate and import an area of CLIENTS clients")
    args = parser.parse_args(argv)
    memory = ServerMemory(heap_mb=args.heap_mb, pagecache_mb=args.pagecache_mb)
    store = Neo4jStore.local(args.store, memory=memory, idle_seconds=0)
    try:
        if args.load:
            store.ensure_schema()
            load(store, args.store.parent / "csv", args.load)
            return
        result = measure(store, args.repeats, args.persons)
        pid = LocalNeo4jServer(args.store, memory=memory).pid()
        result["store"] = {"heap_mb": args.heap_mb, "pagecache_mb": args.pagecache_mb,
                           "disk_mb": _store_mb(args.store), "server_peak_mb": _peak_mb(pid)}
    finally:
        store.close()
    target = args.results or RESULTS / f"kept-{result['clients']}.json"
    target.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def _store_mb(data_dir: Path) -> dict[str, float]:
    """The store on disk: the database files and the transaction logs, apart."""
    def size(folder: Path) -> float:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20

    return {"databases": size(data_dir / "data" / "databases"),
            "transactions": size(data_dir / "data" / "transactions")}


def _peak_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


if __name__ == "__main__":
    main()
