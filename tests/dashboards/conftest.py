"""Dashboard fixtures: one small demo area imported once per session into its own
graph on the session's embedded server, and the environment that points the app at it.

The demo area is read-only for the page tests (audit entries are appended, which the
tests allow for by counting only their own).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboards import state
from dashboards.session import demo_viewers
from graph.embedded import EmbeddedStore
from graph.model import Role
from graph.scope import Scope

APP = str(Path(__file__).resolve().parents[2] / "dashboards" / "app.py")
DEMO_PEOPLE = 40
#: AppTest waits this long for one run; the first run of a session imports everything.
RUN_TIMEOUT_S = 60


@pytest.fixture(scope="session")
def demo_store(embedded_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """A graph holding the demo area (40 clients), imported through the real importer."""
    from ingest.demo import write_demo_csvs
    from ingest.importer import import_paths

    folder = tmp_path_factory.mktemp("demo_csv")
    write_demo_csvs(folder, people=DEMO_PEOPLE, seed=7)
    store = EmbeddedStore(embedded_dir, f"dash_{uuid.uuid4().hex[:10]}", keep_server=True)
    store.ensure_schema()
    import_paths(store, [folder], actor="test-suite")
    yield store
    store.drop_graph()
    store.close()


@pytest.fixture
def app_env(demo_store: EmbeddedStore, embedded_dir: Path, monkeypatch: pytest.MonkeyPatch) -> EmbeddedStore:
    """The app, in demo mode, on the demo graph."""
    monkeypatch.setenv("ASSETMAP_STORE", f"embedded:{embedded_dir}")
    monkeypatch.setenv("ASSETMAP_GRAPH", demo_store.graph_name)
    monkeypatch.setenv("ASSETMAP_DEMO", "1")
    monkeypatch.delenv("ASSETMAP_ROLES", raising=False)
    return demo_store


def viewer_label(store: EmbeddedStore, role: Role, scope_id: str = "") -> str:
    """The demo selector's label for this role and scope."""
    for viewer in demo_viewers(store):
        if viewer.grant.role is role and viewer.grant.scope_id == scope_id:
            return viewer.label
    raise LookupError(f"no demo viewer {role.value} {scope_id}")


def app_as(store: EmbeddedStore, role: Role, scope_id: str = "", *,
           page: str | None = None, person: str | None = None) -> AppTest:
    """Run the app as this viewer, optionally on one page (and with ?person=...)."""
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    at.session_state[state.VIEWING_AS] = viewer_label(store, role, scope_id)
    at.run()
    if page is not None:
        if person is not None:
            at.query_params["person"] = person
        at.switch_page(f"pages/{page}.py")
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
