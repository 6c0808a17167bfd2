"""Issue 15.3 and 15.7 on the import: a ties row that moves a stored community
connection to introduced (or attending) while a required introduction-plan item is
empty is refused with file, line, column and reason, and nothing is written — the same
rule as the workbench's form. History never held in the store (a first import, the
demo) and rows the store already holds at that status are not judged again.

Default required items (``ingest.rules.DEFAULT_REQUIRED_PLAN_ITEMS``): plan_contact,
plan_introduction, plan_travel, plan_exit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jStore
from ingest.importer import import_paths

from .helpers import ACTOR, AS_OF, ties

SEED = {
    "services.csv": "service_id,name,kind,category,area\n"
                    "SVC-A,Riverside Team,professional,social_work,Riverside\n",
    "assets.csv": "asset_id,name,category,area,tags,accessibility,cost,schedule,transport,"
                  "safeguarding,safeguarding_notes,approved,last_reviewed,review_due\n"
                  "A-1,Garden Club,green_space,Riverside,gardening,,free,,,,,yes,,\n",
    "people.csv": "person_id,client,display_name,area,service,practitioner,needs,interests,"
                  "access_needs,risks,functions_needed,age_band\n"
                  "C-1,yes,Ann,Riverside,SVC-A,PR-A,,gardening,,,,75-84\n",
}
HEADER = ("person_id,to_id,to_type,relationship,kind,functions,hours_per_week,"
          "contacts_per_month,strength,quality,trusted,since,until,status,enabled_by,"
          "risk_flags,mitigations,plan_contact,plan_introduction,plan_travel,plan_exit\n")
PROPOSED = "C-1,A-1,asset,member,community,social,,,,,,2026-03-01,,proposed,,,,,,,\n"
INTRODUCED_NO_PLAN = "C-1,A-1,asset,member,community,social,,,,,,2026-03-01,,introduced,,,,,,,\n"
INTRODUCED_PLAN = ("C-1,A-1,asset,member,community,social,,,,,,2026-03-01,,introduced,,,,"
                   "Pat rings her,Meets Pat first,Community bus,Rings the connector\n")


def folder_of(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text)
    return folder


def a1_statuses(store: Neo4jStore) -> list[tuple[str, str]]:
    return sorted((str(t["since"]), str(t.get("status"))) for key, t in ties(store).items()
                  if key.startswith("C-1>A-1@"))


@pytest.fixture
def proposed(store: Neo4jStore, tmp_path: Path) -> Neo4jStore:
    """C-1 with the garden club proposed on 2026-03-01 (no plan yet)."""
    seed = folder_of(tmp_path, "seed", {**SEED, "ties.csv": HEADER + PROPOSED})
    assert import_paths(store, [seed], actor=ACTOR, as_of=AS_OF).ok
    return store


def test_a_file_moving_a_connection_to_introduced_needs_its_plan(
        proposed: Neo4jStore, tmp_path: Path) -> None:
    # The same tie (C-1>A-1@2026-03-01), stored proposed, now introduced with every
    # plan cell blank: refused at ties.csv line 2 (the first data row), column status.
    bare = folder_of(tmp_path, "bare", {"ties.csv": HEADER + INTRODUCED_NO_PLAN})
    report = import_paths(proposed, [bare], actor=ACTOR, as_of=AS_OF)
    assert report.outcome == "rejected" and report.rows_written == 0
    assert report.errors == [
        "ties.csv:2: status: cannot move to introduced while these are empty: "
        "plan_contact, plan_introduction, plan_travel, plan_exit"]
    assert a1_statuses(proposed) == [("2026-03-01", "proposed")]  # nothing written
    # An organisation requiring nothing ([workbench] required_plan_items = []) lets it by.
    assert import_paths(proposed, [bare], actor=ACTOR, as_of=AS_OF, dry_run=True,
                        required_plan_items=()).ok
    # With the four items filled in, it moves.
    planned = folder_of(tmp_path, "planned", {"ties.csv": HEADER + INTRODUCED_PLAN})
    assert import_paths(proposed, [planned], actor=ACTOR, as_of=AS_OF).ok
    assert a1_statuses(proposed) == [("2026-03-01", "introduced")]


def test_a_stage_as_a_new_row_is_a_move_too(proposed: Neo4jStore, tmp_path: Path) -> None:
    # One row per stage (as the demo writes them): proposed ends 2026-03-20 and a new
    # tie C-1>A-1@2026-03-20 is attending, no plan. The latest stored tie to A-1 before
    # it is proposed: a move, refused at line 3 (the second data row).
    stages = (HEADER + PROPOSED.replace(",2026-03-01,,", ",2026-03-01,2026-03-20,")
              + "C-1,A-1,asset,member,community,social,,,,,,2026-03-20,,attending,,,,,,,\n")
    report = import_paths(proposed, [folder_of(tmp_path, "stages", {"ties.csv": stages})],
                          actor=ACTOR, as_of=AS_OF)
    assert report.errors == [
        "ties.csv:3: status: cannot move to attending while these are empty: "
        "plan_contact, plan_introduction, plan_travel, plan_exit"]


def test_history_never_held_and_rows_held_already_are_not_judged(
        store: Neo4jStore, tmp_path: Path) -> None:
    # A first import of a connection already introduced (recorded after the fact, no
    # plan columns at all): nothing stored to move from, so it imports; importing the
    # same file again changes nothing and is not judged again.
    history = folder_of(tmp_path, "history", {**SEED, "ties.csv": HEADER + INTRODUCED_NO_PLAN})
    assert import_paths(store, [history], actor=ACTOR, as_of=AS_OF).ok
    again = import_paths(store, [history], actor=ACTOR, as_of=AS_OF)
    assert again.ok and again.errors == []
    assert a1_statuses(store) == [("2026-03-01", "introduced")]
