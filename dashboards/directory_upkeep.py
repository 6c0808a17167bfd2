"""Presenters of the Directory page's upkeep section (asset owners and service leads):
every asset with its approval, status, last review and withdrawal in words, the asset
chooser's labels and the review form's defaults. Presentation only: the figures (review
status) come from ``assetmap.views.directory``, the saves from
``ingest.directory_forms``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analytics.dates import add_months
from graph.model import DirectoryStatus

#: A review's default next review date: a year on (the page lets the reviewer change it).
NEXT_REVIEW_MONTHS = 12

UPKEEP_COLUMNS: dict[str, str] = {
    "name": "Asset", "area": "Area", "approval": "Approved", "state": "Status",
    "last_reviewed": "Last reviewed", "reviewed_by": "Reviewed by",
    "checked": "Notes checked", "review_due": "Next review", "review": "Review",
    "withdrawn": "Withdrawn", "id": "Id",
}


def status_words(row: Mapping[str, Any]) -> str:
    """An asset's directory status in words (no status recorded: active).

    >>> status_words({"status": None}), status_words({"status": "temporarily closed"})
    ('active', 'temporarily closed')
    """
    return str(row.get("status") or DirectoryStatus.ACTIVE.value)


def withdrawal_words(row: Mapping[str, Any]) -> str:
    """When and why an asset was withdrawn; blank when it is not withdrawn.

    >>> withdrawal_words({"status": "withdrawn", "withdrawn_on": "2026-05-01",
    ...                   "withdrawn_reason": "the hall closed"})
    'on 2026-05-01: the hall closed'
    >>> withdrawal_words({"status": "withdrawn"})  # by a feed that no longer lists it
    'no longer listed by its feed'
    >>> withdrawal_words({"status": "active", "withdrawn_reason": "old"})
    ''
    """
    if row.get("status") != DirectoryStatus.WITHDRAWN.value:
        return ""
    if not row.get("withdrawn_reason"):
        return "no longer listed by its feed"
    day = row.get("withdrawn_on")
    return f"on {day}: {row['withdrawn_reason']}" if day else str(row["withdrawn_reason"])


def checked_words(row: Mapping[str, Any]) -> str:
    """Which notes were checked, and when (blank when neither ever was).

    >>> checked_words({"access_checked_on": "2026-05-01",
    ...                "safeguarding_checked_on": "2026-05-01"})
    'accessibility 2026-05-01; safeguarding 2026-05-01'
    >>> checked_words({"safeguarding_checked_on": "2025-01-02"})
    'safeguarding 2025-01-02'
    """
    parts = [f"{words} {row[column]}" for words, column in (
        ("accessibility", "access_checked_on"), ("safeguarding", "safeguarding_checked_on"))
        if row.get(column)]
    return "; ".join(parts)


def upkeep_table(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """``assetmap.views.directory`` rows (every asset, approved or not) as the upkeep
    table: blank cells blank, never "None"."""
    records = [{**{key: row.get(key) or "" for key in UPKEEP_COLUMNS},
                "approval": "yes" if row.get("approved") is True else "no",
                "state": status_words(row), "checked": checked_words(row),
                "withdrawn": withdrawal_words(row)}
               for row in rows]
    table = pd.DataFrame.from_records(records, columns=list(UPKEEP_COLUMNS))
    return table.rename(columns=UPKEEP_COLUMNS)


def asset_labels(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``asset id -> "name · area · id"`` for the upkeep chooser, in the view's order.

    >>> asset_labels([{"id": "A-1", "name": "Garden Club", "area": "North"},
    ...               {"id": "A-2", "name": None, "area": None}])
    {'A-1': 'Garden Club · North · A-1', 'A-2': 'A-2'}
    """
    return {str(row["id"]): " · ".join(str(part) for part in (
        row.get("name"), row.get("area"), row["id"]) if part) for row in rows}


def default_next_review(today: str) -> str:
    """The next review date a review form starts with: ``NEXT_REVIEW_MONTHS`` on.

    >>> default_next_review("2026-02-28")
    '2027-02-28'
    """
    return add_months(today, NEXT_REVIEW_MONTHS)
