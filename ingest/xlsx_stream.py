"""Reading an XLSX sheet streaming, without losing what a formula cell holds.

openpyxl's read-only mode streams each sheet's XML, and with ``data_only`` it gives a
formula cell's cached value — the value the spreadsheet program last calculated and
saved. A file written by a program that does not calculate (a script, some exports)
has formulas with no cached value, and openpyxl gives those as blank cells: a client's
``service`` would silently vanish. ``sheet_rows`` streams the same XML with openpyxl's
own parser, but marks such a cell ``UNCACHED_FORMULA`` and an error value (``#DIV/0!``)
as a ``FormulaError``, so the reader can refuse them.

Before anything is opened, ``zip_problem`` bounds what the file unpacks to (a zip
bomb) and the shared-strings table, which openpyxl holds whole in memory.

This leans on openpyxl internals (``WorkSheetParser``, a read-only sheet's source and
shared strings), pinned by the openpyxl version in pyproject.toml and covered by
tests/ingest/test_strict.py.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from ingest.limits import ImportLimits, megabytes


class _UncachedFormula:
    """A formula cell saved without its value."""

    def __str__(self) -> str:
        return "(a formula with no saved value)"


UNCACHED_FORMULA = _UncachedFormula()


class FormulaError(str):
    """A cell holding a spreadsheet error value, e.g. ``#DIV/0!`` or ``#REF!``."""


class _FormulaAwareParser(WorkSheetParser):  # type: ignore[misc]
    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = UNCACHED_FORMULA
        elif cell["data_type"] == "e" and cell["value"] is not None:
            cell["value"] = FormulaError(cell["value"])
        return cell


def sheet_rows(workbook: Any, sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    """``(row number, cell values from column A)`` for each row a read-only sheet's XML
    holds, streaming; rows with no cells in the file are skipped."""
    with sheet._get_source() as source:
        parser = _FormulaAwareParser(
            source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            values: list[Any] = [None] * max((cell["column"] for cell in cells), default=0)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            yield number, values


def zip_problem(data: bytes, limits: ImportLimits) -> str:
    """Why an XLSX file is too big to open ('' if it is not): what it unpacks to, and
    its shared-strings table, read from the zip directory before anything is unpacked.
    (Python's zipfile never unpacks a member beyond the size its directory states.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return f"not a readable XLSX workbook ({exc})"
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_xlsx_unpacked_bytes:
        return (f"unpacks to {megabytes(unpacked)}; an XLSX may unpack to at most "
                f"{megabytes(limits.max_xlsx_unpacked_bytes)} — save it as CSV, or split it")
    strings = sum(member.file_size for member in members
                  if member.filename.lower().endswith("sharedstrings.xml"))
    if strings > limits.max_shared_strings_bytes:
        return (f"its shared-strings table is {megabytes(strings)}; at most "
                f"{megabytes(limits.max_shared_strings_bytes)} is read — save it as CSV, "
                "or split it")
    return ""
