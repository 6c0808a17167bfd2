"""CSV, XLSX and JSON readers: files in, tables of raw string rows out.

A reader does not judge values; it finds each table's record type, matches
column names to the model (case, spaces, underscores and hyphens ignored),
reports unknown, missing and repeated columns, and yields every non-blank data
row as a dict of stripped non-empty strings with the location it came from:

* CSV: ``people.csv:7`` — the row starting on line 7 (the header is line 1; a quoted
  cell may run over lines, so this is the line, not the row count); a cell that
  export escaped against formula injection (``'=...``) is read back unescaped;
* XLSX: ``book.xlsx[ties]:7`` — row 7 of sheet ``ties``;
* JSON: ``data.json:[6]`` (a list of records) or ``data.json:ties[6]`` (an
  object of lists keyed by record type) — the record's index.

Nothing is read as something it is not (``ingest.strict``): a CSV row of the wrong
width or with a quote left open, a file that is not UTF-8, an XLSX formula saved
without its value, a JSON key given twice or a JSON value of the wrong kind for its
column is an issue, never a guess.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.model import RecordType
from ingest.cells import ESCAPE, unescape_formula
from ingest.limits import ImportLimits, megabytes
from ingest.records import (
    canonical_columns,
    column_key,
    record_type_named,
    record_type_of_header,
    required_columns,
)
from ingest.sources import FileChanged, FileRead, Issue, Table
from ingest.strict import (
    YES_NO_COLUMNS,
    check_table,
    encoding_problem,
    json_cell,
    load_json,
    number_text,
    repeated_keys,
)

#: ``.toml`` is a mapping file of an interop format (``ingest.formats``).
SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".json", ".toml")
#: Cells this short (ids, dates, codes) repeat across rows: one string object per value.
SHARED_CELL_LENGTH = 24
TYPE_NAMES = ", ".join(record_type.value for record_type in RecordType)
#: Record types a CSV file of is streamed rather than held (``ingest.streaming``): most
#: of an area's rows (events and measures are 83 % of the 100,000-client area's) and
#: nothing refers to them, so only their keys and the ids they name need keeping.
STREAMED_TYPES = frozenset({RecordType.EVENTS, RecordType.MEASURES})
#: Rows per chunk of a streamed file: read, checked, validated and written together.
STREAM_CHUNK = 50_000
#: Bytes hashed at a time when a streamed file is checked unchanged.
HASH_BLOCK = 1 << 20


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


def read_bytes(path: Path, limits: ImportLimits | None = None) -> tuple[FileRead, bytes | None]:
    """The file's bytes (None, with the issue recorded, if they cannot be used): a
    supported suffix, no bigger than ``limits.max_file_bytes`` (checked before reading),
    readable, and — but for XLSX — UTF-8 text with no NUL character."""
    limits = limits or ImportLimits()
    result = FileRead(path=path, name=path.name)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        result.issues.append(Issue(result.name, "", "not a .csv, .xlsx or .json file"))
        return result, None
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            result.issues.append(Issue(result.name, "", f"{megabytes(size)}: a file may be at "
                                       f"most {megabytes(limits.max_file_bytes)} — split it"))
            return result, None
        data = path.read_bytes()
    except OSError as exc:
        result.issues.append(Issue(result.name, "", f"cannot read the file: {exc.strerror}"))
        return result, None
    result.sha256 = hashlib.sha256(data).hexdigest()
    if suffix == ".xlsx":
        return result, data
    problem = encoding_problem(data)  # one error for the file, not one per row
    if problem is not None:
        result.issues.append(Issue(f"{result.name}:{problem[0]}", "", problem[1]))
        return result, None
    if _nul_lines(data, result, json_escapes=suffix == ".json"):
        return result, None
    return result, data


def read_plain(data: bytes, result: FileRead, limits: ImportLimits | None = None) -> None:
    """Read a CSV, XLSX or JSON file of assetmap records into ``result``."""
    readers = {".csv": _read_csv, ".xlsx": _read_xlsx, ".json": _read_json}
    readers[result.path.suffix.lower()](data, result, limits or ImportLimits())


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


def _read_csv(data: bytes, result: FileRead, limits: ImportLimits) -> None:
    records = _csv_reader(data)
    try:
        header = next(records, None)
    except csv.Error as exc:
        result.issues.append(Issue(f"{result.name}:1", "", _unreadable(exc, 1, records.line_num)))
        return
    if header is None:
        result.issues.append(Issue(result.name, "", "the file is empty"))
        return
    record_type = _type_for(Path(result.name).stem, header)
    if record_type is None:
        result.issues.append(_untyped(f"{result.name}:1"))
        return
    names = _match_header(header, record_type, f"{result.name}:1", result.issues)
    table = Table(result.name, record_type, location_format=f"{result.name}:{{}}")
    if record_type in STREAMED_TYPES:
        table.stream = CsvStream(result.path, result.sha256, names, table, limits)
    else:
        for line, row in _csv_rows(records, names, table.location_format, result.issues, {}):
            table.rows.append(row)
            table.positions.append(line)
    result.tables.append(table)


class CsvStream:
    """A CSV file's rows read again, in chunks of ``STREAM_CHUNK`` rows, from bytes
    whose SHA-256 must be the one first read (else ``FileChanged``, before any row)."""

    def __init__(self, path: Path, sha256: str, names: list[str | None], table: Table,
                 limits: ImportLimits) -> None:
        self.path, self.sha256, self.names, self.limits = path, sha256, names, limits
        self.source, self.record_type = table.source, table.record_type
        self.location_format = table.location_format

    def chunks(self, issues: list[Issue]) -> Iterator[Table]:
        """Each chunk a table of its own, checked as ``read_file`` checks a table;
        problems reading or checking its rows go to ``issues``."""
        records = _csv_reader(self.unchanged_bytes())
        next(records)  # the header, matched when the file was first read
        shared: dict[str, str] = {}
        chunk = self._table()
        for line, row in _csv_rows(records, self.names, self.location_format, issues, shared):
            chunk.rows.append(row)
            chunk.positions.append(line)
            if len(chunk.positions) == STREAM_CHUNK:
                check_table(chunk, self.limits, issues)
                yield chunk
                chunk = self._table()
                shared.clear()  # a chunk's cells are let go with it
        if chunk.positions:
            check_table(chunk, self.limits, issues)
            yield chunk

    def check_unchanged(self) -> None:
        """Raise ``FileChanged`` if the file's SHA-256 is not the one first read (read
        in blocks: nothing of it is held)."""
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as handle:
                while block := handle.read(HASH_BLOCK):
                    digest.update(block)
        except OSError as exc:
            raise self._unreadable(exc) from exc
        if digest.hexdigest() != self.sha256:
            raise self._changed()

    def unchanged_bytes(self) -> bytes:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise self._unreadable(exc) from exc
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise self._changed()
        return data

    def _unreadable(self, exc: OSError) -> FileChanged:
        return FileChanged(self.path.name, f"cannot read the file again ({exc.strerror}): "
                                           "import it again")

    def _changed(self) -> FileChanged:
        return FileChanged(self.path.name, "the file changed while it was being imported (its "
                                           "SHA-256 is not the one validated): nothing more "
                                           "is written; import it again")

    def _table(self) -> Table:
        return Table(self.source, self.record_type, location_format=self.location_format)


def _csv_reader(data: bytes) -> Any:
    """CSV records of ``data`` (``read_bytes`` has checked it is UTF-8), decoded as they
    are read. Strict: a quote that is never closed, or closed in the middle of a cell,
    is an error rather than a cell that swallows the rows after it."""
    return csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""),
                      strict=True)


def _csv_rows(records: Any, names: list[str | None], location_format: str,
              issues: list[Issue], shared: dict[str, str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Every data row with the line it starts on: a quoted cell may run over several
    lines, so the reader's line count, not the row count, says where a row is.
    ``shared``: one string object per distinct short cell."""
    width = len(names)
    start = records.line_num + 1
    while True:
        try:
            record = next(records, None)
        except csv.Error as exc:
            issues.append(Issue(location_format.format(start), "",
                                _unreadable(exc, start, records.line_num)))
            return
        if record is None:
            return
        line, start = start, records.line_num + 1
        if not any(cell.strip() for cell in record):
            continue  # a blank line, or one of blank cells only: no data to lose
        if len(record) != width:
            issues.append(Issue(location_format.format(line), "",
                                f"{len(record)} cells but the header has {width} columns"))
            continue
        if start - line > 1 and (swallowed := _swallowed_cell(record, width)) >= 0:
            issues.append(Issue(location_format.format(line),
                                names[swallowed] or f"column {swallowed + 1}",
                                "a quoted cell runs over lines that look like rows of their "
                                "own: is a closing quote missing?"))
            continue
        # Only a cell starting with the escape mark can need unescaping: checking that
        # here rather than calling for every cell halves the reading time of a big file.
        row = {name: unescape_formula(text) if text[0] == ESCAPE
               else shared.setdefault(text, text) if len(text) <= SHARED_CELL_LENGTH else text
               for name, cell in zip(names, record, strict=True)
               if name is not None and (text := cell.strip())}
        if row:
            yield line, row


