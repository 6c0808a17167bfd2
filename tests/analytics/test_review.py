"""The one definition of an asset's review status, worked by hand, and the places that
use it agreeing on one asset."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics import coverage, fit
from analytics.review import ReviewStatus, is_in_date, overdue_for_review, review_status
from dashboards import tables

AS_OF = "2025-06-30"


def test_each_status_by_hand() -> None:
    assert review_status("2025-06-30", AS_OF) is ReviewStatus.DUE_SOON  # due today: not yet past
    assert review_status("2025-07-30", AS_OF) is ReviewStatus.DUE_SOON  # 30 days on
    assert review_status("2025-07-31", AS_OF) is ReviewStatus.IN_DATE  # 31 days on
    assert review_status("2025-06-29", AS_OF) is ReviewStatus.OVERDUE
    assert review_status(None, AS_OF) is ReviewStatus.NO_DATE
    assert review_status("", AS_OF) is ReviewStatus.NO_DATE
    assert [is_in_date(d, AS_OF) for d in ("2025-07-31", "2025-07-01", "2025-06-29", None)] \
        == [True, True, False, False]


def test_directory_area_and_fit_agree_on_one_asset() -> None:
    for due, kept in (("2025-12-31", True), ("2025-06-29", False), (None, False)):
        assets = pd.DataFrame({"asset_id": ["A"], "name": ["Club"], "category": ["club"],
                               "area": ["N"], "tags": [["music"]], "accessibility": [[]],
                               "cost": ["free"], "safeguarding": [[]], "approved": [True],
                               "last_reviewed": [None], "review_due": [due]})
        area_overdue = bool(overdue_for_review(assets, AS_OF).iloc[0])
        directory_overdue = tables.counts_as_overdue(due, date.fromisoformat(AS_OF))
        client = {"area": "N", "interests": ["music"], "access_needs": [], "risks": []}
        suggested = [s["asset_id"] for s in fit.asset_fit(client, assets, as_of=AS_OF)]
        assert (area_overdue, directory_overdue, suggested == ["A"]) == (not kept, not kept, kept)
        assert coverage.overdue_for_review is overdue_for_review, "one definition, re-used"
