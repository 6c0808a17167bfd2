"""Shared helpers for the ingest tests: write small files, read the whole graph back."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

from graph.model import RECORD_COLUMNS, RecordType
from graph.store import GraphStore

from ..conftest import harness_read

TEMPLATES = Path(__file__).resolve().parents[2] / "ingest" / "templates"
ACTOR = "test-suite"
AS_OF = "2026-10-31"


def write_csv(folder: Path, name: str, rows: list[dict[str, Any]],
              columns: list[str] | None = None) -> Path:
    """A CSV named ``name`` with ``columns`` (default: the record type's minimum columns)."""
    record_type = RecordType(name.split(".")[0].split("_")[0])
    header = columns or list(RECORD_COLUMNS[record_type])
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in header})
    return path


def copy_templates(folder: Path) -> Path:
    """The shipped templates, copied so a test may edit them."""
    target = folder / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def snapshot(store: GraphStore, *, with_runs: bool = False) -> dict[str, list[str]]:
    """Every node and relationship with all its properties, as sorted JSON lines.

    ImportRun nodes are left out unless asked for: each import adds one by design.
    """
    nodes = [
        json.dumps(row, sort_keys=True)
        for row in harness_read(store, "snapshot_nodes")
        if with_runs or "ImportRun" not in row["labels"]
    ]
    relationships = [json.dumps(row, sort_keys=True)
                     for row in harness_read(store, "snapshot_relationships")]
    return {"nodes": sorted(nodes), "relationships": sorted(relationships)}


def import_runs(store: GraphStore) -> list[dict[str, Any]]:
    return harness_read(store, "import_runs", {"limit": 100})


def nodes_with(store: GraphStore, label: str) -> dict[str, dict[str, Any]]:
    """Properties of every node carrying ``label``, by id (or code)."""
    return {
        row["properties"].get("id", row["properties"].get("code")): row["properties"]
        for row in harness_read(store, "snapshot_nodes") if label in row["labels"]
    }


def ties(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Properties of every TIE, by tie id."""
    return {row["properties"]["id"]: row["properties"]
            for row in harness_read(store, "snapshot_relationships") if row["type"] == "TIE"}


def shared_strings_book(path: Path, *, entries: int) -> Path:
    """A services workbook whose sheet names its cells from a shared-strings table of
    ``entries`` strings (``SVC-0000``, ``SVC-0001``, ...): openpyxl itself writes
    inline strings, so the table is added to the zip by hand."""
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "services"
    workbook.active.append(["service_id", "name", "kind", "category", "area"])
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    strings = "".join(f"<si><t>SVC-{number:04d}</t></si>" for number in range(entries))
    members["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{entries}" uniqueCount="{entries}">{strings}</sst>').encode()
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    row = ('<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Team'
           '</t></is></c><c r="C2" t="inlineStr"><is><t>paid</t></is></c></row>')
    members["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>",
                                                        row + "</sheetData>").encode()
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        b"</Relationships>")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
