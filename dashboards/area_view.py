"""The area page's tables, from ``graph.reads.area_data`` through ``analytics.coverage``.

Only aggregates reach the commissioner: every count has passed through
``analytics.coverage.disclose`` (small numbers suppressed, others rounded), and the
tables carry codes and categories, never a person's name or any free text.
"""

from __future__ import annotations

import pandas as pd

from analytics import coverage
from analytics.coverage import (
    ALL,
    area_coverage,
    only_connection_assets,
    unmet_interests,
)
from graph.reads import AreaData

COVERAGE_COLUMNS = {"area": "Area", "category": "Category", "approved_assets": "Approved assets",
                    "overdue_reviews": "Overdue reviews", "clients": "Clients",
                    "clients_connected": "Clients with an active connection"}


def published(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text: suppressed counts are ``*`` beside numbers, and a table column
    must have one type to be drawn."""
    return table.astype(str)


def coverage_table(data: AreaData) -> pd.DataFrame:
    return area_coverage(data.assets, data.connection_groups, as_of=data.as_of)


def coverage_chart(coverage: pd.DataFrame) -> pd.DataFrame:
    """Approved assets per area and category (published figures; ``*`` plotted as 0)."""
    rows = coverage[(coverage["area"] != ALL) & (coverage["category"] != ALL)]
    numbers = pd.to_numeric(rows["approved_assets"], errors="coerce").fillna(0)
    return (rows.assign(approved_assets=numbers)
            .pivot_table(index="area", columns="category", values="approved_assets",
                         aggfunc="sum", fill_value=0))


def unmet_table(data: AreaData) -> pd.DataFrame:
    return unmet_interests(data.assets, data.interest_counts, as_of=data.as_of).rename(
        columns={"area": "Area", "interest": "Interest", "clients": "Clients holding it"})


def only_connection_table(data: AreaData, min_clients: int) -> pd.DataFrame:
    """Assets that are the only community connection of several clients: by id and
    category (asset names are on the directory page)."""
    table = only_connection_assets(data.connection_groups, data.assets, min_clients=min_clients)
    return table[["area", "asset_id", "category", "clients"]].rename(
        columns={"area": "Area", "asset_id": "Asset", "category": "Category",
                 "clients": "Clients for whom it is the only connection"})


def directory_health(data: AreaData) -> pd.DataFrame:
    """Per area: assets listed, not approved, and approved but overdue for review."""
    return coverage.directory_health(data.assets, as_of=data.as_of).rename(
        columns={"area": "Area", "listed": "Assets listed", "unapproved": "Not approved",
                 "overdue": "Approved, overdue for review"})
