"""The person page's and report's rows for issue 15 (points 2 and 8), on hand-made
records and views: each test names what it would catch if the feature were removed."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from assetmap import person_rows
from assetmap.person_rows import PersonRecord
from assetmap.wording import percent
from dashboards import person_view, service_view
from graph.reads import PersonData


def record(client: dict | None = None, events: list[dict] | None = None,
           measures: list[dict] | None = None) -> PersonRecord:
    base = {"person_id": "P1", "display_name": "Ann", "interests": ["gardening"],
            "needs": [], "access_needs": ["step_free"], "risks": ["falls"],
            "functions_needed": ["personal_care"], "service": "SVC-A"}
    return PersonRecord(data=PersonData(
        client={**base, **(client or {})}, ties=pd.DataFrame(), knows=pd.DataFrame(),
        events=pd.DataFrame(events or [], columns=["date", "kind", "other_id", "notes"]),
        measures=pd.DataFrame(measures or [], columns=["date", "instrument", "score"]),
        assets=pd.DataFrame(), history=nx.MultiGraph(ego="P1")))


def view() -> dict:
    """P1 with a garden club (falls flagged, seated tasks agreed) and a neighbour who
    flags travelling alone with no mitigation; a proposed lunch club flagging falls."""
    graph = nx.Graph(ego="P1")
    graph.add_node("P1", display_name="Ann")
    graph.add_node("A1", name="Garden club")
    graph.add_node("S1", name="Ned")
    graph.add_edge("P1", "A1", kind="community", risk_flags=["falls"],
                   mitigations="Seated tasks only")
    graph.add_edge("P1", "S1", kind="natural", risk_flags=["travel_alone"])
    return {"network": graph,
            "ties": [{"to_id": "A1", "name": "Garden club"}, {"to_id": "S1", "name": "Ned"}],
            "planned_connections": [{"to_id": "A2", "name": "Lunch club", "risk_flags": ["falls"],
                                     "mitigations": "Sits near the door"}],
            "isolation": [
                {"month": "2026-02", "at_risk": True, "at_risk_basis": "measures",
                 "lsns6": 10.0, "ucla3": None, "ascof_1i": float("nan"), "informal_ties": 1,
                 "contacts": 4.0, "attended": 1, "missed": 1, "crisis_contacts": 0}]}


def test_the_profile_says_none_recorded_for_an_empty_list() -> None:
    assert person_rows.profile_rows(record()) == {
        "Interests": "gardening", "Needs": "none recorded",
        "Support needed": "personal care", "Access needs": "step-free access"}


def test_risks_carry_the_mitigations_agreed_and_say_when_none_is() -> None:
    rows = person_rows.risk_rows(view(), ["falls"])
    assert rows == [
        # falls: on the person, the garden club and the proposed lunch club, each with
        # its own agreed mitigation
        {"Risk": "falls", "Recorded on": "the person; Garden club; Lunch club",
         "Mitigations agreed": "Seated tasks only (Garden club); Sits near the door (Lunch club)"},
        # flagged only on Ned's tie, nothing agreed
        {"Risk": "travelling alone", "Recorded on": "Ned", "Mitigations agreed": "none recorded"}]


def test_history_rows_are_newest_first_with_names_and_blank_cells() -> None:
    events = [{"date": "2026-02-05", "kind": "attended", "other_id": "A1", "notes": None},
              {"date": "2026-03-01", "kind": "mood_low", "other_id": None, "notes": "tired"},
              {"date": "2026-01-10", "kind": "review", "other_id": None, "notes": "annual"}]
    shown = record(events=events, measures=[{"date": "2026-02-01", "instrument": "LSNS-6",
                                             "score": 10.0}])
    assert person_rows.review_rows(shown) == [{"Date": "2026-01-10", "Notes": "annual"}]
    assert person_rows.event_rows(shown, view()) == [
        {"Date": "2026-03-01", "Event": "low mood", "With": "", "Notes": "tired"},
        {"Date": "2026-02-05", "Event": "attended", "With": "Garden club", "Notes": ""}]
    assert person_rows.measure_rows(shown) == [
        {"Date": "2026-02-01", "Instrument": "LSNS-6", "Score": "10"}]


def test_month_rows_leave_a_missing_measure_blank() -> None:
    (row,) = person_rows.month_rows(view())
    assert row == {"Month": "2026-02", "At risk": "yes", "Decided by": "validated measures",
                   "LSNS-6": "10", "UCLA-3": "", "ASCOF 1I": "", "Informal ties": "1",
                   "Contacts": "4", "Attended": "1", "Missed": "1", "Crisis contacts": "0"}


def test_one_percentage_format() -> None:
    # 10 of 17 hours = 0.588: whole percent
    assert percent(10 / 17) == "59%" and percent(None) == "–"
    table = pd.DataFrame({"paid_share": [10 / 17, None], "formal_share": [1.0, 0.5],
                          "trend_3m": [-0.05, None], "trend_12m": [0.0, 0.1]})
    shown = service_view.caseload_table(table)
    assert [round(v, 1) for v in shown["paid_share"].dropna()] == [58.8]
    assert shown["trend_3m"].iloc[0] == -5.0 and shown["formal_share"].tolist() == [100.0, 50.0]


def test_what_if_node_follows_the_choice_and_defaults_to_the_first() -> None:
    shown = {"network": view()["network"],
             "what_if": [{"tie": "A1"}, {"tie": "S1"}]}
    assert person_view.what_if_node(shown, "Ned (family, friend or neighbour)") == "S1"
    assert person_view.what_if_node(shown, None) == "A1"
    assert person_view.what_if_node({**shown, "what_if": []}, None) is None


def test_services_by_name_else_their_id() -> None:
    names = {"SVC-A": "Riverside Team"}
    assert person_view.service_name(names, "SVC-A") == "Riverside Team"
    assert person_view.service_name(names, "SVC-X") == "SVC-X"
    assert service_view.service_title(names, "SVC-A") == "Riverside Team"
