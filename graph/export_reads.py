"""Scoped reads for ``assetmap export``: every stored record, as the import templates
name its columns.

Like ``graph.reads``, these fail closed: no scope reads nothing, and a commissioner
(aggregates only) reads nothing either, because an export is person-level data.
Person-level queries filter on ``$scope_role``/``$scope_id`` in Cypher. The selection
is the whole store (``person_id`` and ``area`` both ''), one client, or the clients of
one area; for a selection, the people, KNOWS links, events and measures are those
around the selected clients, while the asset directory and services (no person data)
come whole so that the files import on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import RecordType
from graph.scope import Scope, scope_parameters
from graph.store import GraphStore, Row

#: The named query behind each record type (``people`` is clients plus other people).
EXPORT_QUERIES: dict[RecordType, tuple[str, ...]] = {
    RecordType.PEOPLE: ("export_clients", "export_people"),
    RecordType.TIES: ("export_ties",),
    RecordType.KNOWS: ("export_knows",),
    RecordType.ASSETS: ("export_assets",),
    RecordType.SERVICES: ("export_services",),
    RecordType.EVENTS: ("export_events",),
    RecordType.MEASURES: ("export_measures",),
}


@dataclass
class ExportRecords:
    """Stored values per record type; ``clients`` are the ids of the people rows that
    are clients (the rest of ``people`` are supporters and other contacts)."""

    records: dict[RecordType, list[Row]] = field(default_factory=dict)
    clients: set[str] = field(default_factory=set)

    def rows(self, record_type: RecordType) -> list[Row]:
        return self.records.get(record_type, [])


def export_records(store: GraphStore, scope: Scope | None, *, person_id: str = "",
                   area: str = "") -> ExportRecords | None:
    """The records the scope may see within the selection, or None if it may see none."""
    if scope is None or not scope.sees_people:
        return None
    params = {**(scope_parameters(scope) or {}), "person_id": person_id, "area": area}
    clients = store.read("export_clients", params)
    result = ExportRecords(clients={row["person_id"] for row in clients})
    result.records[RecordType.PEOPLE] = clients + store.read("export_people", params)
    for record_type, names in EXPORT_QUERIES.items():
        if record_type is RecordType.PEOPLE:
            continue
        (name,) = names
        query_params = {} if record_type in (RecordType.ASSETS, RecordType.SERVICES) else params
        result.records[record_type] = store.read(name, query_params)
    known = {row["person_id"] for row in result.records[RecordType.PEOPLE]}
    result.records[RecordType.KNOWS] = [row for row in result.rows(RecordType.KNOWS)
                                        if row["a_id"] in known and row["b_id"] in known]
    return result
