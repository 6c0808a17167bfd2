"""CSV, XLSX and JSON readers: files in, tables of raw string rows out.

A reader does not judge values; it finds each table's record type, matches
column names to the model (case, spaces, underscores and hyphens ignored),
reports unknown, missing and repeated columns, and yields every non-blank data
row as a dict of stripped non-empty strings with the location it came from:

* CSV: ``people.csv:7`` — line 7, i.e. data row 6 (the header is line 1); a cell
  that export escaped against formula injection (``'=...``) is read back unescaped;
* XLSX: ``book.xlsx[ties]:7`` — row 7 of sheet ``ties``;
* JSON: ``data.json:[6]`` (a list of records) or ``data.json:ties[6]`` (an
  object of lists keyed by record type) — the record's index.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.model import RecordType
from ingest.cells import ESCAPE, unescape_formula
from ingest.records import (
    LIST_SEPARATOR,
    canonical_columns,
    column_key,
    record_type_named,
    record_type_of_header,
    required_columns,
)
from ingest.sources import FileRead, Issue, Table

#: ``.toml`` is a mapping file of an interop format (``ingest.formats``).
SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".json", ".toml")
TYPE_NAMES = ", ".join(record_type.value for record_type in RecordType)


def expand_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[Issue]]:
    """Files named directly, plus the supported files inside named folders (sorted)."""
    files: list[Path] = []
    issues: list[Issue] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    child for child in path.iterdir()
                    if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES
                    and not child.name.startswith((".", "~$"))
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            issues.append(Issue(str(path), "", "no such file or folder"))
    return files, issues


def read_bytes(path: Path) -> tuple[FileRead, bytes | None]:
    """The file's bytes (None, with the issue recorded, if they cannot be used): a
    supported suffix, readable, and no NUL character."""
    result = FileRead(path=path, name=path.name)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        result.issues.append(Issue(result.name, "", "not a .csv, .xlsx or .json file"))
        return result, None
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.issues.append(Issue(result.name, "", f"cannot read the file: {exc.strerror}"))
        return result, None
    result.sha256 = hashlib.sha256(data).hexdigest()
    if suffix != ".xlsx" and _nul_lines(data, result, json_escapes=suffix == ".json"):
        return result, None
    return result, data


def read_plain(data: bytes, result: FileRead) -> None:
    """Read a CSV, XLSX or JSON file of assetmap records into ``result``."""
    readers = {".csv": _read_csv, ".xlsx": _read_xlsx, ".json": _read_json}
    readers[result.path.suffix.lower()](data, result)


def _nul_lines(data: bytes, result: FileRead, *, json_escapes: bool) -> bool:
    """Report every line holding a NUL character (raw, or in JSON escaped as \\u0000):
    the store keeps text as C strings, where a NUL would cut a value short."""
    marks = (b"\x00", b"\\u0000") if json_escapes else (b"\x00",)
    if not any(mark in data for mark in marks):  # one fast scan for the usual case
        return False
    for line, text in enumerate(data.split(b"\n"), start=1):
        if any(mark in text for mark in marks):
            result.issues.append(Issue(f"{result.name}:{line}", "",
                                       "contains a NUL character (is this a text file?)"))
    return True


# -- headers ------------------------------------------------------------------


def _match_header(
    cells: list[str], record_type: RecordType, header_location: str, issues: list[Issue]
) -> list[str | None]:
    """Canonical column name per header cell (None: ignored); problems go to ``issues``."""
    known = canonical_columns(record_type)
    names: list[str | None] = []
    seen: set[str] = set()
    for cell in cells:
        label = cell.strip()
        if not label:
            names.append(None)  # an unnamed column, e.g. a spreadsheet's trailing blanks
            continue
        name = known.get(column_key(label))
        if name is None:
            issues.append(Issue(header_location, label, f"unknown column for {record_type}"))
        elif name in seen:
            issues.append(Issue(header_location, label, f"column {name} appears twice"))
            name = None
        else:
            seen.add(name)
        names.append(name)
    for required in required_columns(record_type):
        if required not in seen:
            issues.append(Issue(header_location, required, "missing column"))
    return names


def _type_for(stem: str, header: list[str]) -> RecordType | None:
    return record_type_named(stem) or record_type_of_header(header)


def _untyped(location: str) -> Issue:
    return Issue(location, "", f"cannot tell the record type: name it after one of "
                               f"{TYPE_NAMES}, or give it that type's columns")


# -- CSV ----------------------------------------------------------------------


def _read_csv(data: bytes, result: FileRead) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.issues.append(Issue(result.name, "", f"not UTF-8 text (byte {exc.start})"))
        return
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(records, None)
        if header is None:
            result.issues.append(Issue(result.name, "", "the file is empty"))
            return
        record_type = _type_for(Path(result.name).stem, header)
        if record_type is None:
            result.issues.append(_untyped(f"{result.name}:1"))
            return
        names = _match_header(header, record_type, f"{result.name}:1", result.issues)
        table = Table(result.name, record_type, location_format=f"{result.name}:{{}}")
        _collect_csv_rows(records, names, table, result.issues)
    except csv.Error as exc:
        result.issues.append(Issue(f"{result.name}:{records.line_num}", "", f"unreadable CSV: {exc}"))
        return
    result.tables.append(table)


def _collect_csv_rows(
    records: Iterable[list[str]], names: list[str | None], table: Table, issues: list[Issue]
) -> None:
    width = len(names)
    rows, positions = table.rows, table.positions
    # The header is line 1, so data row N (counting blank rows) is line N + 1.
    for line, record in enumerate(records, start=2):
        # Only a cell starting with the escape mark can need unescaping: checking that
        # here rather than calling for every cell halves the reading time of a big file.
        row = {name: unescape_formula(text) if text[0] == ESCAPE else text
               for name, cell in zip(names, record, strict=False)
               if name is not None and (text := cell.strip())}
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            issues.append(Issue(table.location_format.format(line), "",
                                f"{len(record)} cells but the header has {width} columns"))
        if row:
            rows.append(row)
            positions.append(line)


# -- XLSX ---------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        has_time = (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0)
        return value.isoformat() if has_time else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes, result: FileRead) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        result.issues.append(Issue(result.name, "", f"not a readable XLSX workbook ({exc})"))
        return
    try:
        sheets = workbook.worksheets
        for sheet in sheets:
            _read_sheet(sheet, result, only_sheet=len(sheets) == 1)
    finally:
        workbook.close()


def _read_sheet(sheet: Any, result: FileRead, *, only_sheet: bool) -> None:
    prefix = f"{result.name}[{sheet.title}]"
    rows = sheet.iter_rows(values_only=True)
    header_row, header = 0, []
    for number, values in enumerate(rows, start=1):
        header = [_cell_text(value) for value in values]
        if any(header):
            header_row = number
            break
    if not header_row:
        return  # an empty sheet: nothing to import and nothing wrong
    record_type = record_type_named(sheet.title)
    if record_type is None and only_sheet:
        record_type = _type_for(Path(result.name).stem, header)
    if record_type is None:
        result.issues.append(_untyped(f"{prefix}:{header_row}"))
        return
    names = _match_header(header, record_type, f"{prefix}:{header_row}", result.issues)
    table = Table(prefix, record_type, location_format=f"{prefix}:{{}}")
    for number, values in enumerate(rows, start=header_row + 1):
        row = {name: text for name, value in zip(names, values, strict=False)
               if name is not None and (text := _cell_text(value))}
        if row:
            table.rows.append(row)
            table.positions.append(number)
    result.tables.append(table)


# -- JSON ---------------------------------------------------------------------


def _json_text(value: Any) -> str | None:
    """A JSON value as cell text; None if it cannot be one (an object, a nested list)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)):
        return _cell_text(value)
    if isinstance(value, list) and all(
        isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
    ):
        return LIST_SEPARATOR.join(_cell_text(item) for item in value)
    return None


