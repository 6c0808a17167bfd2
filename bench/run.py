"""The performance harness: synthetic areas at several scales, each figure beside its floor.

    python -m bench.run                       # 1k, 10k and 100k clients, 5 repetitions
    python -m bench.run --scales 1000 --repeats 5 --persons 50     # the CI smoke run

For each scale the demo generator writes an area as CSV files; each figure is
measured ``--repeats`` times and reported as median (min-max):

* import: validated rows/s end to end (read, validate, write) beside the floor —
  the same, already-built rows sent through the same ``UNWIND ... MERGE`` queries
  with no reading or validation — and their ratio;
* person view (everything ``assetmap person --json`` computes) for random clients:
  p50 and p95 ms, beside the floor — the one query that fetches that client's rows;
* service view for the largest service; area coverage for the whole area; the
  isolation series for every client of the largest service;
* the person page rendered server-side with Streamlit's ``AppTest``;
* peak memory of the store server, of the Python process that imports and of the one
  that serves the views (the area is generated and imported in processes of their
  own, so each peak is that work's alone).

Results go to ``bench/results/<scale>.json`` and a table in ``BENCHMARKS.md`` (followed
by the hand-written notes of ``bench/notes.md``). The store is a local Neo4j of the
harness's own, or an external Neo4j when ``NEO4J_URI`` is set (``bench/stores.py``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from analytics.person import ISOLATION_MONTHS
from bench import views
from bench.stores import Backend, backend_from_environment
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
NOTES = ROOT / "bench" / "notes.md"
SEED = 2026
ACTOR = "bench"


@dataclass
class Figure:
    """One measured quantity: its samples over the repetitions, and its floor if any."""

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    note: str = ""

    @staticmethod
    def _summary(values: list[float]) -> dict[str, float] | None:
        if not values:
            return None
        return {"median": statistics.median(values), "min": min(values), "max": max(values)}

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"name": self.name, "unit": self.unit,
                                  "value": self._summary(self.samples),
                                  "floor": self._summary(self.floor), "note": self.note}
        if self.samples and self.floor:
            result["ratio"] = statistics.median(self.samples) / statistics.median(self.floor)
        return result


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def python_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- one scale ---------------------------------------------------------------------------
def bench_import(backend: Backend, paths: list[Path], repeats: int) -> tuple[list[Figure], str]:
    """The floor and the validated import, each into an empty graph, ``repeats`` times;
    returns the graph of the last validated import (kept for the views)."""
    validated = Figure("import, validated end to end", "rows/s")
    graph = ""
    for repeat in range(repeats):
        if graph:  # one graph in the store at a time, so its peak memory is one area's
            backend.drop(graph)
        floor_graph = f"bench_floor_{repeat}"
        steps, rows = views.prepared_write_steps(paths)
        sent = views.record_rows(steps)
        floor_store = backend.open(floor_graph, fresh=True)
        seconds, _ = timed(partial(views.send_steps, floor_store, steps, ACTOR))
        validated.floor.append(rows / seconds)
        floor_store.close()
        del steps
        backend.drop(floor_graph)

        graph = f"bench_{repeat}"
        store = backend.open(graph, fresh=True)
        seconds, report = timed(partial(views.import_files, store, paths, ACTOR))
        validated.samples.append(report.rows_read / seconds)
        store.close()
        if sent != report.rows_written:  # the floor must send what the import writes
            raise RuntimeError(f"the floor sent {sent:,} rows, the import {report.rows_written:,}")
    validated.note = "floor: the same rows, already built, through the same UNWIND ... MERGE queries"
    return [validated], graph


def bench_person_view(store: GraphStore, client_ids: list[str], repeats: int,
                      as_of: str) -> list[Figure]:
    p50 = Figure("person view p50", "ms")
    p95 = Figure("person view p95", "ms")
    for _ in range(repeats):
        full = [timed(partial(views.person_report, store, client, as_of))[0] * 1000
                for client in client_ids]
        floor = [timed(partial(views.person_rows, store, client))[0] * 1000
                 for client in client_ids]
        p50.samples.append(percentile(full, 0.5))
        p95.samples.append(percentile(full, 0.95))
        p50.floor.append(percentile(floor, 0.5))
        p95.floor.append(percentile(floor, 0.95))
    note = f"{len(client_ids)} random clients a repetition; floor: the one person_view query"
    p50.note = p95.note = note
    return [p50, p95]


def bench_repeated(name: str, action: Callable[[], Any], repeats: int, note: str = "") -> Figure:
    figure = Figure(name, "s", note=note)
    for _ in range(repeats):
        figure.samples.append(timed(action)[0])
    return figure


def _generate(csv_dir: Path, people: int) -> tuple[float, list[Path]]:
    return timed(lambda: views.write_area(csv_dir, people, SEED))


def _import_alone(backend: Backend, paths: list[Path],
                  repeats: int) -> tuple[list[Figure], str, float]:
    """``bench_import`` and this process's peak memory (run in a process of its own)."""
    figures, graph = bench_import(backend, paths, repeats)
    return figures, graph, python_peak_mb()


