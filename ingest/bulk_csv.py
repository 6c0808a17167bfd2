"""Write an import plan as the CSV files of Neo4j's bulk importer (``neo4j-admin database
import full``), holding the same nodes, relationships and properties as the upsert queries
would write into an empty store.

The header format is the import tool's (Neo4j Operations Manual, "Import: CSV header
format"): ``id:ID(Person)`` is the node's key (stored as the property ``id``) in the id
space ``Person``; ``:START_ID(Person)`` and ``:END_ID(Asset)`` are a relationship's ends;
every other column is ``name:type`` with type ``string``, ``long``, ``double``,
``boolean`` or an array (``string[]``). An empty unquoted field is no property (a blank
cell); every string is quoted, so an empty string stays one. Each group gets a header file
of its own, written after its data, because the types are known only once every row has
been seen; rows whose whole numbers and fractions would share a column (a measure's
``score`` is stored as an integer when it is whole, as the upsert does) go to separate
groups with a header each.

Rows are built one record type at a time, from the same row builders as the upserts
(``ingest.writer``): the same row hashes, the same left-out columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.model import RecordType, TargetType
from ingest.rules import ImportPlan
from ingest.writer import (
    TIE_ENDPOINTS,
    asset_rows,
    knows_rows,
    people_rows,
    properties,
    row_hash,
    service_rows,
)

#: Between the elements of a list property: a control character no text cell holds.
ARRAY_DELIMITER = "\x1f"
#: The import tool's option spelling of ARRAY_DELIMITER.
ARRAY_DELIMITER_OPTION = "U+001F"
STAMPS = ("created_by", "created_at", "updated_by", "updated_at")

_SCALAR_TYPES: dict[type, str] = {str: "string", bool: "boolean", int: "long", float: "double"}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class _Group:
    """One data file and what its rows held: per column the value types seen."""

    data: Path
    handle: IO[str]
    types: dict[str, set[str]]
    rows: int = 0
    multiline: bool = False


@dataclass
class CsvGroup:
    """One ``--nodes`` or ``--relationships`` argument: header file, then data file."""

    kind: str  # "nodes" or "relationships"
    name: str  # labels joined with ':' (nodes) or the relationship type
    header: Path
    data: Path
    rows: int
    multiline: bool

    def argument(self) -> str:
        return f"--{self.kind}={self.name}={self.header},{self.data}"


@dataclass
class GroupWriter:
    """Writes the rows of one node label set or relationship type into one or more data
    files (one per shape of whole-number columns), then their headers.

    ``key_columns`` come first and carry import-tool header fields (``id:ID(Person)``,
    ``:START_ID(Person)``); ``columns`` are properties in a fixed order.
    """

    folder: Path
    kind: str
    name: str
    key_columns: list[tuple[str, str]]  # (header field, row key)
    columns: list[str]
    groups: dict[tuple[str, ...], _Group] = field(default_factory=dict)

    def _group(self, shape: tuple[str, ...]) -> _Group:
        group = self.groups.get(shape)
        if group is None:
            number = sum(1 for _ in self.folder.iterdir())  # unique in the folder
            stem = f"{self.kind}-{self.name.replace(':', '_')}-{number}"
            data = self.folder / f"{stem}.csv"
            group = _Group(data, data.open("w", encoding="utf-8", newline=""),
                           {column: set() for column in self.columns})
            self.groups[shape] = group
        return group

    def add(self, row: dict[str, Any]) -> None:
        """One node or relationship: its key fields and its properties (None = absent)."""
        unknown = row.keys() - set(self.columns) - {key for _, key in self.key_columns}
        if unknown:
            raise ValueError(f"{self.name}: properties with no column: {sorted(unknown)}")
        shape = tuple(column for column in self.columns
                      if type(row.get(column)) is int)  # noqa: E721 - bool is not a whole number here
        group = self._group(shape)
        cells = [_quoted(str(row[key])) for _, key in self.key_columns]
        for column in self.columns:
            value = row.get(column)
            cells.append(self._cell(group, column, value))
        group.handle.write(",".join(cells) + "\n")
        group.rows += 1

    def _cell(self, group: _Group, column: str, value: Any) -> str:
        if value is None or value == []:  # absent, as properties() leaves them out
            return ""
        if isinstance(value, list):
            if any(not isinstance(item, str) for item in value):
                raise ValueError(f"{self.name}.{column}: only lists of text are bulk-loaded")
            text = ARRAY_DELIMITER.join(value)
            if any(ARRAY_DELIMITER in item for item in value):
                raise ValueError(f"{self.name}.{column}: a list item holds U+001F")
            group.types[column].add("string[]")
            group.multiline = group.multiline or "\n" in text or "\r" in text
            return _quoted(text)
        kind = _SCALAR_TYPES.get(type(value))
        if kind is None:
            raise ValueError(f"{self.name}.{column}: {type(value).__name__} is not bulk-loaded")
        group.types[column].add(kind)
        if kind == "string":
            group.multiline = group.multiline or "\n" in value or "\r" in value
            return _quoted(value)
        if kind == "boolean":
            return "true" if value else "false"
        return repr(value)

    def finish(self) -> list[CsvGroup]:
        """Close the data files and write each one's header."""
        result = []
        for group in self.groups.values():
            group.handle.close()
            fields = [header for header, _ in self.key_columns]
            for column in self.columns:
                seen = group.types[column]
                if len(seen) > 1:
                    raise ValueError(f"{self.name}.{column}: values of types {sorted(seen)}")
                fields.append(f"{column}:{next(iter(seen), 'string')}")
            header = group.data.with_name(group.data.stem + "-header.csv")
            header.write_text(",".join(_quoted(name) if "," in name else name
                                       for name in fields) + "\n", encoding="utf-8")
            result.append(CsvGroup(self.kind, self.name, header, group.data, group.rows,
                                   group.multiline))
        return result


