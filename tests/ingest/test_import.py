"""Writing: templates import cleanly, a second import changes nothing, a corrected
file updates in place, a tie missing from a later export is ended, every run is logged."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from graph.store import GraphStore
from ingest.importer import import_paths

from ..conftest import harness_read
from .helpers import (
    ACTOR,
    AS_OF,
    TEMPLATES,
    copy_templates,
    import_runs,
    nodes_with,
    snapshot,
    ties,
)


def rewrite_cell(path: Path, key_column: str, key: str, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row[key_column] == key:
            row[column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def drop_rows(path: Path, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row[column] != value]
        header = list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def test_the_templates_import_cleanly(store: GraphStore) -> None:
    report = import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF)
    assert report.errors == []
    assert report.outcome == "written"
    assert report.counts == {"people": 2, "ties": 2, "knows": 2, "assets": 2, "services": 2,
                             "events": 2, "measures": 2}
    assert report.rows_read == report.rows_written == 14
    clients = nodes_with(store, "Client")
    assert clients["C-0001"]["interests"] == ["gardening", "music"]
    assert clients["C-0001"]["age_band"] == "85+"
    # The neighbour is tied to but not listed in people.csv: the tie created them.
    assert set(nodes_with(store, "Person")) == {"C-0001", "S-0001", "S-0002"}
    tie = ties(store)["C-0001>A-001@2025-04-01"]
    assert tie["status"] == "attending" and tie["enabled_by"] == ["S-0002"]
    assert tie["plan_travel"] == "Neighbour (S-0002) drives"
    assert "until" not in tie
    assert nodes_with(store, "Asset")["A-002"]["approved"] is False
    assert set(nodes_with(store, "Area")) == {"Riverside", "Hillcrest"}


def test_a_second_import_of_the_same_files_changes_nothing(store: GraphStore) -> None:
    import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF)
    before = snapshot(store)
    report = import_paths(store, [TEMPLATES], actor="someone.else", as_of="2027-01-01")
    assert report.outcome == "written" and report.errors == []
    # Another actor and as-of date, yet no property (not even updated_by) moved.
    assert snapshot(store) == before


def test_a_corrected_file_updates_in_place(store: GraphStore, tmp_path: Path) -> None:
    folder = copy_templates(tmp_path)
    import_paths(store, [folder], actor=ACTOR, as_of=AS_OF)
    created = nodes_with(store, "Client")["C-0001"]
    rewrite_cell(folder / "people.csv", "person_id", "C-0001", "area", "Hillcrest")
    rewrite_cell(folder / "people.csv", "person_id", "C-0001", "risks", "")
    rewrite_cell(folder / "ties.csv", "to_id", "S-0002", "strength", "2")
    rewrite_cell(folder / "measures.csv", "instrument", "LSNS-6", "score", "13")
    before = snapshot(store)
    report = import_paths(store, [folder], actor="corrector", as_of=AS_OF)
    assert report.errors == []
    client = nodes_with(store, "Client")["C-0001"]
    assert client["area"] == "Hillcrest"
    assert "risks" not in client  # a cleared cell clears the property
    assert client["created_by"] == created["created_by"] and client["updated_by"] == "corrector"
    assert ties(store)["C-0001>S-0002@2015-06-01"]["strength"] == 2
    scores = {m["instrument"]: m["score"] for m in nodes_with(store, "Measure").values()}
    assert scores == {"LSNS-6": 13, "UCLA-3": 7}
    areas = {(r["from_key"], r["to_key"]) for r in harness_read(store, "snapshot_relationships")
             if r["type"] == "IN_AREA"}
    assert ("C-0001", "Hillcrest") in areas and ("C-0001", "Riverside") not in areas
    after = snapshot(store)
    # Same number of nodes and relationships: updated in place, nothing duplicated.
    assert len(after["nodes"]) == len(before["nodes"])
    assert len(after["relationships"]) == len(before["relationships"])


def test_a_tie_missing_from_a_later_export_is_ended_not_deleted(
    store: GraphStore, tmp_path: Path
) -> None:
    folder = copy_templates(tmp_path)
    import_paths(store, [folder], actor=ACTOR, as_of=AS_OF)
    drop_rows(folder / "ties.csv", "to_id", "S-0002")
    # Not declared complete: a file that lists fewer ties ends nothing.
    partial = import_paths(store, [folder / "ties.csv"], actor="partial", as_of="2026-11-30")
    assert partial.ok and partial.ties_ended == []
    assert "until" not in ties(store)["C-0001>S-0002@2015-06-01"]
    # A dry run declared complete says what it would end, and changes nothing.
    before = snapshot(store)
    preview = import_paths(store, [folder / "ties.csv"], actor="preview", as_of="2026-11-30",
                           dry_run=True, complete_network=True)
    assert [(t["person_id"], t["to_id"]) for t in preview.ties_ended] == [("C-0001", "S-0002")]
    assert snapshot(store) == before
    report = import_paths(store, [folder / "ties.csv"], actor="later", as_of="2026-11-30",
                          complete_network=True)
    assert report.errors == []
    assert [t["tie_id"] for t in report.ties_ended] == ["C-0001>S-0002@2015-06-01"]
    ended = ties(store)["C-0001>S-0002@2015-06-01"]
    assert ended["until"] == "2026-11-30" and ended["updated_by"] == "later"
    assert "until" not in ties(store)["C-0001>A-001@2025-04-01"]
    # Importing the same export again leaves the ended tie as it is.
    before = snapshot(store)
    import_paths(store, [folder / "ties.csv"], actor="again", as_of="2026-12-31",
                 complete_network=True)
    assert snapshot(store) == before
    # An export that lists the tie again reopens it.
    import_paths(store, [TEMPLATES / "ties.csv"], actor="reopen", as_of="2027-01-31",
                 complete_network=True)
    assert "until" not in ties(store)["C-0001>S-0002@2015-06-01"]


def test_every_import_is_logged_with_checksums(store: GraphStore) -> None:
    report = import_paths(store, [TEMPLATES / "services.csv", TEMPLATES / "assets.csv"],
                          actor=ACTOR, as_of=AS_OF)
    (run,) = import_runs(store)
    assert run["id"] == report.run_id
    assert run["actor"] == ACTOR and run["outcome"] == "written" and run["dry_run"] is False
    assert run["files"] == ["services.csv", "assets.csv"]
    assert run["checksums"] == [
        hashlib.sha256((TEMPLATES / name).read_bytes()).hexdigest()
        for name in ("services.csv", "assets.csv")
    ]
    assert run["rows_read"] == run["rows_written"] == 4
    assert run["started_at"] <= run["finished_at"]


def test_a_dry_run_validates_and_logs_but_writes_nothing(store: GraphStore) -> None:
    before = snapshot(store)
    report = import_paths(store, [TEMPLATES], actor=ACTOR, dry_run=True, as_of=AS_OF)
    assert report.outcome == "validated" and report.ok and report.rows_written == 0
    assert snapshot(store) == before
    (run,) = import_runs(store)
    assert run["dry_run"] is True and run["outcome"] == "validated"


def test_a_later_file_may_refer_to_what_an_earlier_import_stored(
    store: GraphStore, tmp_path: Path
) -> None:
    import_paths(store, [TEMPLATES / name for name in ("people.csv", "services.csv",
                                                       "assets.csv")], actor=ACTOR, as_of=AS_OF)
    report = import_paths(store, [TEMPLATES / "ties.csv", TEMPLATES / "events.csv"],
                          actor=ACTOR, as_of=AS_OF)
    assert report.errors == []
    assert len(ties(store)) == 2


def test_a_bad_as_of_date_is_reported_not_raised(store: GraphStore) -> None:
    report = import_paths(store, [TEMPLATES], actor=ACTOR, as_of="31/10/2026")
    assert report.outcome == "rejected"
    assert report.errors == ["as_of: '31/10/2026' is not a date (YYYY-MM-DD)"]
    assert snapshot(store) == {"nodes": [], "relationships": []}


def test_the_run_log_keeps_bounded_problems(store: GraphStore, tmp_path: Path) -> None:
    """Issue 13: ImportRun kept rejected cell values in full (a 50 MB cell, on every try)."""
    from ingest.importer import LOGGED_ERROR_CHARS

    # A closed-list cell is echoed in its problem ("'kkk…' is not allowed").
    huge = "k" * 100_000
    path = tmp_path / "services.csv"
    path.write_text(f"service_id,name,kind,category,area\nSVC-1,Ok,{huge},,\n")
    report = import_paths(store, [path], actor=ACTOR, as_of=AS_OF)
    assert not report.ok
    (run,) = import_runs(store)
    assert run["errors"] and all(len(error) <= LOGGED_ERROR_CHARS for error in run["errors"])
    assert any("services.csv:2" in error for error in run["errors"])
