"""The one write path of the practitioner's workbench: a form's submission becomes the
rows a file import would hold, and goes through the same row models
(``ingest.records``), the same rules (``ingest.rules.plan_import``) and the same writer
(``ingest.writer.write_plan``). There is no second set of rules here; what is added is
what only a form has:

* scope: a practitioner writes only to their own caseload, a service lead only to their
  service's clients, a commissioner to nobody, the system (operator) role to anyone. A
  refusal says "unknown or not in your caseload", whether or not the id exists;
* optimistic concurrency: a form carries the ``version`` (the stored ``row_hash``) and
  the values it was read with; a save made after someone else changed the record is
  refused with what changed (never last-write-wins). The version is claimed in one
  transaction (``cypher/form_claim_tie.cypher``) before the writer runs; a new tie is
  claimed on its client, locked for the check (``cypher/form_claim_new_tie.cypher``),
  so of two people adding the same tie at once the second is refused with what the
  first added and who;
* the workflow of a connection: a tie ends with a date and a reason and is never
  deleted; a community connection cannot move to introduced (or attending) while an
  item its organisation requires of the introduction plan is empty (the import's own
  rule, ``ingest.rules.check_plan_moves``: a file is held to it too);
* an audit entry per save or refusal, with a bounded summary of the values before and
  after (``graph.audit``).
"""

from __future__ import annotations

import uuid
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph import audit
from graph.model import (
    STATUS_DATE_COLUMNS,
    ConnectionStatus,
    EventKind,
    RecordType,
    TargetType,
)
from graph.scope import Scope, scope_parameters
from graph.store import GraphStore
from ingest.importer import store_lookup, stored_connections
from ingest.rules import (
    DEFAULT_REQUIRED_PLAN_ITEMS,
    ImportPlan,
    Row,
    measure_id,
    missing_plan_items,
    plan_import,
    tie_id,
)
from ingest.sources import Table
from ingest.validate import validate_table
from ingest.writer import write_plan

__all__ = ["NOT_IN_CASELOAD", "FormResult", "MeasureState", "TieState", "add_tie",
           "correct_measure", "edit_tie", "end_tie", "missing_plan_items", "move_connection",
           "new_supporter_id", "read_measure", "read_tie", "record_event", "record_measure",
           "record_review"]

#: The one refusal for a client the writer may not touch, or that does not exist.
NOT_IN_CASELOAD = "unknown or not in your caseload"

#: Stored tie properties that are bookkeeping, not values a form shows or sends.
BOOKKEEPING = frozenset({"id", "row_hash", "created_by", "created_at", "updated_by",
                         "updated_at", "claimed_by", "claimed_at"})

#: How long a claim to add a new tie holds off a second add of the same tie (seconds):
#: far longer than a save takes; a claim whose save failed is spent after it.
ADD_CLAIM_SECONDS = 60



@dataclass(frozen=True)
class FormResult:
    """What a save did: ``ok``, or the ``problems`` that refused it (``conflict`` lists
    what another person changed since the form was read)."""

    ok: bool
    problems: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    before: str = ""
    after: str = ""
    audit_id: str = ""

    @property
    def message(self) -> str:
        return "; ".join((*self.conflict, *self.problems))


@dataclass(frozen=True)
class TieState:
    """A tie as a form reads it: its values in import-row form and its version."""

    person_id: str
    tie_id: str
    values: dict[str, Any]
    version: str
    updated_by: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class MeasureState:
    """A recorded measure as the correction form reads it: its values and version."""

    person_id: str
    measure_id: str
    values: dict[str, Any]
    version: str
    updated_by: str = ""
    updated_at: str = ""


@dataclass
class _Save:
    """One submission on its way through the path."""

    store: GraphStore
    scope: Scope
    person_id: str
    detail: str
    rows: dict[RecordType, list[Row]] = field(default_factory=dict)
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)
    #: What a connection moving to introduced needs (the import's rule, ``[workbench]``).
    required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS


def new_supporter_id() -> str:
    """An id for a supporter first named on a form (``SUP-`` and 10 hex digits)."""
    return f"SUP-{uuid.uuid4().hex[:10]}"


def writable(store: GraphStore, scope: Scope | None, person_id: str) -> bool:
    """Whether ``scope`` may write to client ``person_id`` (False when there is none)."""
    params = scope_parameters(scope)
    if scope is None or params is None or not scope.sees_people:
        return False
    return bool(store.read("form_writable_client", {"person_id": person_id, **params}))


