"""Every page, as every role, on the hand-written area (see conftest.TINY_AREA)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from assetmap.network_map import _vis_assets
from dashboards import person_view, state
from dashboards.session import DEMO_BANNER
from dashboards.text import md_text
from graph import reads
from graph.dashboard_reads import audit_entries
from graph.model import PLAIN_WORDS, Role
from graph.neo4j_store import Neo4jStore

from .conftest import APP, RUN_TIMEOUT_S, XSS_NAME, all_text, app_as, scope_of

PRACTITIONER_A = (Role.PRACTITIONER, "PR-A")
LEAD_A = (Role.SERVICE_LEAD, "SVC-A")
LEAD_B = (Role.SERVICE_LEAD, "SVC-B")
COMMISSIONER = (Role.COMMISSIONER, "")
PEOPLE_NAMES = ("Ann Example", "Bob Otherperson", "Dora Daughter", "Ned Neighbour", XSS_NAME)


@pytest.mark.parametrize("viewer, allowed, refused", [
    (PRACTITIONER_A, ["person", "directory"], ["service", "area", "import_data", "audit_log"]),
    (LEAD_A, ["service", "person", "directory", "import_data", "audit_log"], ["area"]),
    (COMMISSIONER, ["area", "directory"], ["person", "service", "import_data", "audit_log"]),
])
def test_each_role_gets_its_pages_only(tiny_app: Neo4jStore, viewer, allowed, refused) -> None:
    at = app_as(tiny_app, *viewer)
    for page in allowed:
        at.switch_page(f"screens/{page}.py").run()
        assert not at.exception, (page, [e.message for e in at.exception])
        warnings = [w.value for w in at.warning]
        assert warnings == [DEMO_BANNER], page  # demo mode says the data is unprotected
    for page in refused:
        _refused(at, page)


def test_practitioner_picks_only_from_their_caseload(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person")
    picker = at.selectbox(key=state.SELECTED_PERSON)
    assert picker.options == ["Ann Example · C-1", f"{XSS_NAME} · C-2"]
    assert "Bob Otherperson" not in all_text(at)


def test_practitioner_cannot_open_a_client_outside_their_caseload(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-3")
    # nobody is shown (not C-1 instead), and the page says why (issue 15, point 8)
    assert at.selectbox(key=state.SELECTED_PERSON).value is None
    assert person_view.NOT_IN_CASELOAD in [w.value for w in at.warning]
    assert not at.subheader and "Ann Example · C-1" not in [m.value for m in at.markdown]
    text = all_text(at)
    assert "Bob Otherperson" not in text and "C-3" not in text
    outsider = scope_of(*PRACTITIONER_A)
    assert reads.person_data(tiny_app, outsider, "C-3") is None
    assert person_view.person_record(tiny_app, "tiny", outsider, "C-3") is None


def test_person_page_shows_the_network_and_its_figures(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1")
    assert at.subheader[0].value == "Ann Example"
    metrics = {metric.label: metric.value for metric in at.metric}
    # hours: daughter 4 + neighbour 1 + home care 10 + garden club 2 = 17; paid 10/17
    assert metrics["Paid share of support"] == "59%"
    assert metrics["Isolation"] in ("at risk", "not at risk")
    iframe_html = _map_html(at)
    assert "Dora Daughter" in iframe_html and '"dashes": true' in iframe_html
    text = all_text(at)
    assert "Ask for Pat" in text and "Seated tasks only" in text  # plan and mitigation
    assert "Riverside Garden Club" in text
    # the neighbour drives Ann to the garden club: losing him loses that connection
    assert "Ned Neighbour" in text


def test_what_if_names_what_is_lost(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1")
    control = at.selectbox(key=state.WHAT_IF_TIE)
    control.set_value("Ned Neighbour (family, friend or neighbour)").run()
    (lost,) = [frame for frame in at.dataframe if "What would be lost" in frame.value.columns]
    table = lost.value["What would be lost"]
    assert "Riverside Garden Club" in table["Ties lost"]
    assert "transport" in table["Functions left uncovered"]


def test_hostile_name_shows_literally(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-2")
    assert at.selectbox(key=state.SELECTED_PERSON).value == "C-2"
    heading = at.subheader[0].value
    assert heading == md_text(XSS_NAME) and "\\<img" in heading
    assert all(not element.proto.allow_html for element in at.markdown)
    html = _map_html(at)
    assert "<img" not in html and "\\u003cimg src=x onerror=alert(1)\\u003e" in html


def test_person_views_are_audited_once_per_view(tiny_app: Neo4jStore) -> None:
    lead = scope_of(*LEAD_A)
    before = len(audit_entries(tiny_app, lead))
    at = app_as(tiny_app, *PRACTITIONER_A, page="person", person="C-1")
    at.slider(key=state.AS_OF).set_value(date.today() - timedelta(days=20)).run()  # same view
    at.selectbox(key=state.SELECTED_PERSON).set_value("C-2").run()  # a new view
    entries = audit_entries(tiny_app, lead)
    assert len(entries) == before + 2
    newest = entries[:2]
    assert sorted((e["person_id"], e["action"], e["role"]) for e in newest) == [
        ("C-1", "view_person", "practitioner"), ("C-2", "view_person", "practitioner")]
    assert {e["actor"] for e in newest} == {"demo-practitioner-PR-A"}


def test_service_lead_sees_their_service_ranked_by_paid_share(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *LEAD_A, page="service")
    table = at.dataframe[0].value
    # C-2: home care only (paid share 1.0); C-1: 10 of 17 hours
    assert list(table["Id"]) == ["C-2", "C-1"]
    assert list(table["Over-reliant"]) == [True, False]
    assert "Bob Otherperson" not in all_text(at)
    other = app_as(tiny_app, *LEAD_B, page="service")
    assert list(other.dataframe[0].value["Id"]) == ["C-3"]


def test_service_lead_drills_down_to_a_person(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *LEAD_A, page="person", person="C-2")
    assert at.selectbox(key=state.SELECTED_PERSON).value == "C-2"
    refused = app_as(tiny_app, *LEAD_B, page="person", person="C-1")
    assert refused.selectbox(key=state.SELECTED_PERSON).value is None
    assert person_view.NOT_IN_CASELOAD in [w.value for w in refused.warning]


def test_commissioner_sees_no_person_level_data(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *COMMISSIONER, page="area")
    text = all_text(at)
    assert "Area coverage" in text
    for name in PEOPLE_NAMES:
        assert name not in text
    for person_id in ("C-1", "C-2", "C-3", "S-1", "S-2"):
        assert person_id not in text
    commissioner = scope_of(*COMMISSIONER)
    assert reads.clients_in_scope(tiny_app, commissioner).empty
    assert reads.person_data(tiny_app, commissioner, "C-1") is None
    assert reads.service_data(tiny_app, commissioner, "SVC-A") is None
    assert audit_entries(tiny_app, commissioner) == []


def test_area_counts_are_suppressed(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *COMMISSIONER, page="area")
    coverage = at.dataframe[0].value
    riverside = coverage[(coverage["Area"] == "Riverside") & (coverage["Category"] == "all")]
    assert list(riverside["Clients"]) == ["*"]  # two clients: a small number


def test_directory_lists_approved_assets_with_their_details(tiny_app: Neo4jStore) -> None:
    at = app_as(tiny_app, *PRACTITIONER_A, page="directory")
    table = at.dataframe[0].value
    assert list(table["Asset"]) == ["Riverside Garden Club"]
    assert table["Safeguarding notes"].iloc[0] == "Staff on site"
    assert table["Review"].iloc[0] == "in date"
    at.multiselect(key=state.DIRECTORY_ACCESS).set_value(["step_free"]).run()
    assert len(at.dataframe[0].value) == 1
    at.toggle(key=state.DIRECTORY_FREE_ONLY).set_value(True).run()
    assert len(at.dataframe[0].value) == 1


def test_audit_log_page_for_service_leads(tiny_app: Neo4jStore) -> None:
    app_as(tiny_app, *LEAD_A, page="person", person="C-1")
    at = app_as(tiny_app, *LEAD_A, page="audit_log")
    table = at.dataframe[0].value
    assert "opened a person's record" in set(table["Action"])
    assert set(table["Person"].dropna()) <= {"C-1", "C-2"}


def test_sign_in_page_without_demo_mode_reads_nothing(tiny_app: Neo4jStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSETMAP_DEMO")
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    assert not at.exception, [e.message for e in at.exception]
    text = all_text(at)
    assert "Sign-in is not configured" in text
    for name in PEOPLE_NAMES:
        assert name not in text


def _refused(at: AppTest, page: str) -> None:
    """A page the role is not offered either cannot be reached at all, or stops with
    the role check before reading anything."""
    try:
        at.switch_page(f"screens/{page}.py")
    except ValueError:
        return
    at.run()
    assert [w.value for w in at.warning] == ["This page is not available to you."], page


def _map_html(at: AppTest) -> str:
    """The HTML document the page handed to st.iframe."""
    frames = [node for node in _all(at.main) if getattr(node, "type", "") == "iframe"]
    assert frames, "the network map was not drawn"
    vis_js, vis_css = _vis_assets()
    return frames[0].proto.srcdoc.replace(vis_js, "").replace(vis_css, "")


def _all(node):  # type: ignore[no-untyped-def]
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _all(child)


#: Every vocabulary code that is not already a plain word ("personal_care", "step_free").
RAW_CODES = sorted(code.value for vocabulary in PLAIN_WORDS for code in vocabulary
                   if "_" in code.value) + ["view_person", "review_overdue", "missed_attendance"]


@pytest.mark.parametrize("viewer, pages", [
    (PRACTITIONER_A, ["person", "directory"]),
    (LEAD_A, ["service", "person", "directory", "audit_log"]),
    (COMMISSIONER, ["area", "directory"]),
])
def test_no_page_shows_a_raw_code(tiny_app: Neo4jStore, viewer, pages) -> None:
    at = app_as(tiny_app, *viewer, page="person", person="C-1") if "person" in pages else \
        app_as(tiny_app, *viewer)
    for page in pages:
        if page != "person":
            at.switch_page(f"screens/{page}.py").run()
        text = all_text(at)
        shown = [code for code in RAW_CODES if code in text]
        assert shown == [], page