def _columns(rows: Iterable[dict[str, Any]], leave_out: tuple[str, ...] = (),
             extra: tuple[str, ...] = ()) -> list[str]:
    """Every property name the rows hold (first seen, first), plus the stamps."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in leave_out:
                seen.setdefault(key, None)
    return [*seen, *extra, "row_hash", *STAMPS]


def _flat(keyed_row: dict[str, Any], stamps: dict[str, str], **more: Any) -> dict[str, Any]:
    """A writer row ({id, row_hash, props}) as one flat property map, stamped."""
    return {**keyed_row["props"], "id": keyed_row["id"], "row_hash": keyed_row["row_hash"],
            **stamps, **more}


@dataclass
class BulkFiles:
    """The files of a first load and how many record rows they hold."""

    groups: list[CsvGroup]
    record_rows: int


def write_bulk_csvs(
    plan: ImportPlan, folder: Path, *, actor: str, at: str,
    kept_logs: Iterable[tuple[str, dict[str, Any]]] = (),
    on_progress: Callable[[str, int, int], None] | None = None,
) -> BulkFiles:
    """Write ``plan`` (validated, for an empty store) as import-tool CSVs in ``folder``.

    ``kept_logs``: (label, properties) of ImportRun and AuditEntry nodes to carry over.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamps = dict.fromkeys(("created_by", "updated_by"), actor) | dict.fromkeys(
        ("created_at", "updated_at"), at)
    records = plan.records
    groups: list[CsvGroup] = []
    written = 0

    def node_writer(name: str, id_space: str, columns: list[str],
                    id_column: str = "id") -> GroupWriter:
        return GroupWriter(folder, "nodes", name, [(f"{id_column}:ID({id_space})", id_column)],
                           [column for column in columns if column != id_column])

    def rel_writer(name: str, start: str, end: str, columns: list[str]) -> GroupWriter:
        return GroupWriter(folder, "relationships", name,
                           [(f":START_ID({start})", "_start"), (f":END_ID({end})", "_end")],
                           columns)

    def done(step: str, count: int) -> None:
        if on_progress is not None:
            on_progress(step, count, count)

    area_codes: dict[str, None] = {}
    in_area = rel_writer("IN_AREA", "Person", "Area", [])
    asset_in_area = rel_writer("IN_AREA", "Asset", "Area", [])

    for label, record_type, build in (("Service", RecordType.SERVICES, service_rows),
                                      ("Asset", RecordType.ASSETS, asset_rows)):
        rows = build(records[record_type])
        writer = node_writer(label, label, _columns((row["props"] for row in rows),
                                                    extra=("id",)))
        for row in rows:
            writer.add(_flat(row, stamps))
            if label == "Asset" and row["props"].get("area") is not None:
                area_codes.setdefault(row["props"]["area"], None)
                asset_in_area.add({"_start": row["id"], "_end": row["props"]["area"]})
        groups += writer.finish()
        written += len(rows)
        done(f"bulk {label}", len(rows))

    clients, others = people_rows(records[RecordType.PEOPLE])
    people_ids = set(records[RecordType.PEOPLE].keys)
    for label, rows in (("Person:Client", clients), ("Person", others)):
        writer = node_writer(label, "Person", _columns((row["props"] for row in rows),
                                                       extra=("id",)))
        for row in rows:
            writer.add(_flat(row, stamps))
            if label == "Person:Client" and row["props"].get("area") is not None:
                area_codes.setdefault(row["props"]["area"], None)
                in_area.add({"_start": row["id"], "_end": row["props"]["area"]})
        groups += writer.finish()
    written += len(clients) + len(others)
    done("bulk people", len(clients) + len(others))
    del clients, others

    # A tie to a person the people file does not list creates that supporter, stamped.
    ties = records[RecordType.TIES]
    implicit = node_writer("Person", "Person", ["id", *STAMPS])
    tie_writers = {target: rel_writer("TIE", "Person", target.value.capitalize(),
                                      _columns(ties.rows, TIE_ENDPOINTS, extra=("id",)))
                   for target in TargetType}
    for key, row in zip(ties.keys, ties.rows, strict=True):
        target = TargetType(row["to_type"])
        props = properties(row, TIE_ENDPOINTS)
        tie_writers[target].add({**props, "id": key, "row_hash": row_hash(props), **stamps,
                                 "_start": row["person_id"], "_end": row["to_id"]})
        if target is TargetType.PERSON and row["to_id"] not in people_ids:
            people_ids.add(row["to_id"])
            implicit.add({"id": row["to_id"], **stamps})
    for writer in (implicit, *tie_writers.values()):
        groups += writer.finish()
    written += len(ties.rows)
    done("bulk ties", len(ties.rows))

    areas = node_writer("Area", "Area", ["code", "name", *STAMPS], id_column="code")
    for code in area_codes:
        areas.add({"code": code, "name": code, **stamps})
    groups += areas.finish() + in_area.finish() + asset_in_area.finish()

    # One KNOWS per pair: a later row of the same pair replaces the earlier (as the
    # upsert's MERGE then SET would).
    pairs = {(row["a_id"], row["b_id"]): row for row in knows_rows(records[RecordType.KNOWS])}
    knows = rel_writer("KNOWS", "Person", "Person",
                       _columns(row["props"] for row in pairs.values()))
    for (low, high), row in pairs.items():
        knows.add({**row["props"], "row_hash": row["row_hash"], **stamps,
                   "_start": low, "_end": high})
    groups += knows.finish()
    written += len(records[RecordType.KNOWS].rows)
    done("bulk knows", len(pairs))
    del pairs

    written += _events_and_measures(plan, folder, stamps, groups, rel_writer, node_writer, done)

    kept_by_label: dict[str, list[dict[str, Any]]] = {}
    for label, props in kept_logs:
        kept_by_label.setdefault(label, []).append(props)
    for label, nodes in kept_by_label.items():
        writer = GroupWriter(folder, "nodes", label, [],
                             list(dict.fromkeys(key for props in nodes for key in props)))
        for props in nodes:
            writer.add(props)
        groups += writer.finish()
    return BulkFiles(groups, written)


