"""Where the harness measures: a local Neo4j of its own, or an external Neo4j when
``NEO4J_URI`` is set.

``backend_from_environment()`` picks one:

* local (default): the local Neo4j assetmap runs, in a temporary data directory of the
  harness's own per scale, emptied before each import like any Neo4j database;
* external Neo4j: ``NEO4J_URI``, ``NEO4J_USER`` (default ``neo4j``), ``NEO4J_PASSWORD`` and
  ``NEO4J_DATABASE`` (default ``neo4j``). Neo4j Community has one database and no
  per-run graphs, so before each import the harness empties that database with the
  bench-only query ``bench/wipe_batch.cypher``. It refuses to empty a database
  that holds imported records when the run starts unless ``ASSETMAP_BENCH_WIPE=1`` is
  set: point it at a scratch server, never at real records. Audit entries are never
  deleted (nor does their presence count as data).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from graph.local_neo4j import LocalNeo4jServer, ServerMemory, neo4j_version
from graph.store import GraphStore

WIPE_BATCH = 2_000  # a client deletes with its ~80 events, measures and ties: keep a batch small
WIPE_CONSENT = "ASSETMAP_BENCH_WIPE"
WIPE_QUERY = Path(__file__).resolve().parent / "wipe_batch.cypher"


class LocalNeo4jBackend:
    """A local Neo4j of the harness's own (a temporary data directory per scale), emptied
    before each import like any Neo4j database."""

    name = "local Neo4j"
    #: Stated in BENCHMARKS.md: the 100k store (~1.5 GB) fits the page cache.
    MEMORY = ServerMemory(heap_mb=2048, pagecache_mb=2048)

    def __init__(self) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="amb-", dir="/tmp"))
        self.server = LocalNeo4jServer(self.data_dir, memory=self.MEMORY)
        self._database: Neo4jBackend | None = None

    def start(self) -> None:
        self.server.ensure_running(idle_seconds=0)
        self._database = Neo4jBackend(self.server.uri(), "neo4j", self.server.password(), "neo4j")

    @property
    def database(self) -> Neo4jBackend:
        if self._database is None:
            self.start()
        assert self._database is not None
        return self._database

    def open(self, graph: str, *, fresh: bool = False) -> GraphStore:
        return self.database.open(graph, fresh=fresh)

    def drop(self, graph: str) -> None:
        self.database.drop(graph)

    def server_peak_mb(self, store: GraphStore) -> float | None:
        """Peak resident memory (VmHWM) of the server's JVM, from /proc."""
        pid = self.server.pid()
        if pid is None:
            return None
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def store_bytes(self) -> int:
        """The store on disk (data/databases: node, relationship, property and index
        files), without the transaction logs, whose retention is a setting."""
        return sum(path.stat().st_size for path in (self.data_dir / "data" / "databases").rglob("*")
                   if path.is_file())

    def page_environment(self, graph: str) -> dict[str, str]:
        return {"ASSETMAP_STORE": f"local:{self.data_dir}"}

    def describe(self) -> str:
        return (f"local Neo4j {neo4j_version()} (heap {self.MEMORY.heap_mb} MB, page cache "
                f"{self.MEMORY.pagecache_mb} MB; a server of its own per scale)")

    def stop(self) -> None:
        self.server.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


class Neo4jBackend:
    """One Neo4j database, emptied before each import (see the module docstring)."""

    name = "Neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str) -> None:
        self.uri, self.user, self.password, self.database = uri, user, password, database
        self._checked = False

    def _connect(self) -> GraphStore:
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(self.uri, self.user, self.password, self.database)

    def start(self) -> None:
        pass

    def open(self, graph: str, *, fresh: bool = False) -> GraphStore:
        store = self._connect()
        if fresh:
            self._wipe(store)
        store.ensure_schema()
        return store

    def drop(self, graph: str) -> None:
        store = self._connect()
        try:
            self._wipe(store)
        finally:
            store.close()

    def _wipe(self, store: GraphStore) -> None:
        if not self._checked:
            # Imported records only: the wipe never deletes the audit log (nor counts it).
            holds = [row for row in store.read("store_label_counts")
                     if row["label"] != "AuditEntry" and row["nodes"]]
            if holds and os.environ.get(WIPE_CONSENT) != "1":
                raise RuntimeError(
                    f"Neo4j database {self.database!r} at {self.uri} holds data; the benchmark "
                    f"empties it before every import. Use a scratch server, or set "
                    f"{WIPE_CONSENT}=1 if everything in it may be deleted.")
            self._checked = True
        import neo4j

        with neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as driver:
            while driver.execute_query(WIPE_QUERY.read_text("utf-8"), {"limit": WIPE_BATCH},
                                       database_=self.database).records[0]["deleted"]:
                pass

    def server_peak_mb(self, store: GraphStore) -> float | None:
        return None  # another machine's process (or a container): not measured from here

    def page_environment(self, graph: str) -> dict[str, str]:
        return {"ASSETMAP_STORE": self.uri, "NEO4J_USER": self.user,
                "NEO4J_PASSWORD": self.password, "NEO4J_DATABASE": self.database}

    def describe(self) -> str:
        return f"Neo4j at {self.uri} (database {self.database!r})"

    def stop(self) -> None:
        pass


Backend = LocalNeo4jBackend | Neo4jBackend


def backend_from_environment(environ: dict[str, str] | None = None) -> Backend:
    """An external Neo4j when ``NEO4J_URI`` is set, else a local Neo4j of the harness's own."""
    env = os.environ if environ is None else environ
    uri = env.get("NEO4J_URI", "").strip()
    if not uri:
        return LocalNeo4jBackend()
    password = env.get("NEO4J_PASSWORD", "")
    if not password:
        raise RuntimeError("NEO4J_URI is set but NEO4J_PASSWORD is not")
    return Neo4jBackend(uri, env.get("NEO4J_USER", "") or "neo4j", password,
                        env.get("NEO4J_DATABASE", "") or "neo4j")