def _unreadable(exc: csv.Error, start: int, end: int) -> str:
    if start < end or "end of data" in str(exc):
        return (f"a quoted cell starting on this line is not closed properly (read to "
                f"line {end}): is a quote missing or doubled? ({exc})")
    return f"unreadable CSV: {exc}"


def _swallowed_cell(record: list[str], width: int) -> int:
    """The index of a multi-line cell holding a line as wide as a row (-1 if none):
    rows swallowed by an unclosed quote. A cell of text with line breaks rarely holds
    a line with a comma for every column of a file of three or more columns."""
    if width < 3:
        return -1
    for index, cell in enumerate(record):
        if ("\n" in cell or "\r" in cell) and any(
                part.count(",") >= width - 1 for part in cell.splitlines()[1:]):
            return index
    return -1


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


def _read_xlsx(data: bytes, result: FileRead, limits: ImportLimits) -> None:
    from openpyxl import load_workbook

    from ingest.xlsx_stream import zip_problem

    problem = zip_problem(data, limits)  # before openpyxl unpacks anything
    if problem:
        result.issues.append(Issue(result.name, "", problem))
        return
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        result.issues.append(Issue(result.name, "", f"not a readable XLSX workbook ({exc})"))
        return
    try:
        sheets = workbook.worksheets
        for sheet in sheets:
            _read_sheet(workbook, sheet, result, only_sheet=len(sheets) == 1)
    finally:
        workbook.close()


