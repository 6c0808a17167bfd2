"""Reading never changes data silently (issue 13, point 6): each case below was read
as something else, or accepted, before ``ingest.strict`` and the strict readers.

Every expectation is worked by hand from the file the test writes: a CSV's line 1 is
its header, so the first data row is line 2; an XLSX row is the sheet's row number;
a JSON record is named by its index from 0.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from graph.model import RECORD_COLUMNS, RecordType
from graph.store import GraphStore
from ingest import records
from ingest.importer import import_paths, validate_paths
from ingest.limits import ImportLimits
from ingest.strict import ID_COLUMNS, ID_LIST_COLUMNS, LIST_COLUMNS, NUMBER_COLUMNS, YES_NO_COLUMNS

from .helpers import ACTOR, AS_OF, shared_strings_book, snapshot

SERVICES = "service_id,name,kind,category,area\n"
TIE_COLUMNS = RECORD_COLUMNS[RecordType.TIES]
TIES = ",".join(TIE_COLUMNS) + "\n"
PEOPLE = ",".join(RECORD_COLUMNS[RecordType.PEOPLE]) + "\n"


def tie(person: str, to: str, **cells: str) -> str:
    """One ties CSV line: a natural tie to a person, with ``cells`` filled in."""
    values = {"person_id": person, "to_id": to, "to_type": "person", "kind": "natural", **cells}
    return ",".join(values.get(column, "") for column in TIE_COLUMNS) + "\n"


def person(person_id: str) -> str:
    """One people CSV line: a client with nothing but an id."""
    return person_id + "," * (len(RECORD_COLUMNS[RecordType.PEOPLE]) - 1) + "\n"


def errors_of(folder: Path, name: str, text: str | bytes, **kwargs: Any) -> list[str]:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return validate_paths([path], **kwargs).errors


# -- CSV: cells per row, quotes, line numbers ---------------------------------------------


def test_an_unclosed_quote_is_an_error_at_the_line_it_opens(tmp_path: Path) -> None:
    # Line 3 opens a quote that never closes: lines 4 and 5 would have become part of
    # SVC-2's name. The error names line 3 (where it opened) and line 5 (where it ended).
    text = (SERVICES + "SVC-1,Team,paid,,\n" + 'SVC-2,"Agency,paid,,\n'
            + "SVC-3,Home,paid,,\n" + "SVC-4,Care,paid,,\n")
    assert errors_of(tmp_path, "services.csv", text) == [
        "services.csv:3: a quoted cell starting on this line is not closed properly (read to "
        "line 5): is a quote missing or doubled? (unexpected end of data)"]


def test_a_quote_closed_inside_a_later_cell_is_an_error(tmp_path: Path) -> None:
    # The quote opened on line 3 closes at line 5's '"Care"' followed by more text:
    # a lenient reader made one cell of lines 3-5.
    text = (SERVICES + "SVC-1,Team,paid,,\n" + 'SVC-2,"Agency,paid,,\n'
            + "SVC-3,Home,paid,,\n" + 'SVC-4,"Care",paid,,\n')
    (error,) = errors_of(tmp_path, "services.csv", text)
    assert error.startswith("services.csv:3: a quoted cell starting on this line is not "
                            "closed properly (read to line 5)")


def test_rows_swallowed_whole_by_a_quote_are_an_error(tmp_path: Path) -> None:
    # The quote on line 3 closes exactly at the end of a cell on line 5, so the record
    # has the header's 5 cells (SVC-2, the name, paid, '', ''); but its name cell holds
    # line 4, 'SVC-3,Home,paid,,' — 4 commas, one for every column after the first
    # (5 - 1 = 4): a row of its own.
    text = (SERVICES + "SVC-1,Team,paid,,\n" + 'SVC-2,"Agency\n' + "SVC-3,Home,paid,,\n"
            + 'SVC-4,Care",paid,,\n')
    assert errors_of(tmp_path, "services.csv", text) == [
        "services.csv:3: name: a quoted cell runs over lines that look like rows of their "
        "own: is a closing quote missing?"]


def test_a_row_with_too_few_or_too_many_cells_is_an_error(tmp_path: Path) -> None:
    # The header has 5 columns. Line 3 has 3 cells (its category and area were lost);
    # line 4 has 6 (a trailing comma: which column moved?). Lines 5 and 6 hold no
    # data (blank; spaces and commas only): skipped, whatever their width.
    text = (SERVICES + "SVC-1,Team,paid,,\n" + "SVC-2,Agency,paid\n"
            + "SVC-3,Home,paid,,North,\n" + "\n" + " , ,\n" + "SVC-4,Care,paid,,\n")
    assert errors_of(tmp_path, "services.csv", text) == [
        "services.csv:3: 3 cells but the header has 5 columns",
        "services.csv:4: 6 cells but the header has 5 columns",
    ]


def test_line_numbers_stay_right_after_multi_line_cells(tmp_path: Path) -> None:
    # Line 2 holds a name over three lines (2, 3, 4): legitimate, and accepted. The
    # next row therefore starts on line 5, and its bad kind is reported there (row
    # counting said line 3).
    text = (SERVICES + 'SVC-1,"Team\nNorth office\nfloor 2",paid,,\n'
            + "SVC-2,Agency,private,,\n")
    assert errors_of(tmp_path, "services.csv", text) == [
        "services.csv:5: kind: 'private' is not allowed: expected 'professional' or 'paid'; "
        "add to [vocabulary.service_kind]: private = \"<one of our terms>\""]


# -- encodings -------------------------------------------------------------------------------


def test_a_latin1_file_gets_one_error_naming_its_first_bad_line(tmp_path: Path) -> None:
    # Lines 2 and 3 hold 'Café' in latin-1 (é is the byte 0xE9): one error, at line 2.
    text = SERVICES + "SVC-1,Café,paid,,\n" + "SVC-2,Café Two,paid,,\n"
    assert errors_of(tmp_path, "services.csv", text.encode("latin-1")) == [
        "services.csv:2: not UTF-8 (byte 0xE9; latin-1 or Windows-1252?) — save the file "
        "as UTF-8"]


def test_a_utf16_file_gets_one_error(tmp_path: Path) -> None:
    # UTF-16 puts a NUL beside every ASCII letter: before, each line was refused for a
    # NUL character, one error per row.
    text = SERVICES + "SVC-1,Team,paid,,\n" + "SVC-2,Agency,paid,,\n"
    expected = ["services.csv:1: UTF-16 text, not UTF-8 — save the file as UTF-8"]
    assert errors_of(tmp_path, "services.csv", text.encode("utf-16")) == expected
    assert errors_of(tmp_path, "services.csv", text.encode("utf-16-le")) == expected


def test_utf8_with_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    text = SERVICES + "SVC-1,Café,paid,,\n"
    assert errors_of(tmp_path, "services.csv", text.encode("utf-8-sig")) == []


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "reason"), [
    # Python's float() reads each of these as a number ('1_0' as 10, '1e3' as 1000,
    # '١٢' — Arabic-Indic digits — as 12) and pydantic took '1_0' as 10: refused here.
    *((text, f"{text!r} is not a plain decimal number (digits, an optional '-' and '.')")
      for text in ("1_0", "1e3", "+4", ".5", "4.", "١٢")),
    # No number at all: the row model's own refusal.
    ("0x10", "'0x10' is not a whole number"),
    ("4 4", "'4 4' is not a whole number"),
])
def test_numbers_other_than_plain_decimals_are_refused(
        tmp_path: Path, written: str, reason: str) -> None:
    text = TIES + tie("C1", "S1", strength=written)
    errors = errors_of(tmp_path, "ties.csv", text)
    assert errors[0] == f"ties.csv:2: strength: {reason}"


def test_plain_decimals_are_read_and_cells_are_trimmed(tmp_path: Path) -> None:
    # ' 4 ' is trimmed like every cell (docs: "leading and trailing spaces are trimmed")
    # and read as 4; -0.5 hours is a plain decimal, refused by the range (0-168) instead.
    (tmp_path / "people.csv").write_text(PEOPLE + person("C1"))
    (tmp_path / "ties.csv").write_text(TIES + tie("C1", "S1", hours_per_week="2.5",
                                                  strength=" 4 ")
                                       + tie("C1", "S2", hours_per_week="-0.5"))
    assert validate_paths([tmp_path]).errors == [
        "ties.csv:3: hours_per_week: -0.5 is below the lowest allowed value, 0.0"]


# -- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "shown", "reason"), [
    ("C-0001\u200b", "'C-0001\\u200b'", "holds a zero-width character (U+200B)"),
    ("C-\u20600001", "'C-\\u20600001'", "holds a zero-width character (U+2060)"),
    ("C-0001\ufeff", "'C-0001\\ufeff'", "holds a zero-width character (U+FEFF)"),
    ("\u202eC-0001", "'\\u202eC-0001'", "holds a bidirectional mark (U+202E)"),
    ("C-0001\u200e", "'C-0001\\u200e'", "holds a bidirectional mark (U+200E)"),
    ("C-00\u206601", "'C-00\\u206601'", "holds a bidirectional mark (U+2066)"),
    ("C-00\x0701", "'C-00\\x0701'", "holds a control character (U+0007)"),
    ("C-\u00a00001", "'C-\\xa00001'", "holds a space other than the plain space (U+00A0)"),
    # A Cyrillic capital Es (U+0421) and a Greek capital Omicron (U+039F): look-alikes.
    ("\u0421-0001", "'С-0001'", "is written in Cyrillic letters that look Latin: type it "
                                "in Latin letters"),
    ("\u0421VC-1", "'СVC-1'", "mixes Cyrillic and Latin letters (look-alikes?)"),
    ("C-\u039fne", "'C-Οne'", "mixes Greek and Latin letters (look-alikes?)"),
])
def test_ids_that_do_not_look_like_what_they_are_are_refused(
    tmp_path: Path, written: str, shown: str, reason: str
) -> None:
    text = SERVICES + f"{written},Team,paid,,\n"
    assert errors_of(tmp_path, "services.csv", text) == [
        f"services.csv:2: service_id: {shown} {reason}"]


def test_a_newline_inside_an_id_is_refused(tmp_path: Path) -> None:
    # A quoted id over lines 2-3: 'C-00\n01' would look like C-0001 on one line.
    text = SERVICES + '"SVC-\n1",Team,paid,,\n'
    assert errors_of(tmp_path, "services.csv", text) == [
        "services.csv:2: service_id: 'SVC-\\n1' holds a control character (U+000A)"]


def test_ids_are_nfc_normalised(tmp_path: Path) -> None:
    # 'Zoë-1' typed as Z o e + U+0308 (combining diaeresis) in people and as one
    # character U+00EB in ties: the same id once normalised, so the tie finds its client.
    (tmp_path / "people.csv").write_text(PEOPLE + person("Zoe\u0308-1"), encoding="utf-8")
    (tmp_path / "ties.csv").write_text(TIES + tie("Zo\u00eb-1", "S1"), encoding="utf-8")
    assert validate_paths([tmp_path]).errors == []
    # Greek or Cyrillic ids alone are fine: the refusal is of mixing them with Latin.
    assert errors_of(tmp_path, "services.csv", SERVICES + "Σ-1,Team,paid,,\n") == []


# -- JSON -------------------------------------------------------------------------------------


def test_json_keys_given_twice_are_errors(tmp_path: Path) -> None:
    # Record 0 names kind twice (natural, then paid: Python kept paid); the file's
    # object names services twice (Python kept the second list).
    tie = '{"person_id": "C1", "to_id": "S1", "to_type": "person", "kind": "natural", ' \
          '"kind": "paid"}'
    text = f'{{"ties": [{tie}], "services": [], "services": []}}'
    errors = errors_of(tmp_path, "network.json", text)
    assert errors[:2] == [
        "network.json: services: appears twice in the file's object: which one is meant?",
        "network.json:ties[0]: kind: appears twice in this record: which value is meant?",
    ]


def test_json_booleans_and_numbers_are_not_ids(tmp_path: Path) -> None:
    # true became the id 'yes' and 12 the id '12'; a bool in a yes/no column and a
    # number in a number column stay welcome (trusted, strength).
    text = json.dumps([{"person_id": True, "to_id": 12, "to_type": "person",
                        "kind": "natural", "trusted": True, "strength": 4,
                        "relationship": False}])
    errors = errors_of(tmp_path, "ties.json", text)
    assert errors[:3] == [
        "ties.json:[0]: person_id: true/false where an id or text is expected: write it in "
        "quotes",
        "ties.json:[0]: to_id: a number where an id or text is expected: write it in quotes",
        "ties.json:[0]: relationship: true/false where an id or text is expected: write it "
        "in quotes",
    ]


@pytest.mark.parametrize(("text", "reason"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply to read"),
    ('[{"person_id": "C1", "score": ' + "9" * 5000 + "}]", "a number has more than 4,300 "
                                                          "digits"),
    ('[{"person_id": "C1", "score": NaN}]', "NaN is not a JSON number"),
])
def test_hostile_json_gets_a_clean_error(tmp_path: Path, text: str, reason: str) -> None:
    # Before: a RecursionError or ValueError traceback, or NaN read as a number.
    assert errors_of(tmp_path, "measures.json", text) == [
        f"measures.json: not valid JSON ({reason})"]


# -- XLSX -------------------------------------------------------------------------------------


def _services_book(path: Path, *cells: tuple[str, Any]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "services"
    sheet.append(["service_id", "name", "kind", "category", "area"])
    sheet.append(["SVC-1", "Team", "paid", None, None])
    for coordinate, value in cells:
        sheet[coordinate] = value
    workbook.save(path)
    return path


def test_xlsx_formulas_without_a_saved_value_are_errors(tmp_path: Path) -> None:
    # openpyxl saves a formula with no cached value (as any script would): the cell
    # read as blank, so SVC-1's area vanished. '#N/A' is saved as an error value.
    path = _services_book(tmp_path / "directory.xlsx", ("E2", '=UPPER("north")'),
                          ("D2", "#N/A"))
    assert validate_paths([path]).errors == [
        "directory.xlsx[services]:2: category: a formula error (#N/A)",
        "directory.xlsx[services]:2: area: a formula with no saved value: open the file in a "
        "spreadsheet program and save it (or paste the values) so the value is stored",
    ]


def test_xlsx_true_false_is_not_an_id(tmp_path: Path) -> None:
    path = _services_book(tmp_path / "directory.xlsx", ("A2", True))
    assert validate_paths([path]).errors[0] == (
        "directory.xlsx[services]:2: service_id: TRUE/FALSE where an id or text is expected")


def test_an_xlsx_shared_strings_table_over_the_bound_is_refused_unopened(
        tmp_path: Path) -> None:
    # 70,000 entries: 10,000 like '<si><t>SVC-0001</t></si>' (24 bytes) and 60,000
    # like '<si><t>SVC-10000</t></si>' (25 bytes), in the table's own element (111
    # bytes): 240,000 + 1,500,000 + 111 = 1,740,111 bytes = 1.66 MiB, over a 1 MiB
    # bound, in a file of under 250 kB: refused from the zip directory alone.
    path = shared_strings_book(tmp_path / "directory.xlsx", entries=70_000)
    assert path.stat().st_size < 250_000
    limits = ImportLimits(max_shared_strings_mb=1)
    assert validate_paths([path], limits=limits).errors == [
        "directory.xlsx: its shared-strings table is 1.7 MiB; at most 1.0 MiB is read — "
        "save it as CSV, or split it"]
    unpacked = ImportLimits(max_xlsx_unpacked_mb=1)
    (error,) = validate_paths([path], limits=unpacked).errors
    # The table plus the workbook's other parts (about 16 kB): still 1.7 MiB.
    assert error.startswith("directory.xlsx: unpacks to 1.7 MiB; an XLSX may unpack to at "
                            "most 1.0 MiB")
    # Under the bounds the same workbook reads: its one row names string 1, 'SVC-0001'.
    assert validate_paths([path]).errors == []


# -- limits -----------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # 1 MiB = 1,048,576 bytes; the file is that plus the header's 36 bytes.
    path = tmp_path / "services.csv"
    path.write_text(SERVICES + "#" * (1024 * 1024))
    limits = ImportLimits(max_file_mb=1)
    assert validate_paths([path], limits=limits).errors == [
        "services.csv: 1.0 MiB: a file may be at most 1.0 MiB — split it"]


def test_a_cell_over_the_size_limit_is_refused_without_echoing_it(tmp_path: Path) -> None:
    # A 101-character name against a 100-character bound; the value is left out of
    # the error (and the run log), only its length is said.
    limits = ImportLimits(max_cell_chars=100)
    text = SERVICES + f"SVC-1,{'n' * 101},paid,,\n"
    assert errors_of(tmp_path, "services.csv", text, limits=limits) == [
        "services.csv:2: name: 101 characters: a cell may hold at most 100",
        "services.csv:2: name: required",
    ]


def test_the_default_limits_are_the_documented_ones() -> None:
    limits = ImportLimits()
    assert (limits.max_file_mb, limits.max_cell_chars, limits.max_xlsx_unpacked_mb,
            limits.max_shared_strings_mb) == (256, 10_000, 1024, 32)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "import-format.md").read_text()
    for stated in ("256 MiB", "10,000 characters", "1,024 MiB", "32 MiB"):
        assert stated in docs


def test_an_import_with_a_parse_error_writes_nothing(store: GraphStore, tmp_path: Path) -> None:
    # Two good services and one row swallowed by a quote: none of the three is written.
    (tmp_path / "services.csv").write_text(
        SERVICES + "SVC-1,Team,paid,,\n" + "SVC-2,Agency,paid,,\n" + 'SVC-3,"Home,paid,,\n')
    before = snapshot(store)
    report = import_paths(store, [tmp_path], actor=ACTOR, as_of=AS_OF)
    assert not report.ok and report.rows_written == 0
    assert report.errors[0].startswith("services.csv:4: a quoted cell")
    assert snapshot(store) == before


# -- the column kinds the checks rely on --------------------------------------------------------


def _columns_of(kind: Any) -> set[str]:
    found = set()
    for model in records.ROW_MODELS.values():
        for column, hint in typing.get_type_hints(model, include_extras=True).items():
            if typing.get_origin(hint) is typing.NotRequired:
                (hint,) = typing.get_args(hint)
            if hint == kind:
                found.add(column)
    return found


def test_the_column_kinds_match_the_row_models() -> None:
    kinds = {
        "ids": (records.Identifier,), "id lists": (records.IdList,),
        "yes/no": (records.YesNo,),
        "numbers": (records.Hours, records.PerMonth, records.Strength, records.Score),
        "lists": (records.IdList, records.TagList, records.Functions, records.Risks,
                  records.AccessFeatures, records.Controls),
    }
    from_models = {name: set().union(*(_columns_of(kind) for kind in group))
                   for name, group in kinds.items()}
    assert from_models == {"ids": ID_COLUMNS, "id lists": ID_LIST_COLUMNS,
                           "yes/no": YES_NO_COLUMNS, "numbers": NUMBER_COLUMNS,
                           "lists": LIST_COLUMNS}
