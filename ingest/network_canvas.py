"""Network Canvas interviews in, the people/ties/knows record tables out.

Network Canvas (networkcanvas.com) records ego networks. It exports each interview
either as a CSV set (``<case>_<session>_ego.csv``, ``..._attributeList_<NodeType>.csv``,
``..._edgeList_<EdgeType>.csv``; a multi-choice answer becomes one true/false column
``<variable>_<option>`` per option) or as GraphML (session details as ``nc:``
attributes of the ``<graph>`` element, each node's and edge's type in the
``networkCanvasType`` data key and its id in ``networkCanvasUUID``). This reader
takes either, through a TOML mapping file (``format = "network-canvas"``)::

    format = "network-canvas"
    files = ["csv/*.csv"]                 # globs, relative to the mapping file
    knows_edge_types = ["knows"]          # alter-alter edges that mean "know each other"
    ignore_node_types = []                # types deliberately left out
    ignore_edge_types = []

    [cases]                               # Network Canvas case id -> assetmap client id
    "edna-2025" = "C-0001"

    [node_types.Person]
    to_type = "person"                    # person | asset | service
    identify_by = "name"                  # the same value = the same supporter in every
                                          # interview; "uuid": the alter's networkCanvasUUID
    name = "name"                         # shown as display_name (people only)
    kind_variable = "support_type"        # or a fixed kind = "natural"
    relationship = "relationship"         # free text, or via [....relationships]
    functions_variable = "helps"          # helps_<option> columns
    strength_variable = "closeness"       # 1-5, or via [node_types.Person.strengths]
    contacts_variable = "contact_freq"    # contacts a month, via [....contacts] ...
    hours_variable = ""                   # hours a week, via [....hours] ...
    numeric = []                          # ... or taken as numbers when listed here
    status = ""                           # asset ties: proposed | introduced | attending ...
    [node_types.Person.kinds]             # option -> tie kind
    family = "natural"
    [node_types.Person.functions]         # option -> support function ("" = ignore option)
    lifts = "transport"
    [node_types.Person.contacts]          # answer -> contacts a month
    Daily = 30
    Weekly = 4

Every interview is a dated snapshot of the client's network (the date of
``sessionStart``, else ``sessionFinish``, else ``sessionExported``), identified by its
session id; ``ingest.history`` turns a client's snapshots (with the ones stored by
earlier imports) into ties and KNOWS links with ``since``/``until``.

Problems are reported as ``file:line: column: reason`` and the importer then writes
nothing: unmapped cases, node or edge types and options, a missing ego file, a
supporter with no identifying value, two alters of one interview with one identity,
a contacts or hours answer neither in its value table nor declared numeric, two
interviews of a client on one day. A self-loop (an edge from an alter to itself) is
left out with a warning.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat

from graph.model import TargetType
from ingest.history import Snapshot, TieValues, Where, build_history
from ingest.records import LIST_SEPARATOR
from ingest.sources import FileRead, Issue, Table, combined_checksum, export_files

TRUE_TEXT = frozenset({"true", "1", "yes"})
SESSION_DATE_COLUMNS = ("sessionStart", "sessionFinish", "sessionExported")
GRAPHML_DATE_ATTRIBUTES = ("sessionStartTime", "sessionFinishTime", "sessionExportTime")
_CSV_NAME = re.compile(r"^(?P<prefix>.+?)_(?:(?P<ego>ego)|attributeList_(?P<node>.+)"
                       r"|edgeList_(?P<edge>.+))\.csv$", re.IGNORECASE)
NODE_SETTINGS = frozenset({
    "to_type", "identify_by", "name", "kind", "kind_variable", "kinds", "relationship",
    "functions_variable", "functions", "strength_variable", "strengths", "contacts_variable",
    "hours_variable", "status", "relationships", "contacts", "hours", "numeric",
})
#: ``identify_by = "uuid"``: the alter's Network Canvas UUID (``networkCanvasUUID``)
#: identifies it, for protocols that carry alters over from the previous interview.
UUID_IDENTITY = "uuid"
#: The value tables whose values must be numbers (contacts a month, hours a week).
NUMBER_TABLES = ("contacts", "hours")


@dataclass
class Entity:
    """A node (an alter) of one interview."""

    type: str
    uuid: str
    values: dict[str, str]
    where: Where


@dataclass
class Link:
    """An edge between two alters of one interview."""

    type: str
    source: str
    target: str
    where: Where


@dataclass
class Interview:
    """One Network Canvas session: whose network, when, and what it held."""

    session: str
    case_id: str
    date: str
    where: Where
    nodes: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


# -- mapping -------------------------------------------------------------------


@dataclass
class NodeMap:
    """How one Network Canvas node type becomes a tie target (see the module doc)."""

    to_type: TargetType
    identify_by: str = "name"
    name: str = ""
    kind: str = ""
    kind_variable: str = ""
    kinds: dict[str, str] = field(default_factory=dict)
    relationship: str = ""
    functions_variable: str = ""
    functions: dict[str, str] = field(default_factory=dict)
    strength_variable: str = ""
    strengths: dict[str, str] = field(default_factory=dict)
    contacts_variable: str = ""
    hours_variable: str = ""
    status: str = ""
    relationships: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    hours: dict[str, str] = field(default_factory=dict)
    #: Variables whose answers are numbers to take as they are (else: a value table).
    numeric: frozenset[str] = frozenset()


@dataclass
class StudyMap:
    """The mapping file, checked."""

    cases: dict[str, str]
    node_types: dict[str, NodeMap]
    knows_edge_types: frozenset[str]
    ignore_node_types: frozenset[str]
    ignore_edge_types: frozenset[str]


def _text_table(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(key): str(item) for key, item in value.items()}


def _number_table(value: Any, setting: str, name: str, issues: list[Issue]) -> dict[str, str]:
    """A value table answer -> number (``Daily = 30``); a value that is not a number is
    named."""
    table = _text_table(value)
    for option, number in table.items():
        try:
            float(number)
        except ValueError:
            issues.append(Issue(name, f"{setting}.{option}", f"{number!r} is not a number"))
    return table


def parse_mapping(mapping: dict[str, Any], name: str, issues: list[Issue]) -> StudyMap:
    """The study mapping, with a problem per bad setting in ``issues``."""
    node_types: dict[str, NodeMap] = {}
    for node_type, settings in (mapping.get("node_types") or {}).items():
        if not isinstance(settings, dict):
            issues.append(Issue(name, f"node_types.{node_type}", "must be a table of settings"))
            continue
        for unknown in sorted(set(settings) - NODE_SETTINGS):
            issues.append(Issue(name, f"node_types.{node_type}.{unknown}", "unknown setting"))
        try:
            to_type = TargetType(settings.get("to_type", "person"))
        except ValueError:
            issues.append(Issue(name, f"node_types.{node_type}.to_type",
                                f"{settings.get('to_type')!r} is not person, asset or service"))
            continue
        node_types[str(node_type)] = NodeMap(
            to_type=to_type,
            **{key: str(settings.get(key, default)) for key, default in (
                ("identify_by", "name"), ("name", ""), ("kind", ""), ("kind_variable", ""),
                ("relationship", ""), ("functions_variable", ""), ("strength_variable", ""),
                ("contacts_variable", ""), ("hours_variable", ""), ("status", ""))},
            kinds=_text_table(settings.get("kinds")),
            functions=_text_table(settings.get("functions")),
            strengths=_text_table(settings.get("strengths")),
            relationships=_text_table(settings.get("relationships")),
            contacts=_number_table(settings.get("contacts"), f"node_types.{node_type}.contacts",
                                   name, issues),
            hours=_number_table(settings.get("hours"), f"node_types.{node_type}.hours",
                                name, issues),
            numeric=frozenset(str(item) for item in settings.get("numeric") or ()),
        )
    if not node_types:
        issues.append(Issue(name, "node_types", "map at least one Network Canvas node type"))
    return StudyMap(
        cases=_text_table(mapping.get("cases")),
        node_types=node_types,
        knows_edge_types=frozenset(mapping.get("knows_edge_types") or ()),
        ignore_node_types=frozenset(mapping.get("ignore_node_types") or ()),
        ignore_edge_types=frozenset(mapping.get("ignore_edge_types") or ()),
    )


# -- reading the export files ------------------------------------------------------


def session_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of an ISO timestamp or of epoch milliseconds; None if neither."""
    text = text.strip()
    if not text:
        return None
    try:
        if text.isdigit():
            return datetime.fromtimestamp(int(text) / 1000, tz=UTC).date().isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _csv_rows(path: Path, issues: list[Issue]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a CSV file, the header being line 1."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(Issue(path.name, "", f"cannot read the file ({exc})"))
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items()
                                    if isinstance(k, str)}
    except csv.Error as exc:
        issues.append(Issue(f"{path.name}:{reader.line_num}", "", f"unreadable CSV: {exc}"))