def read_tie(store: GraphStore, scope: Scope | None, person_id: str,
             tie: str) -> TieState | None:
    """The stored tie as a form shows it, or None (not there, or not the scope's)."""
    params = scope_parameters(scope)
    if scope is None or params is None or not scope.sees_people:
        return None
    rows = store.read("form_current_tie", {"person_id": person_id, "tie_id": tie, **params})
    if not rows:
        return None
    row = rows[0]
    values = {key: value for key, value in row["props"].items() if key not in BOOKKEEPING}
    return TieState(person_id=person_id, tie_id=tie,
                    values={"person_id": person_id, "to_id": row["to_id"], **values},
                    version=str(row["version"] or ""), updated_by=str(row["updated_by"] or ""),
                    updated_at=str(row["updated_at"] or ""))


def read_measure(store: GraphStore, scope: Scope | None, person_id: str, day: str,
                 instrument: str) -> MeasureState | None:
    """The recorded ``instrument`` of client ``person_id`` on ``day`` as the correction
    form shows it, or None (not recorded, or not the scope's)."""
    params = scope_parameters(scope)
    if scope is None or params is None or not scope.sees_people:
        return None
    key = measure_id({"person_id": person_id, "date": day, "instrument": instrument})
    rows = store.read("form_current_measure", {"person_id": person_id, "measure_id": key,
                                               **params})
    if not rows:
        return None
    row = rows[0]
    values = {"person_id": person_id, "date": day, "instrument": instrument,
              "score": row["score"], "items": row["items"]}
    return MeasureState(person_id=person_id, measure_id=key,
                        values={k: v for k, v in values.items() if v is not None},
                        version=str(row["version"] or ""),
                        updated_by=str(row["updated_by"] or ""),
                        updated_at=str(row["updated_at"] or ""))


# -- the forms ---------------------------------------------------------------------------
def add_tie(store: GraphStore, scope: Scope, row: Mapping[str, Any], *,
            supporter_name: str = "", as_of: str = "",
            required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS) -> FormResult:
    """Add a supporter, place or service to a client's network (a new tie). A
    ``supporter_name`` with a person not yet stored names the new supporter (a people
    row with ``client = no``). Refused if that tie is already recorded."""
    tie = clean(row)
    save = _Save(store, scope, str(tie.get("person_id", "")),
                 about_tie("added a tie", str(tie.get("to_id", ""))),
                 rows={RecordType.TIES: [tie]}, after=tie,
                 required_plan_items=required_plan_items)
    if supporter_name.strip() and tie.get("to_type") == TargetType.PERSON.value:
        save.rows[RecordType.PEOPLE] = [{"person_id": tie.get("to_id", ""), "client": False,
                                         "display_name": supporter_name.strip()}]
    return _submit(save, as_of=as_of, new_tie=True)


def edit_tie(store: GraphStore, scope: Scope, read: TieState, changes: Mapping[str, Any], *,
             as_of: str = "", detail: str = "edited a tie",
             required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS) -> FormResult:
    """Save ``changes`` to a tie the form read as ``read`` (its values and version);
    a blank value clears that value. The tie's identity (client, target, ``since``)
    cannot change here. Refused with what changed if the stored tie is no longer the
    version read, and when a connection would become introduced or attending while an
    item of ``required_plan_items`` is empty (the import's rule,
    ``ingest.rules.check_plan_moves``)."""
    fixed = {"person_id", "to_id", "to_type", "since"}
    merged = clean({**read.values, **{k: v for k, v in changes.items() if k not in fixed}})
    save = _Save(store, scope, read.person_id, about_tie(detail, str(read.values.get("to_id"))),
                 rows={RecordType.TIES: [merged]}, before=read.values, after=merged,
                 required_plan_items=required_plan_items)
    return _submit(save, as_of=as_of, read=read)


def move_connection(store: GraphStore, scope: Scope, read: TieState, status: str,
                    on_date: str, *,
                    required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS,
                    reason: str = "") -> FormResult:
    """Move a community connection to ``status`` on ``on_date``, recording the date
    (``graph.model.STATUS_DATE_COLUMNS``; ended is ``until``, with a ``reason``)."""
    if status == ConnectionStatus.ENDED.value:
        return end_tie(store, scope, read, on_date, reason)
    changes: dict[str, Any] = {"status": status}
    if status in STATUS_DATE_COLUMNS:
        changes[STATUS_DATE_COLUMNS[status]] = on_date
    return edit_tie(store, scope, read, changes, as_of=on_date,
                    detail=f"moved a connection to {status}",
                    required_plan_items=required_plan_items)


