"""Shared fixtures: one local Neo4j per test session, an empty graph per test.

The server is the real one assetmap starts for its users (``graph.local_neo4j``), in
a temporary data directory. Neo4j Community has one user database, so each test that
asks for ``store`` gets it emptied first. Read-only areas that many tests share (the
dashboard's demo area, the hand-worked area) are loaded by ``SessionGraph.holding``,
which imports them again only when another test has emptied the graph since.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from graph.local_neo4j import LocalNeo4jServer
from graph.neo4j_store import Neo4jStore

TEST_ACTOR = "test-suite"
ROOT = Path(__file__).resolve().parents[1]
HARNESS = Path(__file__).resolve().parent / "harness"


def harness_read(store: Neo4jStore, name: str,
                 params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run the test-harness query ``tests/harness/<name>.cypher`` (never part of the
    product catalogue) on the store's local server, with the driver directly."""
    import neo4j

    assert store.local_dir is not None
    server = LocalNeo4jServer(store.local_dir)
    with neo4j.GraphDatabase.driver(server.uri(), auth=("neo4j", server.password())) as driver:
        records, _, _ = driver.execute_query((HARNESS / f"{name}.cypher").read_text("utf-8"),
                                             params or {})
    return [record.data() for record in records]


def local_store_env(data_dir: Path) -> dict[str, str]:
    """The environment that points assetmap at the test session's local Neo4j."""
    env = {**os.environ, "ASSETMAP_STORE": f"local:{data_dir}", "ASSETMAP_ACTOR": "cli-test"}
    env.pop("ASSETMAP_CONFIG", None)
    return env


def run_cli(store: Neo4jStore, *args: str, timeout: float = 300,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real ``assetmap`` command line, in a subprocess, on the test's store."""
    assert store.local_dir is not None
    return subprocess.run([sys.executable, "-m", "assetmap.cli", *args],
                          env=env or local_store_env(store.local_dir),
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)

# Property tests explore new inputs on every local run (that is how they found the
# suppression and NUL bugs); CI replays a fixed sequence so a landing never hinges on
# luck. `.ci/run` selects the "ci" profile.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("dev", print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


#: A test session killed outright cannot stop its server; the server then stops itself
#: once no client has been connected for this long (a live session reconnects at will).
SESSION_IDLE_SECONDS = 600


class SessionGraph:
    """The test session's local Neo4j and what its one database holds right now."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.server = LocalNeo4jServer(data_dir)
        self.holds: str | None = None  # the name of the shared area loaded, if any

    def open(self) -> Neo4jStore:
        # Starts the server again if it stopped (a test killed it, or it idled out).
        store = Neo4jStore.local(self.data_dir, idle_seconds=SESSION_IDLE_SECONDS)
        store.ensure_schema()
        return store

    def empty(self) -> None:
        """Delete every node and relationship (constraints and indexes stay)."""
        import neo4j

        text = (HARNESS / "empty_graph.cypher").read_text("utf-8")
        with neo4j.GraphDatabase.driver(self.server.uri(),
                                        auth=("neo4j", self.server.password())) as driver:
            while driver.execute_query(text, {"limit": 2_000}).records[0]["deleted"]:
                pass
        self.holds = None

    def open_empty(self) -> Neo4jStore:
        store = self.open()
        self.empty()
        return store

    def holding(self, name: str, folder: Path) -> Neo4jStore:
        """A store holding the shared area ``name`` (the import files in ``folder``),
        imported through the real importer unless it is there already."""
        from ingest.importer import import_paths

        store = self.open()
        if self.holds != name:
            self.empty()
            report = import_paths(store, [folder], actor=TEST_ACTOR)
            assert report.ok, report.errors
            self.holds = name
        return store


@pytest.fixture(scope="session")
def session_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionGraph]:
    """The session's server (started on first use, stopped at the end)."""
    graph = SessionGraph(tmp_path_factory.mktemp("store"))
    graph.server.ensure_running(idle_seconds=SESSION_IDLE_SECONDS)
    yield graph
    graph.server.stop()


@pytest.fixture
def store_dir(session_graph: SessionGraph) -> Path:
    """The data directory of the session's local Neo4j (for ``ASSETMAP_STORE=local:...``)."""
    return session_graph.data_dir


@pytest.fixture
def store(session_graph: SessionGraph) -> Iterator[Neo4jStore]:
    """An empty graph on the session's local Neo4j, schema in place."""
    opened = session_graph.open_empty()
    yield opened
    session_graph.holds = None  # the test may have written anything
    opened.close()


#: A small area worked by hand: the tests' comments work each expected figure from
#: these files.
WORKED_AREA = ROOT / "tests" / "analytics" / "data"
WORKED_AREA_AS_OF = "2025-06-30"


@pytest.fixture
def worked_area(store: Neo4jStore) -> Neo4jStore:
    """The store holding the hand-worked analytics area, imported through the importer."""
    from ingest.importer import import_paths

    report = import_paths(store, sorted(WORKED_AREA.glob("*.csv")), actor=TEST_ACTOR,
                          as_of=WORKED_AREA_AS_OF)
    assert report.ok, report.errors
    return store


@pytest.fixture
def any_store(store: Neo4jStore) -> Neo4jStore:
    """The contract tests' store: the local Neo4j (an external one is the same class)."""
    return store
