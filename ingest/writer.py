"""Turn an import plan into ``$rows`` for the named upsert queries and send them.

Every row carries every property of its node or tie (``None`` where a cell was
blank), so a corrected file also clears values that were removed, and a
``row_hash`` of those values, so that re-sending an unchanged row touches nothing.
Writes go in dependency order: services and assets, then people, then what refers
to them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graph.model import RecordType, TargetType
from graph.store import GraphStore
from ingest.history import History, snapshot_row
from ingest.rules import ImportPlan, Keyed, Row

#: Columns that identify a record rather than describe it: never stored as properties.
TIE_ENDPOINTS = ("person_id", "to_id")

#: The query that writes ties to each kind of target (no dynamic labels, DESIGN).
TIE_QUERIES = {
    TargetType.PERSON: "upsert_ties_to_person",
    TargetType.ASSET: "upsert_ties_to_asset",
    TargetType.SERVICE: "upsert_ties_to_service",
}

def without_owner(row: Row) -> dict[str, Any]:
    """An event's or a measure's values to store: all but whose record it is, which its
    HAS_EVENT / HAS_MEASURE says (7.5 million copies at 100,000 clients; issue 16). A
    blank value stays None here: ``+=`` and ``=`` store it as no property. (A copy and
    one deletion: these are most of an area's rows.)"""
    props = dict(row)
    del props["person_id"]
    return props

#: ``on_progress(step, rows_just_done, rows_in_step)``
Progress = Callable[[str, int, int], None]


def properties(row: Row, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The values to store: blank cells and empty lists are left out (absent, not empty).

    The upsert queries replace a changed record's properties with these (keeping who
    created it and when), so a value cleared in a corrected file is cleared in the
    graph too; leaving nulls out keeps the parameters small.
    """
    return {key: value for key, value in row.items()
            if key not in leave_out and value is not None and value != []}


def row_hash(props: dict[str, Any], *extra: Any) -> str:
    """Hash of the stored values (model field order) plus anything else that shapes the write."""
    text = repr((props, extra))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _keyed(node_id: str, props: dict[str, Any], *extra: Any, **fields: Any) -> dict[str, Any]:
    return {"id": node_id, "row_hash": row_hash(props, *extra), "props": props, **fields}


def service_rows(keyed: Keyed) -> list[dict[str, Any]]:
    return [_keyed(key, properties(row, ("service_id",)))
            for key, row in zip(keyed.keys, keyed.rows, strict=True)]


def asset_rows(keyed: Keyed) -> list[dict[str, Any]]:
    result = []
    for key, row in zip(keyed.keys, keyed.rows, strict=True):
        props = properties(row, ("asset_id",))
        props["approved"] = bool(row.get("approved", False))  # unapproved unless said so
        result.append(_keyed(key, props))
    return result


def people_rows(keyed: Keyed) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(clients, other people): they go through different queries."""
    clients, others = [], []
    for key, row in zip(keyed.keys, keyed.rows, strict=True):
        props = properties(row, ("person_id", "client"))
        if row.get("client", True):
            clients.append(_keyed(key, props, "client"))
        else:
            others.append(_keyed(key, props, "person"))
    return clients, others


#: Marks a tie or KNOWS link rebuilt from a client's interviews (``ingest.history``):
#: only these are dropped when a rebuilt history no longer yields them.
FROM_INTERVIEWS = "from_interviews"


def tie_rows(keyed: Keyed, derived: frozenset[str] = frozenset()
             ) -> dict[TargetType, list[dict[str, Any]]]:
    by_target: dict[TargetType, list[dict[str, Any]]] = {target: [] for target in TargetType}
    for key, row in zip(keyed.keys, keyed.rows, strict=True):
        props = properties(row, TIE_ENDPOINTS)
        if key in derived:
            props[FROM_INTERVIEWS] = True
        by_target[TargetType(row["to_type"])].append(
            _keyed(key, props, person_id=row["person_id"], to_id=row["to_id"]))
    return by_target


def knows_rows(keyed: Keyed, derived: frozenset[tuple[str, str]] = frozenset()
               ) -> list[dict[str, Any]]:
    """One KNOWS per pair, from the smaller id to the larger (docs/graph-model.md)."""
    result = []
    for row in keyed.rows:
        low, high = sorted((row["a_id"], row["b_id"]))
        props = properties(row, ("a_id", "b_id"))
        if (low, high) in derived:
            props[FROM_INTERVIEWS] = True
        result.append({"a_id": low, "b_id": high, "row_hash": row_hash(props), "props": props})
    return result


def event_rows(keyed: Keyed) -> list[dict[str, Any]]:
    """An event's id hashes every value it has, so the id doubles as its row hash (the
    node stores neither a copy of it nor of ``person_id``, which its HAS_EVENT says)."""
    return [{"id": key, "person_id": row["person_id"], "row_hash": key,
             "props": without_owner(row)}
            for key, row in zip(keyed.keys, keyed.rows, strict=True)]


def measure_rows(keyed: Keyed) -> list[dict[str, Any]]:
    """A measure's id hashes who, when and which instrument: only the score (and its
    item answers) can change."""
    result = []
    for key, row in zip(keyed.keys, keyed.rows, strict=True):
        score = row["score"]
        props = without_owner(row)
        props["score"] = int(score) if score.is_integer() else score
        # Item answers (when recorded) shape the hash too; a row without them keeps the
        # hash it always had, so re-importing an old file still changes nothing.
        items = f":{props['items']}" if props.get("items") else ""
        result.append({"id": key, "person_id": row["person_id"],
                       "row_hash": f"{key}:{props['score']}{items}", "props": props})
    return result


def ties_to_end(store: GraphStore, plan: ImportPlan) -> list[dict[str, Any]]:
    """The current ties that importing ``plan`` as complete networks would end: one row
    per tie (``person_id, to_id, tie_id, kind, name``), read before anything is written."""
    rows = ending_rows(plan)
    return store.read("ingest_ties_to_end", {"rows": rows}) if rows else []


def ending_rows(plan: ImportPlan) -> list[dict[str, Any]]:
    """Per client in the ties export, the tie ids it still has; the rest get ``until``."""
    keep: dict[str, list[str]] = {}
    ties = plan.records[RecordType.TIES]
    for key, row in zip(ties.keys, ties.rows, strict=True):
        keep.setdefault(row["person_id"], []).append(key)
    return [{"person_id": person, "keep": ids} for person, ids in keep.items()]


@dataclass
class WriteStep:
    """One named query and how to build the rows it receives (built just before
    sending, so only one step's parameters are in memory at a time);
    ``record_type`` None: the rows are not counted as written."""

    query: str
    record_type: RecordType | None
    build: Callable[[], list[dict[str, Any]]]
    #: A streamed record type's rows (``ingest.streaming``): built chunk by chunk from its
    #: files, read again, after those of ``build``; ``total`` rows in all.
    streamed: Callable[[], Iterator[list[dict[str, Any]]]] | None = None
    total: int = 0

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """The step's rows: all at once, or chunk by chunk for a streamed type."""
        yield self.build()
        if self.streamed is not None:
            yield from self.streamed()


def _streamed(keyed: Keyed, build: Callable[[Keyed], list[dict[str, Any]]]
              ) -> Callable[[], Iterator[list[dict[str, Any]]]] | None:
    """The rows of ``keyed``'s streamed tables, built chunk by chunk (None if it has none)."""
    if not keyed.streams:
        return None
    return lambda: (build(chunk) for streamed in keyed.streams
                    for chunk in streamed.distinct_chunks())


def write_steps(plan: ImportPlan, history: History | None = None) -> list[WriteStep]:
    """The writes of an import, in an order where every MATCH finds its node; with a
    ``history``, its interviews are stored and the derived ties and links a rebuilt
    history no longer yields are dropped."""
    records = plan.records
    history = history or History()
    derived_ties = frozenset(history.derived_ties())

    # Clients and other people come from one pass over the people, ties to each kind of
    # target from one pass over the ties: each pass runs once, its parts handed out
    # (and let go) step by step.
    built: dict[str, Any] = {}

    def people(clients: bool) -> list[dict[str, Any]]:
        if "people" not in built:
            built["people"] = dict(enumerate(people_rows(records[RecordType.PEOPLE])))
        rows: list[dict[str, Any]] = built["people"].pop(0 if clients else 1)
        return rows

    def ties_to(target: TargetType) -> Callable[[], list[dict[str, Any]]]:
        def build() -> list[dict[str, Any]]:
            if "ties" not in built:
                built["ties"] = tie_rows(records[RecordType.TIES], derived_ties)
            rows: list[dict[str, Any]] = built["ties"].pop(target)
            return rows
        return build

    return [
        WriteStep("upsert_services", RecordType.SERVICES,
                  lambda: service_rows(records[RecordType.SERVICES])),
        WriteStep("upsert_assets", RecordType.ASSETS,
                  lambda: asset_rows(records[RecordType.ASSETS])),
        WriteStep("upsert_clients", RecordType.PEOPLE, lambda: people(clients=True)),
        WriteStep("upsert_people", RecordType.PEOPLE, lambda: people(clients=False)),
        WriteStep("upsert_interviews", None,
                  lambda: [snapshot_row(shot) for shot in history.to_store]),
        *(WriteStep(TIE_QUERIES[target], RecordType.TIES, ties_to(target))
          for target in TargetType),
        WriteStep("ingest_drop_superseded_ties", None, lambda: [
            {"person_id": client, "keep": ids} for client, ids in history.tie_ids.items()]),
        WriteStep("ingest_end_missing_ties", None, lambda: ending_rows(plan)),
        WriteStep("upsert_knows", RecordType.KNOWS, lambda: knows_rows(
            records[RecordType.KNOWS], frozenset(history.derived_pairs()))),
        WriteStep("ingest_drop_superseded_knows", None, lambda: [
            {"person_id": client, "keep": pairs} for client, pairs in history.pairs.items()]),
        WriteStep("upsert_events", RecordType.EVENTS,
                  lambda: event_rows(records[RecordType.EVENTS]),
                  _streamed(records[RecordType.EVENTS], event_rows),
                  records[RecordType.EVENTS].count),
        WriteStep("upsert_measures", RecordType.MEASURES,
                  lambda: measure_rows(records[RecordType.MEASURES]),
                  _streamed(records[RecordType.MEASURES], measure_rows),
                  records[RecordType.MEASURES].count),
    ]


def write_plan(
    store: GraphStore, plan: ImportPlan, *, actor: str, as_of: str,
    on_progress: Progress | None = None, complete_network: bool = False,
    history: History | None = None,
) -> int:
    """Send every step in batches; return the number of record rows sent.

    Ties a client's file no longer lists are ended only when the files are declared the
    ``complete_network`` of their clients: a partial upload (one new connection) must
    never end the rest of a network. A streamed file found changed when read again
    raises ``ingest.sources.FileChanged`` before any row of it is sent.
    """
    written = 0
    for step in write_steps(plan, history):
        if step.query == "ingest_end_missing_ties" and not complete_network:
            continue
        params = {"as_of": as_of} if step.query == "ingest_end_missing_ties" else None
        for rows in step.batches():
            if not rows:
                continue

            def report(count: int, query: str = step.query,
                       total: int = step.total or len(rows)) -> None:
                if on_progress is not None:
                    on_progress(query, count, total)

            sent = store.write_batches(step.query, rows, actor=actor, params=params,
                                       on_batch=report)
            del rows
            if step.record_type is not None:
                written += sent
    return written