def _read_json(data: bytes, result: FileRead) -> None:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.issues.append(Issue(result.name, "", f"not valid JSON ({exc})"))
        return
    if isinstance(document, list):
        record_type = record_type_named(Path(result.name).stem)
        if record_type is None:
            result.issues.append(_untyped(result.name))
            return
        _json_table(document, record_type, f"{result.name}:", result)
    elif isinstance(document, dict):
        for key, records in document.items():
            record_type = record_type_named(str(key))
            if record_type is None or not isinstance(records, list):
                result.issues.append(Issue(f"{result.name}:{key}", "",
                                           f"expected a list of {TYPE_NAMES} records"))
                continue
            _json_table(records, record_type, f"{result.name}:{key}", result)
    else:
        result.issues.append(Issue(result.name, "", "expected a list of records, or an object "
                                                    "of lists keyed by record type"))


def _json_table(records: list[Any], record_type: RecordType, prefix: str, result: FileRead) -> None:
    known = canonical_columns(record_type)
    table = Table(prefix, record_type, location_format=f"{prefix}[{{}}]")
    for index, record in enumerate(records):
        location = table.location_format.format(index)
        if not isinstance(record, dict):
            result.issues.append(Issue(location, "", "a record must be a JSON object"))
            continue
        row: dict[str, str] = {}
        for key, value in record.items():
            name = known.get(column_key(str(key)))
            text = _json_text(value)
            if name is None:
                result.issues.append(Issue(location, str(key), f"unknown column for {record_type}"))
            elif text is None:
                result.issues.append(Issue(location, name, "must be text, a number, true/false "
                                                           "or a list of those"))
            elif text:
                row[name] = text
        if row:
            table.rows.append(row)
            table.positions.append(index)
    result.tables.append(table)
