"""Who may use the dashboard, as whom: the roles file and the demo switch.

Outside demo mode the dashboard knows a user only by the identity Streamlit's
OIDC login gives it (``st.user.email``); what they may see comes from the TOML
file named by ``ASSETMAP_ROLES``::

    [users."ana.practitioner@council.example"]
    role = "practitioner"
    scope_id = "PR-01"          # the practitioner id on client records

    [users."sam.lead@council.example"]
    role = "service_lead"
    scope_id = "SVC-01"         # the service id on client records

    [users."cy.commissioner@council.example"]
    role = "commissioner"       # aggregates only; no scope_id

    [users."di.directory@council.example"]
    role = "asset_owner"        # keeps the asset directory only; no scope_id

A user not in the file gets no scope, so every read returns nothing. The
``system`` role belongs to the command line and is refused here. Users are matched
ignoring case; an entry that cannot be used (or a user listed twice in different
cases) is refused on its own and logged for the administrator, and everyone else
signs in as usual.

``ASSETMAP_DEMO=1`` (set by ``assetmap demo``) replaces the login with a
"viewing as" selector; it must never be set on real data.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.errors import ConfigError
from graph.model import Role
from graph.scope import Scope

LOG = logging.getLogger("assetmap.roles")
DEMO_ENV = "ASSETMAP_DEMO"
ROLES_ENV = "ASSETMAP_ROLES"

#: Roles a person may be granted in the dashboard.
DASHBOARD_ROLES: tuple[Role, ...] = (Role.PRACTITIONER, Role.SERVICE_LEAD, Role.COMMISSIONER,
                                     Role.ASSET_OWNER)

#: Roles that hold nobody's people, so need no ``scope_id`` (any given is ignored).
UNSCOPED_ROLES: tuple[Role, ...] = (Role.COMMISSIONER, Role.ASSET_OWNER)


@dataclass(frozen=True)
class Grant:
    """One user's role and whose people they hold (practitioner or service id)."""

    role: Role
    scope_id: str = ""

    def scope_for(self, user: str) -> Scope:
        return Scope(user=user, role=self.role, scope_id=self.scope_id)


def demo_mode(env: Mapping[str, str] | None = None) -> bool:
    """True when the dashboard runs on demo data with a "viewing as" selector."""
    env = os.environ if env is None else env
    return env.get(DEMO_ENV, "").strip().lower() in ("1", "true", "yes")


def roles_path(env: Mapping[str, str] | None = None) -> Path | None:
    """The roles file named by ``ASSETMAP_ROLES``, or None when it is not set."""
    env = os.environ if env is None else env
    value = env.get(ROLES_ENV, "").strip()
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class RolesFile:
    """The usable grants of a roles file, and the entries it refused, with why (for the
    administrator's log: a user is never shown another user's entry)."""

    grants: dict[str, Grant]
    refused: dict[str, str]


def load_roles(path: Path) -> RolesFile:
    """Read the roles file. Users are matched case-insensitively (e-mail addresses);
    an entry that cannot be used is refused on its own, and every spelling of a user
    listed twice is refused, rather than guessing which was meant. A file that cannot be
    read at all raises ``ConfigError``."""
    try:
        with open(path, "rb") as handle:
            users = tomllib.load(handle).get("users", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{ROLES_ENV} {path}: {exc}") from exc
    if not isinstance(users, dict):
        raise ConfigError(f"{path}: [users] must be a table of user -> {{role, scope_id}}")
    spellings: dict[str, list[str]] = {}
    for user in users:
        spellings.setdefault(user.strip().lower(), []).append(user)
    grants: dict[str, Grant] = {}
    refused: dict[str, str] = {}
    for key, names in spellings.items():
        if len(names) > 1:
            refused[key] = f"listed {len(names)} times (user names ignore case)"
            continue
        try:
            grants[key] = _grant(path, names[0], users[names[0]])
        except ConfigError as exc:
            refused[key] = str(exc)
    return RolesFile(grants=grants, refused=refused)


def load_grants(path: Path) -> dict[str, Grant]:
    """The usable grants of the roles file (user, lower-cased -> grant); refused entries
    are logged for the administrator."""
    roles = load_roles(path)
    for user, why in sorted(roles.refused.items()):
        LOG.warning("roles file %s: entry for %s refused: %s", path, user, why)
    return roles.grants


def _grant(path: Path, user: str, entry: object) -> Grant:
    if not isinstance(entry, dict):
        raise ConfigError(f"{path}: users.{user!r} must be a table with role and scope_id")
    allowed = ", ".join(role.value for role in DASHBOARD_ROLES)
    try:
        role = Role(str(entry.get("role", "")))
    except ValueError:
        raise ConfigError(f"{path}: users.{user!r}: unknown role {entry.get('role')!r}",
                          hint=f"use one of: {allowed}") from None
    if role not in DASHBOARD_ROLES:
        raise ConfigError(f"{path}: users.{user!r}: role {role.value!r} cannot be granted "
                          "in the dashboard", hint=f"use one of: {allowed}")
    scope_id = str(entry.get("scope_id", "")).strip()
    if role in UNSCOPED_ROLES:
        scope_id = ""
    elif not scope_id:
        raise ConfigError(f"{path}: users.{user!r}: a {role.value} needs a scope_id")
    return Grant(role=role, scope_id=scope_id)


def scope_for_user(user: str, env: Mapping[str, str] | None = None) -> Scope | None:
    """The scope of a logged-in user, or None (see nothing) if they hold no grant."""
    path = roles_path(env)
    if path is None or not user:
        return None
    grant = load_grants(path).get(user.strip().lower())
    return grant.scope_for(user) if grant else None
