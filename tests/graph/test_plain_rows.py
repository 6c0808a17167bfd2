"""The store's rows (graph.neo4j_store.plain_row) equal the driver's ``Record.data()``
for every kind of value, whether the fast path (plain values) or the fallback is taken."""

from __future__ import annotations

import neo4j

from graph.local_neo4j import LocalNeo4jServer
from graph.neo4j_store import Neo4jStore, plain_row

from ..conftest import HARNESS

PLAIN_COLUMNS = ("nested", "plain_map", "text", "number", "nothing")


def probe_records(store: Neo4jStore) -> list[neo4j.Record]:
    assert store.local_dir is not None
    server = LocalNeo4jServer(store.local_dir)
    with neo4j.GraphDatabase.driver(server.uri(), auth=("neo4j", server.password())) as driver:
        return driver.execute_query((HARNESS / "row_values.cypher").read_text("utf-8")).records


def test_every_value_converts_as_the_driver_does(store: Neo4jStore) -> None:
    (record,) = probe_records(store)
    row = plain_row(record.keys(), record)
    assert row == record.data()
    assert row["node"] == {"name": "a", "tags": ["x", "y"]}  # not the driver's Node
    assert row["node_map"]["first"] == {"name": "a", "tags": ["x", "y"]}


def test_plain_values_come_as_they_are(store: Neo4jStore) -> None:
    (record,) = probe_records(store)
    plain = {key: record[key] for key in PLAIN_COLUMNS}
    row = plain_row(list(plain), list(plain.values()))
    assert row == {key: record.data()[key] for key in PLAIN_COLUMNS}
    assert row["nested"] is record["nested"]  # no copy made
