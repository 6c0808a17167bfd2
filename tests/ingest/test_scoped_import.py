"""Issue 13.1–13.2: a service lead's upload changes only their own service's clients,
never says whether an id exists outside their scope, and every import can say, client
by client, what it will add, change and end before it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.importer import import_paths, validate_paths

from .helpers import ACTOR, AS_OF, nodes_with, ties

SERVICES = """service_id,name,kind,category,area
SVC-A,Riverside Team,professional,social_work,Riverside
SVC-B,Hillcrest Team,professional,social_work,Hillcrest
"""
PEOPLE_HEADER = ("person_id,client,display_name,area,service,practitioner,needs,interests,"
                 "access_needs,risks,functions_needed,age_band\n")
PEOPLE = PEOPLE_HEADER + """C-1,yes,Ann Example,Riverside,SVC-A,PR-A,,gardening,,,shopping,75-84
C-3,yes,Bob Other,Hillcrest,SVC-B,PR-B,mobility,music,,,shopping,55-64
S-1,no,Dora Daughter,,,,,,,,,
S-3,no,Sam Son,,,,,,,,,
"""
TIES_HEADER = ("person_id,to_id,to_type,relationship,kind,functions,hours_per_week,"
               "contacts_per_month,strength,quality,trusted,since,until,status,enabled_by,"
               "risk_flags,mitigations\n")
TIES = TIES_HEADER + """C-1,S-1,person,daughter,natural,shopping,4,8,5,positive,yes,2010-01-01,,,,,
C-3,S-3,person,son,natural,shopping,2,4,4,positive,,2019-01-01,,,,,
"""
EVENTS_HEADER = "person_id,date,kind,other_id,notes\n"
LEAD = Scope(user="lead-a", role=Role.SERVICE_LEAD, scope_id="SVC-A")


@pytest.fixture
def two_services(store: Neo4jStore, tmp_path: Path) -> Neo4jStore:
    seed = tmp_path / "seed"
    seed.mkdir()
    for name, text in (("services.csv", SERVICES), ("people.csv", PEOPLE), ("ties.csv", TIES)):
        (seed / name).write_text(text)
    assert import_paths(store, [seed], actor=ACTOR, as_of=AS_OF).ok
    return store


def upload(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / f"upload-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    (folder / name).write_text(text)
    return folder


def lead_errors(store: Neo4jStore, folder: Path) -> list[str]:
    report = import_paths(store, [folder], actor="lead-a", as_of=AS_OF, scope=LEAD)
    assert report.outcome == "rejected" and report.rows_written == 0
    return report.errors


def test_a_lead_cannot_move_another_services_client_into_their_caseload(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    """The finding: one people row naming SVC-B's client with SVC-A's id was "1 rows
    written"; the client moved and their name and needs were wiped."""
    folder = upload(tmp_path, "people.csv",
                    PEOPLE_HEADER + "C-3,yes,Taken Over,Riverside,SVC-A,PR-A,,,,,,55-64\n")
    (error,) = lead_errors(two_services, folder)
    assert error.endswith("person_id: person 'C-3' is unknown or not in your service")
    client = nodes_with(two_services, "Client")["C-3"]
    assert (client["service"], client["display_name"], client["needs"]) == (
        "SVC-B", "Bob Other", ["mobility"])


