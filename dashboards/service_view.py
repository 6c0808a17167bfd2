"""The service page's presenters over ``assetmap.views.service`` (which composes the
caseload once for the page, the command line and the bench).

Caching: none. The caseload is two queries and one vectorised pass over the
service's ties (tens of milliseconds for a demo service), so it is read fresh.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from dashboards.text import percent_points

#: The caseload's share columns (0-1), shown as whole percents.
SHARE_COLUMNS = ("paid_share", "formal_share", "trend_3m", "trend_12m")


def caseload_table(table: pd.DataFrame) -> pd.DataFrame:
    """The caseload with its shares in percentage points, for columns drawn with
    ``dashboards.text.PERCENT_COLUMN_FORMAT`` ("59%", as everywhere else)."""
    return table.assign(**{column: percent_points(table[column])
                           for column in SHARE_COLUMNS if column in table})


def service_title(names: dict[str, str], service_id: str) -> str:
    """The service page's title: the service's recorded name, else "Service <id>"."""
    return names.get(service_id) or f"Service {service_id}"


def distribution(table: pd.DataFrame) -> pd.DataFrame:
    """Clients per paid-share band (tenths), for the distribution chart."""
    bands = [f"{low}–{low + 10}%" for low in range(0, 100, 10)]
    shares = table["paid_share"].dropna().astype(float)
    index = np.minimum((shares * 10).astype(int), 9)
    counts = pd.Series(index).value_counts().reindex(range(10), fill_value=0)
    return pd.DataFrame({"Paid share": bands, "Clients": counts.to_numpy()}).set_index("Paid share")


def share_trend_chart(trend: pd.DataFrame) -> pd.DataFrame:
    """The paid-share median and quartiles per month end, for a line chart (0-1)."""
    return trend.set_index("as_of")[["paid_share_p25", "paid_share_median", "paid_share_p75"]] \
        .rename(columns={"paid_share_p25": "Lower quartile", "paid_share_median": "Median",
                         "paid_share_p75": "Upper quartile"}).rename_axis("Month end")


def over_reliance_chart(trend: pd.DataFrame) -> pd.DataFrame:
    """Clients flagged over-reliant per month end, for a bar chart (a count)."""
    return trend.set_index("as_of")[["over_reliant"]].rename(
        columns={"over_reliant": "Over-reliant clients"}).rename_axis("Month end")


def selected_line(row: dict[str, Any]) -> str:
    """The caseload row a service lead selected, in one sentence above the link to
    that person's page: who, their informal ties, their last review and whether the
    next one is overdue (the same caseload columns, written out).

    >>> selected_line({"person_id": "C-1", "display_name": "Nora", "informal_ties": 4,
    ...                "last_review": "2026-06-15", "review_overdue": False})
    'Nora (C-1): 4 informal ties; last review 2026-06-15; review not overdue.'
    >>> selected_line({"person_id": "C-2", "display_name": None, "informal_ties": 1,
    ...                "last_review": None, "review_overdue": True})
    'C-2: 1 informal tie; no review recorded; review overdue.'
    """
    who = f"{row['display_name']} ({row['person_id']})" if row.get("display_name") \
        else str(row["person_id"])
    ties = int(row.get("informal_ties") or 0)
    review = f"last review {row['last_review']}" if row.get("last_review") \
        else "no review recorded"
    overdue = "review overdue" if row.get("review_overdue") else "review not overdue"
    return f"{who}: {ties} informal tie{'' if ties == 1 else 's'}; {review}; {overdue}."
