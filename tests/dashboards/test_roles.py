"""The roles file: users map to a role and scope; anything unusable is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetmap.roles import demo_mode, load_roles, scope_for_user
from graph.model import Role

ROLES = """
[users."Ana@Council.example"]
role = "practitioner"
scope_id = "PR-01"

[users."sam@council.example"]
role = "service_lead"
scope_id = "SVC-01"

[users."cy@council.example"]
role = "commissioner"
scope_id = "ignored"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roles.toml"
    path.write_text(text)
    return path


def test_users_get_their_role_and_scope(tmp_path: Path) -> None:
    env = {"ASSETMAP_ROLES": str(write(tmp_path, ROLES))}
    ana = scope_for_user("ana@council.example", env)
    assert ana is not None and (ana.role, ana.scope_id) == (Role.PRACTITIONER, "PR-01")
    sam = scope_for_user("sam@council.example", env)
    assert sam is not None and (sam.role, sam.scope_id) == (Role.SERVICE_LEAD, "SVC-01")
    cy = scope_for_user("cy@council.example", env)
    assert cy is not None and (cy.role, cy.scope_id, cy.sees_people) == (Role.COMMISSIONER, "", False)


def test_unknown_user_or_no_file_gets_no_scope(tmp_path: Path) -> None:
    env = {"ASSETMAP_ROLES": str(write(tmp_path, ROLES))}
    assert scope_for_user("mallory@elsewhere.example", env) is None
    assert scope_for_user("", env) is None
    assert scope_for_user("ana@council.example", {}) is None


@pytest.mark.parametrize("entry, message", [
    ('role = "system"', "cannot be granted"),
    ('role = "admin"', "unknown role"),
    ('role = "practitioner"', "needs a scope_id"),
])
def test_an_unusable_entry_is_refused_alone(tmp_path: Path, entry: str, message: str) -> None:
    path = write(tmp_path, f'[users."x@council.example"]\n{entry}\n'
                           '[users."ok@council.example"]\nrole = "commissioner"\n')
    roles = load_roles(path)
    assert message in roles.refused["x@council.example"]
    assert set(roles.grants) == {"ok@council.example"}  # everyone else still signs in
    env = {"ASSETMAP_ROLES": str(path)}
    assert scope_for_user("x@council.example", env) is None
    assert scope_for_user("OK@Council.example", env) is not None


def test_a_user_listed_twice_in_different_cases_is_refused(tmp_path: Path) -> None:
    # "Sam" was made lead of SVC-B by a second entry that differs only in case: neither
    # entry is honoured, rather than one silently winning.
    path = write(tmp_path, '[users."sam@council.example"]\nrole = "service_lead"\n'
                           'scope_id = "SVC-A"\n'
                           '[users."Sam@Council.example"]\nrole = "service_lead"\n'
                           'scope_id = "SVC-B"\n')
    roles = load_roles(path)
    assert roles.grants == {} and "listed 2 times" in roles.refused["sam@council.example"]
    assert scope_for_user("sam@council.example", {"ASSETMAP_ROLES": str(path)}) is None


def test_demo_mode_only_when_switched_on() -> None:
    assert demo_mode({"ASSETMAP_DEMO": "1"})
    assert not demo_mode({})
    assert not demo_mode({"ASSETMAP_DEMO": "0"})