def test_an_id_outside_the_scope_reads_exactly_like_an_unknown_one(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    ties_file = TIES_HEADER + (
        "C-3,S-9,person,friend,natural,,,,,,,2026-01-01,,,,,\n"
        "C-404,S-9,person,friend,natural,,,,,,,2026-01-01,,,,,\n")
    errors = lead_errors(two_services, upload(tmp_path, "ties.csv", ties_file))
    reasons = sorted(error.split(": ", 2)[2].replace("C-404", "ID").replace("C-3", "ID")
                     for error in errors)
    assert reasons == ["client 'ID' is unknown or not in your service"] * 2
    events = EVENTS_HEADER + "C-3,2026-01-05,contact,,\nS-3,2026-01-05,contact,,\n"
    assert all("is unknown or not in your service" in error
               for error in lead_errors(two_services, upload(tmp_path, "events.csv", events)))


def test_a_lead_may_import_only_clients_of_their_own_service(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    elsewhere = PEOPLE_HEADER + "C-9,yes,Nina New,Hillcrest,SVC-B,PR-B,,,,,,65-74\n"
    (error,) = lead_errors(two_services, upload(tmp_path, "people.csv", elsewhere))
    assert "service: a client you import must have service 'SVC-A'" in error
    own = PEOPLE_HEADER + "C-9,yes,Nina New,Riverside,SVC-A,PR-A,,,,,,65-74\n"
    report = import_paths(two_services, [upload(tmp_path, "people.csv", own)], actor="lead-a",
                          as_of=AS_OF, scope=LEAD)
    assert report.ok, report.errors
    assert nodes_with(two_services, "Client")["C-9"]["service"] == "SVC-A"


def test_a_lead_cannot_demote_or_rename_another_services_client_or_service(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    demote = PEOPLE_HEADER + "C-3,no,Bob,,,,,,,,,\n"
    (error,) = lead_errors(two_services, upload(tmp_path, "people.csv", demote))
    assert "is a client in the store" not in error  # that would tell them C-3 exists
    assert error.endswith("person 'C-3' is unknown or not in your service")
    services = "service_id,name,kind,category,area\nSVC-B,Renamed,professional,social_work,X\n"
    (error,) = lead_errors(two_services, upload(tmp_path, "services.csv", services))
    assert "only your own service's row" in error
    assert nodes_with(two_services, "Service")["SVC-B"]["name"] == "Hillcrest Team"


def test_a_tie_to_someone_elsewhere_grants_nothing_else(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    """A client of SVC-A may have SVC-B's client as a friend (the tie changes nothing
    about them), but the same upload cannot then write events about that person."""
    folder = upload(tmp_path, "ties.csv",
                    TIES_HEADER + "C-1,C-3,person,friend,natural,,,,,,,2026-01-01,,,,,\n")
    (folder / "events.csv").write_text(EVENTS_HEADER + "C-3,2026-01-05,contact,,\n")
    (error,) = lead_errors(two_services, folder)
    assert "events.csv:2: person_id: person 'C-3' is unknown or not in your service" in error
    (folder / "events.csv").unlink()
    assert import_paths(two_services, [folder], actor="lead-a", as_of=AS_OF, scope=LEAD).ok
    assert nodes_with(two_services, "Client")["C-3"]["display_name"] == "Bob Other"


def test_roles_that_hold_no_people_may_not_import(two_services: Neo4jStore,
                                                  tmp_path: Path) -> None:
    folder = upload(tmp_path, "people.csv", PEOPLE_HEADER + "C-9,yes,N,R,SVC-A,PR-A,,,,,,65-74\n")
    commissioner = Scope(user="comm", role=Role.COMMISSIONER)
    report = import_paths(two_services, [folder], actor="comm", scope=commissioner)
    assert report.errors == ["a commissioner may not import data"]
    assert validate_paths([folder], store=two_services, scope=commissioner).errors == [
        "a commissioner may not import data"]
    assert "C-9" not in nodes_with(two_services, "Client")


def test_the_operator_imports_with_full_scope(two_services: Neo4jStore, tmp_path: Path) -> None:
    moved = PEOPLE_HEADER + "C-3,yes,Bob Other,Riverside,SVC-A,PR-A,mobility,music,,,shopping,55-64\n"
    assert import_paths(two_services, [upload(tmp_path, "people.csv", moved)], actor=ACTOR,
                        as_of=AS_OF).ok
    assert nodes_with(two_services, "Client")["C-3"]["service"] == "SVC-A"


def test_changes_are_listed_client_by_client_before_and_after(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    """One upload: C-1 gains a friend (added), the daughter's hours change (changed), and
    C-3 moves service; nothing else is listed. The same files again change nothing."""
    folder = upload(tmp_path, "ties.csv", TIES_HEADER
                    + "C-1,S-1,person,daughter,natural,shopping,6,8,5,positive,yes,2010-01-01,,,,,\n"
                    + "C-1,S-7,person,friend,natural,,,,,,,2026-01-01,,,,,\n")
    (folder / "people.csv").write_text(
        PEOPLE_HEADER + "C-3,yes,Bob Other,Riverside,SVC-A,PR-A,mobility,music,,,shopping,55-64\n")
    before = validate_paths([folder], store=two_services).changes
    assert [(c["client"], c["ties_added"], c["ties_changed"], c["changes_service"])
            for c in before] == [("C-1", ["S-7"], ["S-1"], False), ("C-3", [], [], True)]
    assert (before[1]["service_from"], before[1]["service_to"]) == ("SVC-B", "SVC-A")
    assert "C-1>S-7@2026-01-01" not in ties(two_services)  # a preview writes nothing
    report = import_paths(two_services, [folder], actor=ACTOR, as_of=AS_OF, list_changes=True)
    assert report.changes == before
    assert validate_paths([folder], store=two_services).changes == []


def test_complete_network_endings_are_listed_with_their_client(
        two_services: Neo4jStore, tmp_path: Path) -> None:
    folder = upload(tmp_path, "ties.csv",
                    TIES_HEADER + "C-1,S-7,person,friend,natural,,,,,,,2026-01-01,,,,,\n")
    (change,) = validate_paths([folder], store=two_services, complete_network=True).changes
    assert (change["client"], change["ties_added"], change["ties_ended"]) == (
        "C-1", ["S-7"], ["Dora Daughter"])
