"""Read functions for the analytics views: ``(store, scope, ...)`` in, frames and graphs out.

Each function runs named queries from ``cypher/`` and hands back the shapes of
``graph.frames``; the figures themselves are computed by ``analytics``.

Scoping (``graph.scope``) fails closed:

* ``scope=None`` returns nothing (``None`` or an empty frame) and never touches the store;
* person-level reads pass ``$scope_role``/``$scope_id`` so the query itself drops
  clients outside a practitioner's caseload or a service lead's service;
* a commissioner gets nothing from person-level reads (not even a query is sent)
  and only the aggregates of ``area_data``.

Query budget (issue 7): the person view is one query (``person_view``); the service
view two (``service_clients``, ``service_ties``); the service's isolation series three
(``service_ties``, ``service_events``, ``service_measures``); the area view four
aggregate queries.

Public API
----------
``person_data(store, scope, person_id)`` -> ``PersonData | None``
``clients_in_scope(store, scope, area="", service="")`` -> clients frame
``service_data(store, scope, service_id, ended_after="")`` -> ``ServiceData | None``
``service_history(store, scope, service_id, since, measures_since="")`` -> ``ServiceHistory | None``
``area_data(store, scope, area="", as_of, no_fit_rules=None)`` -> ``AreaData | None``
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from graph import frames
from graph.model import ACTIVE_CONNECTION_STATUSES, INFORMAL_KINDS, EventKind, TieKind
from graph.scope import Scope, scope_parameters
from graph.store import GraphStore


@dataclass(frozen=True)
class PersonData:
    """Everything recorded about one client that the person view uses.

    ``client`` holds the client's properties (``graph.frames.CLIENT_COLUMNS``);
    ``ties`` every tie ever recorded (current and ended); ``knows`` the supporters'
    KNOWS links; ``events``/``measures`` the client's history; ``assets`` the
    candidates for suggestions (approved assets in the client's area serving one of
    the client's interests, if any are recorded); ``history`` the undated
    ``frames.history_graph`` of ties and KNOWS links.
    """

    client: dict[str, Any]
    ties: pd.DataFrame
    knows: pd.DataFrame
    events: pd.DataFrame
    measures: pd.DataFrame
    assets: pd.DataFrame
    history: nx.MultiGraph

    @property
    def person_id(self) -> str:
        return str(self.client["person_id"])


@dataclass(frozen=True)
class ServiceData:
    """A service's caseload: ``clients`` (with ``last_review``) and all their ``ties``
    (``SERVICE_TIE_COLUMNS``: one row per tie)."""

    service_id: str
    clients: pd.DataFrame
    ties: pd.DataFrame


#: ``AreaData.no_fit_counts``: clients by area and why no asset fits them
#: (``cypher/area_unmet_needs.cypher``).
NO_FIT_COUNT_COLUMNS = ("area", "code", "clients")

#: The columns of ``ServiceData.clients`` (``cypher/service_clients.cypher``).
SERVICE_CLIENT_COLUMNS = ("person_id", "display_name", "practitioner", "area", "last_review",
                          "start_date", "first_record", "planned_reviews")
#: The columns of a service's ties (``cypher/service_ties.cypher``): all that the service
#: view and the isolation series read. Only these, so that filtering the ties by date
#: (a dozen times a view) copies seven columns, not every tie column.
SERVICE_TIE_COLUMNS = ("person_id", "kind", "hours_per_week", "contacts_per_month", "since",
                       "until", "status")
#: The columns of a service's measures (``cypher/service_measures.cypher``).
SERVICE_MEASURE_COLUMNS = ("person_id", "date", "instrument", "score")
#: Which events the service's client rows date their reviews by.
_REVIEW_KINDS = {"review_kind": EventKind.REVIEW.value,
                 "planned_kind": EventKind.REVIEW_PLANNED.value}


@dataclass(frozen=True)
class ServiceHistory:
    """What the isolation series needs for every client of a service; ``clients`` as in
    ``ServiceData`` (their record starts date the undated ties)."""

    service_id: str
    clients: pd.DataFrame
    ties: pd.DataFrame
    events: pd.DataFrame
    measures: pd.DataFrame


@dataclass(frozen=True)
class AreaData:
    """Aggregates only: the asset directory, clients grouped by their active community
    connections, and clients per interest. Counts are exact here and must go through
    ``analytics.coverage`` (which suppresses small numbers) before anyone sees them."""

    assets: pd.DataFrame
    connection_groups: pd.DataFrame
    interest_counts: pd.DataFrame
    as_of: str
    #: ``area, code, clients``: clients counted by area and the code of why no asset fits
    #: them (None when one does), counted in the store (``cypher/area_unmet_needs.cypher``).
    no_fit_counts: pd.DataFrame


def _person_level(scope: Scope | None) -> dict[str, str] | None:
    """Scope parameters for a person-level read, or None when nothing may be read."""
    if scope is None or not scope.sees_people:
        return None
    return scope_parameters(scope)


def person_data(store: GraphStore, scope: Scope | None, person_id: str) -> PersonData | None:
    """One client's record in one query, or None if the scope may not see them
    (or there is no such client)."""
    params = _person_level(scope)
    if params is None:
        return None
    rows = store.read("person_view", {"person_id": person_id, **params})
    if not rows:
        return None
    row = rows[0]
    client = frames.client_record(row)
    ties = frames.ties_frame(row["ties"] or [], person_id=client["person_id"])
    knows = frames.knows_frame(row["knows"] or [])
    return PersonData(
        client=client,
        ties=ties,
        knows=knows,
        events=frames.events_frame(row["events"] or [], person_id=client["person_id"]),
        measures=frames.measures_frame(row["measures"] or [], person_id=client["person_id"]),
        assets=frames.assets_frame(row["assets"] or []),
        history=frames.history_graph(client, ties, knows),
    )


def clients_in_scope(
    store: GraphStore, scope: Scope | None, area: str = "", service: str = ""
) -> pd.DataFrame:
    """The clients the scope may see (``person_id, display_name, area, service,
    practitioner``), optionally in one area or service; empty without a scope."""
    params = _person_level(scope)
    if params is None:
        return frames.frame([], ("person_id", "display_name", "area", "service", "practitioner"))
    rows = store.read("clients_in_scope", {"area": area, "service": service, **params})
    return frames.frame(rows, ("person_id", "display_name", "area", "service", "practitioner"))


def service_data(store: GraphStore, scope: Scope | None, service_id: str,
                 ended_after: str = "") -> ServiceData | None:
    """A service's clients (as far as the scope reaches) and their ties, in two queries;
    ties that ended on or before ``ended_after`` (YYYY-MM-DD) are left out (by default
    none is)."""
    params = _person_level(scope)
    if params is None:
        return None
    clients = store.read(
        "service_clients",
        {"service_id": service_id, **_REVIEW_KINDS, **params},
    )
    ties = store.read("service_ties", {"service_id": service_id, "kinds": [],
                                       "ended_after": ended_after, **params})
    return ServiceData(
        service_id=service_id,
        clients=frames.frame(
            clients, SERVICE_CLIENT_COLUMNS
        ),
        ties=frames.frame_by_client(ties, SERVICE_TIE_COLUMNS),
    )


def service_history(
    store: GraphStore, scope: Scope | None, service_id: str, since: str,
    measures_since: str = "", *, counted_kinds: Iterable[str] | None = None,
    until: str = "",
) -> ServiceHistory | None:
    """Informal ties (natural and community, not ended by ``since``), events (from
    ``since``) and measures (from ``measures_since``; all of them by default) of a
    service's clients, for ``analytics.isolation.isolation_series`` over the whole
    caseload. Each query returns only the rows and columns the series uses.

    With ``counted_kinds`` (event kinds) and ``until`` (YYYY-MM-DD) the events come
    counted by client, month and kind, those kinds only, dated ``since`` to ``until``
    (``frames.event_months_frame``): the series counts nothing else, and a service has
    far fewer counts than events."""
    params = _person_level(scope)
    if params is None:
        return None
    base = {"service_id": service_id, **params}
    clients = store.read("service_clients", {**base, **_REVIEW_KINDS})
    if counted_kinds is None:
        events = frames.events_frame(store.read("service_events", {**base, "since": since}))
    else:
        events = frames.event_months_frame(store.read("service_event_months", {
            **base, "kinds": sorted(counted_kinds), "since": since, "until": until}))
    return ServiceHistory(
        service_id=service_id,
        clients=frames.frame(clients, SERVICE_CLIENT_COLUMNS),
        ties=frames.frame_by_client(store.read("service_ties", {
            **base, "kinds": sorted(kind.value for kind in INFORMAL_KINDS),
            "ended_after": since}), SERVICE_TIE_COLUMNS),
        events=events,
        measures=frames.dated_by_client(
            store.read("service_measures", {**base, "since": measures_since}),
            SERVICE_MEASURE_COLUMNS),
    )


def area_data(store: GraphStore, scope: Scope | None, area: str = "", *, as_of: str,
              no_fit_rules: Callable[[pd.DataFrame], dict[str, Any]] | None = None
              ) -> AreaData | None:
    """Aggregate inputs of the area view for ``area`` ('' for all areas) on ``as_of``.

    ``no_fit_rules`` gives, from the directory read here, the ``$rules`` and ``$codes``
    of ``area_unmet_needs`` (the fit rules live in analytics, which graph does not
    import); without it no client is counted there (``no_fit_counts`` is empty).
    Any scope may read these aggregates (they hold no person ids); ``None`` reads nothing.
    """
    if scope is None:
        return None
    groups = store.read("area_connection_groups", {
        "area": area,
        "as_of": as_of,
        "community_kind": TieKind.COMMUNITY.value,
        "active_statuses": sorted(status.value for status in ACTIVE_CONNECTION_STATUSES),
    })
    totals = store.read("area_client_counts", {"area": area})
    assets = frames.assets_frame(store.read("area_assets", {"area": area}))
    no_fit = [] if no_fit_rules is None else store.read("area_unmet_needs", {
        "area": area, "as_of": as_of,
        "active_statuses": sorted(status.value for status in ACTIVE_CONNECTION_STATUSES),
        **no_fit_rules(assets)})
    return AreaData(
        assets=assets,
        connection_groups=frames.connection_groups_frame(groups, totals),
        interest_counts=frames.frame(
            store.read("area_interest_counts", {"area": area}), ("area", "interest", "clients")
        ),
        as_of=as_of,
        no_fit_counts=frames.frame(no_fit, NO_FIT_COUNT_COLUMNS),
    )
