"""The caches added for the dashboard under load (issue 16.3) never show one viewer's
caseload to another, and a dashboard import forgets them.

Hand-written area (``TINY_AREA``): practitioner PR-A (service SVC-A) holds C-1 and C-2,
practitioner PR-B (service SVC-B) holds C-3.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import Role
from graph.neo4j_store import Neo4jStore

from .conftest import TINY_AREA, app_as, scope_of


def picker_options(store: Neo4jStore, role: Role, scope_id: str) -> list[str]:
    at = app_as(store, role, scope_id, page="person")
    return [option.split(" · ")[-1] for option in at.selectbox(key="selected_person").options]


def test_each_viewer_sees_only_their_own_caseload_after_another_filled_the_cache(
        tiny_app: Neo4jStore) -> None:
    from dashboards import person_view

    # PR-A first: the cache now holds PR-A's list {C-1, C-2}.
    assert picker_options(tiny_app, Role.PRACTITIONER, "PR-A") == ["C-1", "C-2"]
    # PR-B in the same process, within the cache's minute: their one client, C-3.
    assert picker_options(tiny_app, Role.PRACTITIONER, "PR-B") == ["C-3"]
    # The lead of SVC-B sees SVC-B's clients (C-3), not the practitioner PR-B's cached
    # entry under another role with another id, nor SVC-A's.
    assert picker_options(tiny_app, Role.SERVICE_LEAD, "SVC-B") == ["C-3"]
    assert picker_options(tiny_app, Role.SERVICE_LEAD, "SVC-A") == ["C-1", "C-2"]
    # The cached read itself, by scope: same role, other id -> other list.
    key = f"local:{tiny_app.local_dir}"
    first = person_view.caseload(tiny_app, key, scope_of(Role.PRACTITIONER, "PR-A"))
    second = person_view.caseload(tiny_app, key, scope_of(Role.PRACTITIONER, "PR-B"))
    assert list(first["person_id"]) == ["C-1", "C-2"]
    assert list(second["person_id"]) == ["C-3"]
    # A practitioner id that holds nobody gets an empty list, not a cached one.
    assert person_view.caseload(tiny_app, key, scope_of(Role.PRACTITIONER, "PR-Z")).empty


def test_the_caseload_is_cached_until_a_write_clears_it(tiny_page: Neo4jStore,
                                                       tmp_path: Path) -> None:
    from dashboards import person_view
    from ingest.importer import import_paths

    key = f"local:{tiny_page.local_dir}"
    scope = scope_of(Role.PRACTITIONER, "PR-B")
    assert list(person_view.caseload(tiny_page, key, scope)["person_id"]) == ["C-3"]
    # A new client C-4 for PR-B, imported behind the cache's back (as the command line
    # would): the cached list is still C-3 alone ...
    people = tmp_path / "people.csv"
    people.write_text(TINY_AREA["people.csv"].splitlines()[0] + "\n"
                      "C-4,yes,Cy New,Hillcrest,SVC-B,PR-B,,,,,shopping,55-64\n")
    assert import_paths(tiny_page, [people], actor="test").outcome == "written"
    assert list(person_view.caseload(tiny_page, key, scope)["person_id"]) == ["C-3"]
    # ... until a dashboard write clears the caches (``import_flow`` calls this).
    person_view.clear_caches()
    assert list(person_view.caseload(tiny_page, key, scope)["person_id"]) == ["C-3", "C-4"]