def _in_own_process(action: Callable[..., Any], *args: Any) -> Any:
    import bench.run  # by its importable name: ``python -m bench.run`` runs this as __main__

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(getattr(bench.run, action.__name__), *args).result()


def run_scale(people: int, repeats: int, persons: int, work_dir: Path,
              import_repeats: int | None = None) -> dict[str, Any]:
    csv_dir = work_dir / f"csv-{people}"
    seconds, paths = _in_own_process(_generate, csv_dir, people)
    rows = {path.stem: sum(1 for _ in path.open()) - 1 for path in paths}
    backend = backend_from_environment()  # a new local server per scale: its own peak
    imports = repeats if import_repeats is None else import_repeats
    figures: list[Figure] = []
    try:
        backend.start()  # here, so the importing process does not own (and stop) it
        import_figures, graph, import_peak = _in_own_process(_import_alone, backend, paths,
                                                             imports)
        figures += import_figures
        store = backend.open(graph)
        as_of = views.AS_OF
        clients = views.client_ids(store)
        sample = random.Random(SEED).sample(clients, min(persons, len(clients)))
        figures += bench_person_view(store, sample, repeats, as_of)
        service, service_size = views.largest_service(store)
        services = views.service_count(store)
        figures.append(bench_repeated(
            "service view (largest service)", lambda: views.service_report(store, service, as_of),
            repeats, note=f"{service}: {service_size:,} clients (largest of {services} services)"))
        figures.append(bench_repeated(
            "area coverage (whole area)", lambda: views.area_report(store, as_of), repeats,
            note=f"{len(clients):,} clients"))
        figures.append(bench_repeated(
            "isolation series, every client of the largest service",
            lambda: views.service_isolation(store, service, as_of), repeats,
            note=f"{service_size:,} clients x {ISOLATION_MONTHS} months"))
        page = Figure("person page rendered with AppTest", "s",
                      note="server side; a different client each repetition (nothing cached)")
        page.samples = [views.person_page_seconds(store, backend.page_environment(graph), client)
                        for client in sample[:repeats]]
        figures.append(page)
        disk = getattr(backend, "store_bytes", None)
        memory = {"store_server_peak_mb": backend.server_peak_mb(store),
                  "store_disk_mb": disk() / 2**20 if disk else None,
                  "python_import_peak_mb": import_peak,
                  "python_peak_mb": python_peak_mb()}
        store.close()
    finally:
        backend.stop()
    return {
        "people": people, "repeats": repeats, "import_repeats": imports, "persons": len(sample),
        "store": backend.describe(), "generate_seconds": seconds, "rows": rows,
        "figures": [figure.as_dict() for figure in figures], "memory": memory,
    }


# -- reporting ---------------------------------------------------------------------------
def machine() -> dict[str, str]:
    import neo4j
    import networkx
    import streamlit

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "cpu": cpu, "cores": str(len(__import__("os").sched_getaffinity(0))),
        "python": platform.python_version(), "pandas": pd.__version__,
        "networkx": networkx.__version__, "streamlit": streamlit.__version__,
        "neo4j driver": neo4j.__version__,
        "neo4j server": views.server_version(),
        "store": _store_described(),
    }


