"""Who may see which people. Scoping happens where data is read, and fails closed.

Every query that returns person-level rows takes the parameters of
``scope_parameters`` and filters on them in Cypher::

    WHERE ($scope_role = 'system')
       OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
       OR ($scope_role = 'service_lead' AND c.service = $scope_id)

A commissioner matches none of these, so person-level queries return nothing
for them; aggregate queries are the only ones they can use. An asset owner (who keeps
the asset directory) matches none of them either. A read function
given no scope returns nothing without touching the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.model import Role

#: The one scope predicate, on the client ``c``: every ``Person-level: scoped`` query in
#: cypher/ carries it word for word (tests/cypher/test_catalogue.py checks).
SCOPE_PREDICATE = """\
($scope_role = 'system')
   OR ($scope_role = 'practitioner' AND c.practitioner = $scope_id)
   OR ($scope_role = 'service_lead' AND c.service = $scope_id)"""


@dataclass(frozen=True)
class Scope:
    """The viewer: their login, their role, and whose people they hold.

    ``scope_id`` is the practitioner id (for a practitioner) or the service id (for a
    service lead); commissioners, asset owners and the system role have none.
    """

    user: str
    role: Role
    scope_id: str = ""

    def __post_init__(self) -> None:
        if self.role in (Role.PRACTITIONER, Role.SERVICE_LEAD) and not self.scope_id:
            raise ValueError(f"a {self.role.value} scope needs the id of whose people they hold")

    @classmethod
    def system(cls, user: str) -> Scope:
        """The command line, run by an administrator with access to everything."""
        return cls(user=user, role=Role.SYSTEM)

    @property
    def sees_people(self) -> bool:
        """False for commissioners (aggregates only) and asset owners (the directory
        only)."""
        return self.role not in (Role.COMMISSIONER, Role.ASSET_OWNER)

    @property
    def keeps_directory(self) -> bool:
        """Whether this viewer may approve, withdraw and review directory assets: an
        asset owner, a service lead, or the system (command line) role."""
        return self.role in (Role.ASSET_OWNER, Role.SERVICE_LEAD, Role.SYSTEM)


def scope_parameters(scope: Scope | None) -> dict[str, Any] | None:
    """The ``$scope_role`` / ``$scope_id`` query parameters, or None when there is no scope
    (the caller must then return nothing)."""
    if scope is None:
        return None
    return {"scope_role": scope.role.value, "scope_id": scope.scope_id}
