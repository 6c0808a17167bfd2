"""A proposed introduction is shown with its plan and counted in no figure."""

from __future__ import annotations

import pandas as pd

from analytics.person import person_view
from assetmap.network_map import render_map
from assetmap.person_rows import map_elements, planned_rows
from graph.frames import (
    client_record,
    events_frame,
    history_graph,
    knows_frame,
    measures_frame,
    ties_frame,
)

from .handmade import tie

AS_OF = "2025-06-30"


def view_with_a_proposed_lunch_club() -> dict:
    # Home care 10 h/week and a daughter 10 h/week: paid share 10/20 = 0.5. A lunch club
    # (2 h/week) proposed on 2025-06-01: if it counted, paid share would be 10/22.
    lunch = tie("A-LUNCH", "community", ["social", "meals"], 2, 4, since="2025-06-01",
                status="proposed", to_type="asset")
    lunch |= {"plan_contact": "Connector rings the lead", "plan_travel": "Minibus",
              "risk_flags": ["falls"], "mitigations": "Seated activities"}
    ties = ties_frame([tie("SVC-HC", "paid", ["personal_care"], 10, None, to_type="service"),
                       tie("S-D", "natural", ["shopping"], 10, None), lunch])
    history = history_graph(client_record({"person_id": "C-1"}), ties, knows_frame([]))
    return person_view(history, ties, events_frame([], person_id="C-1"),
                       measures_frame([], person_id="C-1"), pd.DataFrame(), as_of=AS_OF)


def test_a_proposed_connection_is_shown_with_its_plan_but_not_counted() -> None:
    view = view_with_a_proposed_lunch_club()
    assert view["paid_share"] == 0.5 and view["composition"]["community"] == 0
    (plan,) = view["planned_connections"]
    assert (plan["to_id"], plan["status"], plan["plan_travel"]) == ("A-LUNCH", "proposed", "Minibus")
    assert plan["risk_flags"] == ["falls"] and plan["mitigations"] == "Seated activities"
    (row,) = planned_rows(view)
    assert row["name"] == "A-LUNCH"
    assert row["plan_contact"] == "Connector rings the lead" and row["plan_exit"] == ""


def test_the_map_draws_a_proposed_connection_dotted() -> None:
    nodes, ties = map_elements(view_with_a_proposed_lunch_club())
    (planned,) = [t for t in ties if t.planned]
    assert planned.target == "A-LUNCH"
    assert "A-LUNCH" in {node.id for node in nodes}
    assert not any(t.planned for t in ties if t.target != "A-LUNCH")
    html = render_map(nodes, ties, aria_label="map")
    assert '"dashes": [2, 6]' in html and "proposed introduction" in html


def test_an_asset_already_proposed_is_not_suggested_again() -> None:
    # The lunch club serves the client's interest in cooking, is approved and in date:
    # without the proposal it would be suggested; with it, it is not.
    lunch_club = pd.DataFrame({
        "asset_id": ["A-LUNCH"], "name": ["Lunch club"], "category": ["food"], "area": ["N"],
        "tags": [["cooking"]], "accessibility": [[]], "cost": ["free"], "safeguarding": [[]],
        "approved": [True], "review_due": ["2099-01-01"]})
    proposal = tie("A-LUNCH", "community", ["social"], 2, 4, since="2025-06-01",
                   status="proposed", to_type="asset")
    client = client_record({"person_id": "C-1", "area": "N", "interests": ["cooking"]})
    for ties, suggested in ((ties_frame([]), ["A-LUNCH"]), (ties_frame([proposal]), [])):
        history = history_graph(client, ties, knows_frame([]))
        view = person_view(history, ties, events_frame([], person_id="C-1"),
                           measures_frame([], person_id="C-1"), lunch_club, as_of=AS_OF)
        assert [s["asset_id"] for s in view["suggestions"]] == suggested


def test_the_report_lists_a_proposed_introduction_with_its_plan() -> None:
    from assetmap.person_rows import PersonRecord
    from assetmap.report import render_report
    from graph.reads import PersonData

    view = view_with_a_proposed_lunch_club()
    ties = ties_frame([])
    client = client_record({"person_id": "C-1", "display_name": "Ann"})
    record = PersonRecord(data=PersonData(
        client=client, ties=ties, knows=knows_frame([]), events=events_frame([], person_id="C-1"),
        measures=measures_frame([], person_id="C-1"), assets=pd.DataFrame(),
        history=history_graph(client, ties, knows_frame([]))))
    html = render_report(record, view, generated_by="test")
    assert "A-LUNCH (proposed 2025-06-01)" in html
    assert "Connector rings the lead" in html and "Minibus" in html
