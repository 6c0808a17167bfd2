"""An asset's review status: the one definition the directory, area and person pages,
asset fit and area coverage all use.

Definition (from the guidance's "approved asset directory kept in date"): an asset is
**in date** while its ``review_due`` date is on or after the day asked about, and
**due soon** when that date falls within ``DUE_SOON_DAYS`` of it; it is **overdue**
once ``review_due`` has passed. An asset with **no review date** was never given one,
so it cannot be shown to be in date: it counts as overdue wherever overdue assets are
counted or left out (area coverage, directory health, asset fit), and is labelled apart
on the directory so the missing date can be fixed. Dates are ISO ``YYYY-MM-DD`` strings
compared as strings.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import pandas as pd

__all__ = ["DUE_SOON_DAYS", "ReviewStatus", "is_in_date", "overdue_for_review",
           "review_status"]

#: A review due within this many days of the day asked about is "due soon".
DUE_SOON_DAYS = 30


class ReviewStatus(StrEnum):
    IN_DATE = "in date"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    NO_DATE = "no review date"


def review_status(review_due: Any, as_of: str) -> ReviewStatus:
    """The review status of one asset on ``as_of``.

    Examples
    --------
    >>> [review_status(due, "2025-06-30").value
    ...  for due in ("2025-12-31", "2025-07-15", "2025-06-29", None)]
    ['in date', 'due soon', 'overdue', 'no review date']
    """
    if not isinstance(review_due, str) or not review_due:
        return ReviewStatus.NO_DATE
    if review_due < as_of:
        return ReviewStatus.OVERDUE
    soon = (date.fromisoformat(as_of) + timedelta(days=DUE_SOON_DAYS)).isoformat()
    return ReviewStatus.DUE_SOON if review_due <= soon else ReviewStatus.IN_DATE


def is_in_date(review_due: Any, as_of: str) -> bool:
    """True for "in date" and "due soon": the asset may be suggested and counts as kept."""
    return review_status(review_due, as_of) in (ReviewStatus.IN_DATE, ReviewStatus.DUE_SOON)


def overdue_for_review(assets: pd.DataFrame, as_of: str) -> pd.Series:
    """Per asset (``review_due`` column): overdue or no review date (``not is_in_date``).

    Examples
    --------
    >>> assets = pd.DataFrame({"review_due": ["2025-12-31", "2025-06-01", None]})
    >>> overdue_for_review(assets, "2025-06-30").tolist()
    [False, True, True]
    """
    due = assets["review_due"].fillna("").astype(str)
    return (due == "") | (due < as_of)
