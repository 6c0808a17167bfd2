"""Issue 15, point 8, on the pages (the hand-written area of conftest.TINY_AREA): a link
outside the caseload, "viewing as" across a refresh, services by name, one percentage
format, the ties table, a map that stays put and shows the what-if choice, and the
command line's person view naming supporters."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from assetmap.cli import app as cli_app
from assetmap.network_map import WHAT_IF_COLOUR
from dashboards import person_view, state
from dashboards.session import VIEWER_PARAM
from dashboards.text import PERCENT_COLUMN_FORMAT
from graph.model import Role
from graph.neo4j_store import Neo4jStore

from .conftest import APP, RUN_TIMEOUT_S, all_text, app_as, viewer_label
from .test_pages import _map_html

PRACTITIONER_A = (Role.PRACTITIONER, "PR-A")
LEAD_A = (Role.SERVICE_LEAD, "SVC-A")


@pytest.mark.parametrize("linked", ["C-3", "C-999"])  # another's client; nobody at all
def test_a_link_outside_the_caseload_says_so_and_shows_nobody(tiny_app: Neo4jStore,
                                                              linked: str) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person=linked)
    assert person_view.NOT_IN_CASELOAD in [w.value for w in at.warning]
    assert at.selectbox(key=state.SELECTED_PERSON).value is None
    assert "Ann Example" not in [s.value for s in at.subheader] and not at.metric
    at.selectbox(key=state.SELECTED_PERSON).set_value("C-1").run()  # the picker still works
    assert at.subheader[0].value == "Ann Example"
    assert person_view.NOT_IN_CASELOAD not in [w.value for w in at.warning]


def test_viewing_as_survives_a_refresh(tiny_app: Neo4jStore) -> None:
    first = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    picker = first.sidebar.selectbox(key=state.VIEWING_AS)
    picker.set_value(viewer_label(tiny_app, Role.SERVICE_LEAD, "SVC-B")).run()
    assert first.query_params[VIEWER_PARAM] in ("service_lead:SVC-B", ["service_lead:SVC-B"])
    # a refresh is a new session with only the address: the same viewer again
    again = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    again.query_params[VIEWER_PARAM] = "service_lead:SVC-B"
    again.run()
    assert not again.exception, [e.message for e in again.exception]
    assert again.sidebar.selectbox(key=state.VIEWING_AS).value == \
        viewer_label(tiny_app, Role.SERVICE_LEAD, "SVC-B")  # not the first choice (PR-A)


def test_services_are_named_not_coded(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *LEAD_A, page="service")
    assert at.title[0].value == "Riverside Team"  # services.csv: SVC-A,Riverside Team
    options = at.sidebar.selectbox(key=state.VIEWING_AS).options
    assert "Service lead Riverside Team" in options and "Service lead SVC-A" not in options
    assert "Practitioner PR-A (Riverside Team, 2 clients)" in options
    person = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1")
    assert "service Riverside Team" in person.caption[0].value
    audit = app_as(tiny_app, *LEAD_A, page="audit_log")
    assert "about people in Riverside Team" in audit.caption[0].value
    assert "SVC-A" not in all_text(person).replace(
        at.sidebar.selectbox(key=state.VIEWING_AS).value, "")


def test_shares_read_as_whole_percents_on_the_service_page(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *LEAD_A, page="service")
    frame = at.dataframe[0]
    # C-2: home care only, 100%; C-1: 10 of 17 hours = 58.8 points, drawn "59%"
    assert [round(v, 1) for v in frame.value["Paid share"]] == [100.0, 58.8]
    config = json.loads(frame.proto.columns)
    assert config["Paid share"]["type_config"]["format"] == PERCENT_COLUMN_FORMAT
    assert config["Formal share"]["type_config"]["format"] == PERCENT_COLUMN_FORMAT


def test_the_ties_table_shows_the_essentials_and_blank_cells_blank(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1")
    ties = at.dataframe[0].value
    assert list(ties.columns) == ["Who / what", "Kind", "Functions", "Hours/week",
                                  "Contacts/month", "Status"]
    dora = ties.set_index("Who / what").loc["Dora Daughter"]
    # ties.csv: daughter, natural, emotional;shopping, 4 h, 8 contacts, no status recorded
    assert dora.tolist() == ["family, friend or neighbour", "emotional support, shopping",
                             "4", "8", ""]
    (detail,) = [f.value for f in at.dataframe if "Relationship" in f.value.columns]
    club = detail.set_index("Who / what").loc["Riverside Garden Club"]
    assert (club["Mitigations"], club["Plan: contact"]) == ("Seated tasks only", "Ask for Pat")
    assert detail.set_index("Who / what").loc["Dora Daughter", "Mitigations"] == ""
    shown = "\n".join(str(v) for f in at.dataframe for v in f.value.to_numpy().ravel())
    assert "None" not in shown and "nan" not in shown


def _node(html: str, node_id: str) -> dict:
    nodes = json.loads(re.search(r"new vis.DataSet\((\[.*?\])\);", html).group(1))
    (found,) = [n for n in nodes if n["id"] == node_id]
    return found


def test_the_map_stays_put_and_shows_the_what_if_choice(tiny_app: Neo4jStore) -> None:
    first = _map_html(app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1"))
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1")
    assert _map_html(at) == first  # same person, same picture
    ned = _node(first, "S-2")
    assert ned["fixed"] is True and isinstance(ned["x"], float)
    assert _node(first, "C-1")["shape"] == "box"  # the person's own name in their box
    at.selectbox(key=state.WHAT_IF_TIE).set_value(
        "Ned Neighbour (family, friend or neighbour)").run()
    chosen = _map_html(at)
    assert _node(chosen, "S-2")["color"]["border"] == WHAT_IF_COLOUR
    assert _node(chosen, "S-1")["color"]["border"] != WHAT_IF_COLOUR
    assert (_node(chosen, "S-2")["x"], _node(chosen, "S-2")["y"]) == (ned["x"], ned["y"])


def test_the_command_lines_person_view_names_supporters(tiny_app: Neo4jStore) -> None:
    # tiny_app points ASSETMAP_STORE at this store
    done = CliRunner().invoke(cli_app, ["person", "C-1", "--as-of", "2026-03-31"])
    assert done.exit_code == 0, done.output
    ties = done.output.split("\nTies\n")[1].split("\n\n")[0]
    for name in ("Dora Daughter", "Ned Neighbour", "Homecare Ltd", "Riverside Garden Club"):
        assert name in ties, name
    assert "paid share 59%" in done.output  # 10 of 17 hours, a whole percent
