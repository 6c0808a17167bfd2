"""Rules beyond one cell: across the columns of a row, and across rows and files.

Row rules: ``until`` not before ``since``; a status only on asset ties; nobody tied
to or knowing themselves; a measure's score inside its instrument's range; client
details only on clients; a review due date not before the last review.

Cross-file rules: one set of values per id (exact repeats are dropped); a tie's
``person_id`` is a client; a tie to an asset or service names a known one (a tie to
an unlisted person creates that supporter); ``enabled_by``, KNOWS, events and
measures name known people (or services, or assets for an event's ``other_id``);
a client's ``service`` is a known service. "Known" means listed in this import or
already in the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.model import INSTRUMENT_ITEMS, INSTRUMENT_RANGES, Instrument, RecordType, TargetType
from ingest.sources import Issue
from ingest.validate import ValidTable

Row = dict[str, Any]
#: ``lookup(kind, ids)`` returns the subset of ``ids`` the store already holds, where
#: kind is "client", "person", "asset" or "service".
StoreLookup = Callable[[str, list[str]], set[str]]

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


@dataclass
class Keyed:
    """One record type's distinct rows, keyed, and where each came from."""

    keys: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class ImportPlan:
    """Everything validated and de-duplicated, ready to write; empty ``issues`` = writable."""

    records: dict[RecordType, Keyed]
    issues: list[Issue]

    def count(self, record_type: RecordType) -> int:
        return len(self.records[record_type].rows)

    @property
    def tie_clients(self) -> set[str]:
        """Clients present in this ties export: their missing ties get ended."""
        return {row["person_id"] for row in self.records[RecordType.TIES].rows}


# -- row rules ----------------------------------------------------------------


def _rows(tables: list[ValidTable]) -> Iterator[tuple[ValidTable, int, Row]]:
    for table in tables:
        for position, row in enumerate(table.rows):
            yield table, position, row


def _dates_in_order(table: ValidTable, position: int, row: Row, issues: list[Issue]) -> None:
    since, until = row.get("since"), row.get("until")
    if since and until and until < since:
        issues.append(Issue(table.location(position), "until",
                            f"{until} is before since ({since})"))


def check_tie_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in _rows(tables):
        _dates_in_order(table, position, row, issues)
        if "status" in row and row["to_type"] != TargetType.ASSET:
            issues.append(Issue(table.location(position), "status",
                                "only a tie to an asset has a status"))
        if row["to_type"] == TargetType.PERSON and row["to_id"] == row["person_id"]:
            issues.append(Issue(table.location(position), "to_id",
                                "a person cannot be tied to themselves"))


def check_knows_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in _rows(tables):
        _dates_in_order(table, position, row, issues)
        if row["a_id"] == row["b_id"]:
            issues.append(Issue(table.location(position), "b_id",
                                "a person cannot know themselves"))


def check_measure_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in _rows(tables):
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
    for table, position, row in _rows(tables):
        reviewed, due = row.get("last_reviewed"), row.get("review_due")
        if reviewed and due and due < reviewed:
            issues.append(Issue(table.location(position), "review_due",
                                f"{due} is before last_reviewed ({reviewed})"))


def check_people_rows(tables: list[ValidTable], issues: list[Issue]) -> None:
    for table, position, row in _rows(tables):
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


# -- de-duplication -------------------------------------------------------------


def distinct_rows(record_type: RecordType, tables: list[ValidTable], issues: list[Issue]) -> Keyed:
    """Drop exact repeats; a repeated key with other values is an issue at the repeat."""
    key_of, column = KEYS[record_type]
    first_seen: dict[str, tuple[ValidTable, int]] = {}
    keyed = Keyed()
    for table, position, row in _rows(tables):
        key = key_of(row)
        seen = first_seen.get(key)
        if seen is None:
            first_seen[key] = (table, position)
            keyed.keys.append(key)
            keyed.rows.append(row)
        elif seen[0].rows[seen[1]] != row:
            issues.append(Issue(table.location(position), column,
                                f"{record_type} {key!r} appears again with different values "
                                f"(first at {seen[0].location(seen[1])})"))
    return keyed


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
    for row in records[RecordType.EVENTS].rows:
        if "other_id" in row:
            for kind in ("person", "asset", "service"):
                wanted[kind].add(row["other_id"])
    wanted["service"].update(row["service"] for row in records[RecordType.PEOPLE].rows
                             if "service" in row)
    return wanted


def _check_demotions(tables: list[ValidTable], lookup: StoreLookup | None,
                     issues: list[Issue]) -> None:
    """A stored client listed with client = no would lose their details: refuse it."""
    listed = {row["person_id"] for _, _, row in _rows(tables) if not row.get("client", True)}
    stored_clients = lookup("client", sorted(listed)) if listed and lookup else set()
    for table, position, row in _rows(tables):
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
    for table, position, row in _rows(tables[RecordType.KNOWS]):
        for column in ("a_id", "b_id"):
            if row[column] not in known.persons:
                issues.append(Issue(table.location(position), column,
                                    known.unknown("person", row[column])))
    for record_type in (RecordType.EVENTS, RecordType.MEASURES):
        for table, position, row in _rows(tables[record_type]):
            if row["person_id"] not in known.persons:
                issues.append(Issue(table.location(position), "person_id",
                                    known.unknown("person", row["person_id"])))
    _check_event_others(tables[RecordType.EVENTS], known, issues)
    for table, position, row in _rows(tables[RecordType.PEOPLE]):
        if "service" in row and row["service"] not in known.services:
            issues.append(Issue(table.location(position), "service",
                                f"unknown service {row['service']!r}"))
    return known


def _check_tie_references(tables: list[ValidTable], known: Known, issues: list[Issue]) -> None:
    for table, position, row in _rows(tables):
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


def _check_event_others(tables: list[ValidTable], known: Known, issues: list[Issue]) -> None:
    for table, position, row in _rows(tables):
        other = row.get("other_id")
        if other and not (other in known.persons or other in known.assets
                          or other in known.services):
            issues.append(Issue(table.location(position), "other_id",
                                known.unknown("person, asset or service", other)))


#: A scoped writer's own checks, run after the references (``ingest.scoping``).
ScopeCheck = Callable[[dict[RecordType, Keyed], dict[RecordType, list[ValidTable]], Known,
                       list[Issue]], None]


def plan_import(tables: list[ValidTable], lookup: StoreLookup | None,
                scope_noun: str = "", scope_check: ScopeCheck | None = None) -> ImportPlan:
    """Apply every row and cross-file rule to validated tables; de-duplicate rows.

    For a scoped writer, ``lookup`` answers for clients and people in scope only,
    ``scope_noun`` words the refusals, and ``scope_check`` adds its own rules.
    """
    issues: list[Issue] = []
    by_type: dict[RecordType, list[ValidTable]] = {record_type: [] for record_type in RecordType}
    for table in tables:
        by_type[table.table.record_type].append(table)
    for record_type, rule in ROW_RULES.items():
        rule(by_type[record_type], issues)
    records = {record_type: distinct_rows(record_type, by_type[record_type], issues)
               for record_type in RecordType}
    known = check_references(records, by_type, lookup, issues, scope_noun)
    if scope_check is not None:
        scope_check(records, by_type, known, issues)
    return ImportPlan(records, issues)
