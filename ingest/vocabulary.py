"""The organisation's vocabulary: local terms of closed-list columns mapped to ours.

A case system exports its own words ("Quiet Room", "Lunch Club", "LSNS6"). The
``[vocabulary.<table>]`` tables of the ``ASSETMAP_CONFIG`` file map them to the
terms of ``graph.model``; the importer applies them to every table every source
produced (CSV, XLSX, JSON, Network Canvas, Open Referral) before validation, so one
step serves every reader.

Matching ignores case, spaces, hyphens and underscores (``term_key``), the same
rule header matching uses: ``"LSNS6"``, ``"lsns 6"`` and ``"LSNS-6"`` are all our
``LSNS-6`` without any mapping, and a mapping's key ``quiet_room`` also matches
"Quiet Room". Every cell changed, by a mapping or by that spelling rule, is counted
and named in the import report, so nothing changes silently. An unknown term is
reported with the closest of our terms and of the configured local terms, and the
exact TOML line that would map it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from graph.errors import ConfigError
from graph.model import (
    AccessFeature,
    AgeBand,
    AssetCategory,
    ConnectionStatus,
    CostBand,
    DirectoryStatus,
    EventKind,
    Instrument,
    Quality,
    RecordType,
    Risk,
    SafeguardingControl,
    ServiceKind,
    SupportFunction,
    TargetType,
    TieKind,
)
from ingest.sources import Table

#: The separator of list cells (``ingest.records.LIST_SEPARATOR``; records imports
#: pydantic, which this module does not need).
LIST_SEPARATOR = ";"
#: A term longer than this is no term (``Code`` is at most 100 characters): no
#: suggestion is worked out for it, so a huge cell costs nothing here.
LONGEST_TERM = 100


class ClosedColumn(NamedTuple):
    """A column whose values come from one of our closed lists."""

    record_type: RecordType
    column: str
    terms: type[StrEnum]
    is_list: bool


#: Every closed-list column of the row models (``ingest.records``), by the name of its
#: ``[vocabulary.<name>]`` table: the column's own name, except the three ``kind``
#: columns, which are told apart by their record type.
CLOSED_COLUMNS: dict[str, ClosedColumn] = {
    "access_needs": ClosedColumn(RecordType.PEOPLE, "access_needs", AccessFeature, True),
    "risks": ClosedColumn(RecordType.PEOPLE, "risks", Risk, True),
    "functions_needed": ClosedColumn(RecordType.PEOPLE, "functions_needed", SupportFunction, True),
    "age_band": ClosedColumn(RecordType.PEOPLE, "age_band", AgeBand, False),
    "to_type": ClosedColumn(RecordType.TIES, "to_type", TargetType, False),
    "tie_kind": ClosedColumn(RecordType.TIES, "kind", TieKind, False),
    "functions": ClosedColumn(RecordType.TIES, "functions", SupportFunction, True),
    "quality": ClosedColumn(RecordType.TIES, "quality", Quality, False),
    "status": ClosedColumn(RecordType.TIES, "status", ConnectionStatus, False),
    "risk_flags": ClosedColumn(RecordType.TIES, "risk_flags", Risk, True),
    "category": ClosedColumn(RecordType.ASSETS, "category", AssetCategory, False),
    "accessibility": ClosedColumn(RecordType.ASSETS, "accessibility", AccessFeature, True),
    "cost": ClosedColumn(RecordType.ASSETS, "cost", CostBand, False),
    "safeguarding": ClosedColumn(RecordType.ASSETS, "safeguarding", SafeguardingControl, True),
    "asset_status": ClosedColumn(RecordType.ASSETS, "status", DirectoryStatus, False),
    "service_kind": ClosedColumn(RecordType.SERVICES, "kind", ServiceKind, False),
    "service_status": ClosedColumn(RecordType.SERVICES, "status", DirectoryStatus, False),
    "event_kind": ClosedColumn(RecordType.EVENTS, "kind", EventKind, False),
    "instrument": ClosedColumn(RecordType.MEASURES, "instrument", Instrument, False),
}
#: ``[vocabulary.relationship]`` maps a tie's free-text relationship to its kind: a tie
#: with a blank ``kind`` takes the kind its relationship maps to.
RELATIONSHIP_TABLE = "relationship"
TABLE_TERMS: dict[str, type[StrEnum]] = {
    **{name: closed.terms for name, closed in CLOSED_COLUMNS.items()},
    RELATIONSHIP_TABLE: TieKind,
}
#: The table names of each (record type, column), for the validator's messages.
TABLE_OF_COLUMN: dict[tuple[RecordType, str], str] = {
    (closed.record_type, closed.column): name for name, closed in CLOSED_COLUMNS.items()
}

_IGNORED_IN_TERMS = re.compile(r"[\s_\-]+")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def term_key(text: str) -> str:
    """How terms are matched: case, spaces, hyphens and underscores ignored.

    >>> term_key("LSNS-6") == term_key("lsns6") == term_key("Lsns 6")
    True
    >>> term_key("Quiet Room")
    'quietroom'
    """
    return _IGNORED_IN_TERMS.sub("", text.casefold())


def toml_key(term: str) -> str:
    """``term`` as a TOML key: bare when it can be, else a quoted string.

    >>> toml_key("quiet_room"), toml_key("Quiet Room")
    ('quiet_room', '"Quiet Room"')
    """
    return term if _BARE_KEY.match(term) else json.dumps(term, ensure_ascii=False)


class Mapped(NamedTuple):
    """Cells of one column changed from a local term to ours, and why."""

    table: str
    local: str
    ours: str
    #: ``vocabulary`` (a ``[vocabulary.<table>]`` line) or ``spelling`` (our own term
    #: written with other case, spaces, hyphens or underscores).
    by: str


@dataclass(frozen=True)
class Vocabulary:
    """The configured mappings: ``tables[table][local term] = our term``.

    ``source`` names the file they came from. An empty vocabulary still matches our
    own terms in any spelling (``term_key``) and suggests the closest terms.
    """

    tables: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    source: str = ""

    def lookup(self, table: str) -> dict[str, tuple[str, str]]:
        """``term_key(term) -> (our term, "spelling" | "vocabulary")`` for one table."""
        found = {term_key(local): (ours, "vocabulary")
                 for local, ours in self.tables.get(table, {}).items()}
        if table != RELATIONSHIP_TABLE:
            found.update({term_key(term.value): (term.value, "spelling")
                          for term in TABLE_TERMS[table]})
        return found

    def unknown_term(self, table: str, value: str) -> str:
        """What to say about ``value``, not a term of ``table``: the closest terms, and
        the line that would map it.

        >>> vocabulary = Vocabulary({"access_needs": {"quiet_room": "quiet_space"}})
        >>> print(vocabulary.unknown_term("access_needs", "quiet rooms"))
        did you mean 'quiet_room' (mapped to 'quiet_space') or 'quiet_space'? \
