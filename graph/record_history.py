"""Who recorded each step of a client's record, and when: the saves the workbench's
forms made (the audit log's ``record`` entries, ``graph.audit``), read back for the
person's report.

Like every person-level read it takes the viewer's ``Scope`` and fails closed: no
scope, or a commissioner, reads nothing without touching the store.
"""

from __future__ import annotations

from graph.scope import Scope, scope_parameters
from graph.store import GraphStore, Row

#: The most saves a report lists (a client's record gains a few a week).
HISTORY_LIMIT = 1000


def record_history(store: GraphStore, scope: Scope | None, person_id: str, *,
                   limit: int = HISTORY_LIMIT) -> list[Row]:
    """The saves made to client ``person_id``'s record, oldest first: ``at``, ``actor``,
    ``role``, ``detail`` and ``after`` (``cypher/person_record_history.cypher``)."""
    params = scope_parameters(scope) if scope is not None and scope.sees_people else None
    if params is None:
        return []
    return store.read("person_record_history",
                      {"person_id": person_id, **params, "limit": int(limit)})
