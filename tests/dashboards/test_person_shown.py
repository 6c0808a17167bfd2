"""Issue 15, point 2: the person page shows the person (interests, needs, access needs,
risks with the mitigations agreed, review history, attendance and measures over time),
on a small area written by hand: the tiny area plus attendance and a second measure."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from graph.model import Role
from graph.neo4j_store import Neo4jStore

from ..conftest import SessionGraph
from .conftest import TINY_AREA, all_text, app_as, point_app_at

PRACTITIONER_A = (Role.PRACTITIONER, "PR-A")
#: The figures are worked as of this day (the isolation series ends in its month).
TODAY = "2026-03-31"

#: C-1 (Ann Example) attends the garden club (A-1) in February and March and misses once
#: in February; she scores UCLA-3 7 in March. C-2 has no risks, reviews or measures.
SHOWN_AREA = {
    **TINY_AREA,
    "events.csv": TINY_AREA["events.csv"] + """C-1,2026-02-05,attended,A-1,
C-1,2026-02-12,missed,A-1,felt unwell
C-1,2026-03-05,attended,A-1,
""",
    "measures.csv": TINY_AREA["measures.csv"] + "C-1,2026-03-01,UCLA-3,7\n",
}


@pytest.fixture
def shown_app(session_graph: SessionGraph, tmp_path_factory: pytest.TempPathFactory,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    folder = tmp_path_factory.mktemp("shown_csv")
    for name, text in SHOWN_AREA.items():
        (folder / name).write_text(text)
    store = session_graph.holding("shown", folder)
    point_app_at(store, monkeypatch)
    monkeypatch.setenv("ASSETMAP_TODAY", TODAY)
    yield store
    store.close()


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page with this column."""
    (found,) = [frame.value for frame in at.dataframe if column in frame.value.columns]
    return found


def test_the_page_shows_interests_needs_and_access_needs(shown_app: Neo4jStore) -> None:
    at = app_as(shown_app, *PRACTITIONER_A, page="person", person="C-1")
    profile = [m.value for m in at.markdown if "Interests" in m.value]
    # people.csv: interests gardening, needs mobility, functions shopping;transport;emotional,
    # access step_free (each code in graph.model's plain words)
    assert profile == ["**Interests:** gardening  \n**Needs:** mobility  \n"
                       "**Support needed:** shopping, transport, emotional support  \n"
                       "**Access needs:** step\\-free access"]


def test_an_empty_profile_says_none_recorded(shown_app: Neo4jStore) -> None:
    at = app_as(shown_app, *PRACTITIONER_A, page="person", person="C-2")
    (profile,) = [m.value for m in at.markdown if "Interests" in m.value]
    # C-2: interests music, no needs, personal_care needed, no access needs
    assert "**Needs:** none recorded" in profile and "**Access needs:** none recorded" in profile
    assert "No reviews recorded." in all_text(at) and "No measures recorded." in all_text(at)


def test_risks_show_the_mitigations_agreed(shown_app: Neo4jStore) -> None:
    at = app_as(shown_app, *PRACTITIONER_A, page="person", person="C-1")
    risks = _table(at, "Mitigations agreed")
    # falls: recorded for Ann, and flagged on the garden club tie with "Seated tasks only"
    assert risks.to_dict("records") == [
        {"Risk": "falls", "Recorded on": "the person; Riverside Garden Club",
         "Mitigations agreed": "Seated tasks only (Riverside Garden Club)"}]


def test_review_history_attendance_and_measures_are_on_the_page(shown_app: Neo4jStore) -> None:
    at = app_as(shown_app, *PRACTITIONER_A, page="person", person="C-1")
    assert _reviews(at).to_dict("records") == [{"Date": "2026-01-10", "Notes": "annual review"}]
    events = _table(at, "Event")
    # newest first; the garden club by name, not its id A-1; the missed visit's note kept
    assert events.to_dict("records") == [
        {"Date": "2026-03-05", "Event": "attended", "With": "Riverside Garden Club", "Notes": ""},
        {"Date": "2026-02-12", "Event": "missed", "With": "Riverside Garden Club",
         "Notes": "felt unwell"},
        {"Date": "2026-02-05", "Event": "attended", "With": "Riverside Garden Club", "Notes": ""}]
    measures = _table(at, "Instrument")
    assert measures.to_dict("records") == [
        {"Date": "2026-03-01", "Instrument": "UCLA-3", "Score": "7"},
        {"Date": "2026-02-01", "Instrument": "LSNS-6", "Score": "10"}]
    months = _table(at, "Attended").set_index("Month")
    # February: one attended, one missed, LSNS-6 10 (below 12: at risk by the measures);
    # March: one attended, UCLA-3 7 (6 or more: lonely), LSNS-6 still in date
    assert months.loc["2026-02", ["Attended", "Missed", "LSNS-6", "UCLA-3", "At risk"]].tolist() \
        == ["1", "1", "10", "", "yes"]
    assert months.loc["2026-03", ["Attended", "Missed", "UCLA-3", "Decided by"]].tolist() \
        == ["1", "0", "7", "validated measures"]
    # a month before any measure shows a blank, never "None" or "nan"
    assert months.loc["2025-12", "LSNS-6"] == ""


def _reviews(at: AppTest) -> pd.DataFrame:
    (found,) = [frame.value for frame in at.dataframe
                if list(frame.value.columns) == ["Date", "Notes"]]
    return found
