"""The audit log is append-only, and what it shows follows the viewer's scope."""

from __future__ import annotations

import re

import pytest

from graph import audit
from graph.catalogue import all_queries
from graph.dashboard_reads import audit_entries
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

CHANGES = re.compile(r"\b(SET|MERGE|DELETE|REMOVE)\b", re.IGNORECASE)
WRITES = [query for query in all_queries() if query.mode == "write"]


@pytest.mark.parametrize("query", all_queries(), ids=lambda query: query.name)
def test_no_query_naming_audit_entries_changes_them(query) -> None:
    if "AuditEntry" in query.body:
        assert not CHANGES.search(query.body), f"{query.name} changes AuditEntry nodes"


def test_no_write_in_the_catalogue_touches_an_existing_entry(store: Neo4jStore) -> None:
    """Every write query, run with its example parameters, leaves an entry as it was."""
    lead = Scope(user="sam", role=Role.SERVICE_LEAD, scope_id="SVC-01")
    audit.record(store, lead, audit.AuditAction.IMPORT, detail="before every write")
    (before,) = audit_entries(store, lead)
    for query in WRITES:
        store.write(query.name, dict(query.example), actor="catalogue-writer")
    after = [row for row in audit_entries(store, lead) if row["id"] == before["id"]]
    assert after == [before]


def test_append_only_query_only_creates() -> None:
    (append,) = [query for query in all_queries() if query.name == "audit_append"]
    assert append.mode == "write"
    assert re.search(r"\bCREATE\s*\(\w+:AuditEntry\b", append.body)


def test_entries_record_who_when_what(store: Neo4jStore) -> None:
    lead = Scope(user="sam@council.example", role=Role.SERVICE_LEAD, scope_id="SVC-01")
    entry_id = audit.record(store, lead, audit.AuditAction.IMPORT, detail="people.csv: 12 rows")
    (entry,) = audit_entries(store, lead)
    assert entry["id"] == entry_id
    assert (entry["actor"], entry["role"], entry["action"]) == (
        "sam@council.example", "service_lead", "import")
    assert entry["person_id"] is None and entry["detail"] == "people.csv: 12 rows"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry["at"])


def test_audit_view_fails_closed(store: Neo4jStore) -> None:
    lead = Scope(user="sam", role=Role.SERVICE_LEAD, scope_id="SVC-01")
    audit.record(store, lead, audit.AuditAction.IMPORT, detail="x")
    audit.record_person_view(store, lead, "P-NOT-A-CLIENT")
    assert audit_entries(store, None) == []
    assert audit_entries(store, Scope(user="cy", role=Role.COMMISSIONER)) == []
    # an entry about a person outside the lead's service is not shown to them
    assert [row["action"] for row in audit_entries(store, lead)] == ["import"]


def test_entries_of_one_second_list_in_the_order_they_were_made(store: Neo4jStore) -> None:
    """``at`` is to the second; the log still lists the newest first within a second."""
    lead = Scope(user="sam", role=Role.SERVICE_LEAD, scope_id="SVC-01")
    made = [audit.record(store, lead, audit.AuditAction.IMPORT, detail=f"run {n}")
            for n in range(30)]
    listed = [row["id"] for row in audit_entries(store, lead)]
    assert listed == made[::-1]
