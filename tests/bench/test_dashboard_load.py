"""The dashboard load harness at its smallest (2 sessions, 2 switches each) on the demo
area, so it cannot rot: every rerun finishes with the chosen client on the page, and
each figure the report quotes is measured (the values themselves are read in
BENCHMARKS.md, never asserted here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import dashboard_load
from graph.local_neo4j import LocalNeo4jServer
from graph.model import Role
from ingest.demo import write_demo_csvs

from ..conftest import SessionGraph

#: Two sessions take a minute on an idle machine; a shared one needs the margin.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(1500)]


def test_two_sessions_switch_twice_and_every_figure_is_measured(
        session_graph: SessionGraph, tmp_path: Path) -> None:
    if not Path(dashboard_load.CHROMIUM).exists():
        pytest.fail(f"{dashboard_load.CHROMIUM} is missing: make browser-deps")
    write_demo_csvs(tmp_path, people=40, seed=7)
    store = session_graph.holding("load-demo", tmp_path)
    assert store.local_dir is not None
    result = dashboard_load.measure(
        store, {"ASSETMAP_STORE": f"local:{store.local_dir}"},
        LocalNeo4jServer(store.local_dir).pid(), sessions=2, switches=2, repeats=1,
        role=Role.SERVICE_LEAD, limits=dashboard_load.Limits(rerun_timeout_s=90,
                                                             time_limit_s=300))

    run = result["runs"][0]
    # 2 sessions x 2 switches = 4 reruns, each timed from the click to the new client's
    # caption with the script finished; a page that never showed it would be a timeout.
    assert run["outcomes"] == {"ok": 4}, (run["first_page_failures"], run["reruns"])
    planned = [pid for plan in dashboard_load.plan_sessions(store, 2, 2, Role.SERVICE_LEAD)
               for pid in plan.clients]
    store.close()
    assert sorted(r["person_id"] for r in run["reruns"]) == sorted(planned)
    assert 0 < run["p50_s"] <= run["p95_s"] <= run["max_s"]
    assert result["floor"]["clients"] > 0 and result["floor"]["p95_s"] > 0
    memory = run["memory"]
    assert memory["server_peak_mb"] > 50  # a Streamlit process holds pandas and the app
    assert memory["neo4j_rss_mb"] > 0 and memory["browsers_pss_mb"] > 0
    assert run["cpu_s"]["server"] > 0
    table = dashboard_load.markdown([{**result, "people": 40}])
    assert "| 40 | 2 × 2 |" in table
