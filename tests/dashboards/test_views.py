"""The views every page, the CLI and the report share, on the hand-written area
(conftest.TINY_AREA): each answers from the store, scoped, and fails closed."""

from __future__ import annotations

import pandas as pd

from assetmap import views
from assetmap.settings import AnalyticsSettings
from graph import audit
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.demo import DEMO_END

AS_OF = "2026-06-30"
LEAD_A = Scope(user="lee", role=Role.SERVICE_LEAD, scope_id="SVC-A")
COMMISSIONER = Scope(user="cy", role=Role.COMMISSIONER)


def test_directory_lists_approved_assets_with_their_review_status(tiny_store: Neo4jStore) -> None:
    view = views.directory(tiny_store, COMMISSIONER, as_of=AS_OF)
    assert view is not None
    # A-2 is not approved; A-1 is due for review in 2099.
    assert [(row["id"], row["review"]) for row in view.assets] == [("A-1", "in date")]
    assert views.directory(tiny_store, None, as_of=AS_OF) is None


def test_audit_view_is_for_viewers_of_people_only(tiny_store: Neo4jStore) -> None:
    made = audit.record_person_view(tiny_store, LEAD_A, "C-1")
    view = views.audit(tiny_store, LEAD_A, limit=10)
    assert view is not None and view.limit == 10
    # The shared hand-written area may hold other tests' entries: this one is newest.
    assert view.entries[0]["id"] == made and len(view.entries) <= 10
    assert views.audit(tiny_store, COMMISSIONER) is None
    assert views.audit(tiny_store, None) is None


def test_area_view_carries_directory_health_and_the_asset_count(tiny_store: Neo4jStore) -> None:
    view = views.area(tiny_store, COMMISSIONER, "", as_of=AS_OF, limits=AnalyticsSettings())
    assert view is not None
    assert view.assets_listed == 2
    assert view.min_clients == AnalyticsSettings().only_connection_min_clients
    assert set(view.directory_health["area"]) == {"Riverside", "all"}


def test_person_view_says_what_the_paid_share_counts(tiny_store: Neo4jStore) -> None:
    # C-1: daughter 4 h, neighbour 1 h, home care 10 h, garden club 2 h: paid 10/17.
    view = views.person(tiny_store, LEAD_A, "C-1", as_of=AS_OF, limits=AnalyticsSettings())
    assert view is not None
    assert view.figures["paid_share"] == 10 / 17
    assert view.figures["reliance_coverage"] == "hours recorded for 4 of 4 ties"


def test_the_demo_services_trends_move_both_ways(demo_store: Neo4jStore) -> None:
    """Issue 12: on the demo, the service page answers "is it getting better?" — clients'
    3- and 12-month changes are not all zero, some rise and some fall, and the service
    trend has a point for each of the 12 month ends."""
    as_of, limits = DEMO_END.isoformat(), AnalyticsSettings()
    changes = []
    for service_id in ("SVC-LT", "SVC-CC", "SVC-RB"):
        view = views.service(demo_store, Scope.system("t"), service_id, as_of=as_of,
                             limits=limits)
        assert view is not None and len(view.trend) == 12
        assert view.trend["as_of"].iloc[-1] == as_of
        assert (view.trend["clients_measured"] > 0).all()
        changes.append(view.caseload[["trend_3m", "trend_12m"]])
    every = pd.concat(changes)
    assert (every["trend_12m"] > 0.05).sum() >= 2 and (every["trend_12m"] < -0.05).sum() >= 2
    assert (every["trend_3m"].abs() > 0.05).sum() >= 1
