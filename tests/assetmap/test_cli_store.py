"""`assetmap store ...` and the CLI's error handling, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedServer

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, store: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSETMAP_STORE": store}
    return subprocess.run([sys.executable, "-m", "assetmap.cli", *args], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def data_dir(tmp_path: Path):
    directory = tmp_path / "fresh"
    yield directory
    EmbeddedServer(directory).stop()


def test_status_json_on_a_fresh_data_directory(data_dir: Path) -> None:
    done = run_cli("store", "status", "--json", store=f"embedded:{data_dir}")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["backend"] == "embedded"
    assert status["reachable"] is True
    assert status["labels"] == {} and status["error"] is None
    assert str(data_dir) in status["description"]
    assert not EmbeddedServer(data_dir).is_running(), "the CLI stops the server it started"


def test_status_counts_by_label(data_dir: Path) -> None:
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(data_dir, keep_server=True)
    store.write_batches("upsert_services", [
        {"id": f"S{n}", "row_hash": "h", "props": {"name": f"Service {n}"}} for n in range(3)
    ], actor="cli-test")
    store.close()
    done = run_cli("store", "status", "--json", store=f"embedded:{data_dir}")
    assert json.loads(done.stdout)["labels"] == {"Service": 3}
    human = run_cli("store", "status", store=f"embedded:{data_dir}")
    assert "reachable: yes" in human.stdout and "Service" in human.stdout


def test_unreachable_store_exits_1_with_the_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = run_cli("store", "status", "--json", store=f"embedded:{blocker}/store")
    assert done.returncode == 1
    status = json.loads(done.stdout)
    assert status["reachable"] is False
    assert "cannot create data directory" in status["error"]


def test_bad_setting_is_one_line_with_a_hint() -> None:
    done = run_cli("store", "status", store="postgres://nope")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "assetmap: error: ASSETMAP_STORE='postgres://nope' is not understood",
        "  hint: use embedded:PATH, or a neo4j:// or bolt:// URL",
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
