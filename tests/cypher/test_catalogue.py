"""Every file in cypher/ is linted by Neo4j's own linter and executed on the local
Neo4j with its example parameters; headers are complete; writes stamp who and when."""

from __future__ import annotations

import re

import pytest

from graph import reads
from graph.catalogue import PERSON_LEVELS, all_queries, load_query, query_names, schema_file_text
from graph.errors import UnknownQuery
from graph.model import NODE_KEYS
from graph.neo4j_store import Neo4jStore
from graph.scope import SCOPE_PREDICATE, Scope

from .lint import is_undefined_parameter, lint, linter_missing_reason

QUERIES = all_queries()
SCHEMA_FILES = {"schema/neo4j": schema_file_text()}


@pytest.fixture(scope="module")
def lint_report() -> dict[str, list[dict]]:
    reason = linter_missing_reason()
    if reason:
        pytest.fail(f"Cypher linter unavailable: {reason}")
    texts = {query.name: query.text for query in QUERIES}
    for name, text in SCHEMA_FILES.items():
        texts[name] = text
    return lint(texts)


def test_the_catalogue_is_not_empty() -> None:
    assert len(QUERIES) >= 4


@pytest.mark.parametrize("name", [*query_names(), *SCHEMA_FILES])
def test_neo4j_linter_finds_nothing(lint_report: dict[str, list[dict]], name: str) -> None:
    problems = [d for d in lint_report[name] if not is_undefined_parameter(d)]
    assert problems == [], "\n".join(
        f"cypher/{name}.cypher:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
        for d in problems
    )


def test_linter_rejects_a_broken_query() -> None:
    report = lint({
        "syntax": "MATCH (p:Person {id: $id} RETURN p.id",
        "unknown_label": "MATCH (p:Persn {id: $id}) RETURN p.id",
        "unknown_type": "MATCH (p:Person)-[:KNOWZ]->(q:Person) RETURN q.id",
    })
    for name in ("syntax", "unknown_label", "unknown_type"):
        assert [d for d in report[name] if not is_undefined_parameter(d)], name
    assert "Invalid input" in " ".join(d["message"] for d in report["syntax"])


@pytest.mark.parametrize("query", QUERIES, ids=[query.name for query in QUERIES])
def test_query_executes_on_neo4j(store: Neo4jStore, query) -> None:
    params = dict(query.example)
    if query.mode == "write":
        store.write(query.name, params, actor="catalogue-test")
    else:
        assert isinstance(store.read(query.name, params), list)


@pytest.mark.parametrize("query", QUERIES, ids=[query.name for query in QUERIES])
def test_header_documents_the_query(query) -> None:
    assert query.returns, f"{query.name}: '// Returns:' is empty"
    own = query.parameters - {"actor", "at"}
    undocumented = [name for name in own if f"${name}" not in query.parameters_doc]
    assert not undocumented, f"{query.name}: '// Parameters:' does not mention {undocumented}"
    missing_example = own - set(query.example)
    assert not missing_example, f"{query.name}: '// Example:' lacks {sorted(missing_example)}"


@pytest.mark.parametrize(
    "query", [q for q in QUERIES if q.mode == "write"],
    ids=[q.name for q in QUERIES if q.mode == "write"],
)
def test_writes_record_who_and_when(query) -> None:
    assert {"actor", "at"} <= query.parameters, f"{query.name} must stamp $actor and $at"


@pytest.mark.parametrize(
    "query", [q for q in QUERIES if q.mode == "read"], ids=[q.name for q in QUERIES if q.mode == "read"]
)
def test_reads_do_not_write(query) -> None:
    assert not re.search(r"\b(CREATE|MERGE|SET|DELETE|REMOVE)\b", query.body, re.IGNORECASE)


def test_every_node_key_has_a_uniqueness_constraint() -> None:
    for label, key in NODE_KEYS.items():
        assert re.search(rf"\(n:{label.value}\) REQUIRE n\.{key} IS UNIQUE",
                         SCHEMA_FILES["schema/neo4j"])


def test_unknown_query_name_is_refused() -> None:
    with pytest.raises(UnknownQuery):
        load_query("no_such_query")
    with pytest.raises(UnknownQuery):
        load_query("../etc/passwd")


def _words(text: str) -> str:
    return " ".join(text.replace("(", " ( ").replace(")", " ) ").split())


@pytest.mark.parametrize("query", QUERIES, ids=[query.name for query in QUERIES])
def test_each_query_declares_what_it_says_about_people(query) -> None:
    assert query.person_level in PERSON_LEVELS, f"{query.name}: '// Person-level:' missing"
    if query.person_level == "scoped":
        assert _words(SCOPE_PREDICATE) in _words(query.body), \
            f"{query.name} returns person-level rows without the canonical scope predicate"
        assert {"scope_role", "scope_id"} <= query.parameters
    else:
        assert "scope_role" not in query.parameters, f"{query.name} is scoped: declare it"


AGGREGATE_READS = [q for q in QUERIES if q.person_level == "aggregate" and q.mode == "read"]


@pytest.mark.parametrize("query", AGGREGATE_READS, ids=[q.name for q in AGGREGATE_READS])
def test_aggregate_queries_return_no_client(worked_area: Neo4jStore, query) -> None:
    clients = {row["person_id"]: row for row in reads.clients_in_scope(
        worked_area, Scope.system("test")).to_dict("records")}
    assert clients, "the worked area has clients"
    texts = {str(value) for row in clients.values()
             for value in (row["person_id"], row.get("display_name")) if value}
    params = {**query.example, **{key: "" for key in ("area",) if key in query.parameters}}
    found = set(_leaves(worked_area.read(query.name, params)))
    assert not found & texts, f"{query.name} returns a client's id or name"


def _leaves(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif value is not None:
        yield str(value)
