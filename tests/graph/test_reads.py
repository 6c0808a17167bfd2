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


def test_identities_outside_the_viewers_scope_are_not_shown(worked_area: Neo4jStore,
                                                            tmp_path: Path) -> None:
    """Issue 13: a practitioner saw a supporter who is another caseload's client by name,
    and second-degree contacts by id."""
    from ingest.importer import import_paths

    # Grace (C-3, practitioner PR-3, service SVC-B) is also Edna's friend.
    (tmp_path / "ties.csv").write_text(
        "person_id,to_id,to_type,relationship,kind,functions,hours_per_week,"
        "contacts_per_month,strength,quality,trusted,since,until,status,enabled_by,"
        "risk_flags,mitigations\n"
        "C-1,C-3,person,friend,natural,social,,4,3,positive,yes,2021-01-01,,,,,\n")
    assert import_paths(worked_area, [tmp_path / "ties.csv"], actor="test").ok
    seen = reads.person_data(worked_area, EDNA_PRACTITIONER, "C-1")
    assert seen is not None
    friend = seen.ties[seen.ties["relationship"] == "friend"].iloc[0]
    assert friend["name"] == "a supporter" and friend["to_id"].startswith("hidden-supporter:")
    assert friend["contacts_per_month"] == 4  # the tie itself is Edna's record
    everything = repr(seen.ties.to_dict("records")) + repr(seen.knows.to_dict("records"))
    assert "C-3" not in everything and "Grace" not in everything
    # S-4 is known to Edna's neighbour S-2 but has no tie to Edna: no id.
    assert "S-4" not in everything
    assert any(str(b).startswith("contact:") for b in seen.knows["b_id"])
    assert seen.history.nodes[next(b for b in seen.knows["b_id"]
                                   if str(b).startswith("contact:"))]["name"] == \
        "someone a supporter knows"
    # The operator (system scope, the command line) sees who they are.
    data = reads.person_data(worked_area, SYSTEM, "C-1")
    assert data is not None and "C-3" in set(data.ties["to_id"])
    assert "S-4" in set(data.knows["b_id"])
    # A lead of Edna's service who does not hold Grace sees "a supporter" too.
    lead = reads.person_data(worked_area, SERVICE_A, "C-1")
    assert lead is not None and "C-3" not in set(lead.ties["to_id"])


def test_a_services_events_come_counted_by_month_and_kind(worked_area: Neo4jStore) -> None:
    # SVC-A's events of the counted kinds from 2025-01-01 to 2025-06-10 (events.csv):
    # C-1 attended 2025-04-01, missed 04-08 and 04-15, crisis_contact 06-01 -> three
    # counts; the safeguarding concern, incident and mood_low are other kinds, and C-2
    # has only a review. A service lead of SVC-A reads them; of SVC-B, none.
    kinds = ["attended", "contact", "crisis_contact", "missed"]
    history = reads.service_history(worked_area, SERVICE_A, "SVC-A", since="2025-01-01",
                                    counted_kinds=kinds, until="2025-06-10")
    assert history is not None
    assert sorted(history.events.values.tolist()) == [
        ["C-1", "2025-04", "attended", 1], ["C-1", "2025-04", "missed", 2],
        ["C-1", "2025-06", "crisis_contact", 1]]
    # Up to 2025-05-31 the June crisis contact is not counted yet.
    earlier = reads.service_history(worked_area, SERVICE_A, "SVC-A", since="2025-01-01",
                                    counted_kinds=kinds, until="2025-05-31")
    assert earlier is not None and len(earlier.events) == 2
    other = reads.service_history(worked_area, Scope("u4", Role.SERVICE_LEAD, "SVC-B"), "SVC-A",
                                  since="2025-01-01", counted_kinds=kinds, until="2025-06-10")
    assert other is not None and other.events.empty


def test_a_services_ties_come_one_row_per_tie(worked_area: Neo4jStore) -> None:
    # ties.csv: C-1 has seven ties (one ended 2025-03-01), C-2 three (home care twice:
    # 20 contacts a month until 2025-05-01, then 40); each arrives as its own row with
    # its own values, though the query sends one record per client.
    service = reads.service_data(worked_area, SERVICE_A, "SVC-A")
    assert service is not None
    assert list(service.ties.columns) == list(reads.SERVICE_TIE_COLUMNS)
    rows = sorted((pid, kind, -1.0 if hours != hours else hours, contacts, since, until or "",
                   status or "")
                  for pid, kind, hours, contacts, since, until, status
                  in service.ties.itertuples(index=False))
    assert rows == [
        ("C-1", "community", 2.0, 4.0, "2025-01-01", "", "attending"),
        ("C-1", "natural", 1.0, 2.0, "2012-01-01", "2025-03-01", ""),
        ("C-1", "natural", 1.0, 4.0, "2018-01-01", "", ""),
        ("C-1", "natural", 1.5, 8.0, "2015-06-01", "", ""),
        ("C-1", "natural", 4.0, 8.0, "2010-01-01", "", ""),
        ("C-1", "paid", 10.0, 40.0, "2024-01-01", "", ""),
        ("C-1", "professional", 0.5, 1.0, "2020-01-01", "", ""),
        ("C-2", "natural", -1.0, 4.0, "2020-01-01", "", ""),
        ("C-2", "paid", -1.0, 20.0, "2024-01-01", "2025-05-01", ""),
        ("C-2", "paid", -1.0, 40.0, "2025-05-01", "", ""),
    ]
    # Ties ended on or before ended_after are left out: C-1's old friend, C-2's first care.
    recent = reads.service_data(worked_area, SERVICE_A, "SVC-A", ended_after="2025-05-01")
    assert recent is not None and len(recent.ties) == 8
