"""What every page shares: the store, the viewer's scope, the audit of person views.

Identity: in demo mode (``ASSETMAP_DEMO=1``) a "viewing as" selector in the sidebar
chooses a practitioner, service lead, commissioner or asset owner; otherwise the user logs in
through Streamlit's OIDC (``st.login``) and their role and scope come from the roles
file (``assetmap.roles``). No scope, no data: every read fails closed.

Caching: the open store is a process-wide resource (``st.cache_resource``), keyed by
store address and graph name. The staff list of the demo selector and the service
names, which hold no person-level data and are the same for every viewer, are cached
for ``SHARED_LIST_TTL_S`` seconds (keyed by the store; cleared by
``clear_shared_caches`` after a dashboard import): without it every rerun of every
session counted every client again. Nothing scoped is cached here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from assetmap.roles import Grant, demo_mode, scope_for_user
from assetmap.settings import Settings, load_settings, open_store
from dashboards import state
from graph import audit
from graph.dashboard_reads import service_names, staff
from graph.errors import AssetmapError, ConfigError, StoreUnavailable
from graph.model import Role
from graph.scope import Scope
from graph.store import GraphStore

DEMO_USER_PREFIX = "demo-"
#: Shown on every page in demo mode: with no sign-in, anyone who reaches it sees all.
DEMO_BANNER = ("Demo mode: no sign-in, so nothing here is protected. Use it with "
               "synthetic data only, never real people's records.")


@st.cache_resource(show_spinner=False)
def _open_store(address: str) -> GraphStore:
    """One store per process and address; its connection pool is shared by sessions."""
    del address  # the cache key; the settings below say the same
    return open_store(load_settings())


#: Seconds the staff list and service names stay cached: a service or practitioner
#: imported from the command line shows within a minute, as a client's record does.
SHARED_LIST_TTL_S = 60


@st.cache_data(ttl=SHARED_LIST_TTL_S, show_spinner=False)
def _cached_demo_viewers(_graph: GraphStore, store_key: str) -> list[DemoViewer]:
    del store_key  # the cache key, so two stores never share an answer
    return demo_viewers(_graph)


@st.cache_data(ttl=SHARED_LIST_TTL_S, show_spinner=False)
def _cached_service_names(_graph: GraphStore, store_key: str) -> dict[str, str]:
    del store_key  # the cache key, as above
    return service_names(_graph)


def known_service_names() -> dict[str, str]:
    """Service id -> recorded name (``dashboard_reads.service_names``), cached (above)."""
    return _cached_service_names(store(), store_key())


def clear_shared_caches() -> None:
    """Forget the cached staff list and service names, after a dashboard import."""
    _cached_demo_viewers.clear()
    _cached_service_names.clear()


def settings() -> Settings:
    """The dashboard's settings (read from the environment on every run; cheap)."""
    try:
        return load_settings()
    except AssetmapError as exc:
        _stop_with(exc)
        raise


def store() -> GraphStore:
    """The configured store, or a friendly stop if it cannot be opened."""
    current = settings()
    try:
        return _open_store(current.store)
    except AssetmapError as exc:
        _stop_with(exc)
        raise


#: What every user sees when the store cannot be used. The cause (addresses, paths,
#: the driver's words) goes to the server log only: it is for the administrator.
STORE_DOWN = "The data store is not available — ask your administrator."
NOT_CONFIGURED = "assetmap is not configured correctly — ask your administrator."
LOG = logging.getLogger("assetmap.dashboard")


def _stop_with(exc: AssetmapError) -> None:
    LOG.error("%s: %s%s", type(exc).__name__, exc, f" ({exc.hint})" if exc.hint else "")
    if isinstance(exc, StoreUnavailable):
        # A local Neo4j restarted since (a new port) is found again on the next run.
        _open_store.clear()
    st.error(NOT_CONFIGURED if isinstance(exc, ConfigError) else STORE_DOWN)
    st.stop()


@contextmanager
def store_failures_shown() -> Iterator[None]:
    """Around a whole run: a store that stops answering, or settings that cannot be
    used, end the page with one plain sentence instead of a traceback."""
    try:
        yield
    except (StoreUnavailable, ConfigError) as exc:
        _stop_with(exc)


@dataclass(frozen=True)
class DemoViewer:
    """One choice of the demo "viewing as" selector."""

    label: str
    grant: Grant

    @property
    def token(self) -> str:
        """The choice in the address (``?viewer=practitioner:PR-A``): role and scope id,
        which stay the same when the label's counts change."""
        return f"{self.grant.role.value}:{self.grant.scope_id or ''}"


