"""The GraphStore contract, run on every backend: upsert, read back, batch atomicity,
idempotent MERGE, actor recorded. Ids carry a per-test prefix so a shared Neo4j
database needs no wiping."""

from __future__ import annotations

import uuid

import pytest

from graph.errors import AssetmapError, QueryError
from graph.store import GraphStore

from ..conftest import harness_read

ACTOR = "alex.practitioner"


def service_row(service_id: str, name: str, row_hash: str = "") -> dict:
    props = {"name": name, "kind": "professional", "category": "gp", "area": "North"}
    return {"id": service_id, "row_hash": row_hash or f"{name}", "props": props}


@pytest.fixture
def prefix() -> str:
    return f"c{uuid.uuid4().hex[:8]}-"


def read_services(store: GraphStore, ids: list[str]) -> list[dict]:
    return harness_read(store, "services_by_id", {"ids": ids})


def test_upsert_then_read_back(any_store: GraphStore, prefix: str) -> None:
    rows = [service_row(f"{prefix}1", "Riverside Surgery"), service_row(f"{prefix}2", "OT team")]
    written = any_store.write_batches("upsert_services", rows, actor=ACTOR)
    assert written == 2
    back = read_services(any_store, [f"{prefix}1", f"{prefix}2"])
    assert [(row["id"], row["name"], row["kind"]) for row in back] == [
        (f"{prefix}1", "Riverside Surgery", "professional"),
        (f"{prefix}2", "OT team", "professional"),
    ]


def test_every_write_records_its_actor(any_store: GraphStore, prefix: str) -> None:
    any_store.write_batches("upsert_services", [service_row(f"{prefix}1", "A")], actor=ACTOR)
    any_store.write_batches("upsert_services", [service_row(f"{prefix}1", "B")], actor="sam.lead")
    (row,) = read_services(any_store, [f"{prefix}1"])
    assert row["created_by"] == ACTOR
    assert row["updated_by"] == "sam.lead"
    assert row["updated_at"].endswith("Z") and len(row["updated_at"]) == 20


def test_write_without_actor_is_refused(any_store: GraphStore, prefix: str) -> None:
    with pytest.raises(AssetmapError, match="actor"):
        any_store.write("upsert_services", {"rows": [service_row(f"{prefix}1", "A")]}, actor=" ")
    assert read_services(any_store, [f"{prefix}1"]) == []


def test_merge_is_idempotent(any_store: GraphStore, prefix: str) -> None:
    rows = [service_row(f"{prefix}{n}", f"Service {n}") for n in range(5)]
    first = any_store.write("upsert_services", {"rows": rows}, actor=ACTOR)
    before = read_services(any_store, [row["id"] for row in rows])
    second = any_store.write("upsert_services", {"rows": rows}, actor="someone.else")
    after = read_services(any_store, [row["id"] for row in rows])
    assert first == [{"changed": 5}]
    assert second == [{"changed": 0}]  # same hashes: nothing touched, not even the stamp
    assert after == before


def test_a_failing_batch_writes_nothing(any_store: GraphStore, prefix: str) -> None:
    good = [service_row(f"{prefix}{n}", f"Service {n}") for n in range(3)]
    bad = {"id": None, "row_hash": "x", "props": {"name": "no id"}}  # MERGE on null fails
    any_store.write_batches("upsert_services", good[:1], actor=ACTOR)
    with pytest.raises(QueryError):
        any_store.write_batches("upsert_services", [*good[1:], bad], actor=ACTOR, batch_size=10)
    ids = [row["id"] for row in good]
    assert [row["id"] for row in read_services(any_store, ids)] == [f"{prefix}0"]


def test_batches_commit_separately(any_store: GraphStore, prefix: str) -> None:
    rows = [service_row(f"{prefix}{n}", f"Service {n}") for n in range(5)]
    rows.append({"id": None, "row_hash": "x", "props": {}})
    sent: list[int] = []
    with pytest.raises(QueryError):
        any_store.write_batches("upsert_services", rows, actor=ACTOR, batch_size=2,
                                on_batch=sent.append)
    assert sent == [2, 2]  # the third batch (rows 4, 5) failed whole
    assert len(read_services(any_store, [row["id"] for row in rows[:5]])) == 4


def test_reading_with_a_write_query_is_refused(any_store: GraphStore) -> None:
    with pytest.raises(QueryError, match="write query"):
        any_store.read("upsert_services", {"rows": []})


def test_missing_parameter_is_named(any_store: GraphStore) -> None:
    with pytest.raises(QueryError, match="person_id"):
        any_store.read("person_view", {})


NASTY_TEXT = [
    'quote " inside', "apostrophe's", "back\\slash\\", "new\nline\ttab",
    "<img src=x onerror=alert(1)>", "ünïcødé 😀", "}) MATCH (n) DETACH DELETE n //",
]


@pytest.mark.parametrize("text", NASTY_TEXT)
def test_text_round_trips_as_data(any_store: GraphStore, prefix: str, text: str) -> None:
    any_store.write_batches("upsert_services", [service_row(f"{prefix}x", text)], actor=ACTOR)
    (row,) = read_services(any_store, [f"{prefix}x"])
    assert row["name"] == text


def test_text_with_a_nul_character_is_refused(any_store: GraphStore, prefix: str) -> None:
    with pytest.raises(QueryError, match="NUL character"):
        any_store.write_batches("upsert_services", [service_row(f"{prefix}1", "a\x00b")],
                                actor=ACTOR)
    assert read_services(any_store, [f"{prefix}1"]) == []
