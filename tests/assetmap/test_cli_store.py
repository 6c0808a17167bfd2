"""`assetmap store ...` and the CLI's error handling, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph.local_neo4j import LocalNeo4jServer
from graph.model import NODE_KEYS
from graph.neo4j_store import Neo4jStore

from ..conftest import SessionGraph, harness_read

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, store: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSETMAP_STORE": store}
    return subprocess.run([sys.executable, "-m", "assetmap.cli", *args], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture
def data_dir(tmp_path: Path):
    directory = tmp_path / "fresh"
    yield directory
    LocalNeo4jServer(directory).stop()


def test_status_of_a_stopped_store_does_not_start_it(data_dir: Path) -> None:
    done = run_cli("store", "status", "--json", store=f"local:{data_dir}")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["running"] is False and status["error"] is None
    assert status["backend"] == "neo4j" and status["version"].startswith("5.26.")
    assert not LocalNeo4jServer(data_dir).is_running()


def test_start_status_stop(data_dir: Path) -> None:
    store = f"local:{data_dir}"
    started = run_cli("store", "start", store=store)
    assert started.returncode == 0, started.stderr
    assert "starting" in started.stderr and "ready in" in started.stderr, "start-up shows progress"
    server = LocalNeo4jServer(data_dir)
    pid = server.pid()
    assert pid is not None
    status = json.loads(run_cli("store", "status", "--json", store=store).stdout)
    assert status["running"] is True and status["reachable"] is True
    assert status["labels"] == {}
    assert server.pid() == pid, "a later command reuses the server"
    opened = Neo4jStore.local(data_dir)
    try:
        assert harness_read(opened, "constraint_count")[0]["constraints"] == 0, \
            "opening a store changes no schema"
        migrated = run_cli("store", "migrate", store=store)
        assert migrated.returncode == 0 and "schema in place" in migrated.stdout
        assert harness_read(opened, "constraint_count")[0]["constraints"] == len(NODE_KEYS)
    finally:
        opened.close()
    stopped = run_cli("store", "stop", store=store)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert not server.is_running()
    again = run_cli("store", "stop", store=store)
    assert "is not running" in again.stdout


def test_status_counts_by_label(store: Neo4jStore, session_graph: SessionGraph) -> None:
    store.write_batches("upsert_services", [
        {"id": f"S{n}", "row_hash": "h", "props": {"name": f"Service {n}"}} for n in range(3)
    ], actor="cli-test")
    address = f"local:{session_graph.data_dir}"
    done = run_cli("store", "status", "--json", store=address)
    assert json.loads(done.stdout)["labels"] == {"Service": 3}
    human = run_cli("store", "status", store=address)
    assert "reachable: yes" in human.stdout and "Service" in human.stdout
    assert "local Neo4j 5.26." in human.stdout


def test_unusable_directory_exits_1_with_the_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = run_cli("import", str(tmp_path), store=f"local:{blocker}/store")
    assert done.returncode == 1
    assert f"cannot use {blocker}/store" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_retired_embedded_store_is_named() -> None:
    done = run_cli("store", "status", store="embedded:/tmp/old")
    assert done.returncode == 1
    assert "embedded FalkorDB store was retired" in done.stderr
    assert "local:/tmp/old" in done.stderr


def test_bad_setting_is_one_line_with_a_hint() -> None:
    done = run_cli("store", "status", store="postgres://nope")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "assetmap: error: ASSETMAP_STORE='postgres://nope' is not understood",
        "  hint: use local:PATH, or a neo4j:// or bolt:// URL",
    ]
    assert "Traceback" not in done.stderr


def test_unreachable_neo4j_is_one_clear_message() -> None:
    env_store = "bolt://127.0.0.1:1"
    env = {**os.environ, "ASSETMAP_STORE": env_store, "NEO4J_PASSWORD": "x"}
    done = subprocess.run([sys.executable, "-m", "assetmap.cli", "store", "status"], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert "Neo4j at bolt://127.0.0.1:1 cannot be reached" in done.stdout
    assert "Traceback" not in done.stderr


def all_command_paths() -> list[list[str]]:
    """Every command and group of the CLI, walked from the app itself."""
    import typer.main

    from assetmap.cli import app

    paths: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


@pytest.mark.parametrize("command", all_command_paths(), ids=lambda p: " ".join(p) or "root")
def test_every_command_has_help(command: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "assetmap.cli", *command, "--help"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0
    assert "Usage" in done.stdout
    described = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(described) >= 3, "help says what the command does"


@pytest.mark.slow
def test_demo_serves_from_a_local_neo4j_it_started_and_ctrl_c_stops_both(data_dir: Path) -> None:
    # `make demo`'s main job on a fresh data directory: start the server, load, serve.
    import signal
    import time
    import urllib.request

    from graph.local_neo4j import free_port

    port = free_port()
    env = {**os.environ, "ASSETMAP_STORE": f"local:{data_dir}"}
    demo = subprocess.Popen([sys.executable, "-m", "assetmap.cli", "demo", "--people", "40",
                             "--port", str(port)], env=env, cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline, healthy = time.monotonic() + 300, False
        while not healthy and time.monotonic() < deadline and demo.poll() is None:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health",
                                            timeout=5) as reply:
                    healthy = reply.status == 200
            except OSError:
                time.sleep(0.5)
        assert healthy, "the dashboard serves"
        server = LocalNeo4jServer(data_dir)
        assert server.is_running(), "from a local Neo4j the demo started"
        status = json.loads(run_cli("store", "status", "--json", store=f"local:{data_dir}").stdout)
        assert status["labels"]["Client"] == 40
    finally:
        os.killpg(demo.pid, signal.SIGINT)  # Ctrl-C in the terminal
        output, _ = demo.communicate(timeout=180)
    assert demo.returncode == 0, output[-2000:]
    assert "assetmap dashboard stopped" in output
    assert not LocalNeo4jServer(data_dir).is_running(), "Ctrl-C stopped the server it started"