def end_tie(store: GraphStore, scope: Scope, read: TieState, until: str,
            reason: str) -> FormResult:
    """End a tie on ``until`` for ``reason`` (both required); it is kept, never deleted.
    A community connection's status becomes ended."""
    if not reason.strip() or not until:
        save = _Save(store, scope, read.person_id, "ended a tie")
        if not writable(store, scope, read.person_id):
            return _refuse(save, (NOT_IN_CASELOAD,), reveal=False)
        return _refuse(save, ("give the date the tie ended and the reason",))
    changes: dict[str, Any] = {"until": until, "end_reason": reason.strip()}
    if read.values.get("to_type") == TargetType.ASSET.value:
        changes["status"] = ConnectionStatus.ENDED.value
    return edit_tie(store, scope, read, changes, as_of=until, detail="ended a tie")


def record_event(store: GraphStore, scope: Scope, row: Mapping[str, Any], *,
                 detail: str = "") -> FormResult:
    """Record an event (attendance, contact, crisis contact, incident, safeguarding
    concern, low mood, ...) for a client."""
    event = clean(row)
    save = _Save(store, scope, str(event.get("person_id", "")),
                 detail or f"recorded {event.get('kind', 'an event')}",
                 rows={RecordType.EVENTS: [event]}, after=event)
    return _submit(save, as_of=str(event.get("date", "")))


def record_measure(store: GraphStore, scope: Scope, row: Mapping[str, Any]) -> FormResult:
    """Record a measure (its score and item answers) for a client; refused when that
    instrument is already recorded on that day (someone else may have entered it)."""
    measure = clean(row)
    save = _Save(store, scope, str(measure.get("person_id", "")),
                 f"recorded {measure.get('instrument', 'a measure')}",
                 rows={RecordType.MEASURES: [measure]}, after=measure)
    return _submit(save, as_of=str(measure.get("date", "")), new_measure=True)


def correct_measure(store: GraphStore, scope: Scope, read: MeasureState, *, score: float,
                    items: Sequence[int] = (), reason: str) -> FormResult:
    """Correct a measure the form read as ``read``: the new ``score`` (and item answers,
    for an instrument entered item by item) replace the recorded ones, with the
    ``reason`` stored beside them (``correction_reason``; who and when are the measure's
    ``updated_by``/``updated_at``). Refused without a reason, with nothing changed, and
    with what changed when someone else saved the measure since it was read. The import's
    rules (range, items adding up) and writer; audited with the values before and after."""
    corrected = clean({**read.values, "score": score, "items": list(items) or None,
                       "correction_reason": reason})
    what = f"{read.values.get('instrument')} of {read.values.get('date')}"
    why = f": {reason.strip()}" if reason.strip() else ""
    save = _Save(store, scope, read.person_id, f"corrected {what}{why}",
                 rows={RecordType.MEASURES: [corrected]}, before=read.values, after=corrected)
    if not writable(store, scope, read.person_id):
        return _refuse(save, (NOT_IN_CASELOAD,), reveal=False)
    same = _text(corrected.get("score")) == _text(read.values.get("score")) and \
        _text(corrected.get("items")) == _text(read.values.get("items"))
    problems = [text for missing, text in (
        (not reason.strip(), "give the reason for the correction"),
        (same, f"nothing to correct: {what} is recorded as {_text(read.values.get('score'))}"),
    ) if missing]
    if problems:
        return _refuse(save, tuple(problems))
    return _submit(save, as_of=str(read.values.get("date", "")), measure=read)


def record_review(store: GraphStore, scope: Scope, person_id: str, *, on: str, summary: str,
                  own_view: str, next_review: str,
                  acknowledged: Sequence[tuple[Mapping[str, str], str]] = ()) -> FormResult:
    """Record a review held ``on`` a day: the practitioner's ``summary`` (a ``review``
    event), the person's ``own_view`` (``own_view``), the ``next_review`` date
    (``review_planned``, dated then) and each trigger shown acknowledged with a note
    (``trigger_ack``, notes ``analytics.person_review.trigger_ack_note``). Refused
    without a summary or a next review date after ``on``, or with a trigger left
    without a note; all the rows go through the import's rules and writer together."""
    def event(kind: EventKind, day: str, notes: str) -> Row:
        return clean({"person_id": person_id, "date": day, "kind": kind.value, "notes": notes})

    rows = [event(EventKind.REVIEW, on, summary), event(EventKind.OWN_VIEW, on, own_view),
            event(EventKind.REVIEW_PLANNED, next_review, "")]
    rows += [event(EventKind.TRIGGER_ACK, on,
                   f"{trigger['kind']} {trigger['date']}: {note.strip()}")
             for trigger, note in acknowledged]
    save = _Save(store, scope, person_id, "recorded a review",
                 rows={RecordType.EVENTS: [row for row in rows if "notes" in row
                                           or row["kind"] == EventKind.REVIEW_PLANNED.value]},
                 after={"date": on, "summary": summary, "next_review": next_review})
    if not writable(store, scope, person_id):
        return _refuse(save, (NOT_IN_CASELOAD,), reveal=False)
    problems = [text for missing, text in (
        (not summary.strip(), "give the review's summary"),
        (not next_review or next_review <= on, "give the next review date (after the review)"),
        (any(not note.strip() for _, note in acknowledged),
         "acknowledge each trigger with a note")) if missing]
    if problems:
        return _refuse(save, tuple(problems))
    return _submit(save, as_of=on)