add to [vocabulary.access_needs]: "quiet rooms" = "quiet_space"
        >>> print(vocabulary.unknown_term("access_needs", "guide dog"))
        add to [vocabulary.access_needs]: "guide dog" = "<one of our terms>"
        """
        if len(value) > LONGEST_TERM:
            return f"longer than {LONGEST_TERM} characters, so no term of ours"
        local = dict(self.tables.get(table, {}))
        ours = [term.value for term in TABLE_TERMS[table]]
        names = closest_terms(value, [*ours, *local])
        shown = [f"{name!r} (mapped to {local[name]!r})" if name in local else repr(name)
                 for name in names]
        target = local.get(names[0], names[0]) if names else "<one of our terms>"
        line = f"add to [vocabulary.{table}]: {toml_key(value)} = {json.dumps(target)}"
        return (f"did you mean {' or '.join(shown)}? {line}" if names else line)


def _words(text: str) -> set[str]:
    return {word for word in re.split(r"[\s_\-]+", text.casefold()) if word}


def closest_terms(value: str, terms: list[str], most: int = 3) -> list[str]:
    """The terms ``value`` most likely means, best first: those whose key it contains or
    is contained in ("Wheelchair User", "wheelchair"), then those sharing a word
    ("Quiet Room", "quiet_space"); only when none does, difflib's close matches of the
    keys (a misspelling: "comunity").

    >>> closest_terms("BSL Interpreter", ["step_free", "bsl", "hearing_loop"])
    ['bsl']
    >>> closest_terms("Quiet Room", ["quiet_space", "seating"])
    ['quiet_space']
    >>> closest_terms("comunity", ["natural", "community", "paid"])
    ['community']
    """
    key, words = term_key(value), _words(value)
    by_key = {term_key(term): term for term in terms}
    ranked = [term for term_id, term in by_key.items()
              if term_id and (term_id in key or (len(key) >= 3 and key in term_id))]
    ranked += [term for term in by_key.values() if words & _words(term)]
    if not ranked:
        ranked = [by_key[close] for close in
                  difflib.get_close_matches(key, list(by_key), n=most, cutoff=0.6)]
    return list(dict.fromkeys(ranked))[:most]


def _map_cell(text: str, is_list: bool, resolve: dict[str, tuple[str, str]],
              table: str, mapped: Counter[Mapped]) -> str | None:
    """The cell with every known term written as ours (None: nothing changes)."""
    items = [item.strip() for item in text.split(LIST_SEPARATOR)] if is_list else [text]
    changed = False
    out = []
    for item in items:
        hit = resolve.get(term_key(item)) if item and len(item) <= LONGEST_TERM else None
        if hit is not None and hit[0] != item:
            mapped[Mapped(table, item, hit[0], hit[1])] += 1
            item, changed = hit[0], True
        out.append(item)
    if not changed:
        return None
    return f"{LIST_SEPARATOR} ".join(item for item in out if item) if is_list else out[0]


def apply_vocabulary(table: Table, vocabulary: Vocabulary) -> Counter[Mapped]:
    """Write the local terms of ``table``'s closed-list cells as ours, in place; fill a
    blank tie ``kind`` from ``[vocabulary.relationship]``. Returns the cells changed.

    Only the distinct values of a column are resolved, and rows are touched only when
    one of them changes: a file in our own terms costs one pass per column.
    """
    mapped: Counter[Mapped] = Counter()
    for name, closed in CLOSED_COLUMNS.items():
        if closed.record_type != table.record_type:
            continue
        values = {row.get(closed.column) for row in table.rows}
        resolve = vocabulary.lookup(name)
        found: dict[str, Counter[Mapped]] = {}
        changes: dict[str, str] = {}
        for value in values:
            if isinstance(value, str):
                found[value] = Counter()
                new = _map_cell(value, closed.is_list, resolve, name, found[value])
                if new is not None:
                    changes[value] = new
        if changes:
            _rewrite(table, closed.column, changes, found, mapped)
    if table.record_type == RecordType.TIES and vocabulary.tables.get(RELATIONSHIP_TABLE):
        _kinds_from_relationships(table, vocabulary, mapped)
    return mapped


def _rewrite(table: Table, column: str, changes: dict[str, str],
             found: dict[str, Counter[Mapped]], mapped: Counter[Mapped]) -> None:
    """Write each changed value as ours, counting the cells of each mapping."""
    cells: Counter[str] = Counter()
    for row in table.rows:
        value = row.get(column)
        if value in changes:
            row[column] = changes[value]
            cells[value] += 1
    for value, count in cells.items():
        mapped.update({key: times * count for key, times in found[value].items()})


def _kinds_from_relationships(table: Table, vocabulary: Vocabulary,
                              mapped: Counter[Mapped]) -> None:
    resolve = vocabulary.lookup(RELATIONSHIP_TABLE)
    for row in table.rows:
        relationship = row.get("relationship")
        if "kind" in row or not isinstance(relationship, str):
            continue
        hit = resolve.get(term_key(relationship))
        if hit is not None:
            row["kind"] = hit[0]
            mapped[Mapped(RELATIONSHIP_TABLE, relationship, hit[0], "vocabulary")] += 1


# -- reading the [vocabulary] tables of the settings file -----------------------------


def vocabulary_from_toml(document: Mapping[str, Any], path: str) -> Vocabulary:
    """The ``[vocabulary]`` tables of a parsed settings file, checked: every table
    named after a closed-list column, every target one of our terms (any spelling,
    stored as ours), no local term mapped two ways. Raises ``ConfigError`` naming the
    file, the table and the key."""
    section = document.get("vocabulary", {})
    if not isinstance(section, Mapping):
        raise ConfigError(f"{path}: vocabulary must be tables, e.g. [vocabulary.access_needs]")
    tables: dict[str, dict[str, str]] = {}
    for table, entries in section.items():
        _check_table_name(path, table, entries)
        tables[table] = _checked_entries(path, table, entries)
    return Vocabulary(tables, source=path)


def _check_table_name(path: str, table: str, entries: Any) -> None:
    if table == "kind":
        raise ConfigError(f"{path}: [vocabulary.kind]: kind is a column of ties, services and "
                          "events", hint="use [vocabulary.tie_kind], [vocabulary.service_kind] "
                                         "or [vocabulary.event_kind]")
    if table not in TABLE_TERMS:
        close = difflib.get_close_matches(table, list(TABLE_TERMS), n=1)
        raise ConfigError(
            f"{path}: [vocabulary.{table}] is not a closed-list column"
            + (f"; did you mean [vocabulary.{close[0]}]?" if close else ""),
            hint=f"known: {', '.join(TABLE_TERMS)}")
    if not isinstance(entries, Mapping):
        raise ConfigError(f"{path}: vocabulary.{table} must be a table of "
                          'local_term = "our_term" lines')


def _checked_entries(path: str, table: str, entries: Mapping[str, Any]) -> dict[str, str]:
    ours = {term_key(term.value): term.value for term in TABLE_TERMS[table]}
    checked: dict[str, str] = {}
    seen: dict[str, str] = {}
    for local, target in entries.items():
        where = f"{path}: [vocabulary.{table}] {toml_key(local)}"
        if not isinstance(target, str) or term_key(target) not in ours:
            close = difflib.get_close_matches(str(target), list(ours.values()), n=1)
            raise ConfigError(
                f"{where} = {json.dumps(target)}: {json.dumps(target)} is not one of our "
                f"{'tie_kind' if table == RELATIONSHIP_TABLE else table} terms" + (f"; did you mean {close[0]!r}?" if close else ""),
                hint=f"ours: {', '.join(ours.values())}")
        key, target = term_key(local), ours[term_key(target)]
        if table != RELATIONSHIP_TABLE and key in ours and ours[key] != target:
            raise ConfigError(f"{where}: {local!r} is our own term {ours[key]!r}; "
                              "it cannot mean another")
        if key in seen and checked[seen[key]] != target:
            raise ConfigError(f"{where}: the same term as {toml_key(seen[key])} "
                              "(case, spaces, hyphens and underscores are ignored), "
                              "mapped to another term")
        seen.setdefault(key, local)
        checked[local] = target
    return checked


def load_vocabulary(path: str) -> Vocabulary:
    """The vocabulary of the settings file at ``path`` (``ConfigError`` if unreadable)."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"ASSETMAP_CONFIG {path}: {exc}") from exc
    return vocabulary_from_toml(document, path)
