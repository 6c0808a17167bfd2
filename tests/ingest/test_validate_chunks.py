"""Big tables are validated chunk by chunk (issue 16: the importing process's memory):
every issue still names its own line, good rows keep their order and their lines, and
repeated short cells are one string object. No store is needed: these are the reader's
and the validator's own guarantees."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.validate
from ingest.formats import read_file
from ingest.importer import validate_paths
from ingest.sources import Table
from ingest.streaming import hold_rows
from ingest.validate import validate_table

from .helpers import write_csv as write_rows


def write_csv(folder: Path, name: str, rows: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_rows(folder, name, rows, columns=list(rows[0]))


def _events(count: int, bad: set[int]) -> list[dict[str, str]]:
    """``count`` events of client C1; the rows in ``bad`` (0-based) have an impossible date."""
    return [{"person_id": "C1",
             "date": "2026-02-30" if index in bad else f"2026-03-{index % 28 + 1:02d}",
             "kind": "contact", "notes": f"call {index}"} for index in range(count)]


def read_table(path: Path) -> Table:
    """The file's one table with every row held (events and measures are streamed)."""
    return hold_rows(read_file(path).tables[0], [])


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 3 rows, so a table of 8 rows spans three chunks (rows 0-1, 2-4, 5-7:
    cut from the end)."""
    monkeypatch.setattr(ingest.validate, "VALIDATE_CHUNK", 3)


@pytest.mark.usefixtures("small_chunks")
def test_issues_name_their_own_lines_across_chunks(tmp_path: Path) -> None:
    # Bad rows 1 and 6 sit in different chunks. The header is line 1, so row k is on
    # line k + 2: row 1 -> line 3, row 6 -> line 8.
    path = write_csv(tmp_path, "events.csv", _events(8, bad={1, 6}))
    table = read_table(path)
    valid, issues = validate_table(table)
    assert [issue.location for issue in issues] == ["events.csv:3", "events.csv:8"]
    assert all(issue.column == "date" for issue in issues)
    # The six good rows in file order, each still at its own line.
    assert [row["notes"] for row in valid.rows] == [
        "call 0", "call 2", "call 3", "call 4", "call 5", "call 7"]
    assert [valid.location(position) for position in range(6)] == [
        "events.csv:2", "events.csv:4", "events.csv:5", "events.csv:6", "events.csv:7",
        "events.csv:9"]
    assert table.rows == []  # the raw rows were let go as they were validated


@pytest.mark.usefixtures("small_chunks")
def test_a_clean_table_in_chunks_equals_one_pass(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _events(8, bad=set())
    chunked, issues = validate_table(read_table(write_csv(tmp_path, "events.csv", rows)))
    assert issues == []
    monkeypatch.setattr(ingest.validate, "VALIDATE_CHUNK", 1_000)  # all in one call
    whole, _ = validate_table(read_table(tmp_path / "events.csv"))
    assert chunked.rows == whole.rows and list(chunked.indices) == list(range(8))


def test_repeated_short_cells_are_one_object(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "events.csv", _events(4, bad=set()))
    rows = read_table(path).rows
    # "C1" and "contact" repeat on every row: the reader keeps one string for each.
    assert len({id(row["person_id"]) for row in rows}) == 1
    assert len({id(row["kind"]) for row in rows}) == 1
    # Long cells (free text) are not kept in the shared table: each row has its own.
    long_rows = [{**row, "notes": "x" * 40} for row in _events(3, bad=set())]
    read = read_table(write_csv(tmp_path / "long", "events.csv", long_rows)).rows
    assert len({id(row["notes"]) for row in read}) == 3


@pytest.mark.usefixtures("small_chunks")
def test_a_repeat_with_other_values_names_the_first_line(tmp_path: Path) -> None:
    # The same client, date and instrument twice with different scores: the second is
    # refused, naming where the first was (line 2), found only when the issue is raised.
    path = write_csv(tmp_path, "measures.csv", [
        {"person_id": "C1", "date": "2026-03-01", "instrument": "lsns6", "score": "12"},
        {"person_id": "C2", "date": "2026-03-01", "instrument": "lsns6", "score": "10"},
        {"person_id": "C3", "date": "2026-03-01", "instrument": "lsns6", "score": "10"},
        {"person_id": "C4", "date": "2026-03-01", "instrument": "lsns6", "score": "10"},
        {"person_id": "C1", "date": "2026-03-01", "instrument": "lsns6", "score": "14"},
    ])
    errors = validate_paths([path]).errors
    assert any(error.startswith("measures.csv:6: score:") and "(first at measures.csv:2)" in error
               for error in errors), errors
