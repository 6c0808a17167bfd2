"""Rules beyond one cell: across the columns of a row, and across rows and files.

Row rules: ``until`` not before ``since``; a status only on asset ties; nobody tied
to or knowing themselves; a measure's score inside its instrument's range; client
details only on clients; a review due date not before the last review.

The introduction-plan rule (issue 15.3, the same for a file and a form): a ties row
that *moves* a community connection to introduced or attending is refused while an
item of ``required_plan_items`` is empty. A row moves the connection when the store
holds it at another status: the same tie (client, place, ``since``) stored at another
status, or, for a tie not stored, the client's latest stored tie to that place dated
before it. A row the store already holds at that status, a stored tie without a status,
or a connection the store has never held (history recorded after the fact: the demo, a
first import), is not judged.

Cross-file rules: one set of values per id (exact repeats are dropped); a tie's
``person_id`` is a client; a tie to an asset or service names a known one (a tie to
an unlisted person creates that supporter); ``enabled_by``, KNOWS, events and
measures name known people (or services, or assets for an event's ``other_id``);
a client's ``service`` is a known service. "Known" means listed in this import or
already in the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Protocol

from graph.model import (
    INSTRUMENT_ITEMS,
    INSTRUMENT_RANGES,
    ConnectionStatus,
    Instrument,
    RecordType,
    TargetType,
)
from ingest.sources import Issue, Table
from ingest.validate import ValidTable

Row = dict[str, Any]
#: ``lookup(kind, ids)`` returns the subset of ``ids`` the store already holds, where
#: kind is "client", "person", "asset" or "service".
StoreLookup = Callable[[str, list[str]], set[str]]
#: ``connections(pairs)`` returns the stored ties from each client to each place of
#: ``pairs`` (``(person_id, to_id)``): rows of ``person_id, to_id, id, status, since``.
ConnectionLookup = Callable[[list[tuple[str, str]]], list[Row]]

#: Introduction-plan items a community connection needs before it may move to
#: introduced (issue 15): who makes contact, how the person is introduced, travel, and
#: the fall-back and exit plan. An organisation sets its own in ``[workbench]``.
DEFAULT_REQUIRED_PLAN_ITEMS: tuple[str, ...] = (
    "plan_contact", "plan_introduction", "plan_travel", "plan_exit",
)
#: Statuses a connection may only reach with its required plan items filled in.
NEEDS_PLAN = frozenset({ConnectionStatus.INTRODUCED, ConnectionStatus.ATTENDING})

CLIENT_ONLY_COLUMNS = ("area", "service", "practitioner", "needs", "interests",
                       "access_needs", "risks", "functions_needed", "age_band", "start_date")


def tie_id(row: Row) -> str:
    """``<person_id>><to_id>@<since>`` (DESIGN): stable across exports of the same tie."""
    return f"{row['person_id']}>{row['to_id']}@{row.get('since', '')}"


def event_id(row: Row) -> str:
    """Hash of every value of an event (inlined: there are millions of events)."""
    text = (f"{row['person_id']}\x1f{row['date']}\x1f{row['kind']}\x1f{row.get('other_id', '')}"
            f"\x1f{row.get('notes', '')}")
    return "ev-" + hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def measure_id(row: Row) -> str:
    text = f"{row['person_id']}\x1f{row['date']}\x1f{row['instrument']}"
    return "ms-" + hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def knows_key(row: Row) -> str:
    low, high = sorted((row["a_id"], row["b_id"]))
    return f"{low}~{high}"


#: How each record type is keyed; the key column names the first clash.
KEYS: dict[RecordType, tuple[Callable[[Row], str], str]] = {
    RecordType.PEOPLE: (lambda row: row["person_id"], "person_id"),
    RecordType.SERVICES: (lambda row: row["service_id"], "service_id"),
    RecordType.ASSETS: (lambda row: row["asset_id"], "asset_id"),
    RecordType.TIES: (tie_id, "to_id"),
    RecordType.KNOWS: (knows_key, "b_id"),
    RecordType.EVENTS: (event_id, "kind"),
    RecordType.MEASURES: (measure_id, "score"),
}


class StreamedRows(Protocol):
    """A table whose rows are not held (``ingest.streaming``, which builds on these
    rules): what its first pass kept, and its rows read again from its file."""

    table: Table
    #: Distinct rows; the ids they name (``person_id``, an event's ``other_id``).
    distinct: int
    persons: set[str]
    others: set[str]
    #: Issues of the row rules and of keys given again with other values.
    rule_issues: list[Issue]
    repeat_issues: list[Issue]

    @property
    def record_type(self) -> RecordType: ...

    def valid_rows(self) -> Iterator[tuple[ValidTable, int, Row]]:
        """Every valid row, read again, as ``table_rows`` gives a held table's."""
        ...

    def distinct_chunks(self) -> Iterator[Keyed]:
        """The distinct rows, read again chunk by chunk."""
        ...


