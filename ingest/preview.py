"""What an import will change, client by client, said before it writes (and repeated
after): clients added or changed and any who move service; per client, the ties it
adds, changes and ends, and the events and measures it adds or changes.

Added, changed and unchanged are told apart exactly as the writer does: by the row
hash each upsert query compares (``ingest.writer``), read from the store first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.model import RecordType
from graph.store import GraphStore
from ingest.rules import ImportPlan
from ingest.writer import people_rows, tie_rows, write_steps

#: Ids per preview query, as for the importer's lookups.
CHUNK = 5000


@dataclass
class ClientChange:
    """What an import does to one client (``record``: "new", "changed" or "")."""

    client: str
    record: str = ""
    service_from: str = ""
    service_to: str = ""
    ties_added: list[str] = field(default_factory=list)
    ties_changed: list[str] = field(default_factory=list)
    ties_ended: list[str] = field(default_factory=list)
    records_added: int = 0
    records_changed: int = 0

    @property
    def changes_service(self) -> bool:
        return self.record == "changed" and self.service_from != self.service_to

    @property
    def anything(self) -> bool:
        return bool(self.record or self.ties_added or self.ties_changed or self.ties_ended
                    or self.records_added or self.records_changed)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "changes_service": self.changes_service}


#: ``change(client)``: that client's ClientChange, made on first use.
Changes = Callable[[str], "ClientChange"]


def _read_chunks(store: GraphStore, query: str, key: str, items: list[Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for start in range(0, len(items), CHUNK):
        found.extend(store.read(query, {key: items[start:start + CHUNK]}))
    return found


def client_changes(store: GraphStore, plan: ImportPlan,
                   ending: Iterable[dict[str, Any]] = ()) -> list[ClientChange]:
    """Per client this import touches, what it adds, changes and (with ``ending``, the
    rows of ``writer.ties_to_end``) ends; clients it leaves as they are are left out."""
    changes: dict[str, ClientChange] = {}

    def change(client: str) -> ClientChange:
        return changes.setdefault(client, ClientChange(client))

    _clients(store, plan, change)
    _ties(store, plan, change)
    _records(store, plan, change)
    for tie in ending:
        change(str(tie["person_id"])).ties_ended.append(str(tie.get("name") or tie["to_id"]))
    return sorted((found for found in changes.values() if found.anything),
                  key=lambda found: found.client)


def _clients(store: GraphStore, plan: ImportPlan, change: Changes) -> None:
    clients, _ = people_rows(plan.records[RecordType.PEOPLE])
    stored = {row["id"]: row for row in _read_chunks(
        store, "ingest_stored_clients", "ids", [row["id"] for row in clients])}
    for row in clients:
        before = stored.get(row["id"])
        if before is None:
            found = change(row["id"])
            found.record, found.service_to = "new", str(row["props"].get("service") or "")
        elif before["row_hash"] != row["row_hash"]:
            found = change(row["id"])
            found.record = "changed"
            found.service_from = str(before.get("service") or "")
            found.service_to = str(row["props"].get("service") or "")


def _ties(store: GraphStore, plan: ImportPlan, change: Changes) -> None:
    rows = [row for by_target in tie_rows(plan.records[RecordType.TIES]).values()
            for row in by_target]
    stored = {row["id"]: row["row_hash"] for row in _read_chunks(
        store, "ingest_stored_ties", "rows",
        [{"person_id": row["person_id"], "id": row["id"]} for row in rows])}
    for row in rows:
        if row["id"] not in stored:
            change(row["person_id"]).ties_added.append(row["to_id"])
        elif stored[row["id"]] != row["row_hash"]:
            change(row["person_id"]).ties_changed.append(row["to_id"])


def _records(store: GraphStore, plan: ImportPlan, change: Changes) -> None:
    """Events and measures added or changed, per client: counted batch by batch (a
    streamed file's rows are read again, chunk by chunk, rather than held)."""
    for step in write_steps(plan):
        if step.record_type in (RecordType.EVENTS, RecordType.MEASURES):
            for rows in step.batches():
                _count_records(store, rows, change)


def _count_records(store: GraphStore, rows: list[dict[str, Any]], change: Changes) -> None:
    stored = {row["id"]: row["row_hash"] for row in _read_chunks(
        store, "ingest_stored_records", "ids", [row["id"] for row in rows])}
    for row in rows:
        if row["id"] not in stored:
            change(row["person_id"]).records_added += 1
        elif stored[row["id"]] != row["row_hash"]:
            change(row["person_id"]).records_changed += 1