#: The query parameter that keeps the demo "viewing as" choice across a refresh.
VIEWER_PARAM = "viewer"


def demo_viewers(graph: GraphStore) -> list[DemoViewer]:
    """Every practitioner and service lead found on client records, a commissioner and
    an asset owner; services by their recorded name (the id where none is recorded)."""
    rows = staff(graph)
    names = service_names(graph)
    practitioners = [
        DemoViewer(f"Practitioner {row['practitioner']} "
                   f"({names.get(row['service'], row['service'])}, {row['clients']} clients)",
                   Grant(Role.PRACTITIONER, row["practitioner"]))
        for row in rows
    ]
    services = sorted({row["service"] for row in rows})
    leads = [DemoViewer(f"Service lead {names.get(service, service)}",
                        Grant(Role.SERVICE_LEAD, service))
             for service in services]
    return [*practitioners, *leads, DemoViewer("Commissioner", Grant(Role.COMMISSIONER)),
            DemoViewer("Asset owner (the directory)", Grant(Role.ASSET_OWNER))]


def viewer() -> Scope | None:
    """Who is looking, drawing the sidebar identity controls; None sees nothing."""
    if demo_mode():
        return _demo_viewer()
    return _logged_in_viewer()


def _demo_viewer() -> Scope | None:
    choices = {choice.label: choice for choice in _cached_demo_viewers(store(), store_key())}
    if not choices:
        st.sidebar.info("The store holds no clients yet.")
        return None
    by_token = {choice.token: label for label, choice in choices.items()}
    asked = st.query_params.get(VIEWER_PARAM)
    if state.VIEWING_AS not in st.session_state and asked in by_token:
        st.session_state[state.VIEWING_AS] = by_token[asked]  # a refresh: a new session
    label = st.sidebar.selectbox("Viewing as (demo)", list(choices), key=state.VIEWING_AS)
    # Kept in the address on every run (page links drop it), so a refresh keeps it.
    st.query_params[VIEWER_PARAM] = choices[label].token
    grant = choices[label].grant
    st.sidebar.warning(DEMO_BANNER)
    return grant.scope_for(f"{DEMO_USER_PREFIX}{grant.role.value}-{grant.scope_id or 'all'}")


def _logged_in_viewer() -> Scope | None:
    if not logged_in():
        return None
    email = str(st.user.get("email") or "")
    try:
        scope = scope_for_user(email)
    except AssetmapError as exc:
        _stop_with(exc)
        raise
    st.sidebar.caption(f"Signed in as {email}")
    st.sidebar.button("Log out", on_click=st.logout)
    return scope


def logged_in() -> bool:
    """True once OIDC login succeeded (False, not an error, when no provider is set up)."""
    return bool(st.user.get("is_logged_in", False))


def require_viewer(role: Role | tuple[Role, ...] | None = None) -> Scope:
    """The viewer's scope for a page, or stop the page: nobody, or the wrong role."""
    scope = viewer_of_this_run()
    allowed = (role,) if isinstance(role, Role) else role
    if scope is None or (allowed and scope.role not in allowed):
        st.warning("This page is not available to you.")
        st.stop()
    return scope


def viewer_of_this_run() -> Scope | None:
    """The scope the entry file resolved for this run (pages must not resolve it again,
    so the sidebar selector is drawn once)."""
    return st.session_state.get(state.VIEWER)


def begin_run() -> Scope | None:
    """Resolve the viewer once per run and keep it for the pages of this run."""
    scope = viewer()
    st.session_state[state.VIEWER] = scope
    return scope


def note_page(page_key: str) -> None:
    """Remember which page runs; opening a different page makes the next person shown
    a new view for the audit log."""
    if st.session_state.get(state.CURRENT_PAGE) != page_key:
        st.session_state[state.CURRENT_PAGE] = page_key
        st.session_state[state.AUDITED_VIEW] = None


def audit_person_view(graph: GraphStore, scope: Scope, person_id: str, detail: str) -> None:
    """Log one view per opening of a person: widget changes on the same page (the date
    slider, the what-if choice) are the same view and are not logged again."""
    view = (st.session_state.get(state.CURRENT_PAGE), person_id)
    if st.session_state.get(state.AUDITED_VIEW) == view:
        return
    audit.record_person_view(graph, scope, person_id, detail)
    st.session_state[state.AUDITED_VIEW] = view


def store_key() -> str:
    """Names the store in cache keys, so caches never mix two stores."""
    return settings().store
