"""Events and measures CSV files are streamed (issue 16.1): validated chunk by chunk
keeping only their keys, then read again to be written. What must hold: an error in any
chunk writes nothing and names its line as before; a file changed between validation
and the write is refused (before anything is written, or, if it changes during the
write, with nothing more written); exact repeats across chunks are written once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ingest.readers
from graph.model import RecordType
from graph.store import GraphStore
from ingest.importer import import_paths, validate_paths

from .helpers import ACTOR, AS_OF, copy_templates, import_runs, nodes_with, snapshot, write_csv

#: Rows per chunk in these tests: eight events span three chunks.
CHUNK = 3


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.readers, "STREAM_CHUNK", CHUNK)


def events(count: int, **last: str) -> list[dict[str, str]]:
    """``count`` events of the templates' client; the last row's cells overridden."""
    rows = [{"person_id": "C-0001", "date": f"2026-03-{index + 1:02d}", "kind": "attended",
             "other_id": "A-001", "notes": f"visit {index}"} for index in range(count)]
    rows[-1].update(last)
    return rows


def area_with_events(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    """The templates with ``rows`` as events.csv (the header is line 1: row k on line k+2)."""
    folder = copy_templates(tmp_path)
    write_csv(folder, "events.csv", rows, columns=list(rows[0]))
    return folder


def test_the_events_rows_are_not_held_after_validation(tmp_path: Path) -> None:
    report = validate_paths([area_with_events(tmp_path, events(8))])
    assert report.ok, report.errors
    assert report.plan is not None
    keyed = report.plan.records[RecordType.EVENTS]
    assert keyed.rows == [] and report.counts["events"] == 8  # counted, not kept
    assert [summary.rows for summary in report.files if summary.name == "events.csv"] == [8]


@pytest.mark.parametrize(("last", "error"), [
    ({"date": "2026-02-30"}, "events.csv:9: date: '2026-02-30' is not a real date"),
    ({"person_id": "C-0404"}, "events.csv:9: person_id: unknown person 'C-0404'"),
], ids=["bad cell", "unknown person"])
def test_a_bad_row_in_the_last_chunk_writes_nothing(store: GraphStore, tmp_path: Path,
                                                    last: dict[str, str], error: str) -> None:
    folder = area_with_events(tmp_path, events(8, **last))
    report = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF)
    assert report.outcome == "rejected"
    assert report.errors == [error]
    assert snapshot(store) == {"nodes": [], "relationships": []}


def test_a_measure_given_again_in_the_last_chunk_names_the_first(store: GraphStore,
                                                                 tmp_path: Path) -> None:
    folder = copy_templates(tmp_path)
    rows = [{"person_id": "C-0001", "date": f"2026-03-{day:02d}", "instrument": "LSNS-6",
             "score": "11"} for day in range(1, 8)]
    rows.append({**rows[1], "score": "12"})  # line 3 again, other score, on line 9
    write_csv(folder, "measures.csv", rows, columns=list(rows[0]))
    report = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF)
    assert report.outcome == "rejected"
    assert len(report.errors) == 1 and report.errors[0].startswith("measures.csv:9: score: ")
    assert report.errors[0].endswith("appears again with different values "
                                     "(first at measures.csv:3)")
    assert snapshot(store) == {"nodes": [], "relationships": []}


def test_exact_repeats_across_chunks_are_written_once(store: GraphStore,
                                                      tmp_path: Path) -> None:
    rows = events(5)
    folder = area_with_events(tmp_path, [*rows, rows[0], rows[4], rows[1]])
    report = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF)
    assert report.outcome == "written", report.errors
    assert report.rows_read == 20 and report.counts["events"] == 5
    assert len(nodes_with(store, "Event")) == 5
    again = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF)
    assert again.outcome == "written" and again.counts == report.counts


def test_a_file_changed_after_validation_is_refused_before_any_write(
        store: GraphStore, tmp_path: Path) -> None:
    folder = area_with_events(tmp_path, events(8))
    events_file = folder / "events.csv"

    def edit_once_validated(step: str, done: int, total: int) -> None:
        if step == "validate ties.csv":  # the last file validated: events.csv is done
            events_file.write_text(events_file.read_text().replace("visit 7", "visit 8"))

    report = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF,
                          on_progress=edit_once_validated)
    assert report.outcome == "rejected"
    assert report.errors == ["events.csv: the file changed while it was being imported (its "
                             "SHA-256 is not the one validated): nothing more is written; "
                             "import it again"]
    assert snapshot(store) == {"nodes": [], "relationships": []}
    assert import_runs(store)[0]["outcome"] == "rejected"


def test_a_file_changed_during_the_write_writes_nothing_more(store: GraphStore,
                                                             tmp_path: Path) -> None:
    folder = area_with_events(tmp_path, events(8))
    events_file = folder / "events.csv"

    def edit_while_writing(step: str, done: int, total: int) -> None:
        if step == "upsert_knows":  # after the check before writing, before the events
            events_file.write_text(events_file.read_text().replace("visit 7", "visit 8"))

    report = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF,
                          on_progress=edit_while_writing)
    assert report.outcome == "failed"
    assert report.errors == ["write failed: events.csv: the file changed while it was being "
                             "imported (its SHA-256 is not the one validated): nothing more "
                             "is written; import it again"]
    assert nodes_with(store, "Event") == {} and nodes_with(store, "Measure") == {}
    assert set(nodes_with(store, "Client")) == {"C-0001"}  # written before the change


def test_a_file_changed_before_its_changes_are_listed_is_refused(
        store: GraphStore, tmp_path: Path) -> None:
    folder = area_with_events(tmp_path, events(8))
    events_file = folder / "events.csv"

    def edit_once_validated(step: str, done: int, total: int) -> None:
        if step == "validate ties.csv":
            events_file.write_text(events_file.read_text().replace("visit 7", "visit 8"))

    report = import_paths(store, [folder], actor=ACTOR, as_of=AS_OF, dry_run=True,
                          list_changes=True, on_progress=edit_once_validated)
    assert report.outcome == "rejected" and report.changes == []
    assert report.errors == ["events.csv: the file changed while it was being imported (its "
                             "SHA-256 is not the one validated): nothing more is written; "
                             "import it again"]