def _store_described() -> str:
    import os

    uri = os.environ.get("NEO4J_URI", "").strip()
    return f"Neo4j at {uri}" if uri else "local Neo4j (a server of its own per scale)"


def _cell(summary: dict[str, float] | None, unit: str) -> str:
    if summary is None:
        return "-"
    digits = 0 if unit in ("rows/s", "ties/s") else 3 if unit == "s" else 1
    fmt = f"{{:,.{digits}f}}"
    return (f"{fmt.format(summary['median'])} ({fmt.format(summary['min'])}–"
            f"{fmt.format(summary['max'])})")


def markdown(results: list[dict[str, Any]], about: dict[str, str], notes: str = "") -> str:
    lines = ["# Benchmarks", "",
             "Made by `make bench` (`python -m bench.run`); see `bench/run.py` for what each "
             "figure measures. Medians over the repetitions, (min–max) beside them.", "",
             "| machine | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in about.items()]
    for result in results:
        imports = result.get("import_repeats", result["repeats"])
        lines += ["", f"## {result['people']:,} clients", "",
                  "rows: " + ", ".join(f"{name} {count:,}" for name, count in result["rows"].items()),
                  "", f"Store: {result.get('store', '?')}. Repetitions: {result['repeats']} "
                  f"({imports} of the import and of its floor); person view over "
                  f"{result.get('persons', '?')} clients a repetition.",
                  "", "| figure | unit | value | floor | ratio | note |", "|---|---|---|---|---|---|"]
        for fig in result["figures"]:
            ratio = f"{fig['ratio']:.2f}" if "ratio" in fig else "-"
            lines.append(f"| {fig['name']} | {fig['unit']} | {_cell(fig['value'], fig['unit'])} | "
                         f"{_cell(fig['floor'], fig['unit'])} | {ratio} | {fig['note']} |")
        memory = result["memory"]
        server = memory["store_server_peak_mb"]
        lines += ["", "Peak memory: store server "
                      + ("not measured (not a local process)" if server is None
                         else f"{server:,.0f} MB")
                      + f", Python importing {memory.get('python_import_peak_mb', 0):,.0f} MB, "
                      f"Python serving the views (and AppTest) "
                      f"{memory['python_peak_mb']:,.0f} MB."]
        if memory.get("store_disk_mb") is not None:
            lines[-1] += f" Store on disk (without transaction logs): {memory['store_disk_mb']:,.0f} MB."
        if memory.get("store_and_logs_disk_mb") is not None:  # runs before 2026-12-01's fix
            lines[-1] += (f" Store and transaction logs on disk: "
                          f"{memory['store_and_logs_disk_mb']:,.0f} MB.")
    if notes:
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--import-repeats", type=int, nargs="+", default=None,
                        help="repetitions of the import and of its floor (default: --repeats): "
                             "one number for every scale, or one per scale")
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-markdown", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: write BENCHMARKS.md from the JSON of --scales "
                             "in --results (and bench/notes.md)")
    args = parser.parse_args(argv)
    notes = NOTES.read_text() if NOTES.is_file() else ""
    if args.report_only:
        results = [json.loads((args.results / f"{people}.json").read_text())
                   for people in args.scales]
        about = results[0].get("machine") or machine()
        args.markdown.write_text(markdown(results, about, notes))
        print(f"wrote {args.markdown}")
        return
    args.results.mkdir(parents=True, exist_ok=True)
    about = machine()
    results = []
    with tempfile.TemporaryDirectory(prefix="assetmap-bench-") as work:
        imports = args.import_repeats or [args.repeats]
        if len(imports) not in (1, len(args.scales)):
            parser.error("--import-repeats takes one number, or one per scale")
        for number, people in enumerate(args.scales):
            print(f"benchmarking {people:,} clients ...", flush=True)
            result = run_scale(people, args.repeats, args.persons, Path(work),
                               import_repeats=imports[min(number, len(imports) - 1)])
            result["machine"] = about
            (args.results / f"{people}.json").write_text(json.dumps(result, indent=2))
            results.append(result)
    if not args.no_markdown:
        args.markdown.write_text(markdown(results, about, notes))
        print(f"wrote {args.markdown}")
    print(markdown(results, about))


if __name__ == "__main__":
    main()