@dataclass
class Keyed:
    """One record type's distinct rows, keyed, and where each came from."""

    keys: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    #: Tables streamed from their files (``ingest.streaming``): their distinct rows are
    #: read again when written, never held in ``rows``.
    streams: list[StreamedRows] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Distinct rows: those held and those of the streams."""
        return len(self.rows) + sum(streamed.distinct for streamed in self.streams)


@dataclass
class ImportPlan:
    """Everything validated and de-duplicated, ready to write; empty ``issues`` = writable."""

    records: dict[RecordType, Keyed]
    issues: list[Issue]

    def count(self, record_type: RecordType) -> int:
        return self.records[record_type].count

    @property
    def tie_clients(self) -> set[str]:
        """Clients present in this ties export: their missing ties get ended."""
        return {row["person_id"] for row in self.records[RecordType.TIES].rows}


# -- row rules ----------------------------------------------------------------


def table_rows(tables: list[ValidTable], streams: Iterable[StreamedRows] = ()
          ) -> Iterator[tuple[ValidTable, int, Row]]:
    """Every row of ``tables``, then of ``streams`` (read again from their files: pass
    them only when a check needs their rows)."""
    for table in tables:
        for position, row in enumerate(table.rows):
            yield table, position, row
    yield from chain.from_iterable(streamed.valid_rows() for streamed in streams)


def _dates_in_order(table: ValidTable, position: int, row: Row, issues: list[Issue]) -> None:
    since, until = row.get("since"), row.get("until")
    if since and until and until < since:
        issues.append(Issue(table.location(position), "until",
                            f"{until} is before since ({since})"))


def check_tie_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables):
        _dates_in_order(table, position, row, issues)
        if "status" in row and row["to_type"] != TargetType.ASSET:
            issues.append(Issue(table.location(position), "status",
                                "only a tie to an asset has a status"))
        if row["to_type"] == TargetType.PERSON and row["to_id"] == row["person_id"]:
            issues.append(Issue(table.location(position), "to_id",
                                "a person cannot be tied to themselves"))


def check_knows_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables):
        _dates_in_order(table, position, row, issues)
        if row["a_id"] == row["b_id"]:
            issues.append(Issue(table.location(position), "b_id",
                                "a person cannot know themselves"))


def check_measure_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables):
        low, high = INSTRUMENT_RANGES[Instrument(row["instrument"])]
        if not low <= row["score"] <= high:
            issues.append(Issue(table.location(position), "score",
                                f"{row['score']:g} is outside {row['instrument']}'s range "
                                f"{low}-{high}"))
        if "items" in row:
            problem = item_problem(row)
            if problem:
                issues.append(Issue(table.location(position), "items", problem))


def item_problem(row: Row) -> str:
    """What is wrong with a measure's item answers ('' if nothing): the instrument's
    number of items, each inside its answer range, adding up to the score
    (``graph.model.INSTRUMENT_ITEMS``)."""
    instrument = Instrument(row["instrument"])
    if instrument not in INSTRUMENT_ITEMS:
        return f"{instrument} has no items recorded here"
    count, low, high = INSTRUMENT_ITEMS[instrument]
    items = row["items"]
    if len(items) != count:
        return f"{instrument} has {count} items; {len(items)} given"
    if any(not low <= item <= high for item in items):
        return f"each {instrument} answer is {low}-{high}"
    if sum(items) != row["score"]:
        return f"the items add up to {sum(items)}, not the score {row['score']:g}"
    return ""


def check_asset_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables):
        reviewed, due = row.get("last_reviewed"), row.get("review_due")
        if reviewed and due and due < reviewed:
            issues.append(Issue(table.location(position), "review_due",
                                f"{due} is before last_reviewed ({reviewed})"))


def check_people_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables):
        if row.get("client", True):
            continue
        for column in CLIENT_ONLY_COLUMNS:
            if column in row:
                issues.append(Issue(table.location(position), column,
                                    "only a client (client = yes) carries this"))


ROW_RULES: dict[RecordType, Callable[[list[ValidTable], list[Issue]], None]] = {
    RecordType.TIES: check_tie_rows,
    RecordType.KNOWS: check_knows_rows,
    RecordType.MEASURES: check_measure_rows,
    RecordType.ASSETS: check_asset_rows,
    RecordType.PEOPLE: check_people_rows,
}


def missing_plan_items(values: Row, required: Iterable[str]) -> list[str]:
    """The required introduction-plan items that are empty in ``values``.

    >>> missing_plan_items({"plan_contact": "Sue rings", "plan_travel": " "},
    ...                    ["plan_contact", "plan_travel", "plan_exit"])
    ['plan_travel', 'plan_exit']
    """
    return [item for item in required if not str(values.get(item) or "").strip()]


def check_plan_moves(tables: list[ValidTable], connections: ConnectionLookup | None,
                     required: Sequence[str], issues: list[Issue]) -> None:
    """The introduction-plan rule (module docstring): a row moving a connection to
    introduced or attending with a required plan item empty is refused."""
    moving = [(table, position, row) for table, position, row in table_rows(tables)
              if row.get("status") in NEEDS_PLAN and row["to_type"] == TargetType.ASSET
              and missing_plan_items(row, required)]
    if not moving or connections is None:
        return
    stored: dict[tuple[str, str], list[Row]] = {}
    for tie in connections(sorted({(row["person_id"], row["to_id"]) for _, _, row in moving})):
        stored.setdefault((tie["person_id"], tie["to_id"]), []).append(tie)
    for table, position, row in moving:
        was = _stored_status(row, stored.get((row["person_id"], row["to_id"]), []))
        if was and was != row["status"]:
            issues.append(Issue(table.location(position), "status",
                                f"cannot move to {row['status']} while these are empty: "
                                f"{', '.join(missing_plan_items(row, required))}"))


def _stored_status(row: Row, ties: list[Row]) -> str | None:
    """The connection's stored status this row moves it from; None (or '' for a tie
    stored without a status: in use, so giving it one introduces nothing) when the
    store holds no tie of it before this row."""
    key = tie_id(row)
    same = [tie for tie in ties if tie["id"] == key]
    if same:
        return str(same[0].get("status") or "")
    since = str(row.get("since") or "")
    earlier = [tie for tie in ties if str(tie.get("since") or "") < since]
    if not earlier:
        return None
    latest = max(earlier, key=lambda tie: str(tie.get("since") or ""))
    return str(latest.get("status") or "")


# -- de-duplication -------------------------------------------------------------


def distinct_rows(record_type: RecordType, tables: list[ValidTable], issues: list[Issue]) -> Keyed:
    """Drop exact repeats; a repeated key with other values is an issue at the repeat."""
    key_of, column = KEYS[record_type]
    # Key -> the first row with it: the row objects exist already, so a big table costs
    # one dict entry per row here (where it came from is looked up only for an issue).
    first_seen: dict[str, Row] = {}
    keyed = Keyed()
    for table, position, row in table_rows(tables):
        key = key_of(row)
        seen = first_seen.get(key)
        if seen is None:
            first_seen[key] = row
            keyed.keys.append(key)
            keyed.rows.append(row)
        elif seen != row:
            issues.append(Issue(table.location(position), column,
                                f"{record_type} {key!r} appears again with different values "
                                f"(first at {_first_location(tables, seen)})"))
    return keyed


def _first_location(tables: list[ValidTable], wanted: Row) -> str:
    return next(table.location(position) for table, position, row in table_rows(tables)
                if row is wanted)


# -- references -------------------------------------------------------------------


class Known:
    """Ids listed in this import, falling back to the store for the rest."""

    def __init__(self, records: dict[RecordType, Keyed], lookup: StoreLookup | None,
                 scope_noun: str = "") -> None:
        people = records[RecordType.PEOPLE]
        self.listed_clients = {row["person_id"]: row.get("client", True) for row in people.rows}
        self.persons = set(self.listed_clients)
        self.persons.update(row["to_id"] for row in records[RecordType.TIES].rows
                            if row["to_type"] == TargetType.PERSON)
        self.assets = set(records[RecordType.ASSETS].keys)
        self.services = set(records[RecordType.SERVICES].keys)
        self.clients = {key for key, is_client in self.listed_clients.items() if is_client}
        self.lookup = lookup
        #: Under a scoped writer ("service", "caseload") an id outside the scope reads
        #: exactly like an unknown one, so an error never tells whether it exists.
        self.scope_noun = scope_noun

    def unknown(self, kind: str, value: str) -> str:
        """The reason given for a reference to an id this import may not use."""
        if self.scope_noun and kind.startswith(("client", "person")):
            return f"{kind} {value!r} is unknown or not in your {self.scope_noun}"
        return f"unknown {kind} {value!r}"

    def add_from_store(self, kind: str, wanted: set[str]) -> None:
        """Ask the store once about every id this import references but does not list."""
        target: set[str] = getattr(self, f"{kind}s")
        missing = sorted(wanted - target)
        if kind == "client":  # a client listed with client = no stays a non-client
            missing = [key for key in missing if key not in self.listed_clients]
        if missing and self.lookup is not None:
            target.update(self.lookup(kind, missing))


def _references(records: dict[RecordType, Keyed]) -> dict[str, set[str]]:
    """Every id this import refers to, by the kind of node it must be."""
    ties = records[RecordType.TIES].rows
    wanted: dict[str, set[str]] = {kind: set() for kind in ("client", "person", "asset", "service")}
    wanted["client"].update(row["person_id"] for row in ties)
    for row in ties:
        if row["to_type"] != TargetType.PERSON:
            wanted[row["to_type"]].add(row["to_id"])
        for enabler in row.get("enabled_by", ()):
            wanted["person"].add(enabler)
            wanted["service"].add(enabler)
    for row in records[RecordType.KNOWS].rows:
        wanted["person"].update((row["a_id"], row["b_id"]))
    for record_type in (RecordType.EVENTS, RecordType.MEASURES):
        wanted["person"].update(row["person_id"] for row in records[record_type].rows)
        for streamed in records[record_type].streams:
            wanted["person"].update(streamed.persons)
    others = {row["other_id"] for row in records[RecordType.EVENTS].rows if "other_id" in row}
    others.update(*(streamed.others for streamed in records[RecordType.EVENTS].streams))
    for kind in ("person", "asset", "service"):
        wanted[kind].update(others)
    wanted["service"].update(row["service"] for row in records[RecordType.PEOPLE].rows
                             if "service" in row)
    return wanted


def _check_demotions(tables: list[ValidTable], lookup: StoreLookup | None,
                     issues: list[Issue]) -> None:
    """A stored client listed with client = no would lose their details: refuse it."""
    listed = {row["person_id"] for _, _, row in table_rows(tables) if not row.get("client", True)}
    stored_clients = lookup("client", sorted(listed)) if listed and lookup else set()
    for table, position, row in table_rows(tables):
        if row["person_id"] in stored_clients and not row.get("client", True):
            issues.append(Issue(table.location(position), "client",
                                f"{row['person_id']!r} is a client in the store; "
                                "client = no cannot undo that"))


def check_references(
    records: dict[RecordType, Keyed], tables: dict[RecordType, list[ValidTable]],
    lookup: StoreLookup | None, issues: list[Issue], scope_noun: str = "",
) -> Known:
    known = Known(records, lookup, scope_noun)
    for kind, wanted in _references(records).items():
        known.add_from_store(kind, wanted)
    _check_demotions(tables[RecordType.PEOPLE], lookup, issues)
    _check_tie_references(tables[RecordType.TIES], known, issues)
    for table, position, row in table_rows(tables[RecordType.KNOWS]):
        for column in ("a_id", "b_id"):
            if row[column] not in known.persons:
                issues.append(Issue(table.location(position), column,
                                    known.unknown("person", row[column])))
    for record_type in (RecordType.EVENTS, RecordType.MEASURES):
        streams = records[record_type].streams
        unknown = any(not streamed.persons <= known.persons for streamed in streams)
        for table, position, row in table_rows(tables[record_type], streams if unknown else ()):
            if row["person_id"] not in known.persons:
                issues.append(Issue(table.location(position), "person_id",
                                    known.unknown("person", row["person_id"])))
    streams = records[RecordType.EVENTS].streams
    unknown = any(not streamed.others <= known.persons | known.assets | known.services
                  for streamed in streams)
    _check_event_others(tables[RecordType.EVENTS], streams if unknown else (), known, issues)
    for table, position, row in table_rows(tables[RecordType.PEOPLE]):
        if "service" in row and row["service"] not in known.services:
            issues.append(Issue(table.location(position), "service",
                                f"unknown service {row['service']!r}"))
    return known


def _check_tie_references(tables: list[ValidTable], known: Known, issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables):
        person = row["person_id"]
        if person not in known.clients:
            reason = (f"{person!r} is listed with client = no; a tie's person_id must be a client"
                      if person in known.listed_clients else known.unknown("client", person))
            issues.append(Issue(table.location(position), "person_id", reason))
        target_type, target = row["to_type"], row["to_id"]
        if target_type == TargetType.ASSET and target not in known.assets:
            issues.append(Issue(table.location(position), "to_id", f"unknown asset {target!r}"))
        if target_type == TargetType.SERVICE and target not in known.services:
            issues.append(Issue(table.location(position), "to_id",
                                f"unknown service {target!r}"))
        for enabler in row.get("enabled_by", ()):
            if enabler not in known.persons and enabler not in known.services:
                issues.append(Issue(table.location(position), "enabled_by",
                                    known.unknown("person or service", enabler)))


def _check_event_others(tables: list[ValidTable], streams: Sequence[StreamedRows],
                        known: Known, issues: list[Issue]) -> None:
    for table, position, row in table_rows(tables, streams):
        other = row.get("other_id")
        if other and not (other in known.persons or other in known.assets
                          or other in known.services):
            issues.append(Issue(table.location(position), "other_id",
                                known.unknown("person, asset or service", other)))


#: A scoped writer's own checks, run after the references (``ingest.scoping``).
ScopeCheck = Callable[[dict[RecordType, Keyed], dict[RecordType, list[ValidTable]], Known,
                       list[Issue]], None]


def plan_import(tables: list[ValidTable], lookup: StoreLookup | None,
                scope_noun: str = "", scope_check: ScopeCheck | None = None, *,
                connections: ConnectionLookup | None = None,
                required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS,
                streamed: Sequence[StreamedRows] = ()) -> ImportPlan:
    """Apply every row and cross-file rule to validated tables; de-duplicate rows.

    For a scoped writer, ``lookup`` answers for clients and people in scope only,
    ``scope_noun`` words the refusals, and ``scope_check`` adds its own rules.
    ``connections`` reads the stored ties the introduction-plan rule compares with
    (without it, as without a store, no row moves a stored connection);
    ``required_plan_items`` are the organisation's (``[workbench]``). ``streamed``: the
    tables of ``ingest.streaming``, already through its first pass (row rules and keys).
    """
    issues: list[Issue] = []
    by_type: dict[RecordType, list[ValidTable]] = {record_type: [] for record_type in RecordType}
    for table in tables:
        by_type[table.table.record_type].append(table)
    streams: dict[RecordType, list[StreamedRows]] = {record_type: [] for record_type in RecordType}
    for stream in streamed:
        streams[stream.record_type].append(stream)
    for record_type, rule in ROW_RULES.items():
        rule(by_type[record_type], issues)
        issues.extend(chain.from_iterable(stream.rule_issues for stream in streams[record_type]))
    check_plan_moves(by_type[RecordType.TIES], connections, required_plan_items, issues)
    records: dict[RecordType, Keyed] = {}
    for record_type in RecordType:
        records[record_type] = distinct_rows(record_type, by_type[record_type], issues)
        records[record_type].streams = streams[record_type]
        issues.extend(chain.from_iterable(stream.repeat_issues for stream in streams[record_type]))
    known = check_references(records, by_type, lookup, issues, scope_noun)
    if scope_check is not None:
        scope_check(records, by_type, known, issues)
    return ImportPlan(records, issues)
