"""The person page renders for every client of the demo area.

How fast it renders is measured by the benchmark harness (``python -m bench.run``,
"person page rendered with AppTest"), not asserted here: these machines are shared
and a timed assertion would fail on load, not on a regression.
"""

from __future__ import annotations

import statistics
import time

from dashboards import state
from graph import reads
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

from .conftest import app_as


def test_person_page_renders_for_every_demo_client(app_env: Neo4jStore) -> None:
    clients = reads.clients_in_scope(app_env, Scope.system("speed-test"))
    timings: dict[str, float] = {}
    for practitioner, group in clients.groupby("practitioner"):
        at = app_as(app_env, Role.PRACTITIONER, str(practitioner), page="person")
        for person_id in group["person_id"]:
            started = time.perf_counter()
            at.selectbox(key=state.SELECTED_PERSON).set_value(person_id).run()
            timings[person_id] = time.perf_counter() - started
            assert not at.exception, (person_id, [e.message for e in at.exception])
    ordered = sorted(timings.values())
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"\nperson page over {len(ordered)} demo clients: median "
          f"{statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {ordered[-1] * 1000:.0f} ms")
    assert len(timings) == len(clients)
