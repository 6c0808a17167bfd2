"""graph.reads on the real local Neo4j worked_area through the importer: scoping fails closed,
and the person view arrives whole in one query."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import reads
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

DATA = Path(__file__).resolve().parents[1] / "analytics" / "data"
AS_OF = "2025-06-30"


SYSTEM = Scope.system("admin")
EDNA_PRACTITIONER = Scope("u1", Role.PRACTITIONER, "PR-1")
SERVICE_A = Scope("u2", Role.SERVICE_LEAD, "SVC-A")
COMMISSIONER = Scope("u3", Role.COMMISSIONER)


def test_person_view_arrives_whole(worked_area: Neo4jStore) -> None:
    data = reads.person_data(worked_area, SYSTEM, "C-1")
    assert data is not None and data.person_id == "C-1"
    assert data.client["functions_needed"] == ["shopping", "transport", "check_in", "finances"]
    assert sorted(data.ties["to_id"]) == ["A-1", "S-1", "S-2", "S-3", "S-5", "SVC-GP", "SVC-HC"]
    assert data.ties.set_index("to_id").loc["A-1", "enabled_by"] == ["S-2"]
    assert data.ties.set_index("to_id").loc["S-3", "until"] == "2025-03-01"
    # KNOWS: S-1–S-2, S-2–S-5 and S-2–S-4, each once.
    assert sorted(zip(data.knows["a_id"], data.knows["b_id"], strict=True)) == [
        ("S-1", "S-2"), ("S-2", "S-4"), ("S-2", "S-5")]
    assert len(data.events) == 8 and len(data.measures) == 3
    # Candidates: approved North assets only (A-6 is not approved, A-5 is South).
    assert sorted(data.assets["asset_id"]) == ["A-1", "A-2", "A-3", "A-4", "A-7"]
    assert data.history.graph["ego"] == "C-1"


def test_a_practitioner_reads_only_their_caseload(worked_area: Neo4jStore) -> None:
    assert reads.person_data(worked_area, EDNA_PRACTITIONER, "C-1") is not None
    assert reads.person_data(worked_area, EDNA_PRACTITIONER, "C-2") is None
    assert reads.clients_in_scope(worked_area, EDNA_PRACTITIONER)["person_id"].tolist() == ["C-1"]
    service = reads.service_data(worked_area, EDNA_PRACTITIONER, "SVC-A")
    assert service is not None
    assert service.clients["person_id"].tolist() == ["C-1"]
    assert set(service.ties["person_id"]) == {"C-1"}


def test_a_service_lead_reads_only_their_service(worked_area: Neo4jStore) -> None:
    assert reads.clients_in_scope(worked_area, SERVICE_A)["person_id"].tolist() == ["C-1", "C-2"]
    assert reads.person_data(worked_area, SERVICE_A, "C-3") is None
    assert reads.service_data(worked_area, SERVICE_A, "SVC-B").clients.empty
    history = reads.service_history(worked_area, SERVICE_A, "SVC-A", since="2025-01-01")
    assert set(history.events["person_id"]) == {"C-1", "C-2"}
    assert (history.events["date"] >= "2025-01-01").all()


def test_a_commissioner_gets_aggregates_only(worked_area: Neo4jStore) -> None:
    assert reads.person_data(worked_area, COMMISSIONER, "C-1") is None
    assert reads.clients_in_scope(worked_area, COMMISSIONER).empty
    assert reads.service_data(worked_area, COMMISSIONER, "SVC-A") is None
    assert reads.service_history(worked_area, COMMISSIONER, "SVC-A", since="2025-01-01") is None
    area = reads.area_data(worked_area, COMMISSIONER, as_of=AS_OF)
    assert area is not None
    assert "person_id" not in area.connection_groups.columns
    # North: C-1 attends A-1; C-2 has no community connection. South: C-3 attends A-5.
    groups = sorted((a, tuple(ids), n) for a, ids, n in area.connection_groups.itertuples(index=False))
    assert groups == [("North", (), 1), ("North", ("A-1",), 1), ("South", ("A-5",), 1)]
    assert sorted(area.interest_counts["interest"]) == ["gardening", "music", "reading"]


def test_no_scope_reads_nothing_and_never_touches_the_store(store: Neo4jStore) -> None:
    # A closed store: its driver refuses any query, so a read that reaches the store
    # raises; the reads below return without raising.
    closed = store
    closed.close()
    with pytest.raises(Exception, match="closed"):
        reads.person_data(closed, SYSTEM, "C-1")
    assert reads.person_data(closed, None, "C-1") is None  # ... so these never used it
    assert reads.clients_in_scope(closed, None).empty
    assert reads.service_data(closed, None, "SVC-A") is None
    assert reads.service_history(closed, None, "SVC-A", since="2025-01-01") is None
    assert reads.area_data(closed, None, as_of=AS_OF) is None
    assert reads.person_data(closed, COMMISSIONER, "C-1") is None
    assert reads.clients_in_scope(closed, COMMISSIONER).empty
    closed.close()
