"""Proposing an introduction from the workbench (issue 15.3): an approved, running
directory asset, the person's suggested fits first, saved as a ``proposed`` connection
through the one write path (``ingest.forms.add_tie``).

TINY_AREA (conftest): PR-A holds C-1 (attending A-1 Riverside Garden Club; interested in
gardening; needs step-free access); A-2 is not approved; PR-B holds C-3. The store test
adds A-3 (approved, running) and A-4 (approved, withdrawn by its feed).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboards import state
from dashboards import workbench as wb
from graph.frames import ties_frame
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import forms
from ingest.importer import import_paths

from .test_workbench import c1_ties, press, shown, workbench

DIRECTORY = [
    {"id": "A-1", "name": "Garden Club", "approved": True, "status": None},
    {"id": "A-2", "name": "Card School", "approved": False, "status": None},
    {"id": "A-3", "name": "Book Group", "approved": True, "status": "active"},
    {"id": "A-4", "name": "Old Choir", "approved": True, "status": "withdrawn"},
    {"id": "A-5", "name": "Art Class", "approved": True, "status": None},
    {"id": "A-6", "name": "Walks", "approved": True, "status": None},
]


def test_suggested_fits_come_first_and_only_approved_running_assets_are_offered() -> None:
    # C is already proposed to A-6 (a current connection): not offered again.
    ties = ties_frame([{"tie_id": "C>A-6@2026", "to_id": "A-6", "to_type": "asset",
                        "kind": "community", "since": "2026", "status": "proposed"}],
                      person_id="C")
    suggestions = [{"asset_id": "A-5", "score": 80}, {"asset_id": "A-2", "score": 70}]
    # A-5 is suggested (A-2 is suggested but not approved, so dropped); then the rest by
    # name: Book Group, Garden Club. A-4 is withdrawn; A-6 already proposed.
    assert wb.introduction_choices(suggestions, DIRECTORY, ties) == {
        "A-5": "Art Class · suggested (fit 80)", "A-3": "Book Group", "A-1": "Garden Club"}


def test_propose_an_introduction_then_out_of_scope_is_refused(tiny_page: Neo4jStore,
                                                             tmp_path: Path) -> None:
    assets = tmp_path / "assets.csv"
    assets.write_text(
        "asset_id,name,category,area,tags,accessibility,cost,schedule,transport,safeguarding,"
        "safeguarding_notes,approved,last_reviewed,review_due,status\n"
        "A-3,Riverside Book Group,club,Riverside,books,step_free,free,Tuesdays,Bus 4,"
        "staff_present,Staff on site,yes,2026-01-01,2099-01-01,active\n"
        "A-4,Old Choir,club,Riverside,music,step_free,free,Fridays,Bus 4,"
        "staff_present,Staff on site,yes,2026-01-01,2099-01-01,withdrawn\n")
    assert import_paths(tiny_page, [assets], actor="t").ok
    at = workbench(tiny_page)
    offered = at.selectbox(key="propose_asset")
    # A-1 is already attended, A-2 not approved, A-4 withdrawn: only the book group.
    assert list(offered.options) == ["Riverside Book Group"]
    offered.set_value("A-3")
    press(at, "Propose")
    assert shown(at, "Proposed: Riverside Book Group.")
    book = c1_ties(tiny_page)["A-3"]
    assert (book["status"], book["kind"]) == ("proposed", "community")
    assert pd.isna(book["until"])
    # On the next run it is on the connection list, with its checklist and status flow.
    at.run()
    assert any("proposed" in option for option in
               at.selectbox(key=state.WORKBENCH_CONNECTION).options)
    # A practitioner cannot propose for a client of another caseload (C-3 is PR-B's).
    refused = forms.add_tie(tiny_page, Scope("pr-a", Role.PRACTITIONER, "PR-A"), {
        "person_id": "C-3", "to_id": "A-3", "to_type": "asset", "kind": "community",
        "since": "2026-03-01", "status": "proposed"})
    assert refused.problems == (forms.NOT_IN_CASELOAD,)
