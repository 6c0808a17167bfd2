"""Write an import's plan as the CSV files of Neo4j's bulk importer (``neo4j-admin database
import full``): the same nodes, relationships and properties the ordinary import's writes
leave in an empty store.

The rows come from the ordinary import's own plan, ``ingest.writer.write_steps``: each
step's rows are built by the same builders (the same properties, row hashes and left-out
columns) and every property a row holds becomes a column, so a column added to a builder
is bulk-loaded too. What each named upsert query does with its rows is translated here,
step by step (``BULK_STEPS``); the steps that only remove what a rebuilt history no longer
yields run through the server after the load (``AFTER_LOAD_STEPS``); a step this module
does not know is refused before any file is written (``unsupported_steps``).

The header format is the import tool's (Neo4j Operations Manual, "Import: CSV header
format"): ``id:ID(Person)`` is the node's key (stored as the property ``id``) in the id
space ``Person``; ``:START_ID(Person)`` and ``:END_ID(Asset)`` are a relationship's ends;
every other column is ``name:type`` with type ``string``, ``long``, ``double``,
``boolean`` or an array of one (``string[]``). An empty unquoted field is no property (a
blank cell) and a quoted empty field an empty string. Each group's header is a file of its
own, written after its data, because the types are known only once every row is seen; a
column holding whole numbers in some rows and fractions in others (a measure's ``score``
is stored as an integer when it is whole, as the upsert does) splits its rows into groups
with a header each. The tool cannot write an empty list (its empty array field is no
property): those are listed in ``BulkFiles.empty_lists`` and set after the load.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph.errors import AssetmapError
from graph.model import Label, RelType
from ingest.history import History
from ingest.rules import ImportPlan
from ingest.writer import Progress, write_steps

#: Between the elements of a list property: a control character no text cell holds.
ARRAY_DELIMITER = "\x1f"
#: The import tool's option spelling of ARRAY_DELIMITER.
ARRAY_DELIMITER_OPTION = "U+001F"
STAMPS = ("created_by", "created_at", "updated_by", "updated_at")
#: Steps that remove derived ties and links a rebuilt interview history no longer yields:
#: run through the server, with the same query, once the loaded store is up.
AFTER_LOAD_STEPS = ("ingest_drop_superseded_ties", "ingest_drop_superseded_knows")
#: Steps the ordinary import runs only for ``--complete-network``, which a first load
#: refuses (an empty store has no tie to end).
COMPLETE_NETWORK_STEPS = ("ingest_end_missing_ties",)
#: Labels whose empty lists are set after the load (``first_load_empty_lists``).
EMPTY_LIST_LABELS = (Label.INTERVIEW.value, Label.IMPORT_RUN.value)

_SCALAR_TYPES: dict[type, str] = {str: "string", bool: "boolean", int: "long",
                                  float: "double"}


class BulkUnsupported(AssetmapError):
    """A plan or value the bulk path cannot write as the ordinary import would."""

    def __init__(self, message: str) -> None:
        super().__init__(message, hint="load these files with `assetmap import` (without "
                                       "--first-load)")


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
class BulkFiles:
    """The files of a first load and what is left for the server once it is loaded."""

    groups: list[CsvGroup] = field(default_factory=list)
    #: Record rows the steps sent (as ``write_plan`` counts them).
    record_rows: int = 0
    #: ``(query, rows)`` of AFTER_LOAD_STEPS, in plan order.
    after_load: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    #: ``{label, id, props}``: properties holding an empty list, to set after the load.
    empty_lists: list[dict[str, Any]] = field(default_factory=list)


#: One row of a group: its key fields (ids, ends), its properties, extra properties.
GroupRow = tuple[tuple[str, ...], dict[str, Any], tuple[Any, ...]]


def _quoted_line(values: Sequence[Any]) -> str:
    """A row holding an empty string: every text quoted (the csv module writes '' and
    None alike), None as an empty unquoted field."""
    return ",".join("" if value is None else
                    '"' + value.replace('"', '""') + '"' if isinstance(value, str) else str(value)
                    for value in values) + "\n"


def _array_cell(name: str, column: str, value: list[Any]) -> str:
    if any(isinstance(item, str) and ARRAY_DELIMITER in item for item in value):
        raise BulkUnsupported(f"{name}.{column}: a list item holds U+001F")
    if value == [""]:
        raise BulkUnsupported(f"{name}.{column}: a list of one empty text is not bulk-loaded")
    return ARRAY_DELIMITER.join("true" if item is True else "false" if item is False
                                else str(item) for item in value)


class _Writer:
    """Writes groups of rows as data and header files in one folder."""

    def __init__(self, folder: Path, files: BulkFiles) -> None:
        self.folder = folder
        self.files = files
        self.count = 0

    def group(self, kind: str, name: str, key_fields: Sequence[str], rows: Sequence[GroupRow],
              extra_columns: Sequence[str] = (), constant: dict[str, str] | None = None,
              key_property: str = "") -> None:
        """Write ``rows`` of one label set or relationship type. ``key_fields``: the
        import-tool fields of each row's keys (``id:ID(Person)``); ``extra_columns``: the
        names of each row's extras; ``constant``: properties every row gets (the stamps);
        ``key_property``: the property the key field stores. The extras, the constants
        and the key win over a property of the same name (as ``SET n = props, n.id = ...``)."""
        if not rows:
            return
        constant = constant or {}
        shadowed = {*extra_columns, *constant, key_property}
        columns = [column for column in dict.fromkeys(chain.from_iterable(
            props.keys() for _, props, _ in rows)) if column not in shadowed]
        # One pass over every cell: (column, type), "" standing for an empty text.
        seen = {(column, "" if value == "" else type(value))
                for _, props, _ in rows for column, value in props.items()}
        types: dict[str, set[type]] = {column: set() for column in columns}
        for column, kind_seen in seen:
            if column in types and kind_seen is not type(None):
                types[column].add(str if kind_seen == "" else kind_seen)  # type: ignore[arg-type]
        fields: dict[str, str] = {}
        convert: dict[str, Callable[[Any], Any]] = {}
        split: list[str] = []
        for column in columns:
            fields[column], converter = self._column_type(name, column, types[column], rows)
            if fields[column] == "":
                split.append(column)
            elif fields[column].endswith("[]"):
                self._empty_lists(kind, name, column, rows)
            if converter is not None:
                convert[column] = converter
        fields.update(dict.fromkeys(extra_columns, "string"))
        fields.update(dict.fromkeys(constant, "string"))
        empty_text = any(kind_seen == "" for _, kind_seen in seen)
        shapes: dict[tuple[bool, ...], list[GroupRow]] = {(): list(rows)}
        if split:
            shapes = {}
            for row in rows:
                shapes.setdefault(tuple(type(row[1].get(column)) is int for column in split),
                                  []).append(row)
        for shape, part in shapes.items():
            typed = {**fields, **{column: "long" if whole else "double"
                                  for column, whole in zip(split, shape, strict=True)}}
            self._one_group(kind, name, key_fields, part, constant, columns, typed, convert,
                            empty_text)

    def _empty_lists(self, kind: str, name: str, column: str, rows: Sequence[GroupRow]
                     ) -> None:
        """Note each node whose ``column`` holds an empty list (written as no property)."""
        for keys, props, _ in rows:
            if props.get(column) != []:
                continue
            node_id = keys[0] if keys else props.get("id")
            if kind != "nodes" or name not in EMPTY_LIST_LABELS or not node_id:
                raise BulkUnsupported(f"{name} {node_id or ''}: an empty list in {column} "
                                      "is not bulk-loaded")
            self.files.empty_lists.append({"label": name, "id": node_id,
                                           "props": {column: []}})

    def _column_type(self, name: str, column: str, seen: set[type], rows: Sequence[GroupRow]
                     ) -> tuple[str, Callable[[Any], Any] | None]:
        """The header type of a column ('' for whole numbers and fractions mixed) and how
        its values are written (the tool reads only ``true`` as true)."""
        if seen == {int, float}:
            return "", None
        if len(seen) > 1:
            raise BulkUnsupported(f"{name}.{column}: values of types "
                                  f"{sorted(kind.__name__ for kind in seen)}")
        kind = next(iter(seen), str)
        if kind is bool:
            return "boolean", lambda value: None if value is None else (
                "true" if value else "false")
        if kind is list:
            items = {type(item) for _, props, _ in rows
                     for item in (props.get(column) or ())}
            if len(items) > 1 or not items <= set(_SCALAR_TYPES):
                raise BulkUnsupported(f"{name}.{column}: a list of "
                                      f"{sorted(kind.__name__ for kind in items)}")
            item_type = _SCALAR_TYPES[next(iter(items), str)]
            return f"{item_type}[]", lambda value: None if not value else _array_cell(
                name, column, value)
        if kind not in _SCALAR_TYPES:
            raise BulkUnsupported(f"{name}.{column}: {kind.__name__} is not bulk-loaded")
        return _SCALAR_TYPES[kind], None

    def _one_group(self, kind: str, name: str, key_fields: Sequence[str],
                   rows: Sequence[GroupRow], constant: dict[str, str], columns: list[str],
                   fields: dict[str, str], convert: dict[str, Callable[[Any], Any]],
                   empty_text: bool) -> None:
        self.count += 1
        stem = f"{kind}-{name.replace(':', '_')}-{self.count}"
        data = self.folder / f"{stem}.csv"
        stamps = tuple(constant.values())
        width = len(key_fields)
        conversions = [(width + index, convert[column]) for index, column in enumerate(columns)
                       if column in convert]

        def lines() -> Iterable[list[Any]]:
            for keys, props, extras in rows:
                values = [*keys, *map(props.get, columns), *extras, *stamps]
                for index, converter in conversions:
                    values[index] = converter(values[index])
                yield values

        with data.open("w", encoding="utf-8", newline="") as handle:
            if empty_text:  # the csv module writes '' and None alike: quote by hand
                handle.writelines(map(_quoted_line, lines()))
            else:
                csv.writer(handle, lineterminator="\n").writerows(lines())
        header_fields = [*key_fields, *(f"{column}:{fields[column]}" for column in
                                        [*columns, *(c for c in fields if c not in columns)])]
        if any("," in item or '"' in item for item in header_fields):
            raise BulkUnsupported(f"{name}: a property name holds a comma or quote")
        header = data.with_name(f"{stem}-header.csv")
        header.write_text(",".join(header_fields) + "\n", encoding="utf-8")
        raw = data.read_bytes()
        multiline = raw.count(b"\n") != len(rows) or b"\r" in raw
        self.files.groups.append(CsvGroup(kind, name, header, data, len(rows), multiline))

    def links(self, rel_type: str, start: str, end: str, pairs: Iterable[tuple[str, str]]
              ) -> None:
        """Property-less relationships, straight to their file: ``pairs`` are distinct
        (each end's id is unique), so ``MERGE (a)-[:TYPE]->(b)`` makes one of each."""
        self.count += 1
        stem = f"relationships-{rel_type}-{self.count}"
        data = self.folder / f"{stem}.csv"
        with data.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerows(pairs)
            rows = handle.tell()
        if not rows:
            data.unlink()
            return
        header = data.with_name(f"{stem}-header.csv")
        header.write_text(f":START_ID({start}),:END_ID({end})\n", encoding="utf-8")
        raw = data.read_bytes()
        self.files.groups.append(CsvGroup("relationships", rel_type, header, data,
                                          raw.count(b"\n"), b"\r" in raw))


def unsupported_steps(queries: Iterable[str]) -> list[str]:
    """The plan's steps this module cannot carry out (a new write in ``write_steps``)."""
    known = {*BULK_STEPS, *AFTER_LOAD_STEPS, *COMPLETE_NETWORK_STEPS}
    return [query for query in queries if query not in known]


def check_steps(queries: Iterable[str]) -> None:
    """Refuse, before any file is written, a plan with a step the bulk path lacks."""
    missing = unsupported_steps(queries)
    if missing:
        raise BulkUnsupported("the first load cannot write what the ordinary import "
                              f"writes with {', '.join(missing)}")


def _one_per_key(rows: list[dict[str, Any]], key: str, *, first_wins: bool = False
                 ) -> list[dict[str, Any]]:
    """One row per ``row[key]``: the last (``MERGE ... SET``: a later row of the key
    replaces the earlier) or with ``first_wins`` the first (``ON CREATE SET`` only). A
    plan's keys are distinct, so this is checked in one pass and the rows kept as given."""
    keys = list(map(itemgetter(key), rows))
    if len(set(keys)) == len(keys):
        return rows
    ordered = reversed(rows) if first_wins else iter(rows)
    return list({row[key]: row for row in ordered}.values())


def _matched(rows: list[dict[str, Any]], key: str, known: set[str] | dict[str, bool]
             ) -> list[dict[str, Any]]:
    """The rows whose ``row[key]`` a ``MATCH`` finds (usually all: checked as a set)."""
    if not set(map(itemgetter(key), rows)).difference(known):
        return rows
    return [row for row in rows if row[key] in known]


class _Load:
    """What the upserts would have matched and merged so far, and the files written."""

    def __init__(self, writer: _Writer, stamps: dict[str, str]) -> None:
        self.writer = writer
        self.stamps = stamps
        self.persons: dict[str, bool] = {}  # id -> is a client
        self.clients: set[str] = set()
        self.assets: set[str] = set()
        self.services: set[str] = set()
        self.areas: dict[str, None] = {}
        self.in_area: dict[str, list[tuple[str, str]]] = {Label.PERSON.value: [],
                                                          Label.ASSET.value: []}

    def nodes(self, labels: str, id_space: str, rows: list[dict[str, Any]]) -> None:
        """``SET n = row.props, n.id = row.id, n.row_hash = ..., stamps``."""
        ids = map(itemgetter("id"), rows)
        group_rows = list(zip(zip(ids), map(itemgetter("props"), rows),
                              zip(map(itemgetter("row_hash"), rows)), strict=True))
        self.writer.group("nodes", labels, [f"id:ID({id_space})"], group_rows,
                          ("row_hash",), self.stamps, key_property="id")

    def events(self, rows: list[dict[str, Any]]) -> None:
        """``ON CREATE SET x += row.props, x.created_by, x.created_at`` (an event's id is
        its row hash and it never changes: no copy of either, no update stamps)."""
        event = Label.EVENT.value
        group_rows = [((row["id"],), row["props"], ()) for row in rows]
        created = {stamp: self.stamps[stamp] for stamp in ("created_by", "created_at")}
        self.writer.group("nodes", event, [f"id:ID({event})"], group_rows, (), created,
                          key_property="id")

    def links(self, rel_type: str, start: str, end: str, rows: list[dict[str, Any]]) -> None:
        """``MERGE (p)-[:TYPE]->(x)`` from each row's ``person_id`` to its ``id``."""
        self.writer.links(rel_type, start, end,
                          map(itemgetter("person_id", "id"), rows))

    def area_of(self, space: str, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            code = row["props"].get("area")
            if code is not None:
                self.areas.setdefault(code, None)
                self.in_area[space].append((row["id"], code))


def _services(load: _Load, rows: list[dict[str, Any]]) -> None:
    rows = _one_per_key(rows, "id")
    load.services.update(map(itemgetter("id"), rows))
    load.nodes(Label.SERVICE.value, Label.SERVICE.value, rows)


def _assets(load: _Load, rows: list[dict[str, Any]]) -> None:
    rows = _one_per_key(rows, "id")
    load.assets.update(map(itemgetter("id"), rows))
    load.area_of(Label.ASSET.value, rows)
    load.nodes(Label.ASSET.value, Label.ASSET.value, rows)


def _clients(load: _Load, rows: list[dict[str, Any]]) -> None:
    rows = _one_per_key(rows, "id")
    load.clients.update(map(itemgetter("id"), rows))
    load.persons.update(dict.fromkeys(load.clients, True))
    load.area_of(Label.PERSON.value, rows)
    load.nodes(f"{Label.PERSON.value}:{Label.CLIENT.value}", Label.PERSON.value, rows)


def _people(load: _Load, rows: list[dict[str, Any]]) -> None:
    rows = _one_per_key(rows, "id")
    ids = list(map(itemgetter("id"), rows))
    if not load.persons.keys().isdisjoint(ids):
        raise BulkUnsupported("a supporter's id is also a client's")
    load.persons.update(dict.fromkeys(ids, False))
    load.nodes(Label.PERSON.value, Label.PERSON.value, rows)


def _interviews(load: _Load, rows: list[dict[str, Any]]) -> None:
    """``MATCH (c:Client) MERGE (i:Interview) MERGE (c)-[:HAS_INTERVIEW]->(i)``."""
    rows = _one_per_key(_matched(rows, "person_id", load.clients), "id")
    load.nodes(Label.INTERVIEW.value, Label.INTERVIEW.value, rows)
    load.links(RelType.HAS_INTERVIEW.value, Label.PERSON.value, Label.INTERVIEW.value, rows)


def _ties(target: Label, known: Callable[[_Load], set[str] | dict[str, bool]]
          ) -> Callable[[_Load, list[dict[str, Any]]], None]:
    """``MATCH (c:Client) MATCH/MERGE (t) MERGE (c)-[r:TIE {id}]->(t) SET r = props, ...``."""

    def translate(load: _Load, rows: list[dict[str, Any]]) -> None:
        rows = _matched(rows, "person_id", load.clients)  # MATCH (c:Client)
        targets = known(load)
        if target is Label.PERSON:
            # MERGE (t:Person): a supporter no people file lists, stamped only.
            unlisted = list(dict.fromkeys(to_id for to_id in map(itemgetter("to_id"), rows)
                                          if to_id not in targets))
            load.persons.update(dict.fromkeys(unlisted, False))
            load.writer.group("nodes", Label.PERSON.value, [f"id:ID({Label.PERSON})"],
                              [((to_id,), {}, ()) for to_id in unlisted], (), load.stamps,
                              "id")
        else:
            rows = _matched(rows, "to_id", targets)  # MATCH (t)
        rows = _one_per_key(rows, "id")
        ends = map(itemgetter("person_id", "to_id"), rows)
        extras = map(itemgetter("id", "row_hash"), rows)
        load.writer.group("relationships", RelType.TIE.value,
                          [f":START_ID({Label.PERSON})", f":END_ID({target})"],
                          list(zip(ends, map(itemgetter("props"), rows), extras, strict=True)),
                          ("id", "row_hash"), load.stamps)
    return translate


def _knows(load: _Load, rows: list[dict[str, Any]]) -> None:
    """``MATCH (a:Person) MATCH (b:Person) MERGE (a)-[k:KNOWS]->(b) SET k = props, ...``."""
    rows = _matched(_matched(rows, "a_id", load.persons), "b_id", load.persons)
    rows = list({(row["a_id"], row["b_id"]): row for row in rows}.values())
    load.writer.group("relationships", RelType.KNOWS.value,
                      [f":START_ID({Label.PERSON})", f":END_ID({Label.PERSON})"],
                      [((row["a_id"], row["b_id"]), row["props"], (row["row_hash"],))
                       for row in rows], ("row_hash",), load.stamps)


def _records(label: Label, link: RelType, first_wins: bool
             ) -> Callable[[_Load, list[dict[str, Any]]], None]:
    """Events (``ON CREATE SET x += props``: the first row of an id stays) and measures
    (``SET x = props``: the last), each linked from its person."""

    def translate(load: _Load, rows: list[dict[str, Any]]) -> None:
        rows = _one_per_key(_matched(rows, "person_id", load.persons), "id",
                            first_wins=first_wins)
        if label is Label.EVENT:
            load.events(rows)
        else:
            load.nodes(label.value, label.value, rows)
        load.links(link.value, Label.PERSON.value, label.value, rows)
    return translate


#: How each upsert of ``ingest.writer.write_steps`` is carried out as import-tool rows
#: (each one mirrors the ``cypher/<query>.cypher`` of its name).
BULK_STEPS: dict[str, Callable[[_Load, list[dict[str, Any]]], None]] = {
    "upsert_services": _services,
    "upsert_assets": _assets,
    "upsert_clients": _clients,
    "upsert_people": _people,
    "upsert_interviews": _interviews,
    "upsert_ties_to_person": _ties(Label.PERSON, lambda load: load.persons),
    "upsert_ties_to_asset": _ties(Label.ASSET, lambda load: load.assets),
    "upsert_ties_to_service": _ties(Label.SERVICE, lambda load: load.services),
    "upsert_knows": _knows,
    "upsert_events": _records(Label.EVENT, RelType.HAS_EVENT, first_wins=True),
    "upsert_measures": _records(Label.MEASURE, RelType.HAS_MEASURE, first_wins=False),
}


def write_bulk_csvs(
    plan: ImportPlan, folder: Path, *, actor: str, at: str, history: History | None = None,
    kept_logs: Iterable[tuple[str, dict[str, Any]]] = (), on_progress: Progress | None = None,
) -> BulkFiles:
    """Write ``plan`` (validated, for an empty store) as import-tool CSVs in ``folder``,
    step by step through ``write_steps(plan, history)``; ``kept_logs``: (label,
    properties) of ImportRun and AuditEntry nodes to carry over unchanged. Raises
    ``BulkUnsupported`` (before writing any file when it is a step) for what it cannot
    write as the ordinary import would, and ``ingest.sources.FileChanged`` for a streamed
    file that is no longer the one validated."""
    steps = write_steps(plan, history)
    check_steps(step.query for step in steps)
    folder.mkdir(parents=True, exist_ok=True)
    files = BulkFiles()
    stamps = {"created_by": actor, "created_at": at, "updated_by": actor, "updated_at": at}
    load = _Load(_Writer(folder, files), stamps)
    for step in steps:
        if step.query in COMPLETE_NETWORK_STEPS:
            continue
        if step.query in AFTER_LOAD_STEPS:
            if rows := step.build():
                files.after_load.append((step.query, rows))
            continue
        for rows in step.batches():  # a streamed type's chunk by chunk: a group each
            BULK_STEPS[step.query](load, rows)
            if step.record_type is not None:
                files.record_rows += len(rows)
            if on_progress is not None:
                on_progress(f"bulk {step.query}", len(rows), step.total or len(rows))
            del rows
    _areas_and_logs(load, kept_logs)
    return files


def _areas_and_logs(load: _Load, kept_logs: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """The areas the clients and assets named (``MERGE (area:Area {code})``, name = code,
    stamped), their IN_AREA links, and the logs carried over."""
    area = Label.AREA.value
    load.writer.group("nodes", area, [f"code:ID({area})"],
                      [((code,), {"name": code}, ()) for code in load.areas], (),
                      load.stamps, key_property="code")
    for space, pairs in load.in_area.items():
        load.writer.links(RelType.IN_AREA.value, space, area, pairs)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for label, props in kept_logs:
        by_label.setdefault(label, []).append(props)
    for label, nodes in by_label.items():
        load.writer.group("nodes", label, [], [((), props, ()) for props in nodes])
