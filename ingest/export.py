"""Exports: the import templates' CSV tables, and GraphML of a client's network or an area.

CSV: one file per record type, with exactly the template's columns, so that
``assetmap import`` of an export recreates the same graph. Cells are written as an
import reads them (lists ``;``-separated, yes/no, numbers in their shortest exact
form) and escaped against formula injection (``ingest.cells``), which the CSV reader
undoes.

GraphML: the client(s), the people, assets and services they are tied to, every tie
(``TIE`` edges carrying kind, functions, dates and the rest) and the ``KNOWS`` links
among them; lists become ``;``-separated text because GraphML attributes are scalars.

Both go through ``graph.export_reads`` with the caller's ``Scope``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import AssetmapError
from graph.export_reads import ExportRecords, export_records
from graph.model import RecordType, TargetType
from graph.scope import Scope
from graph.store import GraphStore, Row
from ingest.cells import escape_formula
from ingest.records import LIST_SEPARATOR, allowed_columns


def cell_text(value: Any) -> str:
    """A stored value as the import reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell_text(item) for item in value)
    return str(value)


def record_tables(records: ExportRecords) -> dict[RecordType, list[dict[str, str]]]:
    """Every record type's rows as template cells (people get their ``client`` column)."""
    tables: dict[RecordType, list[dict[str, str]]] = {}
    for record_type in RecordType:
        rows = []
        for row in records.rows(record_type):
            cells = {column: cell_text(row.get(column)) for column in allowed_columns(record_type)}
            if record_type is RecordType.PEOPLE:
                cells["client"] = "yes" if row["person_id"] in records.clients else "no"
            rows.append(cells)
        tables[record_type] = rows
    return tables


def write_csv_tables(folder: Path, tables: dict[RecordType, list[dict[str, str]]]) -> list[Path]:
    """``<record type>.csv`` per table, headers as the templates, cells escaped."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for record_type, rows in tables.items():
        path = folder / f"{record_type.value}.csv"
        columns = allowed_columns(record_type)
        with path.open("w", encoding="utf-8", newline="") as handle:
            # RFC 4180 line ends: the writer then quotes any cell holding a CR or an LF
            # (with "\n" alone a lone CR went out unquoted and broke the re-import).
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([escape_formula(row.get(column, "")) for column in columns])
        written.append(path)
    return written


def _records(store: GraphStore, scope: Scope, person_id: str, area: str) -> ExportRecords:
    records = export_records(store, scope, person_id=person_id, area=area)
    if records is None:
        raise AssetmapError("this viewer may not export person-level records")
    if (person_id or area) and not records.clients:
        chosen = f"client {person_id!r}" if person_id else f"clients in area {area!r}"
        raise AssetmapError(f"no {chosen} visible to this viewer",
                            hint="check the id or area code")
    return records


def export_csv(store: GraphStore, scope: Scope, folder: Path, *, person_id: str = "",
               area: str = "") -> list[Path]:
    """Write the import tables of the whole store, one client or one area's clients."""
    return write_csv_tables(folder, record_tables(_records(store, scope, person_id, area)))


# -- GraphML ------------------------------------------------------------------------


#: Characters XML 1.0 cannot hold at all (controls other than tab, LF and CR).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""``text`` with each character XML cannot hold written as ``\uXXXX``, so the
    GraphML stays a valid document and the character is still visible.

    >>> xml_safe("bell\x07 here")
    'bell\\u0007 here'
    """
    return _NOT_IN_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _graphml_value(value: Any) -> Any:
    """GraphML attributes are scalars: lists become ``;``-separated text; text is made
    XML-safe (``xml_safe``)."""
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return xml_safe(value) if isinstance(value, str) else value


def _attributes(row: Row, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    return {key: _graphml_value(value) for key, value in row.items()
            if value is not None and value != [] and key not in leave_out}


def network_graph(records: ExportRecords) -> nx.MultiDiGraph:
    """Clients, everyone and everything they are tied to, TIE and KNOWS edges."""
    graph = nx.MultiDiGraph()
    for row in records.rows(RecordType.PEOPLE):
        node_type = "client" if row["person_id"] in records.clients else "person"
        graph.add_node(row["person_id"], node_type=node_type,
                       **_attributes(row, ("person_id",)))
    targets = {row["to_id"] for row in records.rows(RecordType.TIES)}
    for record_type, key, node_type in ((RecordType.ASSETS, "asset_id", TargetType.ASSET),
                                        (RecordType.SERVICES, "service_id", TargetType.SERVICE)):
        for row in records.rows(record_type):
            if row[key] in targets:
                graph.add_node(row[key], node_type=node_type.value, **_attributes(row, (key,)))
    for row in records.rows(RecordType.TIES):
        tie_id = f"{row['person_id']}>{row['to_id']}@{row.get('since') or ''}"
        graph.add_edge(row["person_id"], row["to_id"], key=tie_id, relation="TIE",
                       **_attributes(row, ("person_id", "to_id")))
    for row in records.rows(RecordType.KNOWS):
        graph.add_edge(row["a_id"], row["b_id"], key=f"knows:{row['a_id']}~{row['b_id']}",
                       relation="KNOWS", **_attributes(row, ("a_id", "b_id")))
    return graph


def export_graphml(store: GraphStore, scope: Scope, path: Path, *, person_id: str = "",
                   area: str = "") -> Path:
    """Write a client's network (``person_id``) or an area's (``area``) as GraphML."""
    if not person_id and not area:
        raise AssetmapError("choose a client (--person) or an area (--area) to export")
    graph = network_graph(_records(store, scope, person_id, area))
    graph = nx.relabel_nodes(graph, {node: xml_safe(str(node)) for node in graph
                                     if xml_safe(str(node)) != node})
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, path, named_key_ids=True)
    return path
