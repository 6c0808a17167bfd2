"""The Neo4j store: the official driver, managed transactions, the named queries.

One class for both stores: the local Neo4j that assetmap starts itself
(``graph.local_neo4j``, opened with ``Neo4jStore.local``) and an external server reached
by ``neo4j://`` or ``bolt://``. Both are the same server and the same driver.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from graph.catalogue import schema_statements
from graph.errors import QueryError, StoreUnavailable
from graph.local_neo4j import ServerMemory
from graph.store import (
    DEFAULT_BATCH_SIZE,
    Params,
    Row,
    batches,
    check_parameters,
    query_for,
    write_params,
)

#: The value types a row holds as they are; the driver's ``Record.data()`` rebuilds each
#: list and map value by value, which cost the service view half its time in Python.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _is_plain(value: Any) -> bool:
    """Whether ``value`` is a scalar, or a list or map of plain values (no node,
    relationship, path or temporal value, which ``Record.data()`` must convert)."""
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return True
    if kind is list:
        return all(type(item) in _PLAIN_TYPES for item in value) or all(map(_is_plain, value))
    if kind is dict:
        return all(map(_is_plain, value.values()))
    return False


def plain_row(keys: Sequence[str], record: Any) -> Row:
    """``record.data()``, without its value-by-value copy when every value is plain
    (equal rows either way)."""
    if all(map(_is_plain, record)):
        return dict(zip(keys, record, strict=True))
    return dict(record.data())


class Neo4jStore:
    """A ``GraphStore`` over a Neo4j 5 server reached by ``neo4j://`` or ``bolt://``."""

    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j", *,
                 label: str = "", on_close: Callable[[], object] | None = None) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        self.uri = uri
        self.database = database
        self._label = label or f"Neo4j at {uri} (database {database!r})"
        self._on_close = on_close
        self._closed = False
        #: The data directory when this is the local Neo4j (None for an external server).
        self.local_dir: Path | None = None
        try:
            # The user agent names this process, so the server's connection list says who.
            # Optional properties absent from a whole store are normal (no tie has a
            # plan yet): the server's "property key does not exist" notices are turned
            # off rather than printed on every read; the linter checks names instead.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), user_agent=f"assetmap/{os.getpid()}",
                notifications_disabled_classifications=["UNRECOGNIZED"])
            self._driver.verify_connectivity()
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {uri} refused the credentials for user {user!r}",
                hint="check NEO4J_USER and NEO4J_PASSWORD",
            ) from exc
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreUnavailable(
                f"Neo4j at {uri} cannot be reached: {exc}",
                hint="is the server running? `docker compose up -d neo4j`, then retry",
            ) from exc
        except Neo4jError as exc:
            raise StoreUnavailable(f"Neo4j at {uri}: {exc.message}") from exc

    @classmethod
    def local(cls, data_dir: Path | str, *, memory: ServerMemory | None = None,
              stop_server_on_close: bool = False,
              idle_seconds: int | None = None) -> Neo4jStore:
        """The local Neo4j of ``data_dir``, started first if it is not running.

        With ``stop_server_on_close`` a server this call started is stopped by ``close``
        (the dashboard's Ctrl-C); otherwise it stays up for later commands and stops
        itself once idle (``idle_seconds``; 0 keeps it up until ``assetmap store stop``).
        """
        from graph.local_neo4j import DEFAULT_IDLE_SECONDS, LocalNeo4jServer, neo4j_version

        server = LocalNeo4jServer(data_dir, memory=memory)
        idle = DEFAULT_IDLE_SECONDS if idle_seconds is None else idle_seconds
        started = server.ensure_running(idle_seconds=idle)
        on_close = server.stop if started and stop_server_on_close else None
        uri = server.uri()  # reads the state file and probes the port: once
        store = cls(uri, "neo4j", server.password(), "neo4j", on_close=on_close,
                    label=f"local Neo4j {neo4j_version()} in {server.data_dir} ({uri})")
        store.local_dir = server.data_dir
        return store

    @property
    def description(self) -> str:
        return self._label

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
            # One managed transaction per batch: committed whole or rolled back whole.
            self.write(name, {**(params or {}), "rows": batch}, actor=actor)
            written += len(batch)
            if on_batch is not None:
                on_batch(len(batch))
        return written

    def _run(self, name: str, body: str, params: dict[str, Any], *, read_only: bool) -> list[Row]:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

        def work(tx: Any) -> list[Row]:
            result = tx.run(body, params)
            keys = result.keys()
            return [plain_row(keys, record) for record in result]

        try:
            with self._driver.session(database=self.database) as session:
                if read_only:
                    return session.execute_read(work)
                return session.execute_write(work)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} stopped answering: {exc}",
                hint="check the server, then retry",
            ) from exc
        except Neo4jError as exc:
            raise QueryError(f"query {name!r} failed in Neo4j: {exc.message}") from exc

    def ensure_schema(self) -> None:
        for statement in schema_statements():
            self._run("schema", statement, {}, read_only=False)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._driver.close()
        if self._on_close is not None:
            self._on_close()
