"""The harness's choice of store, and its refusal to wipe a database holding records
(with a stand-in store; the smoke run in test_bench_smoke.py wipes a real one)."""

from __future__ import annotations

import pytest

from bench import stores


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


class FakeStore:
    def __init__(self, labels: list[dict], nodes: int) -> None:
        self.labels, self.nodes, self.writes = labels, nodes, []

    def read(self, name: str, params: dict | None = None) -> list[dict]:
        assert name == "store_label_counts"
        return self.labels

    def write(self, name: str, params: dict, *, actor: str) -> list[dict]:
        assert name == "bench_wipe_batch" and actor == "bench"
        deleted = min(self.nodes, params["limit"])
        self.nodes -= deleted
        self.writes.append(deleted)
        return [{"deleted": deleted}]


def test_the_wipe_refuses_a_database_with_records(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = stores.Neo4jBackend("bolt://db:7687", "neo4j", "pw", "neo4j")
    monkeypatch.delenv(stores.WIPE_CONSENT, raising=False)
    with pytest.raises(RuntimeError, match=stores.WIPE_CONSENT):
        backend._wipe(FakeStore([{"label": "Person", "nodes": 3}], 3))


def test_the_wipe_empties_in_batches_and_ignores_the_audit_log() -> None:
    backend = stores.Neo4jBackend("bolt://db:7687", "neo4j", "pw", "neo4j")
    store = FakeStore([{"label": "AuditEntry", "nodes": 4}], 25_000)
    backend._wipe(store)
    assert store.writes == [10_000, 10_000, 5_000, 0] and store.nodes == 0
