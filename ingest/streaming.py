"""Events and measures read from CSV files: validated and written without holding their rows.

They are most of an area's rows (83 % at 100,000 clients) and no other record refers to
them, so the importer keeps only what the checks across files need (issue 16):

* the first pass (``first_pass``) reads each file in chunks (``ingest.readers.CsvStream``)
  and gives every chunk the checks a held table gets — strict cells, the vocabulary, the
  row model, the row rules — then drops its rows, keeping each distinct row's key (to
  drop exact repeats and refuse a key given again with other values), the lines of the
  repeats, and the ids the rows name (to check they are known);
* when a check across files fails, the rows are read again to name every row it refuses
  (``StreamedTable.valid_rows``): the slow path, taken only for a file set with errors;
* the write (``StreamedTable.distinct_chunks``) reads each file once more, chunk by chunk.

Every read after the first refuses bytes whose SHA-256 is not the one validated
(``ingest.sources.FileChanged``), before giving any row of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from graph.model import RecordType
from ingest.rules import KEYS, ROW_RULES, ImportPlan, Keyed, Row, StreamedRows
from ingest.sources import FileChanged, FileRead, Issue, Table
from ingest.validate import ValidTable, validate_table
from ingest.vocabulary import Mapped, Vocabulary, apply_vocabulary

#: Record types whose key hashes every value of the row: a repeated key is an exact
#: repeat, so no digest of the values need be kept to tell.
KEY_HOLDS_EVERY_VALUE = frozenset({RecordType.EVENTS})


@dataclass
class StreamedTable:
    """A streamed table after its first pass: what the checks across files need."""

    table: Table
    vocabulary: Vocabulary
    #: Distinct rows, to be written.
    distinct: int = 0
    #: Lines of the exact repeats of an earlier row (of this or an earlier file).
    repeats: set[int] = field(default_factory=set)
    #: The ids the rows name: ``person_id``, and an event's ``other_id``.
    persons: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)
    #: The row rules' issues (``ingest.rules.ROW_RULES``) and those of keys given again
    #: with other values, in the order of the rows.
    rule_issues: list[Issue] = field(default_factory=list)
    repeat_issues: list[Issue] = field(default_factory=list)

    @property
    def record_type(self) -> RecordType:
        return self.table.record_type

    def valid_chunks(self) -> Iterator[ValidTable]:
        """The rows that passed validation, read again in chunks (problems were
        reported by the first pass, over the same bytes)."""
        assert self.table.stream is not None
        for chunk in self.table.stream.chunks([]):
            apply_vocabulary(chunk, self.vocabulary)
            yield validate_table(chunk, self.vocabulary)[0]

    def valid_rows(self) -> Iterator[tuple[ValidTable, int, Row]]:
        """Every valid row (repeats too), as ``ingest.rules`` walks a held table."""
        for valid in self.valid_chunks():
            for position, row in enumerate(valid.rows):
                yield valid, position, row

    def distinct_chunks(self) -> Iterator[Keyed]:
        """The distinct rows, chunk by chunk, keyed: what the write sends."""
        key_of = KEYS[self.record_type][0]
        for valid in self.valid_chunks():
            keyed = Keyed()
            for position, row in enumerate(valid.rows):
                if valid.table.positions[valid.indices[position]] not in self.repeats:
                    keyed.keys.append(key_of(row))
                    keyed.rows.append(row)
            yield keyed


class FirstPass:
    """The first pass over the streamed tables of one record type, in file order."""

    def __init__(self, record_type: RecordType, vocabulary: Vocabulary,
                 issues: list[Issue], mapped: Counter[Mapped]) -> None:
        self.record_type, self.vocabulary = record_type, vocabulary
        self.issues, self.mapped = issues, mapped
        #: Key (its hex digest as a number: a third of the string's memory) -> a digest
        #: of the row's values (0 where the key hashes every value).
        self.seen: dict[int, int] = {}
        #: Keys given again with other values: (key, table, where the repeat is).
        self.clashes: list[tuple[str, StreamedTable, str]] = []
        self.tables: list[StreamedTable] = []

    def read(self, table: Table) -> StreamedTable:
        """Read, check and validate ``table``'s rows chunk by chunk, keeping no row."""
        assert table.stream is not None
        streamed = StreamedTable(table, self.vocabulary)
        self.tables.append(streamed)
        try:
            for chunk in table.stream.chunks(self.issues):
                self._check(chunk, streamed)
        except FileChanged as changed:
            self.issues.append(Issue(changed.name, "", changed.reason))
        return streamed

    def _check(self, chunk: Table, streamed: StreamedTable) -> None:
        """One chunk through the vocabulary, the row model and the row rules."""
        streamed.table.streamed_rows += len(chunk.positions)
        self.mapped.update(apply_vocabulary(chunk, self.vocabulary))
        valid, problems = validate_table(chunk, self.vocabulary)
        self.issues.extend(problems)
        rule = ROW_RULES.get(self.record_type)
        if rule is not None:
            rule([valid], streamed.rule_issues)
        self._keep_distinct(valid, streamed)
        _note_references(valid, streamed)

    def _keep_distinct(self, valid: ValidTable, streamed: StreamedTable) -> None:
        """Count each new key; note the line of an exact repeat (skipped when written)
        and each key given again with other values (an issue, once its first row is
        found: ``finish``)."""
        key_of = KEYS[self.record_type][0]
        every_value = self.record_type in KEY_HOLDS_EVERY_VALUE
        for position, row in enumerate(valid.rows):
            key = key_of(row)
            number = int(key[3:], 16)  # "ev-" or "ms-" and a hex digest
            digest = 0 if every_value else _values_digest(row)
            seen = self.seen.get(number)
            if seen is None:
                self.seen[number] = digest
                streamed.distinct += 1
            elif seen == digest:
                streamed.repeats.add(valid.table.positions[valid.indices[position]])
            else:
                self.clashes.append((key, streamed, valid.location(position)))

    def finish(self) -> list[StreamedTable]:
        """The tables read, each with its issues of keys given again with other values
        (where each key was first given is found by reading the files again)."""
        self.seen.clear()
        if self.clashes:
            first = self._first_locations({key for key, _, _ in self.clashes})
            column = KEYS[self.record_type][1]
            for key, streamed, where in self.clashes:
                streamed.repeat_issues.append(Issue(
                    where, column, f"{self.record_type} {key!r} appears again with different "
                                   f"values (first at {first[key]})"))
        return self.tables

    def _first_locations(self, keys: set[str]) -> dict[str, str]:
        key_of = KEYS[self.record_type][0]
        first: dict[str, str] = {}
        for streamed in self.tables:
            for valid, position, row in streamed.valid_rows():
                key = key_of(row)
                if key in keys and key not in first:
                    first[key] = valid.location(position)
        return first