def _events_and_measures(
    plan: ImportPlan, folder: Path, stamps: dict[str, str], groups: list[CsvGroup],
    rel_writer: Callable[[str, str, str, list[str]], GroupWriter],
    node_writer: Callable[[str, str, list[str]], GroupWriter],
    done: Callable[[str, int], None],
) -> int:
    """Events and measures, streamed row by row (the largest record types)."""
    written = 0
    for label, record_type, link in (("Event", RecordType.EVENTS, "HAS_EVENT"),
                                     ("Measure", RecordType.MEASURES, "HAS_MEASURE")):
        keyed = plan.records[record_type]
        nodes = node_writer(label, label, _columns(keyed.rows, extra=("id",)))
        links = rel_writer(link, "Person", label, [])
        for node in _event_or_measure_nodes(record_type, keyed.keys, keyed.rows, stamps):
            nodes.add(node)
            links.add({"_start": node["person_id"], "_end": node["id"]})
        groups += nodes.finish() + links.finish()
        written += len(keyed.rows)
        done(f"bulk {label}", len(keyed.rows))
    return written


def _event_or_measure_nodes(record_type: RecordType, keys: list[str],
                            rows: list[dict[str, Any]],
                            stamps: dict[str, str]) -> Iterator[dict[str, Any]]:
    """As ``ingest.writer.event_rows`` / ``measure_rows`` build them, flattened."""
    for key, row in zip(keys, rows, strict=True):
        if record_type is RecordType.EVENTS:
            yield {**row, "id": key, "row_hash": key, **stamps}
        else:
            score = row["score"]
            score = int(score) if score.is_integer() else score
            yield {**row, "score": score, "id": key, "row_hash": f"{key}:{score}", **stamps}
