"""What the harness times: thin calls into ingest, graph.reads and the CLI's reports.

Nothing here computes a figure of its own; each function is the same call a
user's command or page makes, so the benchmark measures the product.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from assetmap import views
from assetmap.settings import AnalyticsSettings
from graph import reads
from graph.model import Role
from graph.scope import Scope, scope_parameters
from graph.store import GraphStore
from ingest.demo import DEMO_END, write_demo_csvs
from ingest.importer import ImportReport, import_paths, validate_paths
from ingest.writer import WriteStep, write_steps

AS_OF = DEMO_END.isoformat()
DASHBOARD_ENTRY = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
SCOPE = Scope.system("bench")
SETTINGS = AnalyticsSettings()


def write_area(folder: Path, people: int, seed: int) -> list[Path]:
    return write_demo_csvs(folder, people=people, seed=seed)


def import_files(store: GraphStore, paths: list[Path], actor: str) -> ImportReport:
    report = import_paths(store, paths, actor=actor, as_of=AS_OF)
    if report.outcome != "written":
        raise RuntimeError(f"benchmark import was {report.outcome}: {report.errors[:5]}")
    return report


def prepared_write_steps(paths: list[Path], store: GraphStore | None = None
                         ) -> tuple[list[tuple[WriteStep, list[dict[str, Any]]]], int]:
    """The writes of an import with their rows built in advance (the floor sends only
    these); validated against ``store`` when given (an increment refers to its records)."""
    validation = validate_paths(paths, store=store)
    if validation.plan is None or not validation.ok:
        raise RuntimeError(f"benchmark files do not validate: {validation.errors[:5]}")
    return ([(step, built_rows(step)) for step in write_steps(validation.plan)],
            validation.rows_read)


def record_rows(steps: list[tuple[WriteStep, list[dict[str, Any]]]]) -> int:
    """How many record rows the prepared steps send (as an import counts rows written)."""
    return sum(len(rows) for step, rows in steps if step.record_type is not None)


def built_rows(step: WriteStep) -> list[dict[str, Any]]:
    """Every row the step sends, built now (a streamed type's chunks too: the floor holds
    what the import streams)."""
    return [row for batch in step.batches() for row in batch]


def send_steps(store: GraphStore, steps: list[tuple[WriteStep, list[dict[str, Any]]]],
               actor: str) -> None:
    for step, rows in steps:
        if rows:
            params = {"as_of": AS_OF} if step.record_type is None else None
            store.write_batches(step.query, rows, actor=actor, params=params)


def client_ids(store: GraphStore) -> list[str]:
    return sorted(reads.clients_in_scope(store, SCOPE)["person_id"])


def service_count(store: GraphStore) -> int:
    """How many services the clients are recorded under."""
    return int(reads.clients_in_scope(store, SCOPE)["service"].nunique())


def largest_service(store: GraphStore) -> tuple[str, int]:
    sizes = reads.clients_in_scope(store, SCOPE)["service"].value_counts()
    return str(sizes.index[0]), int(sizes.iloc[0])


def person_rows(store: GraphStore, person_id: str) -> list[dict[str, Any]]:
    """The floor of the person view: its one query, nothing computed."""
    return store.read("person_view", {"person_id": person_id, **(scope_parameters(SCOPE) or {})})


def person_report(store: GraphStore, person_id: str, as_of: str) -> Any:
    return views.person(store, SCOPE, person_id, as_of=as_of, limits=SETTINGS)


def service_report(store: GraphStore, service_id: str, as_of: str) -> Any:
    return views.service(store, SCOPE, service_id, as_of=as_of, limits=SETTINGS)


def area_report(store: GraphStore, as_of: str) -> Any:
    return views.area(store, SCOPE, "", as_of=as_of, limits=SETTINGS)


def service_isolation(store: GraphStore, service_id: str, as_of: str) -> Any:
    return views.service_isolation(store, SCOPE, service_id, as_of=as_of)


def person_page_seconds(store: GraphStore, environment: dict[str, str], person_id: str) -> float:
    """Seconds for the person page to render one client, server side with ``AppTest``,
    viewed as that client's practitioner in demo mode (the app's first run, which
    imports the app, is not counted). ``environment`` names the store for the app."""
    from streamlit.testing.v1 import AppTest

    from dashboards import state
    from dashboards.session import demo_viewers

    saved = {key: os.environ.get(key) for key in (*environment, "ASSETMAP_DEMO")}
    os.environ.update(environment, ASSETMAP_DEMO="1")
    try:
        data = reads.person_data(store, SCOPE, person_id)
        if data is None:
            raise LookupError(f"no client {person_id!r} in the bench store")
        practitioner = data.client["practitioner"]
        label = next(viewer.label for viewer in demo_viewers(store)
                     if viewer.grant.role is Role.PRACTITIONER
                     and viewer.grant.scope_id == practitioner)
        app = AppTest.from_file(str(DASHBOARD_ENTRY), default_timeout=300)
        app.session_state[state.VIEWING_AS] = label
        app.run()
        started = time.perf_counter()
        app.selectbox(key=state.SELECTED_PERSON).set_value(person_id).run()
        seconds = time.perf_counter() - started
    finally:
        # Neither the app's cached store nor its settings outlive the measurement (the
        # next scale's processes would inherit them).
        import streamlit

        streamlit.cache_resource.clear()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if app.exception:
        raise RuntimeError(f"person page failed for {person_id}: {app.exception[0].message}")
    return seconds


def server_version() -> str:
    from graph.local_neo4j import neo4j_version

    return f"Neo4j Community {neo4j_version()}"