def about_tie(detail: str, to_id: str) -> str:
    """An audit entry's ``detail`` for a save to a tie: what was done, and to whom or
    what (the tie's target id, which the person's report names), so each step of a
    connection can be told apart in the log.

    >>> about_tie("moved a connection to attending", "A-1")
    'moved a connection to attending: A-1'
    """
    return f"{detail}: {to_id}" if to_id else detail


def clean(row: Mapping[str, Any]) -> Row:
    """A form's values as an import row: blank text and empty lists are absent cells."""
    result: Row = {}
    for key, value in row.items():
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            continue
        result[key] = value.strip() if isinstance(value, str) else value
    return result


# -- the path ----------------------------------------------------------------------------
def _submit(save: _Save, *, as_of: str, read: TieState | None = None, new_tie: bool = False,
            new_measure: bool = False, measure: MeasureState | None = None) -> FormResult:
    if not writable(save.store, save.scope, save.person_id):
        return _refuse(save, (NOT_IN_CASELOAD,), reveal=False)
    plan = _validated(save)
    if plan.issues:
        return _refuse(save, tuple(f"{issue.column}: {issue.reason}" if issue.column
                                   else issue.reason for issue in plan.issues))
    conflict = (_claim_measure(save, measure) if measure is not None
                else _conflict(save, plan, read, new_tie=new_tie, new_measure=new_measure))
    if conflict:
        return _refuse(save, (), conflict=conflict)
    write_plan(save.store, plan, actor=save.scope.user,
               as_of=as_of or date.today().isoformat())
    before, after = changed_values(save.before, save.after)
    entry = audit.record(save.store, save.scope, audit.AuditAction.RECORD,
                         person_id=save.person_id, detail=save.detail, before=before,
                         after=after)
    return FormResult(ok=True, before=before, after=after, audit_id=entry)


def _validated(save: _Save) -> ImportPlan:
    return validated_plan(save.store, save.rows, save.required_plan_items)


def validated_plan(store: GraphStore, rows_by_type: Mapping[RecordType, list[Row]],
                   required_plan_items: Sequence[str] = DEFAULT_REQUIRED_PLAN_ITEMS,
                   ) -> ImportPlan:
    """A form's rows through the import's row models and rules (``plan.issues`` holds
    what refuses them, located as ``form N``): shared by every form of the product.
    ``required_plan_items`` are the organisation's (``[workbench]``)."""
    valid = []
    issues = []
    for record_type, rows in rows_by_type.items():
        table = Table(source="form", record_type=record_type, rows=list(rows),
                      positions=array("q", range(1, len(rows) + 1)),
                      location_format="form {}")
        checked, problems = validate_table(table)
        valid.append(checked)
        issues.extend(problems)
    plan = plan_import(valid, store_lookup(store), connections=stored_connections(store),
                       required_plan_items=required_plan_items)
    plan.issues[:0] = issues
    return plan


def _conflict(save: _Save, plan: ImportPlan, read: TieState | None, *, new_tie: bool,
              new_measure: bool) -> tuple[str, ...]:
    """What stops the save because someone else got there first ('' when nothing)."""
    store, scope = save.store, save.scope
    if new_tie:
        (tie,) = plan.records[RecordType.TIES].rows
        return _claim_new_tie(save, tie)
    if new_measure:
        (measure,) = plan.records[RecordType.MEASURES].rows
        params = scope_parameters(scope) or {}
        rows = store.read("form_current_measure", {"person_id": save.person_id,
                                                   "measure_id": measure_id(measure),
                                                   **params})
        if rows:
            row = rows[0]
            return (f"{measure['instrument']} on {measure['date']} is already recorded "
                    f"(score {row['score']}, by {row['updated_by']} at {row['updated_at']})",)
    if read is not None:
        return _claim(save, read)
    return ()


