"""The audit log: who looked at or changed what, and when.

Entries are ``AuditEntry`` nodes created by ``cypher/audit_append.cypher``; no query
in the catalogue updates or deletes one, so the application cannot edit the log
(the test suite checks every query file for that). ``actor`` and ``at`` are stamped
by the store like every write.
"""

from __future__ import annotations

import time
import uuid
from enum import StrEnum

from graph.scope import Scope
from graph.store import GraphStore

#: Longest ``detail`` kept: the log records what happened, not the data itself.
MAX_DETAIL_CHARS = 500


class AuditAction(StrEnum):
    """What an audit entry records."""

    VIEW_PERSON = "view_person"
    VIEW_SERVICE = "view_service"  # a service's caseload (every client in it)
    VIEW_AREA = "view_area"  # aggregates only, logged as a read all the same
    EXPORT = "export"
    IMPORT = "import"
    RECORD = "record"  # a form on the workbench wrote to a person's record
    REFUSED = "refused"  # a form's write was refused (scope, rules or a concurrent edit)


def new_entry_id() -> str:
    """A unique id that sorts in the order entries were made.

    ``at`` is stamped to the second, so two entries of one second need a tie-break
    that follows time (the log is listed ``at`` then ``id``, newest first): the
    nanosecond clock, zero-padded, then a random part for entries of one instant.
    """
    return f"AUD-{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"


def record(store: GraphStore, scope: Scope, action: AuditAction, *,
           person_id: str | None = None, detail: str = "", before: str = "",
           after: str = "") -> str:
    """Append one entry for ``scope.user`` and return its id; a change records a summary
    of the values it replaced (``before``) and wrote (``after``), each at most
    ``MAX_DETAIL_CHARS`` long."""
    entry_id = new_entry_id()
    store.write(
        "audit_append",
        {"id": entry_id, "role": scope.role.value, "person_id": person_id,
         "action": action.value, "detail": detail[:MAX_DETAIL_CHARS],
         "before": before[:MAX_DETAIL_CHARS], "after": after[:MAX_DETAIL_CHARS]},
        actor=scope.user,
    )
    return entry_id


def record_person_view(store: GraphStore, scope: Scope, person_id: str, detail: str = "") -> str:
    """Append a ``view_person`` entry: ``scope.user`` opened this person's page."""
    return record(store, scope, AuditAction.VIEW_PERSON, person_id=person_id, detail=detail)
