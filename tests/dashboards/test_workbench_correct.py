"""Correcting a recorded measure on the workbench (issue 15.4, 15.7) through AppTest on
the real store: the form shows the recorded value; a correction without a reason, or
made after someone else saved the measure, is refused and changes nothing; an accepted
one goes through the one write path, is audited with before and after, and the person
page and report show the corrected score with who corrected it, when and why; a
correction for another caseload is refused.

TINY_AREA (conftest): PR-A holds C-1, whose LSNS-6 of 2026-02-01 is 10 (imported,
no item answers); PR-B holds C-3.
"""

from __future__ import annotations

from assetmap import report, views
from assetmap.person_rows import measure_rows
from assetmap.settings import AnalyticsSettings
from graph.dashboard_reads import audit_entries
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import forms
from ingest.rules import measure_id

from .test_workbench import SYSTEM, press, shown, workbench

LSNS = {"person_id": "C-1", "date": "2026-02-01", "instrument": "LSNS-6"}
FORM = f"correct_{measure_id(LSNS)}"
REASON = "Item 3 was misread from the paper form"


def c1_lsns(store: Neo4jStore) -> dict[str, object]:
    view = views.person(store, SYSTEM, "C-1", as_of="2026-06-30", limits=AnalyticsSettings())
    assert view is not None
    (row,) = [row for row in measure_rows(view.record) if row["Date"] == "2026-02-01"]
    return row


def test_a_correction_needs_a_reason_then_shows_who_when_and_why(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    at.selectbox(key="correct_measure_pick").set_value("2026-02-01|LSNS-6").run()
    assert shown(at, "Recorded: LSNS-6 of 2026-02-01, score 10, by ")
    at.number_input(key=f"{FORM}_score").set_value(8)
    press(at, "Save the correction")  # no reason
    assert shown(at, "Not saved: give the reason for the correction")
    assert c1_lsns(tiny_page)["Score"] == "10"
    at.text_area(key=f"{FORM}_reason").input(REASON)
    press(at, "Save the correction")
    assert shown(at, "LSNS-6 of 2026-02-01 corrected to 8.")
    row = c1_lsns(tiny_page)
    # The person page's and the report's measures table: 8, corrected by the
    # practitioner, with when (an ISO timestamp) and why.
    assert row["Score"] == "8"
    corrected = str(row["Corrected"])
    assert corrected.startswith("by ") and corrected.endswith(f"Z: {REASON}")
    html = report.person_report(tiny_page, SYSTEM, "C-1", as_of="2026-06-30")
    assert f"<td>{corrected}</td>" in html.replace("&#39;", "'")
    # Audited with the value before and after, never silently (and the refusal above
    # is on record too).
    entries = [e for e in audit_entries(tiny_page, Scope.system("t"))
               if str(e["detail"]).startswith("corrected LSNS-6 of 2026-02-01")]
    assert sorted(e["action"] for e in entries) == ["record", "refused"]
    (entry,) = [e for e in entries if e["action"] == "record"]
    assert entry["before"] == "score=10"
    assert entry["after"] == f"score=8; correction_reason={REASON}"
    assert corrected.startswith(f"by {entry['actor']} at ")


def test_a_stale_correction_is_refused_with_what_changed(tiny_page: Neo4jStore) -> None:
    at = workbench(tiny_page)
    at.selectbox(key="correct_measure_pick").set_value("2026-02-01|LSNS-6").run()
    # Someone else corrects it to 9 while this form is open (read as 10).
    theirs = forms.read_measure(tiny_page, SYSTEM, "C-1", "2026-02-01", "LSNS-6")
    assert theirs is not None
    assert forms.correct_measure(tiny_page, SYSTEM, theirs, score=9, reason="recount").ok
    at.number_input(key=f"{FORM}_score").set_value(8)
    at.text_area(key=f"{FORM}_reason").input(REASON)
    press(at, "Save the correction")
    assert shown(at, "someone else saved this measure since you opened it (another-user at ")
    assert shown(at, "it was score=10; it is now score=9")
    assert c1_lsns(tiny_page)["Score"] == "9"  # theirs stands: never last-write-wins


def test_nothing_changed_and_another_caseload_are_refused(tiny_page: Neo4jStore) -> None:
    read = forms.read_measure(tiny_page, SYSTEM, "C-1", "2026-02-01", "LSNS-6")
    assert read is not None
    same = forms.correct_measure(tiny_page, SYSTEM, read, score=10, reason="checked")
    assert same.problems == ("nothing to correct: LSNS-6 of 2026-02-01 is recorded as 10",)
    # C-3 is PR-B's: PR-A can neither read nor correct C-3's measure.
    assert forms.record_measure(tiny_page, SYSTEM, {"person_id": "C-3", "date": "2026-03-01",
                                                    "instrument": "LSNS-6", "score": 14}).ok
    pr_a = Scope("pr-a", Role.PRACTITIONER, "PR-A")
    assert forms.read_measure(tiny_page, pr_a, "C-3", "2026-03-01", "LSNS-6") is None
    theirs = forms.read_measure(tiny_page, SYSTEM, "C-3", "2026-03-01", "LSNS-6")
    assert theirs is not None
    refused = forms.correct_measure(tiny_page, pr_a, theirs, score=12, reason="not mine")
    assert refused.problems == (forms.NOT_IN_CASELOAD,)
    stored = forms.read_measure(tiny_page, SYSTEM, "C-3", "2026-03-01", "LSNS-6")
    assert stored is not None and stored.values["score"] == 14
