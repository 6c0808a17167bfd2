"""The service page's caseload, from ``graph.reads.service_data`` through
``analytics.service.service_view`` (ranking, shares, 3/12-month trends, flags) and
``analytics.reliance.reliance_table`` (the monthly sparkline points).

Caching: none. The caseload is two queries and one vectorised pass over the
service's ties (tens of milliseconds for a demo service), so it is read fresh.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.dates import month_end, months_ending
from analytics.reliance import reliance_table
from analytics.service import service_view
from assetmap.settings import AnalyticsSettings
from graph.reads import ServiceData

#: Months of history in each client's paid-share sparkline.
SPARKLINE_MONTHS = 12

CASELOAD_COLUMNS = {
    "person_id": "Id", "display_name": "Name", "practitioner": "Practitioner",
    "paid_share": "Paid share", "sparkline": "Paid share, last 12 months",
    "trend_3m": "Change over 3 months", "trend_3m_label": "3-month trend",
    "trend_12m": "Change over 12 months", "formal_share": "Formal share",
    "informal_ties": "Informal ties", "over_reliant": "Over-reliant",
    "last_review": "Last review", "review_overdue": "Review overdue",
}


def caseload_table(data: ServiceData, as_of: str, thresholds: AnalyticsSettings) -> pd.DataFrame:
    """One row per client, most paid-reliant first, with a monthly sparkline."""
    table = service_view(data.clients, data.ties, as_of=as_of,
                         paid_share_from=thresholds.over_reliance_paid_share,
                         informal_ties_below=thresholds.over_reliance_informal_ties_below,
                         review_interval_days=thresholds.review_interval_days)
    lines = sparklines(data, as_of)
    table["sparkline"] = [lines.get(pid, []) for pid in table["person_id"]]
    return table[list(CASELOAD_COLUMNS)]


def sparklines(data: ServiceData, as_of: str) -> dict[str, list[float]]:
    """Each client's paid share at each month end (the last point is ``as_of``)."""
    dates = [*(month_end(m) for m in months_ending(as_of, SPARKLINE_MONTHS)[:-1]), as_of]
    shares = reliance_table(data.ties, dates).pivot_table(
        index="person_id", columns="as_of", values="paid_share", aggfunc="first")
    shares = shares.reindex(columns=dates)
    return {pid: [float(v) if v == v else 0.0 for v in row] for pid, row in shares.iterrows()}


def distribution(table: pd.DataFrame) -> pd.DataFrame:
    """Clients per paid-share band (tenths), for the distribution chart."""
    bands = [f"{low}–{low + 10}%" for low in range(0, 100, 10)]
    shares = table["paid_share"].dropna().astype(float)
    index = np.minimum((shares * 10).astype(int), 9)
    counts = pd.Series(index).value_counts().reindex(range(10), fill_value=0)
    return pd.DataFrame({"Paid share": bands, "Clients": counts.to_numpy()}).set_index("Paid share")
