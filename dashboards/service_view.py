"""The service page's caseload table, from ``graph.reads.service_data`` through
``analytics.reliance``: paid share now and month by month, over-reliance and
overdue-review flags.

Caching: none. The caseload is two queries and one vectorised pass over the
service's ties (tens of milliseconds for a demo service), so it is read fresh.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.dates import add_months, days_between, month_end, months_ending
from analytics.reliance import over_reliant, reliance_table
from assetmap.settings import AnalyticsSettings
from graph.reads import ServiceData

#: Months of history in each client's paid-share sparkline.
TREND_MONTHS = 6

CASELOAD_COLUMNS = {
    "person_id": "Id", "display_name": "Name", "practitioner": "Practitioner",
    "paid_share": "Paid share", "trend": "Paid share, last 6 months",
    "change": "Change since 6 months ago", "formal_share": "Formal share",
    "informal_ties": "Informal ties", "over_reliant": "Over-reliant",
    "last_review": "Last review", "review_overdue": "Review overdue",
}


def trend_dates(as_of: str) -> list[str]:
    """Month ends of the trend, with ``as_of`` itself as the last point."""
    months = months_ending(as_of, TREND_MONTHS)
    return [*(month_end(month) for month in months[:-1]), as_of]


def caseload_table(data: ServiceData, as_of: str, thresholds: AnalyticsSettings) -> pd.DataFrame:
    """One row per client, most paid-reliant first (clients with no support last)."""
    dates = trend_dates(as_of)
    history = reliance_table(data.ties, dates)
    now = history[history["as_of"] == as_of].set_index("person_id")
    shares = history.pivot_table(index="person_id", columns="as_of", values="paid_share",
                                 aggfunc="first").reindex(columns=dates)
    table = data.clients.copy()
    table["paid_share"] = table["person_id"].map(now["paid_share"])
    table["formal_share"] = table["person_id"].map(now["formal_share"])
    table["informal_ties"] = table["person_id"].map(now["informal_ties"]).fillna(0).astype(int)
    table["trend"] = [_sparkline(shares, pid) for pid in table["person_id"]]
    table["change"] = [_change(shares, pid) for pid in table["person_id"]]
    table["over_reliant"] = [
        over_reliant(None if pd.isna(share) else float(share), int(ties),
                     paid_share_from=thresholds.over_reliance_paid_share,
                     informal_ties_below=thresholds.over_reliance_informal_ties_below)
        for share, ties in zip(table["paid_share"], table["informal_ties"], strict=True)]
    table["review_overdue"] = [review_overdue(last, as_of, thresholds.review_interval_days)
                               for last in table["last_review"]]
    table = table.sort_values(["paid_share", "person_id"], ascending=[False, True],
                              na_position="last")
    return table[list(CASELOAD_COLUMNS)].reset_index(drop=True)


def review_overdue(last_review: object, as_of: str, interval_days: int) -> bool:
    """No review recorded, or the last one more than ``interval_days`` before ``as_of``."""
    if not isinstance(last_review, str) or not last_review:
        return True
    return days_between(last_review, as_of) > interval_days


def _sparkline(shares: pd.DataFrame, person_id: str) -> list[float]:
    if person_id not in shares.index:
        return []
    return [0.0 if pd.isna(value) else float(value) for value in shares.loc[person_id]]


def _change(shares: pd.DataFrame, person_id: str) -> float | None:
    if person_id not in shares.index:
        return None
    first, last = shares.loc[person_id].iloc[0], shares.loc[person_id].iloc[-1]
    return None if pd.isna(first) or pd.isna(last) else float(last - first)


def distribution(table: pd.DataFrame) -> pd.DataFrame:
    """Clients per paid-share band (tenths), for the distribution chart."""
    bands = [f"{low}–{low + 10}%" for low in range(0, 100, 10)]
    shares = table["paid_share"].dropna().astype(float)
    index = np.minimum((shares * 10).astype(int), 9)
    counts = pd.Series(index).value_counts().reindex(range(10), fill_value=0)
    return pd.DataFrame({"Paid share": bands, "Clients": counts.to_numpy()}).set_index("Paid share")


def months_back(as_of: str) -> str:
    """The first day the trend looks at (for the caption)."""
    return add_months(as_of, -(TREND_MONTHS - 1))
