"""The bulk first load (``assetmap import --first-load``) and the views on the store it
leaves, at one scale: ``python -m bench.first_load CSV_DIR --results bench/results/...``.

Figures (each beside its floor where there is one):

* first load, validated end to end: rows read / seconds from reading the files to the
  schema built on the loaded store; floor: the import tool alone on the written CSVs
  (the same rows, already prepared, through ``neo4j-admin database import``);
* the person, service, area and isolation figures of ``bench.run`` on the loaded store;
* the store on disk, the server's peak resident memory, the loading Python's peak.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import statistics
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from analytics.person import ISOLATION_MONTHS
from bench import views
from bench.run import (
    ACTOR,
    SEED,
    Figure,
    bench_person_view,
    bench_repeated,
    python_peak_mb,
)
from bench.stores import LocalNeo4jBackend
from graph.local_neo4j import LocalNeo4jServer
from graph.neo4j_store import Neo4jStore


def load(data_dir: Path, paths: list[Path]) -> dict[str, Any]:
    """One first load (run in a process of its own, so its peak memory is its own)."""
    from ingest.first_load import first_load

    loaded = first_load(data_dir, paths, actor=ACTOR, memory=LocalNeo4jBackend.MEMORY)
    report = loaded.report
    loaded.store.close()
    return {"outcome": str(report.outcome), "rows_read": report.rows_read,
            "rows_written": report.rows_written, "errors": report.errors[:5],
            "seconds": loaded.seconds, "python_peak_mb": python_peak_mb()}


def _load_in_own_process(data_dir: Path, paths: list[Path]) -> dict[str, Any]:
    import bench.first_load  # by its importable name (``-m`` runs this as __main__)

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        result: dict[str, Any] = pool.submit(bench.first_load.load, data_dir, paths).result()
        return result


def _loads(csv_dir: Path, paths: list[Path], count: int,
           keep: Path | None = None) -> tuple[Path, list[dict[str, Any]]]:
    """``count`` first loads of the same files, each into a new empty store (the last
    store is kept for the views, in ``keep`` when given), each with the load average
    before and after it."""
    loads = []
    for number in range(count):
        last = number == count - 1
        data_dir = keep if keep is not None and last else Path(
            tempfile.mkdtemp(prefix="amb-first-", dir="/tmp"))
        before = os.getloadavg()
        loaded = _load_in_own_process(data_dir, paths)
        loaded["load_average"] = {"before": before, "after": os.getloadavg()}
        loads.append(loaded)
        print(json.dumps(loaded["seconds"]), loaded["load_average"], flush=True)
        if not last:
            LocalNeo4jServer(data_dir).stop()
            shutil.rmtree(data_dir, ignore_errors=True)
    return data_dir, loads


def run(csv_dir: Path, repeats: int, persons: int, loads: int = 1,
        views_too: bool = True, keep: Path | None = None) -> dict[str, Any]:
    paths = [csv_dir / f"{name}.csv" for name in
             ("services", "assets", "people", "ties", "knows", "events", "measures")]
    rows = {path.stem: sum(1 for _ in path.open()) - 1 for path in paths}
    data_dir, runs = _loads(csv_dir, paths, loads, keep)
    server = LocalNeo4jServer(data_dir, memory=LocalNeo4jBackend.MEMORY)
    try:
        loaded = runs[-1]
        steps = {step: statistics.median(run["seconds"][step] for run in runs)
                 for step in loaded["seconds"]}
        first = Figure("first load, validated end to end (bulk)", "rows/s",
                       samples=[run["rows_read"] / run["seconds"]["total"] for run in runs],
                       floor=[run["rows_read"] / run["seconds"]["import tool"] for run in runs],
                       note="floor: neo4j-admin database import alone on the written CSVs; "
                            "median seconds: "
                            + ", ".join(f"{step} {value:.1f} s" for step, value in steps.items()))
        figures = [first]
        if not views_too:
            server.stop()
            return {"rows": rows, "loads": runs, "median_seconds": steps,
                    "figures": [first.as_dict()],
                    "memory": {"python_first_load_peak_mb": max(run["python_peak_mb"]
                                                                for run in runs),
                               "heap_mb": LocalNeo4jBackend.MEMORY.heap_mb,
                               "pagecache_mb": LocalNeo4jBackend.MEMORY.pagecache_mb}}
        store = Neo4jStore.local(data_dir, memory=LocalNeo4jBackend.MEMORY, idle_seconds=0)
        as_of = views.AS_OF
        clients = views.client_ids(store)
        sample = random.Random(SEED).sample(clients, min(persons, len(clients)))
        figures += bench_person_view(store, sample, repeats, as_of)
        service, size = views.largest_service(store)
        figures.append(bench_repeated(
            "service view (largest service)", lambda: views.service_report(store, service, as_of),
            repeats, note=f"{service}: {size:,} clients"))
        figures.append(bench_repeated("area coverage (whole area)",
                                      lambda: views.area_report(store, as_of), repeats,
                                      note=f"{len(clients):,} clients"))
        figures.append(bench_repeated(
            "isolation series, every client of the largest service",
            lambda: views.service_isolation(store, service, as_of), repeats,
            note=f"{size:,} clients x {ISOLATION_MONTHS} months"))
        store.close()
        pid = server.pid()
        server_peak = None
        if pid is not None:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    server_peak = int(line.split()[1]) / 1024
        disk = sum(path.stat().st_size for path in (data_dir / "data" / "databases").rglob("*")
                   if path.is_file())
        files = sorted(((path.stat().st_size / 2**20, path.name) for path in
                        (data_dir / "data" / "databases").rglob("*") if path.is_file()),
                       reverse=True)[:12]
        return {"rows": rows, "store_files_mb": files, "loads": runs, "median_seconds": steps, "figures": [f.as_dict() for f in figures],
                "memory": {"store_server_peak_mb": server_peak,
                           "store_disk_mb": disk / 2**20,
                           "python_first_load_peak_mb": loaded["python_peak_mb"],
                           "python_views_peak_mb": python_peak_mb(),
                           "heap_mb": LocalNeo4jBackend.MEMORY.heap_mb,
                           "pagecache_mb": LocalNeo4jBackend.MEMORY.pagecache_mb}}
    finally:
        server.stop()
        if keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--loads", type=int, default=1, help="first loads to time")
    parser.add_argument("--no-views", action="store_true", help="time the first load only")
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="load the last store into DIR (new, empty) and keep it")
    args = parser.parse_args()
    result = run(args.csv_dir, args.repeats, args.persons, args.loads, not args.no_views,
                 args.keep)
    args.results.write_text(json.dumps(result, indent=2))
    for figure in result["figures"]:
        print(figure["name"], (figure.get("value") or {}).get("median"), figure.get("ratio"))
    print(json.dumps(result["memory"]), json.dumps(result["median_seconds"]))


if __name__ == "__main__":
    main()
