"""Directory upkeep on the Directory page (issue 15.6): approve an asset, withdraw it with
a reason, record an asset review, all without a CSV round trip.

Each form goes through the one write path of ``ingest.forms``: the asset as it is
stored, with the form's changes, becomes the assets row a file import would hold, and
goes through the same row models and rules (``ingest.forms.validated_plan``) and the
same writer (``ingest.writer.write_plan``). What only these forms add:

* scope: the directory is kept by asset owners and service leads (and the command
  line's system role); a practitioner or commissioner is refused, and the refusal is
  audited. The directory holds no person-level data, so an asset id is no secret;
* optimistic concurrency: a form carries the asset's ``version`` (its stored
  ``row_hash``) and the values it was read with; the version is claimed in one
  transaction (``cypher/form_claim_asset.cypher``) before the writer runs, so a second
  save made from the same version is refused with what changed and who changed it;
* nothing is deleted: withdrawing sets ``status = withdrawn`` and ``approved = no`` and
  keeps the reason and the day (``withdrawn_reason``, ``withdrawn_on``); the ties of
  people who went there stay on record. Approving a withdrawn asset makes it active
  again (the reason it had stays in the audit entry's "before");
* an audit entry per save or refusal (about no person: ``asset <id>: ...``), with a
  bounded summary of the values before and after.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph import audit
from graph.model import DirectoryStatus, RecordType
from graph.scope import Scope
from graph.store import GraphStore
from ingest.forms import BOOKKEEPING, FormResult, changed_values, clean, stale_save, validated_plan
from ingest.records import allowed_columns
from ingest.writer import write_plan

__all__ = ["NOT_A_DIRECTORY_KEEPER", "UNKNOWN_ASSET", "AssetState", "FormResult", "approve_asset",
           "read_asset", "review_asset", "withdraw_asset"]

#: The refusal for a viewer who may not keep the directory.
NOT_A_DIRECTORY_KEEPER = "only an asset owner or a service lead may change the directory"
#: The refusal for an asset that is not (or no longer) in the directory.
UNKNOWN_ASSET = "unknown asset"


@dataclass(frozen=True)
class AssetState:
    """An asset as an upkeep form reads it: its values in import-row form (``asset_id``
    and every stored column) and its version."""

    asset_id: str
    values: dict[str, Any]
    version: str
    updated_by: str = ""
    updated_at: str = ""


def read_asset(store: GraphStore, scope: Scope | None, asset_id: str) -> AssetState | None:
    """The stored asset as a form shows it, or None (not there, or no viewer)."""
    if scope is None:
        return None
    rows = store.read("form_current_asset", {"asset_id": asset_id})
    if not rows:
        return None
    row = rows[0]
    columns = set(allowed_columns(RecordType.ASSETS))
    values = {key: value for key, value in row["props"].items()
              if key in columns and key not in BOOKKEEPING}
    return AssetState(asset_id=asset_id, values={"asset_id": asset_id, **values},
                      version=str(row["version"] or ""),
                      updated_by=str(row["updated_by"] or ""),
                      updated_at=str(row["updated_at"] or ""))


def approve_asset(store: GraphStore, scope: Scope, read: AssetState, *,
                  on: str = "") -> FormResult:
    """Approve the asset (``approved = yes``): it may be suggested while it is running
    and in date. A withdrawn asset becomes active again and loses its withdrawal (kept
    in the audit entry's "before")."""
    changes: dict[str, Any] = {"approved": True}
    if read.values.get("status") == DirectoryStatus.WITHDRAWN.value:
        changes.update(status=DirectoryStatus.ACTIVE.value, withdrawn_on=None,
                       withdrawn_reason=None)
    return _save(store, scope, read, changes, "approved", on=on)


def withdraw_asset(store: GraphStore, scope: Scope, read: AssetState, *, on: str,
                   reason: str) -> FormResult:
    """Withdraw the asset on ``on`` for ``reason`` (both required): ``status =
    withdrawn``, ``approved = no``; it is never suggested again and never deleted."""
    problems = () if reason.strip() and on else ("give the day and the reason for withdrawing",)
    return _save(store, scope, read, {
        "approved": False, "status": DirectoryStatus.WITHDRAWN.value, "withdrawn_on": on,
        "withdrawn_reason": reason}, "withdrawn", on=on, problems=problems)


def review_asset(store: GraphStore, scope: Scope, read: AssetState, *, on: str,
                 next_review: str, reviewer: str, access_checked: bool,
                 safeguarding_checked: bool, access_notes: str | None = None,
                 safeguarding_notes: str | None = None) -> FormResult:
    """Record an asset review held ``on`` a day by ``reviewer``: ``last_reviewed = on``,
    ``review_due = next_review``, ``reviewed_by``, and the day the accessibility and the
    safeguarding notes were checked (both must be, ``access_checked_on`` and
    ``safeguarding_checked_on``); notes given (not None) replace the stored ones.
    Refused without a reviewer, with a check not done, or with a next review date not
    after ``on``."""
    changes: dict[str, Any] = {"last_reviewed": on, "review_due": next_review,
                               "reviewed_by": reviewer, "access_checked_on": on,
                               "safeguarding_checked_on": on}
    if access_notes is not None:
        changes["access_notes"] = access_notes
    if safeguarding_notes is not None:
        changes["safeguarding_notes"] = safeguarding_notes
    problems = tuple(text for missing, text in (
        (not reviewer.strip(), "give the reviewer"),
        (not access_checked, "check the accessibility notes (and tick that you did)"),
        (not safeguarding_checked, "check the safeguarding notes (and tick that you did)"),
        (not on or not next_review or next_review <= on,
         "give the next review date (after the review)")) if missing)
    return _save(store, scope, read, changes, "reviewed", on=on, problems=problems)


# -- the path ----------------------------------------------------------------------------
def _save(store: GraphStore, scope: Scope, read: AssetState, changes: Mapping[str, Any],
          done: str, *, on: str, problems: tuple[str, ...] = ()) -> FormResult:
    """Scope, the form's own checks, the import's rules, the claim, the writer, the log."""
    detail = f"asset {read.asset_id}: {done}"
    if not scope.keeps_directory:
        return _refuse(store, scope, detail, (NOT_A_DIRECTORY_KEEPER,))
    if problems:
        return _refuse(store, scope, detail, problems)
    merged = clean({**read.values, **changes})
    plan = validated_plan(store, {RecordType.ASSETS: [merged]})
    if plan.issues:
        return _refuse(store, scope, detail, tuple(
            f"{issue.column}: {issue.reason}" if issue.column else issue.reason
            for issue in plan.issues))
    conflict = _claim(store, scope, read)
    if conflict:
        return _refuse(store, scope, detail, (), conflict=conflict)
    write_plan(store, plan, actor=scope.user, as_of=on or date.today().isoformat())
    before, after = changed_values(read.values, merged)
    entry = audit.record(store, scope, audit.AuditAction.RECORD, detail=detail,
                         before=before, after=after)
    return FormResult(ok=True, before=before, after=after, audit_id=entry)


def _claim(store: GraphStore, scope: Scope, read: AssetState) -> tuple[str, ...]:
    """Claim the version the form read; if it is gone, say what changed and who did it."""
    claimed = store.write("form_claim_asset", {
        "asset_id": read.asset_id, "expected": read.version,
        "claim": f"claim-{uuid.uuid4().hex}"}, actor=scope.user)
    if claimed and claimed[0]["claimed"]:
        return ()
    now = read_asset(store, scope, read.asset_id)
    if now is None:
        return (UNKNOWN_ASSET,)
    return (stale_save("asset", read.values, now.values, now.updated_by, now.updated_at),)


def _refuse(store: GraphStore, scope: Scope, detail: str, problems: tuple[str, ...], *,
            conflict: tuple[str, ...] = ()) -> FormResult:
    """Log the refusal (about no person) and say why."""
    reason = "; ".join((*conflict, *problems))
    entry = audit.record(store, scope, audit.AuditAction.REFUSED,
                         detail=f"{detail}: refused: {reason}")
    return FormResult(ok=False, problems=problems, conflict=conflict, audit_id=entry)
