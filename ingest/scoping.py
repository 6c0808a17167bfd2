"""Scoped writes: what a writer below full scope (a service lead's upload) may change.

The command line imports as the operator, with full scope. A service lead's upload
(or a practitioner's, should a page ever offer one) may create or change only:

- clients of their own service (caseload): a client row must name it in ``service``
  (``practitioner``), and an id stored as anyone else's client is refused;
- people who are new, or supporters tied from one of their clients;
- their own service's row (a practitioner: no service rows);
- events, measures and "knows" links of people in their scope.

Assets are the shared directory and stay writable. Every refusal reads "… is unknown
or not in your service": an error never tells whether an id exists outside the
writer's scope. (Creating a client with a new id must still work, so an id taken
elsewhere is refused where a new one is accepted; ids that carry their service's
prefix avoid even that.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graph.model import RecordType, Role, TargetType
from graph.scope import Scope
from ingest.rules import Keyed, Known, table_rows
from ingest.sources import Issue
from ingest.validate import ValidTable

#: ``lookup(kind, ids)``: the subset of ids the store holds as that kind (``rules``).
Lookup = Callable[[str, list[str]], set[str]]

#: The column that ties a client to the writer's scope, and the scope's word.
OWNER = {Role.SERVICE_LEAD: ("service", "service"),
         Role.PRACTITIONER: ("practitioner", "caseload")}


class ImportNotAllowed(ValueError):
    """The writer's role may not import at all (a commissioner, or no scope)."""


@dataclass(frozen=True)
class WriteScope:
    """A scoped writer and the store lookups its checks need."""

    scope: Scope
    #: What the store holds of any scope: only used to refuse, never to word a message.
    stored: Lookup
    #: What the store holds in the writer's scope ("person": clients in scope and
    #: the supporters tied from them).
    in_scope: Lookup

    @classmethod
    def of(cls, scope: Scope | None, stored: Lookup, in_scope: Lookup) -> WriteScope | None:
        """The checks for ``scope``; None for the operator (full scope). Fails closed:
        no scope, or a role that holds no people, may not import."""
        if scope is None or scope.role not in (*OWNER, Role.SYSTEM):
            role = "no scope" if scope is None else f"a {scope.role.value}"
            raise ImportNotAllowed(f"{role} may not import data")
        if scope.role is Role.SYSTEM:
            return None
        return cls(scope, stored, in_scope)

    @property
    def owner_column(self) -> str:
        return OWNER[self.scope.role][0]

    @property
    def noun(self) -> str:
        return OWNER[self.scope.role][1]

    def refusal(self, kind: str, value: str) -> str:
        return f"{kind} {value!r} is unknown or not in your {self.noun}"

    def check(self, records: dict[RecordType, Keyed],
              tables: dict[RecordType, list[ValidTable]], known: Known,
              issues: list[Issue]) -> None:
        """Add an issue for every row this writer may not write (``rules.ScopeCheck``)."""
        self._check_people(tables[RecordType.PEOPLE], issues)
        self._check_services(tables[RecordType.SERVICES], issues)
        borrowed = self._borrowed(records)
        if borrowed:
            self._check_borrowed(tables, records, borrowed, issues)

    def _check_people(self, tables: list[ValidTable], issues: list[Issue]) -> None:
        rows = list(table_rows(tables))
        changeable = self._changeable_people({row["person_id"] for _, _, row in rows})
        owner, scope_id = self.owner_column, self.scope.scope_id
        for table, position, row in rows:
            where = table.location(position)
            if row["person_id"] not in changeable:
                issues.append(Issue(where, "person_id", self.refusal("person", row["person_id"])))
            elif row.get("client", True) and row.get(owner) != scope_id:
                issues.append(Issue(where, owner, f"a client you import must have {owner} "
                                                  f"{scope_id!r} (your {self.noun})"))

    def _changeable_people(self, ids: set[str]) -> set[str]:
        """Whether a people row for an id may be written: a new id; a client in scope
        (a client = no row for one is the rules' demotion error); or a supporter in
        scope who is nobody's client (listing them as a client promotes them)."""
        stored = self.stored("person", sorted(ids)) if ids else set()
        clients = self.stored("client", sorted(stored)) if stored else set()
        my_clients = self.in_scope("client", sorted(clients)) if clients else set()
        my_people = self.in_scope("person", sorted(stored - clients)) if stored else set()
        return (ids - stored) | my_clients | my_people

    def _check_services(self, tables: list[ValidTable], issues: list[Issue]) -> None:
        own = self.scope.scope_id if self.scope.role is Role.SERVICE_LEAD else None
        for table, position, row in table_rows(tables):
            if row["service_id"] != own:
                issues.append(Issue(table.location(position), "service_id",
                                    "you may change only your own service's row"))

    def _borrowed(self, records: dict[RecordType, Keyed]) -> set[str]:
        """Stored people outside the scope that this import ties a client to: the tie
        is allowed (it changes nothing about them) but it grants nothing else."""
        targets = sorted({row["to_id"] for row in records[RecordType.TIES].rows
                          if row["to_type"] == TargetType.PERSON})
        stored = self.stored("person", targets) if targets else set()
        return stored - self.in_scope("person", sorted(stored)) if stored else set()

    def _check_borrowed(self, tables: dict[RecordType, list[ValidTable]],
                        records: dict[RecordType, Keyed], borrowed: set[str],
                        issues: list[Issue]) -> None:
        columns = {RecordType.EVENTS: ("person_id", "other_id"),
                   RecordType.MEASURES: ("person_id",),
                   RecordType.KNOWS: ("a_id", "b_id"),
                   RecordType.TIES: ("enabled_by",)}
        for record_type, names in columns.items():
            # A streamed table is read again only if it names someone borrowed.
            streams = [streamed for streamed in records[record_type].streams
                       if not borrowed.isdisjoint(streamed.persons | streamed.others)]
            for table, position, row in table_rows(tables[record_type], streams):
                for column in names:
                    for value in _values(row.get(column)):
                        if value in borrowed:
                            issues.append(Issue(table.location(position), column,
                                                self.refusal("person", value)))


def _values(cell: object) -> Iterable[str]:
    if isinstance(cell, str):
        return (cell,)
    if isinstance(cell, list | tuple):
        return tuple(str(value) for value in cell)
    return ()