def _claim_measure(save: _Save, read: MeasureState) -> tuple[str, ...]:
    """Claim the measure's version the correction form read; if it is gone, say what
    changed and who changed it."""
    claimed = save.store.write("form_claim_measure", {
        "person_id": read.person_id, "measure_id": read.measure_id, "expected": read.version,
        "claim": f"claim-{uuid.uuid4().hex}"}, actor=save.scope.user)
    if claimed and claimed[0]["claimed"]:
        return ()
    day, instrument = str(read.values["date"]), str(read.values["instrument"])
    now = read_measure(save.store, save.scope, read.person_id, day, instrument)
    if now is None:
        return (NOT_IN_CASELOAD,)
    return (stale_save("measure", read.values, now.values, now.updated_by, now.updated_at),)


def _claim_new_tie(save: _Save, tie: Row) -> tuple[str, ...]:
    """Claim a new tie on its client (``cypher/form_claim_new_tie.cypher``: the client is
    locked while the check is made): of two people adding the same tie at once, the
    second is refused with what the first added (or is adding) and who."""
    live_after = (datetime.now(UTC) - timedelta(seconds=ADD_CLAIM_SECONDS)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    claimed = save.store.write("form_claim_new_tie", {
        "person_id": save.person_id, "tie_id": tie_id(tie), "live_after": live_after},
        actor=save.scope.user)
    if not claimed:
        return (NOT_IN_CASELOAD,)
    row = claimed[0]
    if row["claimed"]:
        return ()
    who = f"{row['by'] or 'someone'} at {row['since_at'] or 'an unknown time'}"
    if not row["stored"]:
        return (f"someone else is adding this tie ({who}): nothing was saved; reopen the "
                "person in a minute and edit it instead",)
    now = read_tie(save.store, save.scope, save.person_id, tie_id(tie))
    mine, theirs = changed_values(tie, now.values) if now is not None else ("", "")
    differs = f"it holds {theirs or '—'} where you entered {mine or '—'}" if mine or theirs \
        else "with the values you entered"
    return (f"this tie is already recorded (by {who}), {differs}: nothing was saved; "
            "edit it instead",)


def _claim(save: _Save, read: TieState) -> tuple[str, ...]:
    """Claim the version the form read; if it is gone, say what changed and who did it."""
    claimed = save.store.write("form_claim_tie", {
        "person_id": read.person_id, "tie_id": read.tie_id, "expected": read.version,
        "claim": f"claim-{uuid.uuid4().hex}"}, actor=save.scope.user)
    if claimed and claimed[0]["claimed"]:
        return ()
    now = read_tie(save.store, save.scope, read.person_id, read.tie_id)
    if now is None:
        return (NOT_IN_CASELOAD,)
    return (stale_save("tie", read.values, now.values, now.updated_by, now.updated_at),)


def stale_save(noun: str, read: Mapping[str, Any], now: Mapping[str, Any],
               updated_by: str, updated_at: str) -> str:
    """Why a save was refused because someone else saved the record since the form read
    it: who and when, and what it was and is now (every form's optimistic check)."""
    was, is_now = changed_values(read, now)
    who = f"{updated_by or 'someone'} at {updated_at or 'an unknown time'}"
    return (f"someone else saved this {noun} since you opened it ({who}): it was "
            f"{was or '—'}; it is now {is_now or '—'}. Nothing was saved: reopen it and "
            "try again.")


def _refuse(save: _Save, problems: tuple[str, ...], *, conflict: tuple[str, ...] = (),
            reveal: bool = True) -> FormResult:
    """Log the refusal (without the person when they are not the writer's) and say why."""
    reason = "; ".join((*conflict, *problems))
    entry = audit.record(save.store, save.scope, audit.AuditAction.REFUSED,
                         person_id=save.person_id if reveal else None,
                         detail=f"{save.detail}: refused: {reason}")
    return FormResult(ok=False, problems=problems, conflict=conflict, audit_id=entry)


def changed_values(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, str]:
    """``(before, after)``: the values that differ, as ``key=value; ...`` each.

    >>> changed_values({"kind": "natural", "functions": ["social"]},
    ...                {"kind": "natural", "functions": ["social", "shopping"]})
    ('functions=social', 'functions=social, shopping')
    >>> changed_values({}, {"kind": "paid"})
    ('', 'kind=paid')
    """
    keys = [key for key in dict.fromkeys([*before, *after])
            if key not in BOOKKEEPING and _text(before.get(key)) != _text(after.get(key))]
    return ("; ".join(f"{key}={_text(before.get(key))}" for key in keys
                      if _text(before.get(key))),
            "; ".join(f"{key}={_text(after.get(key))}" for key in keys
                      if _text(after.get(key))))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