def _needs(row: dict[str, str], columns: Iterable[str], where: Where,
           issues: list[Issue]) -> bool:
    missing = [column for column in columns if not row.get(column)]
    for column in missing:
        issues.append(Issue(str(where), column, "required"))
    return not missing


def read_csv_set(paths: list[Path], issues: list[Issue]) -> list[Interview]:
    """Interviews from a Network Canvas CSV export (any number of sessions)."""
    interviews: dict[str, Interview] = {}
    pending: list[tuple[str, Path, str]] = []
    for path in paths:
        match = _CSV_NAME.match(path.name)
        if match is None:
            issues.append(Issue(path.name, "", "not a Network Canvas export file: expected "
                                "…_ego.csv, …_attributeList_<NodeType>.csv or "
                                "…_edgeList_<EdgeType>.csv"))
        elif match["ego"]:
            _read_ego_file(path, interviews, issues)
        else:
            pending.append(("node", path, match["node"]) if match["node"]
                           else ("edge", path, match["edge"]))
    for kind, path, type_name in pending:
        _read_entity_file(kind, path, type_name, interviews, issues)
    return list(interviews.values())


def _read_ego_file(path: Path, interviews: dict[str, Interview], issues: list[Issue]) -> None:
    for line, row in _csv_rows(path, issues):
        where = Where(path.name, line)
        if not _needs(row, ("networkCanvasEgoUUID", "networkCanvasCaseID"), where, issues):
            continue
        stamp = next((row[c] for c in SESSION_DATE_COLUMNS if row.get(c)), "")
        day = session_date(stamp)
        if day is None:
            issues.append(Issue(str(where), "sessionStart",
                                f"{stamp!r} is not a date and time" if stamp else "required"))
            continue
        interviews[row["networkCanvasEgoUUID"]] = Interview(
            session=row.get("networkCanvasSessionID") or row["networkCanvasEgoUUID"],
            case_id=row["networkCanvasCaseID"], date=day, where=where)


