"""The harness's choice of store, and its wipe: refused on a database holding records
without consent, batched, and never touching the audit log (on the local Neo4j)."""

from __future__ import annotations

import pytest

from bench import stores
from graph.local_neo4j import LocalNeo4jServer
from graph.neo4j_store import Neo4jStore

from ..conftest import harness_read


def test_a_local_neo4j_of_its_own_unless_neo4j_uri_is_set() -> None:
    backend = stores.backend_from_environment({})
    try:
        assert isinstance(backend, stores.LocalNeo4jBackend)
        assert not backend.server.is_running(), "nothing starts before the run does"
    finally:
        backend.data_dir.rmdir()
    chosen = stores.backend_from_environment({"NEO4J_URI": "bolt://db:7687",
                                              "NEO4J_PASSWORD": "pw"})
    assert isinstance(chosen, stores.Neo4jBackend)
    assert (chosen.user, chosen.database) == ("neo4j", "neo4j")
    with pytest.raises(RuntimeError, match="NEO4J_PASSWORD"):
        stores.backend_from_environment({"NEO4J_URI": "bolt://db:7687"})


def backend_on(store: Neo4jStore) -> stores.Neo4jBackend:
    assert store.local_dir is not None
    server = LocalNeo4jServer(store.local_dir)
    return stores.Neo4jBackend(server.uri(), "neo4j", server.password(), "neo4j")


def services(count: int) -> list[dict]:
    return [{"id": f"S-{n}", "row_hash": "h", "props": {"name": f"Service {n}"}}
            for n in range(count)]


def test_the_wipe_refuses_a_database_with_records(store: Neo4jStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_batches("upsert_services", services(3), actor="test")
    monkeypatch.delenv(stores.WIPE_CONSENT, raising=False)
    with pytest.raises(RuntimeError, match=stores.WIPE_CONSENT):
        backend_on(store)._wipe(store)
    assert len(harness_read(store, "services_by_id", {"ids": ["S-0", "S-1", "S-2"]})) == 3


def test_the_wipe_empties_in_batches_and_keeps_the_audit_log(
        store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph import audit
    from graph.model import Role
    from graph.scope import Scope

    audit.record_person_view(store, Scope(user="u", role=Role.SYSTEM), "S-0", "bench test")
    store.write_batches("upsert_services", services(5_000), actor="test")
    monkeypatch.setattr(stores, "WIPE_BATCH", 2_000)
    monkeypatch.setenv(stores.WIPE_CONSENT, "1")
    backend_on(store)._wipe(store)
    labels = {row["label"]: row["nodes"] for row in store.read("store_label_counts")}
    assert labels == {"AuditEntry": 1}
