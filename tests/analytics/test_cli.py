"""`assetmap person|service|area` as real subprocesses over the local Neo4j, worked_area with
the fixture files through the importer. Every figure checked here is worked by hand in the
unit tests named beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.neo4j_store import Neo4jStore
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
AS_OF = "2025-06-30"


def as_json(store: Neo4jStore, *args: str) -> dict[str, Any]:
    done = run_cli(store, *args, "--json")
    assert done.returncode == 0, done.stderr
    # Nothing else on stderr: no driver notices about optional properties, no warnings.
    assert done.stderr == "", done.stderr[:500]
    return json.loads(done.stdout)


def test_person_json(worked_area: Neo4jStore) -> None:
    report = as_json(worked_area, "person", "C-1", "--as-of", AS_OF)
    assert report["person_id"] == "C-1" and report["as_of"] == AS_OF
    ties = {t["to_id"]: t for t in report["ties"]}
    assert sorted(ties) == ["A-1", "S-1", "S-2", "S-5", "SVC-GP", "SVC-HC"]  # S-3 ended
    assert ties["SVC-HC"]["kind"] == "paid"
    assert ties["SVC-HC"]["functions"] == ["meals", "personal_care"]
    assert ties["SVC-HC"]["hours_per_week"] == 10.0
    # test_reliance.test_edna_on_hours: 10/19 and 10.5/19 on hours.
    assert report["basis"] == "hours"
    assert report["paid_share"] == pytest.approx(10 / 19)
    assert report["formal_share"] == pytest.approx(10.5 / 19)
    # test_resilience.test_edna_single_points_of_failure_worked_by_hand.
    spof = {s["id"]: s for s in report["single_points_of_failure"]}
    assert spof["S-2"]["functions"] == ["check_in", "transport"]
    assert spof["S-2"]["dependent_connections"] == ["A-1"]
    assert len(spof["S-2"]["reasons"]) == 3
    assert report["uncovered_functions"] == ["finances"]
    # Twelve months to June 2025; LSNS-6 10 recorded in May makes May and June at risk.
    assert [m["month"] for m in report["isolation"]][-2:] == ["2025-05", "2025-06"]
    assert len(report["isolation"]) == 12
    assert [m["at_risk"] for m in report["isolation"]][-2:] == [True, True]
    # test_triggers.test_edna_record_raises_each_kind_once, plus isolation worsening
    # (LSNS-6 14 in January to 10 in May: -4 >= 3 and into "below 12", so the measures,
    # and with them the direction, are worsening).
    assert [t["kind"] for t in report["triggers"]] == [
        "review_overdue", "missed_attendance", "safeguarding_concern", "incidents_increased",
        "mood_deterioration", "isolation_worsening"]
    assert all(t["date"] and t["detail"] for t in report["triggers"])
    # test_fit.test_edna_suggestions_worked_by_hand.
    assert [(s["asset_id"], s["score"]) for s in report["suggestions"]] == [
        ("A-7", 80.0), ("A-3", 75.0)]
    assert all(s["reasons"] for s in report["suggestions"])


def test_person_text_and_errors(worked_area: Neo4jStore) -> None:
    done = run_cli(worked_area, "person", "C-1", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert "Single points of failure" in done.stdout and "S-2" in done.stdout
    missing = run_cli(worked_area, "person", "NOBODY", "--as-of", AS_OF)
    assert missing.returncode == 1 and "no client 'NOBODY'" in missing.stderr
    bad_date = run_cli(worked_area, "person", "C-1", "--as-of", "30/06/2025")
    assert bad_date.returncode == 1 and "YYYY-MM-DD" in bad_date.stderr


def test_service_json(worked_area: Neo4jStore) -> None:
    report = as_json(worked_area, "service", "SVC-A", "--as-of", AS_OF)
    # test_service.test_caseload_worked_by_hand.
    clients = report["clients"]
    assert [c["person_id"] for c in clients] == ["C-2", "C-1"]
    assert clients[0]["paid_share"] == pytest.approx(40 / 44)
    assert clients[0]["trend_3m"] == pytest.approx(40 / 44 - 20 / 24)
    assert clients[0]["over_reliant"] is True
    assert clients[1]["review_overdue"] is True


def test_area_json_is_suppressed(worked_area: Neo4jStore) -> None:
    report = as_json(worked_area, "area", "--as-of", AS_OF)
    counts = [row[column] for row in report["coverage"]
              for column in ("clients", "clients_connected")]  # people: suppressed
    assert counts and all(c in ("*", "c", "", 0) or (c >= 10 and c % 5 == 0) for c in counts)
    # assets are no people: published exact (the worked area lists 2 approved in North)
    assert all(isinstance(row["approved_assets"], int) for row in report["coverage"])
    north = {row["category"]: row for row in report["coverage"] if row["area"] == "North"}
    # North: 2 clients (C-1, C-2), 1 connected (C-1 to the cafe): both small, both '*'.
    assert north["all"]["clients"] == "*" and north["all"]["clients_connected"] == "*"
    assert "*" in report["suppression"]
    only_south = as_json(worked_area, "area", "South", "--as-of", AS_OF)
    assert {row["area"] for row in only_south["coverage"]} == {"South", "all"}


def test_every_command_line_read_and_write_is_audited(worked_area: Neo4jStore,
                                                      tmp_path: Path) -> None:
    from graph.dashboard_reads import audit_entries
    from graph.scope import Scope

    before = {entry["id"] for entry in audit_entries(worked_area, Scope.system("t"))}
    for args in (("person", "C-1"), ("service", "SVC-A"), ("area",),
                 ("export", "csv", str(tmp_path / "out"), "--person", "C-2")):
        done = run_cli(worked_area, *args, "--as-of", AS_OF) if args[0] != "export" else \
            run_cli(worked_area, *args)
        assert done.returncode == 0, done.stderr
    done = run_cli(worked_area, "import", str(tmp_path / "out"), "--dry-run")
    assert done.returncode == 0, done.stderr
    new = [entry for entry in audit_entries(worked_area, Scope.system("t"))
           if entry["id"] not in before]
    made = sorted((entry["action"], entry["person_id"] or "") for entry in new)
    assert made == [("export", "C-2"), ("import", ""), ("view_area", ""),
                    ("view_person", "C-1"), ("view_service", "")]
    assert all(entry["role"] == "system" for entry in new)
    assert any("validated" in entry["detail"] for entry in new if entry["action"] == "import")
