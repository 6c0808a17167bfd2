"""The area page's tables, from ``assetmap.views.area``: renames and chart shapes only.

Only aggregates reach the commissioner: every count of people in an ``AreaView`` has
passed through ``analytics.coverage.disclose`` (small numbers suppressed, others
rounded), and the tables carry codes and categories, never a person's name.
"""

from __future__ import annotations

import pandas as pd

from analytics.coverage import ALL
from graph.model import AssetCategory, label

__all__ = ["COVERAGE_COLUMNS", "coverage_chart", "directory_health", "only_connection_table",
           "published", "unmet_needs_table", "unmet_table"]

COVERAGE_COLUMNS = {"area": "Area", "category": "Category", "approved_assets": "Approved assets",
                    "overdue_reviews": "Overdue reviews", "clients": "Clients",
                    "clients_connected": "Clients with an active connection"}


def published(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text (suppressed counts are ``*`` beside numbers, and a table column
    must have one type to be drawn), asset categories in words."""
    shown = table.astype(str)
    for column in ("category", "Category"):
        if column in shown:
            shown[column] = shown[column].map(_category)
    return shown


def _category(code: str) -> str:
    return code if code == ALL else label(code, AssetCategory)


def coverage_chart(coverage: pd.DataFrame) -> pd.DataFrame:
    """Approved assets per area and category (published figures; ``*`` plotted as 0)."""
    rows = coverage[(coverage["area"] != ALL) & (coverage["category"] != ALL)]
    numbers = pd.to_numeric(rows["approved_assets"], errors="coerce").fillna(0)
    return (rows.assign(approved_assets=numbers, category=rows["category"].map(_category))
            .pivot_table(index="area", columns="category", values="approved_assets",
                         aggfunc="sum", fill_value=0))


def unmet_table(unmet: pd.DataFrame) -> pd.DataFrame:
    return unmet.rename(columns={"area": "Area", "interest": "Interest",
                                 "clients": "Clients holding it"})


def unmet_needs_table(unmet: pd.DataFrame) -> pd.DataFrame:
    return unmet.rename(columns={"area": "Area", "reason": "Why nothing fits",
                                 "clients": "Clients"})


def only_connection_table(only: pd.DataFrame) -> pd.DataFrame:
    """Assets that are the only community connection of several clients: by id and
    category (asset names are on the directory page)."""
    return only[["area", "asset_id", "category", "clients"]].rename(
        columns={"area": "Area", "asset_id": "Asset", "category": "Category",
                 "clients": "Clients for whom it is the only connection"})


def directory_health(health: pd.DataFrame) -> pd.DataFrame:
    """Per area: assets listed, not approved, and approved but overdue for review."""
    return health.rename(
        columns={"area": "Area", "listed": "Assets listed", "unapproved": "Not approved",
                 "overdue": "Approved, overdue for review"})
