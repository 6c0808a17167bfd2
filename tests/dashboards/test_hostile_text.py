"""Issue 13.9: no value or id is ever rendered as Markdown or HTML.

The hand-written area again, with a Markdown and HTML payload in every free-text field
(names, relationships, plans, mitigations, notes, schedules, tags, interests, areas)
and in one client's and one supporter's id. Every page is run as every role that may
see it; wherever Streamlit would interpret Markdown (headings, captions, alerts,
widget labels, radio options, expanders, metrics) the payload may appear only escaped,
no element may allow HTML, and the map's document holds it only as escaped data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as tree

from dashboards.text import md_text
from graph.model import Role
from graph.neo4j_store import Neo4jStore

from ..conftest import SessionGraph
from .conftest import TINY_AREA, app_as, point_app_at
from .test_pages import _all, _map_html

#: Markdown emphasis, raw HTML and a link to a host outside the machine.
PAYLOAD = "<b>bold</b>**strong**[link](http://203.0.113.9/x)"
#: What must never reach a Markdown-rendering element unescaped.
RAW_FRAGMENTS = ("<b>bold</b>", "**strong**", "](http://203.0.113.9/x)", "C-**9**",
                 "](http://203.0.113.9/)")
#: Ids may hold no '>', ';' or '@' (import rule), but Markdown needs none of them.
HOSTILE_CLIENT = "C-**9**"
HOSTILE_SUPPORTER = "S-[x](http://203.0.113.9/)"
#: Free-text columns of each file that get the payload appended.
FREE_TEXT = {
    "services.csv": ("name",),
    "assets.csv": ("name", "schedule", "transport", "safeguarding_notes", "tags"),
    "people.csv": ("display_name", "interests", "area"),
    "ties.csv": ("relationship", "mitigations", "plan_contact", "plan_travel",
                 "plan_adjustments", "plan_exit"),
    "events.csv": ("notes",),
}
EXTRA_ROWS = {
    "people.csv": [{"person_id": HOSTILE_CLIENT, "client": "yes", "display_name": PAYLOAD,
                    "area": "Riverside", "service": "SVC-A", "practitioner": "PR-A",
                    "interests": PAYLOAD, "functions_needed": "shopping",
                    "age_band": "65-74"},
                   {"person_id": HOSTILE_SUPPORTER, "client": "no", "display_name": PAYLOAD}],
    "ties.csv": [{"person_id": HOSTILE_CLIENT, "to_id": HOSTILE_SUPPORTER, "to_type": "person",
                  "relationship": PAYLOAD, "kind": "natural", "functions": "shopping",
                  "contacts_per_month": "4", "since": "2024-01-01"}],
    "events.csv": [{"person_id": HOSTILE_CLIENT, "date": "2026-03-01", "kind": "contact",
                    "notes": PAYLOAD}],
}
#: Element types whose text Streamlit renders as Markdown.
MARKDOWN_ELEMENTS = (tree.Markdown, tree.Caption, tree.Title, tree.Header, tree.Subheader,
                     tree.Error, tree.Warning, tree.Info, tree.Success, tree.Toast,
                     tree.Metric, tree.Expander, tree.Tab)
LABELLED_WIDGETS = (tree.Button, tree.Checkbox, tree.Toggle, tree.Radio, tree.Selectbox,
                    tree.Multiselect, tree.TextInput, tree.TextArea, tree.FileUploader,
                    tree.DateInput, tree.NumberInput, tree.DownloadButton)


def hostile_files(folder: Path) -> Path:
    for name, text in TINY_AREA.items():
        rows = list(csv.DictReader(io.StringIO(text)))
        header = list(rows[0]) if rows else text.splitlines()[0].split(",")
        for row in rows:
            for column in FREE_TEXT.get(name, ()):
                if row.get(column):
                    row[column] = f"{row[column]} {PAYLOAD}"
        rows += [{column: extra.get(column, "") for column in header}
                 for extra in EXTRA_ROWS.get(name, [])]
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
    return folder


@pytest.fixture
def hostile_app(session_graph: SessionGraph, tmp_path_factory: pytest.TempPathFactory,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    store = session_graph.holding("hostile", hostile_files(tmp_path_factory.mktemp("hostile")))
    point_app_at(store, monkeypatch)
    yield store
    store.close()


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the run handed to Streamlit where Markdown would be interpreted."""
    texts: list[str] = []
    for node in (*_all(at.main), *_all(at.sidebar)):
        if isinstance(node, MARKDOWN_ELEMENTS):
            texts += [str(getattr(node, name)) for name in ("value", "label", "body")
                      if isinstance(getattr(node, name, None), str)]
        if isinstance(node, LABELLED_WIDGETS):
            texts += [str(node.label), str(getattr(node, "help", "") or "")]
        if isinstance(node, tree.Radio):
            texts += [str(option) for option in node.options]
    return texts


def assert_nothing_rendered(at: AppTest, where: str) -> list[str]:
    assert not at.exception, (where, [e.message for e in at.exception])
    texts = markdown_texts(at)
    for text in texts:
        for fragment in RAW_FRAGMENTS:
            assert fragment not in text, f"{where}: rendered as Markdown/HTML: {text!r}"
    assert all(not node.proto.allow_html for node in at.markdown), where
    return texts


VIEWS = [
    ((Role.PRACTITIONER, "PR-A"), "person", HOSTILE_CLIENT),
    ((Role.PRACTITIONER, "PR-A"), "person", "C-1"),
    ((Role.PRACTITIONER, "PR-A"), "directory", None),
    ((Role.SERVICE_LEAD, "SVC-A"), "service", None),
    ((Role.SERVICE_LEAD, "SVC-A"), "person", HOSTILE_CLIENT),
    ((Role.SERVICE_LEAD, "SVC-A"), "directory", None),
    ((Role.SERVICE_LEAD, "SVC-A"), "import_data", None),
    ((Role.SERVICE_LEAD, "SVC-A"), "audit_log", None),
    ((Role.COMMISSIONER, ""), "area", None),
    ((Role.COMMISSIONER, ""), "directory", None),
]


@pytest.mark.parametrize("viewer, page, person", VIEWS)
def test_every_page_shows_hostile_text_literally(hostile_app: Neo4jStore, viewer, page,
                                                 person) -> None:
    at = app_as(hostile_app, *viewer, page=page, person=person)
    assert_nothing_rendered(at, f"{page} as {viewer}")
    if page == "person":
        # The map draws labels and tooltips as text (vis-network takes a string title as
        # text): Markdown is inert there, HTML must be escaped data.
        html = _map_html(at)
        assert "<b>bold</b>" not in html and "\\u003cb\\u003ebold" in html


def test_the_payload_is_shown_not_dropped(hostile_app: Neo4jStore) -> None:
    """The checks above would pass on a page that showed nothing: the payload must be
    on the person page, escaped in the heading and literal in the ties table."""
    at = app_as(hostile_app, Role.PRACTITIONER, "PR-A", page="person", person=HOSTILE_CLIENT)
    texts = assert_nothing_rendered(at, "person")
    assert any(md_text(PAYLOAD) in text for text in texts)
    cells = {str(cell) for frame in at.dataframe for cell in frame.value.to_numpy().ravel()}
    assert any(PAYLOAD in cell for cell in cells)