def _read_entity_file(kind: str, path: Path, type_name: str,
                      interviews: dict[str, Interview], issues: list[Issue]) -> None:
    required = (("networkCanvasEgoUUID", "networkCanvasUUID") if kind == "node" else
                ("networkCanvasEgoUUID", "networkCanvasSourceUUID", "networkCanvasTargetUUID"))
    orphans: set[str] = set()
    for line, row in _csv_rows(path, issues):
        where = Where(path.name, line)
        if not _needs(row, required, where, issues):
            continue
        ego = row["networkCanvasEgoUUID"]
        interview = interviews.get(ego)
        if interview is None:
            if ego not in orphans:
                orphans.add(ego)
                issues.append(Issue(str(where), "networkCanvasEgoUUID",
                                    f"no ego file for interview {ego!r}: its case id and "
                                    "date are unknown (export the ego file too)"))
            continue
        if kind == "node":
            interview.nodes.append(Entity(type_name, row["networkCanvasUUID"], row, where))
        else:
            interview.links.append(Link(type_name, row["networkCanvasSourceUUID"],
                                        row["networkCanvasTargetUUID"], where))


# -- GraphML ---------------------------------------------------------------------


@dataclass
class Element:
    """An XML element with the line it starts on (ElementTree does not keep lines)."""

    tag: str
    attributes: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    text: str = ""


