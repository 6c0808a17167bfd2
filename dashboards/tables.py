"""Shaping rows for display: lists joined into text, labels for statuses, column names
people read. Presentation only; every figure comes from ``analytics``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from analytics import review
from graph.model import AssetCategory, CostBand, label


def joined(values: Any) -> str:
    """A list as "a, b, c" (underscores as spaces); anything else as text."""
    if values is None or (isinstance(values, float) and pd.isna(values)):
        return ""
    if isinstance(values, (list, tuple, set, frozenset)):
        return ", ".join(label(value) for value in values)
    return label(values)


#: Audit log actions in words.
AUDIT_ACTIONS = {"view_person": "opened a person's record", "import": "imported files"}


def audit_action(code: object) -> str:
    """An audit entry's action in words (an unknown code with spaces for underscores)."""
    return AUDIT_ACTIONS.get(str(code), str(code or "").replace("_", " "))


def counts_as_overdue(review_due: str | None, today: date) -> bool:
    """Overdue or no review date, as area coverage and asset fit count it."""
    return not review.is_in_date(review_due, today.isoformat())


DIRECTORY_COLUMNS: dict[str, str] = {
    "name": "Asset", "category": "Category", "area": "Area", "tags": "Interests served",
    "accessibility": "Accessibility", "access_notes": "Access notes", "cost": "Cost",
    "schedule": "When",
    "transport": "Getting there", "safeguarding": "Safeguarding controls",
    "safeguarding_notes": "Safeguarding notes", "review": "Review", "review_due": "Review due",
}


def directory_table(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """``assetmap.views.directory`` rows (each with its ``review`` status) as the table
    the directory page shows."""
    records = [
        {**row,
         **{key: joined(row.get(key)) for key in ("accessibility", "safeguarding")},
         "cost": label(row.get("cost"), CostBand),
         "tags": ", ".join(str(tag) for tag in row.get("tags") or []),
         "category": label(row.get("category"), AssetCategory)}
        for row in rows
    ]
    table = pd.DataFrame.from_records(records, columns=[*DIRECTORY_COLUMNS, "id"])
    return table[list(DIRECTORY_COLUMNS)].rename(columns=DIRECTORY_COLUMNS)


def filter_directory(rows: Sequence[Mapping[str, Any]], *, areas: list[str], categories: list[str],
                     access: list[str], free_only: bool, hide_overdue: bool,
                     today: date) -> list[Mapping[str, Any]]:
    """The directory rows that pass the page's filters (an empty choice means any)."""
    def keep(row: Mapping[str, Any]) -> bool:
        return ((not areas or row.get("area") in areas)
                and (not categories or row.get("category") in categories)
                and set(access) <= set(row.get("accessibility") or [])
                and (not free_only or row.get("cost") == "free")
                and not (hide_overdue and counts_as_overdue(row.get("review_due"), today)))
    return [row for row in rows if keep(row)]


def options(rows: Iterable[Mapping[str, Any]], key: str) -> list[str]:
    """The distinct values of ``key`` (or of its list items), sorted, for a filter."""
    found: set[str] = set()
    for row in rows:
        value = row.get(key)
        if isinstance(value, list):
            found.update(str(item) for item in value)
        elif value:
            found.add(str(value))
    return sorted(found)
