"""Dashboard fixtures: one small demo area and one hand-written area on the session's
local Neo4j (each imported again only when another test has emptied the graph), and
the environment that points the app at them.

Both areas are read-only for the page tests (audit entries are appended, which the
tests allow for by counting only their own).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboards import state
from dashboards.session import demo_viewers
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

from ..conftest import SessionGraph

APP = str(Path(__file__).resolve().parents[2] / "dashboards" / "app.py")
DEMO_PEOPLE = 40
#: AppTest waits this long for one run; the first run of a session imports everything.
RUN_TIMEOUT_S = 60


@pytest.fixture(scope="session")
def demo_csvs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ingest.demo import write_demo_csvs

    folder = tmp_path_factory.mktemp("demo_csv")
    write_demo_csvs(folder, people=DEMO_PEOPLE, seed=7)
    return folder


@pytest.fixture
def demo_store(session_graph: SessionGraph, demo_csvs: Path) -> Iterator[Neo4jStore]:
    """The store holding the demo area (40 clients), imported through the real importer."""
    store = session_graph.holding("demo", demo_csvs)
    yield store
    store.close()


XSS_NAME = "<img src=x onerror=alert(1)>"

#: A small area written by hand, so every expectation below can be checked by eye:
#: practitioner PR-A (service SVC-A) holds C-1 and C-2 (whose name is an HTML
#: injection attempt); practitioner PR-B (service SVC-B) holds C-3.
TINY_AREA: dict[str, str] = {
    "services.csv": """service_id,name,kind,category,area
SVC-A,Riverside Team,professional,social_work,Riverside
SVC-B,Hillcrest Team,professional,social_work,Hillcrest
HC-1,Homecare Ltd,paid,home_care,Riverside
""",
    "assets.csv": """asset_id,name,category,area,tags,accessibility,cost,schedule,transport,safeguarding,safeguarding_notes,approved,last_reviewed,review_due
A-1,Riverside Garden Club,green_space,Riverside,gardening;social,step_free;seating,free,Mondays 10:00,Bus 4,staff_present;first_aider,Staff on site,yes,2026-01-01,2099-01-01
A-2,Unvetted Card School,club,Riverside,cards,,free,Fridays,,,,no,,
""",
    "people.csv": """person_id,client,display_name,area,service,practitioner,needs,interests,access_needs,risks,functions_needed,age_band
C-1,yes,Ann Example,Riverside,SVC-A,PR-A,mobility,gardening,step_free,falls,shopping;transport;emotional,75-84
C-2,yes,<img src=x onerror=alert(1)>,Riverside,SVC-A,PR-A,,music,,,personal_care,65-74
C-3,yes,Bob Otherperson,Hillcrest,SVC-B,PR-B,,gardening,,,shopping,55-64
S-1,no,Dora Daughter,,,,,,,,,
S-2,no,Ned Neighbour,,,,,,,,,
""",
    "ties.csv": """person_id,to_id,to_type,relationship,kind,functions,hours_per_week,contacts_per_month,strength,quality,trusted,since,until,status,enabled_by,risk_flags,mitigations,plan_contact,plan_travel,plan_adjustments,plan_exit
C-1,S-1,person,daughter,natural,emotional;shopping,4,8,5,strained,yes,2010-01-01,,,,,,,,,
C-1,S-2,person,neighbour,natural,transport,1,4,3,positive,yes,2018-05-01,,,,,,,,,
C-1,HC-1,service,home care,paid,personal_care,10,40,3,neutral,,2024-01-01,,,,,,,,,
C-1,A-1,asset,member,community,social,2,4,2,positive,,2025-03-01,,attending,S-2,falls,Seated tasks only,Ask for Pat,Ned drives,Raised beds,Back to the connector
C-2,HC-1,service,home care,paid,personal_care,14,56,3,neutral,,2024-06-01,,,,,,,,,
C-3,S-2,person,friend,natural,shopping,2,4,4,positive,,2019-01-01,,,,,,,,,
""",
    "knows.csv": """a_id,b_id,since,until
S-1,S-2,2015-01-01,
""",
    "events.csv": """person_id,date,kind,other_id,notes
C-1,2026-01-10,review,,annual review
""",
    "measures.csv": """person_id,date,instrument,score
C-1,2026-02-01,LSNS-6,10
""",
}


@pytest.fixture(scope="session")
def tiny_csvs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny_csv")
    for name, text in TINY_AREA.items():
        (folder / name).write_text(text)
    return folder


@pytest.fixture
def tiny_store(session_graph: SessionGraph, tiny_csvs: Path) -> Iterator[Neo4jStore]:
    """The store holding the hand-written area above, imported through the real importer."""
    store = session_graph.holding("tiny", tiny_csvs)
    yield store
    store.close()


def point_app_at(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's environment: this store, demo sign-in, and no cached reads of another
    test's graph (the one database is emptied and refilled between tests)."""
    import streamlit as st

    monkeypatch.setenv("ASSETMAP_STORE", f"local:{store.local_dir}")
    monkeypatch.setenv("ASSETMAP_DEMO", "1")
    monkeypatch.delenv("ASSETMAP_ROLES", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()  # a store opened before another test restarted the server


@pytest.fixture
def tiny_app(tiny_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    """The app, in demo mode, on the hand-written area."""
    point_app_at(tiny_store, monkeypatch)
    return tiny_store


@pytest.fixture
def tiny_page(session_graph: SessionGraph, tiny_csvs: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    """The app on the hand-written area, which these tests change (re-imported after)."""
    store = session_graph.holding("tiny", tiny_csvs)
    point_app_at(store, monkeypatch)
    yield store
    session_graph.holds = None
    store.close()


@pytest.fixture
def app_env(demo_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    """The app, in demo mode, on the demo graph."""
    point_app_at(demo_store, monkeypatch)
    return demo_store


def viewer_label(store: Neo4jStore, role: Role, scope_id: str = "") -> str:
    """The demo selector's label for this role and scope."""
    for viewer in demo_viewers(store):
        if viewer.grant.role is role and viewer.grant.scope_id == scope_id:
            return viewer.label
    raise LookupError(f"no demo viewer {role.value} {scope_id}")


def app_as(store: Neo4jStore, role: Role, scope_id: str = "", *,
           page: str | None = None, person: str | None = None) -> AppTest:
    """Run the app as this viewer, optionally on one page (and with ?person=...)."""
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    at.session_state[state.VIEWING_AS] = viewer_label(store, role, scope_id)
    at.run()
    if page is not None:
        if person is not None:
            at.query_params["person"] = person
        at.switch_page(f"screens/{page}.py")
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def scope_of(role: Role, scope_id: str = "") -> Scope:
    return Scope(user=f"test-{role.value}", role=role, scope_id=scope_id)


def all_text(at: AppTest) -> str:
    """Every piece of text the run put on the page (values, labels, table cells)."""
    parts: list[str] = []
    for node in at.main, at.sidebar:
        for element in _walk(node):
            for attribute in ("value", "label", "body", "options", "help", "caption"):
                value = getattr(element, attribute, None)
                if value is not None and not callable(value):
                    parts.append(str(value))
            proto = getattr(element, "proto", None)
            if proto is not None:
                parts.append(str(proto))
    return "\n".join(parts)


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


@pytest.fixture
def tiny(session_graph: SessionGraph, tiny_csvs: Path) -> Iterator[Neo4jStore]:
    """The hand-written area, which these tests change: re-imported for the next test."""
    store = session_graph.holding("tiny", tiny_csvs)
    yield store
    session_graph.holds = None
    store.close()
