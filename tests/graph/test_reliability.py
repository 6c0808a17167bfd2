"""The embedded store under the conditions a care team's laptop meets: a CLI import
while the dashboard reads, and the server killed outright after a write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer, Neo4jStore

ROOT = Path(__file__).resolve().parents[2]
ACTOR = "reliability-test"

WRITER = textwrap.dedent("""
    import sys
    from graph.neo4j_store import Neo4jStore
    data_dir, prefix, batches = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Neo4jStore(data_dir, "shared")
    seen = []
    for batch in range(batches):
        rows = [{"id": f"{prefix}-{batch}-{n}", "row_hash": "h",
                 "props": {"name": f"{prefix} {batch} {n}", "kind": "paid"}} for n in range(50)]
        store.write_batches("upsert_services", rows, actor=prefix)
        ids = [row["id"] for row in rows]
        seen.append(len(store.read("services_by_id", {"ids": ids})))
    store.close()
    print(min(seen), max(seen))
""")


@pytest.fixture
def data_dir(tmp_path: Path):
    directory = tmp_path / "d"
    yield directory
    EmbeddedServer(directory).stop()


def test_two_processes_write_and_read_at_once(data_dir: Path) -> None:
    # Both start against a directory with no server: the start lock lets exactly one
    # start it and the other reuse it.
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), prefix, "40"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for prefix in ("import", "dashboard")
    ]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (stdout, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, stderr
        assert stdout.split() == ["50", "50"], "each read saw its whole batch"
    server = EmbeddedServer(data_dir)
    if not server.is_running():  # the starter stopped it once both were done
        Neo4jStore(data_dir, "shared", keep_server=True).close()
    store = Neo4jStore(data_dir, "shared", keep_server=True)
    try:
        ids = [f"{prefix}-{batch}-{n}" for prefix in ("import", "dashboard")
               for batch in range(40) for n in range(50)]
        assert len(store.read("services_by_id", {"ids": ids})) == 4000
    finally:
        store.close()


def test_acknowledged_write_survives_kill_9(data_dir: Path) -> None:
    store = Neo4jStore(data_dir, "durable", keep_server=True)
    store.write_batches(
        "upsert_services",
        [{"id": "S-1", "row_hash": "h", "props": {"name": "Written before the crash"}}],
        actor=ACTOR,
    )
    pid = store.server.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # no shutdown, no final fsync: only appendfsync always saves us
    deadline = time.monotonic() + 10
    while EmbeddedServer(data_dir).is_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not EmbeddedServer(data_dir).is_running()

    restarted = Neo4jStore(data_dir, "durable", keep_server=True)
    try:
        assert restarted.server.started_here and restarted.server.pid() != pid
        (row,) = restarted.read("services_by_id", {"ids": ["S-1"]})
        assert row["name"] == "Written before the crash"
        assert row["updated_by"] == ACTOR
    finally:
        restarted.close()
