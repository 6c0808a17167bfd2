"""The dashboard under load (issue 16.3): concurrent sessions switching clients on the
person page of the real ``assetmap serve``, each one a real headless Chromium page.

    python -m bench.dashboard_load                          # 1k and 10k clients, 20 sessions
    python -m bench.dashboard_load --scales 1000 --sessions 2 --switches 2 --repeats 1

For each scale the demo generator writes an area, which is imported into a local Neo4j
of the harness's own. Then, ``--repeats`` times: ``assetmap serve`` (demo mode, bound
to 127.0.0.1 only, a fresh server each repetition so its memory and caches start
cold) and one headless Chromium with ``--sessions`` browser contexts, i.e. that many
independent Streamlit sessions. Each session opens the person page "viewing as" a
service lead (``--role``; the largest services first, dealt round-robin), waits for
every session to have its first page, then switches client ``--switches`` times
through the client picker, as a user does: open the picker, type the id, click the
option.

One rerun is timed from the click on the option to the moment the page holds the new
client's content and Streamlit says the script has finished (``stApp``'s
``data-test-script-state`` is ``notRunning`` and a caption names the new id). That is
the latency a user sees up to the last element delivered; the browser's own drawing
afterwards (the map's canvas layout, the data grids) is not included. Typing into the
picker is not timed. Every failure is counted: a rerun that does not finish within
``--rerun-timeout`` seconds, a page showing an exception or the store-down message,
and the switches not started before ``--time-limit`` (reported as "not run").

Beside the load: peak memory of the dashboard server (the Streamlit process's VmHWM;
the ``assetmap serve`` parent is reported apart), Neo4j's resident memory sampled during
the run, the browsers' proportional set size (PSS, so pages shared between Chromium
processes count once), the 1-minute load average sampled, and the CPU seconds used by
the server, by Neo4j and by the whole machine during the switching. The floor is the
same person view read directly (``bench.views.person_report``: the reads and the
figures, no page) for the same clients, one at a time, so "p95 under load / p95 of
the floor" can be quoted. Results go to ``bench/results/dashboard_load.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import views
from bench.run import percentile
from bench.stores import LocalNeo4jBackend
from graph import reads
from graph.dashboard_reads import staff
from graph.local_neo4j import LocalNeo4jServer
from graph.model import Role
from graph.scope import Scope
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "dashboard_load.json"
ASSETMAP = Path(sys.executable).parent / "assetmap"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SEED = 2026
ACTOR = "bench-load"
PICKER_LABEL = "Client (type an id or a name to search)"
#: True in the page once the script has finished and a caption names the client.
PAGE_SHOWS = """pid => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
    .some(caption => caption.textContent.includes(pid + ' · area'));
}"""
#: Anything on the page that means the rerun failed.
FAILURE_SELECTOR = '[data-testid="stException"]'
STORE_DOWN_TEXT = "The data store is not available"
#: A session that fails this many switches in a row stops (the rest count as not run).
MAX_FAILURES_IN_A_ROW = 3


@dataclass
class Limits:
    rerun_timeout_s: float = 60.0
    time_limit_s: float = 900.0
    first_page_timeout_s: float = 600.0
    think_s: float = 0.0


@dataclass
class SessionPlan:
    """One browser session: who it views as, and the clients it switches to in turn."""

    viewer: str  # the demo selector's token, e.g. "service_lead:SVC-LT-01"
    clients: list[str]


@dataclass
class Rerun:
    session: int
    index: int
    person_id: str
    seconds: float | None
    outcome: str  # "ok", "timeout", "error: ..." or "not run"


# -- the plan ----------------------------------------------------------------------------
def plan_sessions(store: GraphStore, sessions: int, switches: int, role: Role,
                  seed: int = SEED) -> list[SessionPlan]:
    """``sessions`` sessions viewing as the largest services (or practitioners) dealt
    round-robin, each with ``switches`` clients of its scope to switch to; the first
    client of the picker (shown on opening) is never the first switch."""
    counts: dict[str, int] = {}
    for row in staff(store):
        key = row["service"] if role is Role.SERVICE_LEAD else row["practitioner"]
        counts[key] = counts.get(key, 0) + int(row["clients"])
    ranked = sorted(counts, key=lambda key: (-counts[key], key))
    if not ranked:
        raise RuntimeError("the store holds no clients to view")
    rng = random.Random(seed)
    plans = []
    for number in range(sessions):
        scope_id = ranked[number % len(ranked)]
        scope = Scope(user=ACTOR, role=role, scope_id=scope_id)
        ids = list(reads.clients_in_scope(store, scope)["person_id"])
        if len(ids) < 2:
            raise RuntimeError(f"{role.value} {scope_id} has fewer than two clients")
        chosen: list[str] = []
        previous = ids[0]
        for _ in range(switches):
            previous = rng.choice([pid for pid in ids if pid != previous])
            chosen.append(previous)
        plans.append(SessionPlan(f"{role.value}:{scope_id}", chosen))
    return plans


def floor_seconds(store: GraphStore, person_ids: list[str]) -> list[float]:
    """The person view read directly, one client at a time (no page, no concurrency)."""
    seconds = []
    for pid in person_ids:
        started = time.perf_counter()
        views.person_report(store, pid, views.AS_OF)
        seconds.append(time.perf_counter() - started)
    return seconds


# -- /proc -------------------------------------------------------------------------------
def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def descendants(pid: int) -> list[int]:
    result, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            result.append(child)
            todo.append(child)
    return result


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """User and system CPU of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (every core), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Watch:
    """Samples memory and the load average in a thread while the sessions run."""

    def __init__(self, server_pid: int, neo4j_pid: int | None, interval_s: float = 0.5) -> None:
        self.server_pid, self.neo4j_pid, self.interval_s = server_pid, neo4j_pid, interval_s
        self.peaks: dict[str, float] = {"server_tree_rss_mb": 0.0, "neo4j_rss_mb": 0.0,
                                        "browsers_pss_mb": 0.0, "load_average_1m": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def sample(self) -> None:
        tree = [self.server_pid, *descendants(self.server_pid)]
        browsers = [pid for pid in descendants(os.getpid())
                    if pid not in tree and "chrom" in _comm(pid).lower()]
        now = {
            "server_tree_rss_mb": sum(_status_kb(pid, "VmRSS") for pid in tree) / 1024,
            "neo4j_rss_mb": (_status_kb(self.neo4j_pid, "VmRSS") / 1024 if self.neo4j_pid
                             else 0.0),
            "browsers_pss_mb": sum(_pss_kb(pid) for pid in browsers) / 1024,
            "load_average_1m": os.getloadavg()[0],
        }
        for key, value in now.items():
            self.peaks[key] = max(self.peaks[key], value)


# -- the server --------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(environment: dict[str, str], timeout_s: float = 120) -> Iterator[tuple[str, int]]:
    """``assetmap serve`` in demo mode on 127.0.0.1 (loopback only); yields its address
    and pid; stopped with SIGINT (Ctrl-C) afterwards."""
    port = free_port()
    env = {**os.environ, **environment, "ASSETMAP_DEMO": "1", "ASSETMAP_ACTOR": ACTOR,
           "ASSETMAP_TODAY": views.AS_OF}
    server = subprocess.Popen([str(ASSETMAP), "serve", "--port", str(port),
                               "--address", "127.0.0.1"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"assetmap serve exited with {server.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the dashboard did not answer on {url}") from None
                time.sleep(0.5)
        yield url, server.pid
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# -- the sessions ------------------------------------------------------------------------
async def _open_session(browser: Any, url: str, plan: SessionPlan, limits: Limits) -> Any:
    context = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await context.new_page()
    await page.goto(f"{url}/person?viewer={plan.viewer}", wait_until="domcontentloaded",
                    timeout=limits.first_page_timeout_s * 1000)
    # The first page shows the picker's first client; any client id will do here.
    await page.wait_for_function(PAGE_SHOWS.replace("pid + ' · area'", "' · area'"), arg="",
                                 timeout=limits.first_page_timeout_s * 1000, polling=100)
    return page


async def _switch(page: Any, person_id: str, timeout_s: float) -> tuple[float | None, str]:
    """Choose ``person_id`` in the picker; the seconds from the click to the content."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    picker = page.get_by_test_id("stSelectbox").filter(has_text=PICKER_LABEL)
    try:
        field_ = picker.locator("input")
        await field_.click(timeout=timeout_s * 1000)
        await field_.fill(person_id, timeout=timeout_s * 1000)
        option = page.get_by_role("option").filter(
            has_text=re.compile(rf"· {re.escape(person_id)}$"))
        await option.wait_for(timeout=timeout_s * 1000)
        started = time.perf_counter()
        await option.click(timeout=timeout_s * 1000)
        await page.wait_for_function(PAGE_SHOWS, arg=person_id, timeout=timeout_s * 1000,
                                     polling=50)
        seconds = time.perf_counter() - started
    except PlaywrightTimeout:
        return None, "timeout"
    if await page.locator(FAILURE_SELECTOR).count():
        return seconds, "error: exception shown"
    if STORE_DOWN_TEXT in await page.inner_text("body"):
        return seconds, "error: store down shown"
    return seconds, "ok"


async def _drive(url: str, plans: list[SessionPlan], limits: Limits,
                 cpu_probe: Callable[[], list[float]]) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    reruns: list[Rerun] = []
    first_pages: list[float] = []
    first_failures: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            async def opened(number: int, plan: SessionPlan) -> Any:
                started = time.perf_counter()
                try:
                    page = await _open_session(browser, url, plan, limits)
                except Exception as exc:  # counted below, the session then does not switch
                    first_failures.append(f"session {number}: {type(exc).__name__}: "
                                          f"{str(exc).splitlines()[0][:200]}")
                    return None
                first_pages.append(time.perf_counter() - started)
                return page

            pages = await asyncio.gather(*(opened(n, plan) for n, plan in enumerate(plans)))
            deadline = time.monotonic() + limits.time_limit_s

            async def session(number: int, page: Any, plan: SessionPlan) -> None:
                failures = 0
                for index, pid in enumerate(plan.clients):
                    if page is None or time.monotonic() > deadline \
                            or failures >= MAX_FAILURES_IN_A_ROW:
                        reruns.append(Rerun(number, index, pid, None, "not run"))
                        continue
                    budget = min(limits.rerun_timeout_s, max(deadline - time.monotonic(), 1))
                    seconds, outcome = await _switch(page, pid, budget)
                    failures = 0 if outcome == "ok" else failures + 1
                    reruns.append(Rerun(number, index, pid, seconds, outcome))
                    if limits.think_s:
                        await asyncio.sleep(limits.think_s)

            started, cpu_before = time.perf_counter(), cpu_probe()
            await asyncio.gather(*(session(n, page, plan)
                                   for n, (page, plan) in enumerate(zip(pages, plans,
                                                                        strict=True))))
            switching_s = time.perf_counter() - started
            cpu_used = [after - before for after, before in zip(cpu_probe(), cpu_before,
                                                                strict=True)]
        finally:
            await browser.close()
    return {"reruns": reruns, "first_pages": first_pages, "first_failures": first_failures,
            "switching_s": switching_s, "cpu_used": cpu_used}


def measure_once(environment: dict[str, str], plans: list[SessionPlan], limits: Limits,
                 neo4j_pid: int | None) -> dict[str, Any]:
    """One repetition: a fresh server, the sessions, and what was sampled meanwhile."""
    with served(environment) as (url, server_pid):
        streamlit = [pid for pid in descendants(server_pid) if "python" in _comm(pid).lower()
                     or "streamlit" in _comm(pid).lower()]
        app_pid = streamlit[0] if streamlit else server_pid

        def cpu_probe() -> list[float]:
            return [cpu_seconds(app_pid), cpu_seconds(neo4j_pid) if neo4j_pid else 0.0,
                    machine_busy_seconds()]

        load_before = os.getloadavg()[0]
        with Watch(server_pid, neo4j_pid) as watch:
            driven = asyncio.run(_drive(url, plans, limits, cpu_probe))
        cpu_used = driven["cpu_used"]
        memory = {"server_peak_mb": _status_kb(app_pid, "VmHWM") / 1024,
                  "serve_parent_peak_mb": (_status_kb(server_pid, "VmHWM") / 1024
                                           if app_pid != server_pid else 0.0),
                  **watch.peaks}
    reruns: list[Rerun] = driven["reruns"]
    timed = [r.seconds for r in reruns if r.outcome == "ok" and r.seconds is not None]
    outcomes: dict[str, int] = {}
    for rerun in reruns:
        outcomes[rerun.outcome] = outcomes.get(rerun.outcome, 0) + 1
    return {
        "sessions": len(plans), "reruns_planned": sum(len(p.clients) for p in plans),
        "outcomes": outcomes, "first_page_failures": driven["first_failures"],
        "p50_s": percentile(timed, 0.5) if timed else None,
        "p95_s": percentile(timed, 0.95) if timed else None,
        "max_s": max(timed) if timed else None,
        "first_page_p50_s": (statistics.median(driven["first_pages"])
                             if driven["first_pages"] else None),
        "switching_s": driven["switching_s"],
        "cpu_s": {"server": cpu_used[0], "neo4j": cpu_used[1], "machine": cpu_used[2]},
        "load_average_1m_start": load_before, "memory": memory,
        "reruns": [asdict(r) for r in reruns],
    }


# -- one scale ---------------------------------------------------------------------------
def measure(store: GraphStore, environment: dict[str, str], neo4j_pid: int | None, *,
            sessions: int, switches: int, repeats: int, role: Role,
            limits: Limits, partial: Path | None = None) -> dict[str, Any]:
    """The floor and ``repeats`` loaded runs on a store already holding an area; with
    ``partial``, the runs so far are written there after each one (a long run stopped
    early keeps what it measured)."""
    plans = plan_sessions(store, sessions, switches, role)
    floor_ids = sorted({pid for plan in plans for pid in plan.clients})
    floor_ids = random.Random(SEED).sample(floor_ids, min(len(floor_ids), 200))
    floor_seconds(store, floor_ids[:5])  # warm the driver and Neo4j's plans
    floor = floor_seconds(store, floor_ids)
    runs: list[dict[str, Any]] = []
    for _ in range(repeats):
        runs.append(measure_once(environment, plans, limits, neo4j_pid))
        if partial is not None:
            partial.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps({"floor_p95_s": percentile(floor, 0.95),
                                           "runs": runs}, indent=2))
    return {"role": role.value, "viewers": sorted({plan.viewer for plan in plans}),
            "sessions": sessions, "switches": switches, "repeats": repeats,
            "limits": asdict(limits),
            "floor": {"clients": len(floor), "p50_s": percentile(floor, 0.5),
                      "p95_s": percentile(floor, 0.95), "max_s": max(floor)},
            "runs": runs}


def run_scale(people: int, work: Path, data_dir: Path | None = None, prepare_only: bool = False,
              **options: Any) -> dict[str, Any]:
    """Generate and import the area, then ``measure``. With ``data_dir`` the local Neo4j
    lives in ``data_dir/neo4j-<people>`` and is kept: an area imported there before (its
    marker file written after a complete import) is used again as it is."""
    backend = LocalNeo4jBackend()
    if data_dir is not None:
        backend.data_dir.rmdir()  # the empty temporary folder it made, not used
        backend.data_dir = data_dir / f"neo4j-{people}"
        backend.data_dir.mkdir(parents=True, exist_ok=True)
        backend.server = LocalNeo4jServer(backend.data_dir, memory=backend.MEMORY)
    marker = backend.data_dir / "assetmap-load-imported"
    result: dict[str, Any] = {}
    started = False
    try:
        started = backend.server.ensure_running(idle_seconds=0)
        backend.start()
        if not marker.exists():
            paths = views.write_area(work / f"csv-{people}", people, SEED)
            store = backend.open("load", fresh=True)
            views.import_files(store, paths, ACTOR)
            marker.write_text(f"{people} clients, seed {SEED}\n")
        else:
            store = backend.open("load")
        if not prepare_only:
            result = measure(store, backend.page_environment("load"), backend.server.pid(),
                             **options)
            result["store"] = backend.describe()
        store.close()
    finally:
        if data_dir is None:
            backend.stop()
        elif started:  # a server found running is left running
            backend.server.stop()
    result["people"] = people
    return result


# -- reporting ---------------------------------------------------------------------------
def summary(result: dict[str, Any]) -> dict[str, Any]:
    """Medians over the repetitions (and the worst of them where that is the point)."""
    runs = result["runs"]

    def median(key: str, source: Any = None) -> float | None:
        values = [(source or (lambda run: run[key]))(run) for run in runs]
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None

    ok = [run["outcomes"].get("ok", 0) for run in runs]
    failed = [run["reruns_planned"] - count for count, run in zip(ok, runs, strict=True)]
    p95 = median("p95_s")
    return {
        "p50_ms": _ms(median("p50_s")), "p95_ms": _ms(p95), "max_ms": _ms(median("max_s")),
        "floor_p50_ms": _ms(result["floor"]["p50_s"]), "floor_p95_ms": _ms(result["floor"]["p95_s"]),
        "ratio_p95": p95 / result["floor"]["p95_s"] if p95 else None,
        "reruns_ok": ok, "reruns_failed": failed,
        "server_peak_mb": median("", lambda run: run["memory"]["server_peak_mb"]),
        "neo4j_rss_peak_mb": median("", lambda run: run["memory"]["neo4j_rss_mb"]),
        "browsers_pss_peak_mb": median("", lambda run: run["memory"]["browsers_pss_mb"]),
        "load_average_peak": max(run["memory"]["load_average_1m"] for run in runs),
        "load_average_start": min(run["load_average_1m_start"] for run in runs),
        "server_cpu_s": median("", lambda run: run["cpu_s"]["server"]),
        "neo4j_cpu_s": median("", lambda run: run["cpu_s"]["neo4j"]),
        "machine_cpu_s": median("", lambda run: run["cpu_s"]["machine"]),
        "switching_s": median("switching_s"),
        "first_page_p50_ms": _ms(median("first_page_p50_s")),
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


def markdown(results: list[dict[str, Any]]) -> str:
    lines = ["| clients | sessions × switches | p50 ms | p95 ms | max ms | floor p95 ms | "
             "p95 / floor | reruns ok (failed) | server peak MB | Neo4j RSS MB | "
             "browsers PSS MB | load avg (start–peak) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        s = summary(result)
        lines.append(
            f"| {result['people']:,} | {result['sessions']} × {result['switches']} | "
            f"{_num(s['p50_ms'])} | {_num(s['p95_ms'])} | {_num(s['max_ms'])} | "
            f"{_num(s['floor_p95_ms'])} | {_num(s['ratio_p95'], 1)} | "
            f"{'/'.join(map(str, s['reruns_ok']))} ({'/'.join(map(str, s['reruns_failed']))}) | "
            f"{_num(s['server_peak_mb'])} | {_num(s['neo4j_rss_peak_mb'])} | "
            f"{_num(s['browsers_pss_peak_mb'])} | {s['load_average_start']:.1f}–"
            f"{s['load_average_peak']:.1f} |")
    return "\n".join(lines)


def _num(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--switches", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--role", choices=[Role.SERVICE_LEAD.value, Role.PRACTITIONER.value],
                        default=Role.SERVICE_LEAD.value)
    parser.add_argument("--rerun-timeout", type=float, default=60.0, help="seconds")
    parser.add_argument("--time-limit", type=float, default=900.0,
                        help="seconds of switching per repetition; later switches: not run")
    parser.add_argument("--first-page-timeout", type=float, default=600.0,
                        help="seconds for a session's first page (not timed; a failure counts)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each session waits between switches")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="keep each scale's local Neo4j here and use it again next time "
                             "(default: a temporary one, deleted after)")
    parser.add_argument("--prepare-only", action="store_true",
                        help="with --data-dir: generate and import the areas, measure nothing")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing: make browser-deps")
    limits = Limits(rerun_timeout_s=args.rerun_timeout, time_limit_s=args.time_limit,
                    think_s=args.think, first_page_timeout_s=args.first_page_timeout)
    results = []
    with tempfile.TemporaryDirectory(prefix="assetmap-load-") as work:
        for people in args.scales:
            print(f"dashboard under load at {people:,} clients ...", flush=True)
            result = run_scale(people, Path(work), args.data_dir, args.prepare_only,
                               sessions=args.sessions,
                               switches=args.switches, repeats=args.repeats,
                               role=Role(args.role), limits=limits,
                               partial=args.results.with_suffix(f".{people}.partial.json"))
            if args.prepare_only:
                continue
            results.append(result)
            args.results.parent.mkdir(parents=True, exist_ok=True)
            args.results.write_text(json.dumps(
                {"results": results, "summaries": [summary(r) for r in results]}, indent=2))
    print(markdown(results))


if __name__ == "__main__":
    main()
