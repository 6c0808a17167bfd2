"""Reads the dashboard needs beyond ``graph.reads``: the staff list of the demo
selector, the asset directory, introduction plans of a client's ties and the audit log.

Each function takes the viewer's ``Scope`` first after the store and fails closed:
given no scope it returns nothing without touching the store. Person-level queries
filter on the scope in Cypher (see ``graph.scope``) and are never sent for a
commissioner.
"""

from __future__ import annotations

from typing import Any

from graph.scope import Scope, scope_parameters
from graph.store import GraphStore, Row

#: The audit view shows this many of the newest entries.
AUDIT_VIEW_LIMIT = 500


def staff(store: GraphStore) -> list[Row]:
    """(service, practitioner, clients) pairs on client records, for the demo "viewing
    as" selector, which runs before there is a viewer. Staff ids and counts only: no
    client appears, so it needs no scope."""
    return store.read("dashboard_staff")


def service_names(store: GraphStore) -> dict[str, str]:
    """Service id -> the service's recorded name (ids without a name are left out), so
    pages name services. Services are not person-level data and the demo selector needs
    them before there is a viewer, so, like ``staff``, it takes no scope."""
    return {str(row["service_id"]): str(row["name"])
            for row in store.read("dashboard_service_names") if row.get("name")}


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
