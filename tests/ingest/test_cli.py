"""`assetmap import` and `assetmap demo-files` as real subprocesses, and the demo loader
that `assetmap demo` calls, on the session's local Neo4j (each test an empty graph)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assetmap.cli_ingest import load_demo_if_empty
from assetmap.settings import Settings
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore

from ..conftest import local_store_env
from .helpers import TEMPLATES, nodes_with, write_csv

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_graph(store: GraphStore, store_dir: Path) -> Iterator[tuple[Path, str]]:
    """The session server's directory, its graph emptied (by the ``store`` fixture)."""
    yield store_dir, "neo4j"


def run_cli(graph: tuple[Path, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**local_store_env(graph[0]), "ASSETMAP_ACTOR": "cli.tester"}
    return subprocess.run([sys.executable, "-m", "assetmap.cli", *args], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def open_graph(graph: tuple[Path, str]) -> Neo4jStore:
    return Neo4jStore.local(graph[0])


def test_import_writes_and_exits_0(cli_graph: tuple[Path, str]) -> None:
    done = run_cli(cli_graph, "import", str(TEMPLATES))
    assert done.returncode == 0, done.stderr
    assert "written: 14 rows sent" in done.stdout
    assert "by cli.tester" in done.stdout
    again = run_cli(cli_graph, "import", str(TEMPLATES), "--json")
    report = json.loads(again.stdout)
    assert again.returncode == 0 and report["outcome"] == "written" and report["ok"] is True
    assert report["counts"]["ties"] == 2 and report["actor"] == "cli.tester"
    store = open_graph(cli_graph)
    try:
        assert set(nodes_with(store, "Client")) == {"C-0001"}
        assert nodes_with(store, "Client")["C-0001"]["created_by"] == "cli.tester"
    finally:
        store.close()


def test_a_bad_file_exits_1_names_the_row_and_writes_nothing(
    cli_graph: tuple[Path, str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path, "services.csv", [
        {"service_id": "SVC-1", "name": "Team", "kind": "professional"},
        {"service_id": "SVC-2", "name": "Agency", "kind": "private"},
    ])
    done = run_cli(cli_graph, "import", str(path))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "services.csv:3: kind: 'private' is not allowed: expected 'professional' or 'paid'; "
        'add to [vocabulary.service_kind]: private = "<one of our terms>"')
    assert "rejected: 1 problem(s); nothing was written" in done.stdout
    as_json = json.loads(run_cli(cli_graph, "import", str(path), "--json").stdout)
    assert as_json["outcome"] == "rejected" and len(as_json["errors"]) == 1
    store = open_graph(cli_graph)
    try:
        assert nodes_with(store, "Service") == {}
    finally:
        store.close()


def test_a_dry_run_exits_0_and_writes_nothing(cli_graph: tuple[Path, str]) -> None:
    done = run_cli(cli_graph, "import", str(TEMPLATES), "--dry-run")
    assert done.returncode == 0
    assert "dry run: every row is valid; nothing was written" in done.stdout
    store = open_graph(cli_graph)
    try:
        assert nodes_with(store, "Person") == {}
    finally:
        store.close()


def test_demo_files_writes_the_seven_csvs(cli_graph: tuple[Path, str], tmp_path: Path) -> None:
    done = run_cli(cli_graph, "demo-files", str(tmp_path / "demo"), "--people", "20")
    assert done.returncode == 0
    assert sorted(Path(line).name for line in done.stdout.split()) == [
        "assets.csv", "events.csv", "knows.csv", "measures.csv", "people.csv", "services.csv",
        "ties.csv"]


def test_the_demo_loads_only_into_an_empty_store(cli_graph: tuple[Path, str]) -> None:
    settings = Settings(store=f"local:{cli_graph[0]}", actor="demo")
    assert load_demo_if_empty(settings, people=20, seed=7) is True
    store = open_graph(cli_graph)
    try:
        clients = nodes_with(store, "Client")
        assert len(clients) == 20
        assert load_demo_if_empty(settings, people=20, seed=8) is False
        assert nodes_with(store, "Client") == clients
    finally:
        store.close()