class FirstPasses:
    """The first passes of every streamed record type of a file set: each type's keys
    are let go once its last table is read, so only one type's are held at a time."""

    def __init__(self, reads: Iterable[FileRead], vocabulary: Vocabulary,
                 issues: list[Issue], mapped: Counter[Mapped]) -> None:
        self.left = Counter(table.record_type for read in reads for table in read.tables
                            if table.stream is not None)
        self.passes = {record_type: FirstPass(record_type, vocabulary, issues, mapped)
                       for record_type in self.left}
        self.tables: list[StreamedTable] = []

    def read(self, table: Table) -> None:
        self.passes[table.record_type].read(table)
        self.left[table.record_type] -= 1
        if not self.left[table.record_type]:
            self.tables.extend(self.passes.pop(table.record_type).finish())


def hold_mixed_streams(reads: Iterable[FileRead], issues: list[Issue]) -> None:
    """Read whole the streamed tables of a record type that some other file gives as a
    held table (an XLSX or JSON of events beside a CSV of them): the keys of a type are
    kept one way or the other, not both."""
    reads = list(reads)
    held = {table.record_type for read in reads for table in read.tables
            if table.stream is None}
    for read in reads:
        for table in read.tables:
            if table.stream is not None and table.record_type in held:
                hold_rows(table, issues)


def hold_rows(table: Table, issues: list[Issue]) -> Table:
    """``table`` with its stream's rows read into it (and the stream let go)."""
    if table.stream is not None:
        try:
            for chunk in table.stream.chunks(issues):
                table.rows.extend(chunk.rows)
                table.positions.extend(chunk.positions)
        except FileChanged as changed:
            issues.append(Issue(changed.name, "", changed.reason))
        table.stream = None
    return table


def _values_digest(row: Row) -> int:
    """A digest of a row's values: equal rows, equal digests."""
    return hash(tuple(sorted((column, tuple(value) if isinstance(value, list) else value)
                             for column, value in row.items())))


def _note_references(valid: ValidTable, streamed: StreamedTable) -> None:
    streamed.persons.update(row["person_id"] for row in valid.rows)
    if streamed.record_type == RecordType.EVENTS:
        streamed.others.update(row["other_id"] for row in valid.rows if "other_id" in row)



def streamed_tables(plan: ImportPlan) -> list[StreamedRows]:
    """The plan's streamed tables, in write order."""
    return [streamed for keyed in plan.records.values() for streamed in keyed.streams]


def changed_files(plan: ImportPlan) -> list[str]:
    """What is wrong with each streamed file that is no longer the one validated (checked
    just before writing, so a changed file writes nothing at all)."""
    problems = []
    for streamed in streamed_tables(plan):
        assert streamed.table.stream is not None
        try:
            streamed.table.stream.check_unchanged()
        except FileChanged as changed:
            problems.append(str(changed))
    return problems
