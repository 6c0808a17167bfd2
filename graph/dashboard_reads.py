"""Reads the dashboard needs beyond ``graph.reads``: the person picker, the staff
list of the demo selector, the asset directory and the audit log.

Each function takes the viewer's ``Scope`` first after the store and fails closed:
given no scope it returns nothing without touching the store. Person-level queries
filter on the scope in Cypher (see ``graph.scope``), so a practitioner's picker holds
only their caseload and a commissioner's holds nobody.
"""

from __future__ import annotations

from typing import Any

from graph.scope import Scope, scope_parameters
from graph.store import GraphStore, Row

#: The audit view shows this many of the newest entries.
AUDIT_VIEW_LIMIT = 500


def caseload(store: GraphStore, scope: Scope | None) -> list[Row]:
    """Clients the viewer may open: ``id``, ``display_name``, ``area``, ``service``,
    ``practitioner``; empty for a commissioner or no scope."""
    params = _person_scope(scope)
    return store.read("dashboard_caseload", params) if params else []


def client_in_scope(store: GraphStore, scope: Scope | None, person_id: str) -> bool:
    """True if the viewer may see this client (a deep link is checked, never trusted)."""
    return any(row["id"] == person_id for row in caseload(store, scope))


def staff(store: GraphStore) -> list[Row]:
    """(service, practitioner, clients) pairs on client records, for the demo "viewing
    as" selector, which runs before there is a viewer. Staff ids and counts only: no
    client appears, so it needs no scope."""
    return store.read("dashboard_staff")


def asset_directory(store: GraphStore, scope: Scope | None, *,
                    approved_only: bool = True) -> list[Row]:
    """Community assets with their practical details; no person-level data, so every
    dashboard role may read it, but a read without a scope still returns nothing."""
    if scope is None:
        return []
    return store.read("dashboard_directory", {"approved_only": approved_only})


def audit_entries(store: GraphStore, scope: Scope | None, *,
                  limit: int = AUDIT_VIEW_LIMIT) -> list[Row]:
    """The newest audit entries the viewer may see (scoped like person reads)."""
    params = _person_scope(scope)
    return store.read("audit_entries", {**params, "limit": int(limit)}) if params else []


def _person_scope(scope: Scope | None) -> dict[str, Any] | None:
    """Scope parameters for a person-level read, or None when nothing may be read
    (no scope, or a commissioner: they never reach person-level queries)."""
    if scope is None or not scope.sees_people:
        return None
    return scope_parameters(scope)
