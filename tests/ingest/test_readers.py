"""XLSX and JSON readers: the same rows as CSV, with locations that name the sheet row
or the record index."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from graph.model import RECORD_COLUMNS, RecordType
from graph.store import GraphStore
from ingest.importer import import_paths, validate_paths

from ..conftest import SessionGraph
from .helpers import ACTOR, AS_OF, TEMPLATES, nodes_with, snapshot, ties


def csv_rows(name: str) -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader((TEMPLATES / name).read_text().splitlines()))
    return header, rows


def test_a_workbook_with_a_sheet_per_type_imports_like_the_csv_templates(
    store: GraphStore, session_graph: SessionGraph, tmp_path: Path
) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for record_type in RecordType:
        sheet = workbook.create_sheet(record_type.value.capitalize())
        header, rows = csv_rows(f"{record_type.value}.csv")
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    workbook["Measures"]["D2"] = 11  # a number cell
    workbook["Events"]["B2"] = datetime(2026, 5, 5)  # a date cell
    workbook.save(tmp_path / "network.xlsx")
    report = import_paths(store, [tmp_path / "network.xlsx"], actor=ACTOR, as_of=AS_OF)
    assert report.errors == []
    from_workbook = snapshot(store)
    session_graph.empty()
    import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF)
    # The same graph as from the CSV templates, but for the timestamps.
    assert _without_stamps(from_workbook) == _without_stamps(snapshot(store))


def _without_stamps(shot: dict[str, list[str]]) -> dict[str, list[str]]:
    def clean(line: str) -> str:
        row = json.loads(line)
        for key in ("created_at", "updated_at"):
            row["properties"].pop(key, None)
        return json.dumps(row, sort_keys=True)

    return {kind: sorted(clean(line) for line in lines) for kind, lines in shot.items()}


def test_workbook_errors_name_the_sheet_row(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "services"
    sheet.append([])  # a blank first row: the header is on row 2
    sheet.append(list(RECORD_COLUMNS[RecordType.SERVICES]))
    sheet.append(["SVC-1", "Team", "professional"])
    sheet.append(["SVC-2", "Agency", "private"])
    notes = workbook.create_sheet("Notes")
    notes.append(["anything"])
    workbook.save(tmp_path / "directory.xlsx")
    report = validate_paths([tmp_path / "directory.xlsx"])
    assert report.errors == [
        "directory.xlsx[Notes]:1: cannot tell the record type: name it after one of people, "
        "ties, knows, assets, services, events, measures, or give it that type's columns",
        "directory.xlsx[services]:4: kind: 'private' is not allowed: expected "
        "'professional' or 'paid'; "
        'add to [vocabulary.service_kind]: private = "<one of our terms>"',
    ]


def test_json_lists_and_objects_of_lists(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "services.json").write_text(json.dumps([
        {"service_id": "SVC-1", "name": "Team", "kind": "professional"},
    ]))
    (tmp_path / "network.json").write_text(json.dumps({
        "people": [{"Person ID": "C1", "client": True, "interests": ["Music", "walking"],
                    "service": "SVC-1"}],
        "ties": [{"person_id": "C1", "to_id": "S1", "to_type": "person", "kind": "natural",
                  "strength": 4, "hours_per_week": 2.5, "trusted": False, "until": None}],
    }))
    report = import_paths(store, [tmp_path], actor=ACTOR, as_of=AS_OF)
    assert report.errors == []
    client = nodes_with(store, "Client")["C1"]
    assert client["interests"] == ["music", "walking"] and client["service"] == "SVC-1"
    (tie,) = ties(store).values()
    assert (tie["strength"], tie["hours_per_week"], tie["trusted"]) == (4, 2.5, False)


def test_json_errors_name_the_record_index(tmp_path: Path) -> None:
    (tmp_path / "measures.json").write_text(json.dumps([
        {"person_id": "C1", "date": "2026-01-01", "instrument": "LSNS-6", "score": 10},
        {"person_id": "C1", "date": "2026-01-01", "instrument": "LSNS-7", "score": 10,
         "colour": "red"},
        "not an object",
        {"person_id": {"nested": 1}, "date": "2026-01-01", "instrument": "LSNS-6", "score": 1},
    ]))
    (tmp_path / "bad.json").write_text("{not json")
    report = validate_paths([tmp_path / "measures.json", tmp_path / "bad.json"])
    assert report.errors == [
        "measures.json:[1]: colour: unknown column for measures",
        "measures.json:[2]: a record must be a JSON object",
        "measures.json:[3]: person_id: must be text, a number, true/false or a list of those",
        "bad.json: not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
        "measures.json:[1]: instrument: 'LSNS-7' is not allowed: did you mean 'LSNS-6'? "
        'add to [vocabulary.instrument]: LSNS-7 = "LSNS-6"',
        "measures.json:[3]: person_id: required",
        "measures.json:[0]: person_id: unknown person 'C1'",
    ]


def test_nul_characters_are_refused_by_line(store: GraphStore, tmp_path: Path) -> None:
    # The store keeps text as C strings: a NUL would cut a name short, or (as hypothesis
    # found) break the import log's own write. Both forms are refused, line by line.
    (tmp_path / "services.csv").write_text(
        "service_id,name,kind,category,area\nSVC-1,Good,paid,home_care,North\n"
        "SVC-2,Bad\x00name,paid,home_care,North\n")
    (tmp_path / "measures.json").write_text(
        '[{"person_id": "C1",\n "notes": "a\\u0000b"}]')
    before = snapshot(store)
    report = import_paths(store, [tmp_path], actor=ACTOR, as_of=AS_OF)
    assert report.errors == [
        "measures.json:2: contains a NUL character (is this a text file?)",
        "services.csv:3: contains a NUL character (is this a text file?)",
    ]
    assert snapshot(store) == before
