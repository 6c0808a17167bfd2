"""The local Neo4j that assetmap starts itself: permissions, authentication, reuse, the
idle stop, and a one-line cause for each way start-up can fail."""

from __future__ import annotations

import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError

from graph import local_neo4j
from graph.errors import StoreUnavailable
from graph.local_neo4j import LocalNeo4jServer, ServerMemory
from graph.neo4j_store import Neo4jStore

from ..conftest import HARNESS, SessionGraph


def quiet(message: str) -> None:
    del message


@pytest.fixture
def fresh_dir(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "store"
    yield directory
    LocalNeo4jServer(directory).stop()


def test_directory_is_private_and_the_password_file_is_0600(session_graph: SessionGraph) -> None:
    data_dir = session_graph.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "password").stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "server.json").stat().st_mode) == 0o600
    assert len(session_graph.server.password()) >= 24
    assert (data_dir / "data" / "databases" / "neo4j").is_dir(), "the store is in the directory"
    assert (data_dir / "logs" / "debug.log").is_file(), "and so are its logs"


def test_authentication_is_on(session_graph: SessionGraph) -> None:
    uri = session_graph.server.uri()
    assert uri.startswith("bolt://127.0.0.1:")
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "wrong-password")) as driver, \
            pytest.raises(AuthError):
        driver.verify_connectivity()
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "neo4j")) as driver, \
            pytest.raises(AuthError):
        driver.verify_connectivity()  # the default password was replaced


def test_a_second_opener_reuses_the_running_server(session_graph: SessionGraph) -> None:
    pid, port = session_graph.server.pid(), session_graph.server.running_port()
    again = LocalNeo4jServer(session_graph.data_dir, progress=quiet)
    assert again.ensure_running() is False, "nothing was started"
    assert (again.pid(), again.running_port()) == (pid, port)


def test_a_server_started_by_a_command_stops_itself_once_idle(fresh_dir: Path) -> None:
    server = LocalNeo4jServer(fresh_dir, progress=quiet)
    assert server.ensure_running(idle_seconds=2) is True
    store = Neo4jStore.local(fresh_dir)
    store.close()  # from here on, no client is connected
    pid = server.pid()
    assert pid is not None
    deadline = time.monotonic() + 60
    while server.pid() is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.pid() is None, "the server should have stopped itself"
    assert "IDLE" in server.launcher_log.read_text()


def test_another_server_on_the_same_store_is_refused(session_graph: SessionGraph) -> None:
    # A second launcher on a directory whose server is running (as if its state file
    # were lost): Neo4j's own store lock refuses it, and the message says so.
    intruder = LocalNeo4jServer(session_graph.data_dir, progress=quiet)
    with pytest.raises(StoreUnavailable, match="locked by another Neo4j server"):
        intruder._start(idle_seconds=0)
    assert session_graph.server.is_running(), "the first server is unharmed"


def test_a_taken_port_is_named(fresh_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        # The port is chosen free, so another program must take it between the choice
        # and the bind; pin the choice to a port we hold to make that race certain.
        monkeypatch.setattr(local_neo4j, "free_port", lambda: port)
        with pytest.raises(StoreUnavailable, match=f"port {port} on 127.0.0.1 is taken"):
            LocalNeo4jServer(fresh_dir, progress=quiet).ensure_running()


def test_not_enough_memory_is_refused_before_starting(fresh_dir: Path) -> None:
    huge = ServerMemory(heap_mb=64 * 1024 * 1024, pagecache_mb=512)
    with pytest.raises(StoreUnavailable, match="not enough memory"):
        LocalNeo4jServer(fresh_dir, memory=huge, progress=quiet).ensure_running()
    assert not (fresh_dir / "server.json").exists()


def test_no_java(fresh_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(StoreUnavailable, match="no Java found"):
        LocalNeo4jServer(fresh_dir, progress=quiet).ensure_running()


def test_java_too_old(fresh_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    old_home = tmp_path / "jdk11"
    (old_home / "bin").mkdir(parents=True)
    java = old_home / "bin" / "java"
    java.write_text('#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n')
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(old_home))
    with pytest.raises(StoreUnavailable, match="Java 11 .* is too old"):
        LocalNeo4jServer(fresh_dir, progress=quiet).ensure_running()


def test_jars_missing(fresh_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "build" / "classes" / "org").mkdir(parents=True)
    (cache / "classpath.txt").write_text(str(tmp_path / "gone" / "neo4j-kernel.jar"))
    monkeypatch.setenv("ASSETMAP_NEO4J_CACHE", str(cache))
    with pytest.raises(StoreUnavailable, match="jars missing: 1 of 1"):
        LocalNeo4jServer(fresh_dir, progress=quiet).ensure_running()


def test_the_pinned_version_is_the_running_one(session_graph: SessionGraph) -> None:
    server = session_graph.server
    with neo4j.GraphDatabase.driver(server.uri(), auth=("neo4j", server.password())) as driver:
        records, _, _ = driver.execute_query((HARNESS / "server_version.cypher").read_text())
    assert records[0]["version"] == local_neo4j.neo4j_version()
    assert records[0]["edition"] == "community"
    assert os.access(local_neo4j.POM, os.R_OK)