NC_NAMESPACE = "http://schema.networkcanvas.com/xmlns"


def parse_xml(data: bytes) -> Element:
    """Parse with expat, keeping line numbers; namespaced names become ``prefix:local``
    for the Network Canvas namespace and the bare local name otherwise. A document
    type declaration is refused (no entity expansion from untrusted files)."""
    parser = expat.ParserCreate(namespace_separator="|")
    stack: list[Element] = []
    root: list[Element] = []

    def local(name: str) -> str:
        namespace, _, rest = name.rpartition("|")
        return f"nc:{rest}" if namespace == NC_NAMESPACE else rest

    def start(name: str, attributes: dict[str, str]) -> None:
        element = Element(local(name), {local(k): v for k, v in attributes.items()},
                          parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(element)
        stack.append(element)

    def end(_name: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text += data

    def refuse_doctype(*_args: Any) -> None:
        raise ValueError("a document type declaration is not allowed")

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.Parse(data, True)
    if not root:
        raise ValueError("the document is empty")
    return root[0]


def read_graphml(path: Path, issues: list[Issue]) -> list[Interview]:
    """Interviews from one Network Canvas GraphML file (one per ``<graph>``)."""
    try:
        root = parse_xml(path.read_bytes())
    except (OSError, ValueError, expat.ExpatError) as exc:
        issues.append(Issue(path.name, "", f"not readable GraphML ({exc})"))
        return []
    keys = {key.attributes.get("id", ""): key.attributes.get("attr.name", "")
            for key in root.children if key.tag == "key"}
    interviews = []
    for graph in (child for child in root.children if child.tag == "graph"):
        interview = _graph_interview(path.name, root, graph, issues)
        if interview is not None:
            _graph_entities(path.name, graph, keys, interview, issues)
            interviews.append(interview)
    return interviews


def _session_attribute(root: Element, graph: Element, name: str) -> str:
    """A session attribute from ``<graph>``, or from ``<graphml>`` in older exports."""
    wanted = f"nc:{name}".lower()
    for element in (graph, root):
        for key, value in element.attributes.items():
            if key.lower() == wanted and value.strip():
                return value.strip()
    return ""


def _graph_interview(name: str, root: Element, graph: Element,
                     issues: list[Issue]) -> Interview | None:
    where = Where(name, graph.line)
    case_id = _session_attribute(root, graph, "caseId")
    stamp = next((value for attribute in GRAPHML_DATE_ATTRIBUTES
                  if (value := _session_attribute(root, graph, attribute))), "")
    day = session_date(stamp)
    if not case_id:
        issues.append(Issue(str(where), "nc:caseId", "required"))
    if day is None:
        issues.append(Issue(str(where), "nc:sessionStartTime",
                            f"{stamp!r} is not a date and time" if stamp else "required"))
    if not case_id or day is None:
        return None
    session = _session_attribute(root, graph, "sessionUUID") or f"{name}:{graph.line}"
    return Interview(session=session, case_id=case_id, date=day, where=where)


def _data(element: Element, keys: dict[str, str]) -> dict[str, str]:
    return {keys.get(child.attributes.get("key", ""), child.attributes.get("key", "")):
            child.text.strip() for child in element.children if child.tag == "data"}


def _graph_entities(name: str, graph: Element, keys: dict[str, str], interview: Interview,
                    issues: list[Issue]) -> None:
    uuid_of: dict[str, str] = {}
    for element in graph.children:
        values, where = _data(element, keys), Where(name, element.line)
        if element.tag == "node":
            uuid = values.get("networkCanvasUUID") or element.attributes.get("id", "")
            uuid_of[element.attributes.get("id", "")] = uuid
            if _needs(values, ("networkCanvasType",), where, issues):
                interview.nodes.append(Entity(values["networkCanvasType"], uuid, values, where))
    for element in graph.children:
        if element.tag != "edge":
            continue
        values, where = _data(element, keys), Where(name, element.line)
        source = values.get("networkCanvasSourceUUID") or uuid_of.get(
            element.attributes.get("source", ""), "")
        target = values.get("networkCanvasTargetUUID") or uuid_of.get(
            element.attributes.get("target", ""), "")
        if _needs({**values, "source": source, "target": target},
                  ("networkCanvasType", "source", "target"), where, issues):
            interview.links.append(Link(values["networkCanvasType"], source, target, where))


# -- interviews -> snapshots -----------------------------------------------------------


def supporter_id(client: str, node_type: str, key: str) -> str:
    """The same id for the same supporter of a client in every interview: a hash of the
    client, the node type and the identifying value (case and spacing ignored), so no
    name is carried in an id."""
    text = "\x1f".join((client, node_type, " ".join(key.casefold().split())))
    return "nc-" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _is_true(text: str) -> bool:
    return text.strip().lower() in TRUE_TEXT


def chosen_options(values: dict[str, str], variable: str) -> list[str]:
    """Options of a multi-choice ``variable`` (``<variable>_<option>`` columns that are
    true), or the variable's own value when it was exported as one column."""
    if values.get(variable):
        return [item.strip() for item in re.split(r"[;,]", values[variable]) if item.strip()]
    prefix = f"{variable}_"
    return [key[len(prefix):] for key, value in values.items()
            if key.startswith(prefix) and _is_true(value)]


def _looked_up(table: dict[str, str], answer: str) -> str | None:
    """The table's value for an answer: exact, else ignoring case and spacing."""
    if answer in table:
        return table[answer]
    folded = " ".join(answer.casefold().split())
    return next((value for option, value in table.items()
                 if " ".join(option.casefold().split()) == folded), None)


class Mapper:
    """Applies a ``StudyMap`` to interviews, collecting problems as it goes."""

    def __init__(self, study: StudyMap, issues: list[Issue], warnings: list[Issue]) -> None:
        self.study = study
        self.issues = issues
        self.warnings = warnings
        self._reported: set[tuple[str, str]] = set()

    def _once(self, key: tuple[str, str], issue: Issue) -> None:
        if key not in self._reported:
            self._reported.add(key)
            self.issues.append(issue)

    def node_map(self, entity: Entity) -> NodeMap | None:
        mapped = self.study.node_types.get(entity.type)
        if mapped is None and entity.type not in self.study.ignore_node_types:
            self._once(("node", entity.type), Issue(
                str(entity.where), "", f"node type {entity.type!r} is not in the mapping: add "
                f"[node_types.{entity.type}] or list it in ignore_node_types"))
        return mapped

    def identity(self, entity: Entity, mapped: NodeMap) -> str:
        """The value that makes two alters (of any interview) the same one."""
        if mapped.identify_by == UUID_IDENTITY:
            return entity.uuid.strip()
        return entity.values.get(mapped.identify_by, "").strip()

    def tie(self, client: str, entity: Entity, mapped: NodeMap) -> TieValues | None:
        values, where = entity.values, entity.where
        key = self.identity(entity, mapped)
        if not key:
            self.issues.append(Issue(str(where), mapped.identify_by, "required: it identifies "
                                     "the same supporter across interviews"))
            return None
        to_id = key
        if mapped.to_type == TargetType.PERSON:
            to_id = supporter_id(client, entity.type, key)
        row = {"person_id": client, "to_id": to_id, "to_type": mapped.to_type.value,
               "kind": self._kind(entity, mapped),
               "relationship": self._relationship(entity, mapped),
               "functions": LIST_SEPARATOR.join(self._functions(entity, mapped)),
               "strength": self._strength(entity, mapped),
               "contacts_per_month": self._amount(entity, mapped, "contacts"),
               "hours_per_week": self._amount(entity, mapped, "hours"),
               "status": mapped.status}
        name = values.get(mapped.name, "") if mapped.name else ""
        return TieValues(to_id, {column: value for column, value in row.items() if value},
                         where, display_name=name)

    def _option(self, entity: Entity, variable: str, table: dict[str, str]) -> str:
        options = chosen_options(entity.values, variable)
        if len(options) > 1:
            self.issues.append(Issue(str(entity.where), variable,
                                     f"one answer expected, got {', '.join(options)}"))
            return ""
        if not options:
            return ""
        return table.get(options[0], options[0])

    def _kind(self, entity: Entity, mapped: NodeMap) -> str:
        if not mapped.kind_variable:
            return mapped.kind
        return self._option(entity, mapped.kind_variable, mapped.kinds) or mapped.kind

    def _relationship(self, entity: Entity, mapped: NodeMap) -> str:
        """Free text (``"friend, from church"`` stays whole), or its value table's word."""
        if not mapped.relationship:
            return ""
        answer = entity.values.get(mapped.relationship, "").strip()
        if not answer:
            return self._option(entity, mapped.relationship, mapped.relationships)
        return _looked_up(mapped.relationships, answer) or answer

    def _amount(self, entity: Entity, mapped: NodeMap, setting: str) -> str:
        """Contacts a month or hours a week: the answer's value in the setting's table,
        or the answer itself when the mapping declares the variable numeric."""
        variable, table = ((mapped.contacts_variable, mapped.contacts) if setting == "contacts"
                           else (mapped.hours_variable, mapped.hours))
        if not variable:
            return ""
        options = chosen_options(entity.values, variable)
        answer = ", ".join(options)
        if not answer:
            return ""
        found = _looked_up(table, answer)
        if found is not None:
            return found
        if variable in mapped.numeric:
            return answer  # validated as a number with the rest of the row
        unit = "contacts a month" if setting == "contacts" else "hours a week"
        self.issues.append(Issue(str(entity.where), variable, (
            f"{answer!r} is not in [node_types.{entity.type}.{setting}] and {variable} is "
            f"not declared numeric: add {answer!r} = <{unit}> to that table, or numeric = "
            f"[\"{variable}\"] to [node_types.{entity.type}] if its answers are {unit}")))
        return ""

    def _strength(self, entity: Entity, mapped: NodeMap) -> str:
        if not mapped.strength_variable:
            return ""
        return self._option(entity, mapped.strength_variable, mapped.strengths)

    def _functions(self, entity: Entity, mapped: NodeMap) -> list[str]:
        if not mapped.functions_variable:
            return []
        chosen = [mapped.functions.get(option, option)
                  for option in chosen_options(entity.values, mapped.functions_variable)]
        return sorted({function for function in chosen if function})

    def client_of(self, interview: Interview) -> str | None:
        client = self.study.cases.get(interview.case_id)
        if client is None:
            self.issues.append(Issue(str(interview.where), "networkCanvasCaseID",
                                     f"case {interview.case_id!r} is not mapped to a client "
                                     "in [cases]"))
        return client

    def knows(self, link: Link) -> bool:
        if link.type in self.study.knows_edge_types:
            return True
        if link.type not in self.study.ignore_edge_types:
            self._once(("edge", link.type), Issue(
                str(link.where), "", f"edge type {link.type!r} is not in the mapping: list it "
                "in knows_edge_types or ignore_edge_types"))
        return False


def snapshot(mapper: Mapper, client: str, interview: Interview) -> Snapshot:
    """One interview, mapped. Two alters with one identity are an error naming both
    rows (they would merge into one tie); an edge from an alter to itself is left out
    with a warning."""
    shot = Snapshot(client, interview.session, interview.date, interview.where)
    person_ids: dict[str, str] = {}
    for entity in interview.nodes:
        mapped = mapper.node_map(entity)
        tie = mapper.tie(client, entity, mapped) if mapped is not None else None
        if tie is None or mapped is None:
            continue
        first = shot.ties.get(tie.to_id)
        if first is not None:
            mapper.issues.append(Issue(str(entity.where), mapped.identify_by, (
                f"{mapper.identity(entity, mapped)!r} is also the {mapped.identify_by} of "
                f"{first.where} in this interview: two alters cannot be one supporter "
                f"(tell them apart, or set identify_by = \"{UUID_IDENTITY}\")")))
            continue
        shot.ties[tie.to_id] = tie
        if mapped.to_type == TargetType.PERSON:
            person_ids[entity.uuid] = tie.to_id
    for link in interview.links:
        if not mapper.knows(link):
            continue
        ends = (person_ids.get(link.source), person_ids.get(link.target))
        if link.source == link.target or (ends[0] is not None and ends[0] == ends[1]):
            mapper.warnings.append(Issue(str(link.where), "", f"a {link.type!r} edge from an "
                                         "alter to itself (a self-loop) is left out"))
        elif ends[0] is None or ends[1] is None:
            mapper.issues.append(Issue(str(link.where), "", "a KNOWS edge must join two "
                                       "mapped person nodes of the same interview"))
        else:
            low, high = sorted((ends[0], ends[1]))
            shot.pairs.setdefault((low, high), link.where)
    return shot


def interview_snapshots(interviews: list[Interview], study: StudyMap, issues: list[Issue],
                        warnings: list[Issue]) -> list[Snapshot]:
    """The mapped snapshot of every interview whose case is mapped to a client."""
    mapper = Mapper(study, issues, warnings)
    shots = []
    for interview in sorted(interviews, key=lambda item: (item.date, str(item.where))):
        client = mapper.client_of(interview)
        if client is not None:
            shots.append(snapshot(mapper, client, interview))
    return shots


def interviews_to_tables(interviews: list[Interview], study: StudyMap,
                         issues: list[Issue]) -> list[Table]:
    """The people, ties and knows tables of these interviews alone (no stored ones)."""
    shots = interview_snapshots(interviews, study, issues, [])
    return build_history(shots, [], issues).tables


# -- the mapping file, end to end ------------------------------------------------------

#: What a Network Canvas export file named without its mapping file needs.
MAPPING_HINT = ("import it through a mapping file (format = \"network-canvas\", files = "
                "[...]) that says which client each case is and what each node type means: "
                "see docs/import-format.md, \"Network Canvas\"")


def export_without_mapping(path: Path) -> str | None:
    """The hint for a Network Canvas export file given to the importer directly (a bare
    .graphml, or a file of a CSV export), else None."""
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        return f"a GraphML file (a Network Canvas export?): {MAPPING_HINT}"
    if suffix != ".csv":
        return None
    try:
        with path.open("rb") as handle:
            header = handle.readline(4096)
    except OSError:
        return None  # the plain reader names the problem
    if b"networkCanvasEgoUUID" in header:
        return f"a file of a Network Canvas CSV export: {MAPPING_HINT}"
    return None



def read_study(mapping_path: Path, mapping: dict[str, Any], result: FileRead) -> None:
    """Fill ``result`` with the snapshots of the study a mapping file describes, and
    the record tables they give by themselves (the importer rebuilds those with the
    client's stored interviews)."""
    issues = result.issues
    study = parse_mapping(mapping, result.name, issues)
    files = export_files(mapping_path, mapping.get("files"), result.name, issues)
    graphml = [path for path in files if path.suffix.lower() == ".graphml"]
    csvs = [path for path in files if path.suffix.lower() == ".csv"]
    for other in sorted(set(files) - set(graphml) - set(csvs)):
        issues.append(Issue(other.name, "", "not a Network Canvas export (.csv or .graphml)"))
    interviews = read_csv_set(csvs, issues)
    for path in graphml:
        interviews.extend(read_graphml(path, issues))
    result.snapshots = interview_snapshots(interviews, study, issues, result.warnings)
    result.tables.extend(build_history(result.snapshots, [], issues).tables)
    result.sha256 = combined_checksum([mapping_path, *files])
