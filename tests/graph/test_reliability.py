"""The local Neo4j under what a care team's machines meet: the server killed outright
after acknowledged writes, an import killed half-way, a two-step import with a
restart between (the case that lost a whole FalkorDB store), two imports at once, and
an import while the dashboard serves."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jStore

from ..conftest import ROOT, SessionGraph, harness_read, local_store_env, run_cli

ACTOR = "reliability-test"
BATCH = 50
#: Write stamps and logs that differ between two imports of the same files by design.
LOG_LABELS = {"ImportRun", "AuditEntry"}

WRITER = textwrap.dedent("""
    import sys
    from graph.neo4j_store import Neo4jStore
    store = Neo4jStore.local(sys.argv[1])
    for batch in range(10_000):
        rows = [{"id": f"K-{batch}-{n}", "row_hash": "h", "props": {"name": f"{batch} {n}"}}
                for n in range(BATCH)]
        store.write_batches("upsert_services", rows, actor="writer", batch_size=len(rows))
        print("ACK", batch, flush=True)
""").replace("BATCH", str(BATCH))


def counts(store: Neo4jStore) -> dict[str, int]:
    """Nodes per label and relationships per type, less the logs of who imported when."""
    found = {row["label"]: row["nodes"] for row in store.read("store_label_counts")
             if row["label"] not in LOG_LABELS}
    found.update({f"-[{row['type']}]->": row["relationships"]
                  for row in store.read("store_relationship_counts")})
    return found


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo area at 3,000 people as import CSVs (the size of the FalkorDB loss)."""
    folder = tmp_path_factory.mktemp("demo3000")
    done = subprocess.run([sys.executable, "-m", "assetmap.cli", "demo-files", str(folder),
                           "--people", "3000"], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def clean_counts(store: Neo4jStore, demo_files: Path, session_graph: SessionGraph
                 ) -> Iterator[dict[str, int]]:
    """What one clean import of the demo files leaves; the graph is emptied after."""
    done = run_cli(store, "import", str(demo_files), timeout=1200)
    assert done.returncode == 0, done.stderr[-2000:]
    reference = counts(store)
    assert reference["Client"] == 3000 and reference["Measure"] > 34_000
    session_graph.empty()
    yield reference


@pytest.mark.slow
def test_acknowledged_batches_survive_kill_9_and_none_is_half_written(
        store: Neo4jStore, session_graph: SessionGraph) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(session_graph.data_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    acknowledged = -1
    assert writer.stdout is not None
    for line in writer.stdout:
        acknowledged = int(line.split()[1])
        if acknowledged >= 30:
            break
    session_graph.server.kill()  # no shutdown: only Neo4j's transaction log saves us
    writer.kill()
    writer.wait()
    store.close()

    restarted = session_graph.open()  # starts the server again; recovery replays the log
    try:
        ids = [f"K-{batch}-{n}" for batch in range(acknowledged + 50) for n in range(BATCH)]
        present = {row["id"] for row in harness_read(restarted, "services_by_id", {"ids": ids})}
    finally:
        restarted.close()
    per_batch = [sum(f"K-{batch}-{n}" in present for n in range(BATCH))
                 for batch in range(acknowledged + 50)]
    assert all(count == BATCH for count in per_batch[: acknowledged + 1]), "acknowledged = kept"
    assert set(per_batch) <= {0, BATCH}, "every batch all or nothing"


@pytest.mark.slow
def test_two_step_import_with_a_restart_between(clean_counts: dict[str, int], store: Neo4jStore,
                                                demo_files: Path, session_graph: SessionGraph,
                                                tmp_path: Path) -> None:
    # The FalkorDB loss, step by step: measures.csv cut at 34,000 rows, the server
    # stopped and started, then the whole folder.
    first = tmp_path / "first"
    shutil.copytree(demo_files, first)
    with (demo_files / "measures.csv").open(newline="") as whole, \
            (first / "measures.csv").open("w", newline="") as cut:
        rows = csv.reader(whole)
        writer = csv.writer(cut)
        for number, row in enumerate(rows):
            if number > 34_000:
                break
            writer.writerow(row)
    done = run_cli(store, "import", str(first), timeout=1200)
    assert done.returncode == 0, done.stderr[-2000:]
    assert counts(store)["Measure"] == 34_000
    store.close()
    assert session_graph.server.stop()
    assert run_cli(store, "store", "start").returncode == 0
    done = run_cli(store, "import", str(demo_files), timeout=1200)
    assert done.returncode == 0, done.stderr[-2000:]
    assert session_graph.server.stop()
    reopened = session_graph.open()  # the store loads again after a second restart ...
    try:
        assert counts(reopened) == clean_counts  # ... holding exactly a clean import
        status = run_cli(reopened, "store", "status")
        assert status.returncode == 0 and "Measure" in status.stdout
    finally:
        reopened.close()


@pytest.mark.slow
def test_an_import_killed_half_way_converges_on_a_rerun(clean_counts: dict[str, int],
                                                        store: Neo4jStore,
                                                        demo_files: Path) -> None:
    assert store.local_dir is not None
    importer = subprocess.Popen([sys.executable, "-m", "assetmap.cli", "import",
                                 str(demo_files)], env=local_store_env(store.local_dir),
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not counts(store).get("-[TIE]->") and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until it is writing ties: well past the first batches
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    part = counts(store)
    assert part != clean_counts, "the import was killed before it finished"
    # The killed run is on record as running; the next import marks it interrupted.
    killed = [run["id"] for run in harness_read(store, "import_runs", {"limit": 10})
              if run["outcome"] == "running"]
    assert len(killed) == 1
    done = run_cli(store, "import", str(demo_files), timeout=1200)
    assert done.returncode == 0, done.stderr[-2000:]
    assert counts(store) == clean_counts
    outcomes = {run["id"]: run["outcome"] for run in harness_read(store, "import_runs",
                                                                   {"limit": 10})}
    assert outcomes[killed[0]] == "interrupted"


@pytest.mark.slow
def test_two_imports_at_once(clean_counts: dict[str, int], store: Neo4jStore,
                             demo_files: Path) -> None:
    assert store.local_dir is not None
    importers = [subprocess.Popen([sys.executable, "-m", "assetmap.cli", "import",
                                   str(demo_files)], env=local_store_env(store.local_dir),
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    for importer in importers:
        _, stderr = importer.communicate(timeout=1800)
        assert importer.returncode == 0, stderr[-2000:]
    assert counts(store) == clean_counts


def _health(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


@pytest.mark.slow
def test_an_import_while_the_dashboard_serves(store: Neo4jStore, tmp_path: Path) -> None:
    from graph.local_neo4j import free_port

    assert store.local_dir is not None
    folder = tmp_path / "area"
    assert run_cli(store, "demo-files", str(folder), "--people", "300").returncode == 0
    port = free_port()
    env = {**local_store_env(store.local_dir), "ASSETMAP_DEMO": "1"}
    server = subprocess.Popen([sys.executable, "-m", "assetmap.cli", "serve", "--port",
                               str(port)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 120
        while not _health(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _health(url), "the dashboard came up"
        done = run_cli(store, "import", str(folder), timeout=1200)
        assert done.returncode == 0, done.stderr[-2000:]
        assert _health(url), "and still serves after the import"
        assert counts(store)["Client"] == 300
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
    assert store.local_dir is not None and (store.local_dir / "server.json").exists(), \
        "the dashboard did not start the server, so it leaves it running"