def _read_sheet(workbook: Any, sheet: Any, result: FileRead, *, only_sheet: bool) -> None:
    from ingest.xlsx_stream import sheet_rows

    prefix = f"{result.name}[{sheet.title}]"
    rows = sheet_rows(workbook, sheet)
    header_row, header = 0, []
    for number, values in rows:
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
    for number, values in rows:
        row: dict[str, str] = {}
        for name, value in zip(names, values, strict=False):
            if name is None or value is None:
                continue
            text, reason = _sheet_cell(name, value)
            if reason:
                result.issues.append(Issue(table.location_format.format(number), name, reason))
            elif text:
                row[name] = text
        if row:
            table.rows.append(row)
            table.positions.append(number)
    result.tables.append(table)


def _sheet_cell(column: str, value: Any) -> tuple[str, str]:
    """A sheet cell as the text of ``column``, or ``("", reason)`` if it is refused: a
    formula saved without its value, an error value, TRUE/FALSE outside yes/no columns.
    Number cells are welcome anywhere (an id column typed as numbers is common)."""
    from ingest.xlsx_stream import UNCACHED_FORMULA, FormulaError

    if value is UNCACHED_FORMULA:
        return "", ("a formula with no saved value: open the file in a spreadsheet program "
                    "and save it (or paste the values) so the value is stored")
    if isinstance(value, FormulaError):
        return "", f"a formula error ({value})"
    if isinstance(value, bool) and column not in YES_NO_COLUMNS:
        return "", "TRUE/FALSE where an id or text is expected"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value), ""
    return _cell_text(value), ""


# -- JSON ---------------------------------------------------------------------


def _read_json(data: bytes, result: FileRead, limits: ImportLimits) -> None:
    del limits  # cells are bounded by ``strict.check_table`` after reading
    try:
        document = load_json(data.decode("utf-8-sig"))
    except ValueError as exc:  # JSONDecodeError, deep nesting, a number too long
        result.issues.append(Issue(result.name, "", f"not valid JSON ({exc})"))
        return
    for key in repeated_keys(document):
        result.issues.append(Issue(result.name, key, "appears twice in the file's object: "
                                                     "which one is meant?"))
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
        for key in repeated_keys(record):
            result.issues.append(Issue(location, key, "appears twice in this record: which "
                                                      "value is meant?"))
        row: dict[str, str] = {}
        for key, value in record.items():
            name = known.get(column_key(str(key)))
            if name is None:
                result.issues.append(Issue(location, str(key), f"unknown column for {record_type}"))
                continue
            text, reason = json_cell(name, value)
            if text is None:
                result.issues.append(Issue(location, name, reason))
            elif text:
                row[name] = text
        if row:
            table.rows.append(row)
            table.positions.append(index)
    result.tables.append(table)
