"""The service view: a caseload ranked by reliance on paid support, with its trend.

For every client of a service, ``analytics.reliance`` is evaluated on ``as_of`` and
on the same day 3 and 12 months earlier (``analytics.dates.add_months``). The trend
over a span is the change in paid share, now minus then (positive: more reliant on
paid support); "rising" when it exceeds +0.05, "falling" below -0.05, "steady"
otherwise, "unknown" when either end has no measurable support.
"""

from __future__ import annotations

import pandas as pd

from analytics.dates import add_days, add_months
from analytics.reliance import over_reliant, reliance_table

TREND_TOLERANCE = 0.05
#: The longest span the view looks back over: ties that ended before it cannot count.
LONGEST_TREND_MONTHS = 12
SERVICE_COLUMNS = (
    "person_id", "display_name", "practitioner", "basis", "paid_share", "formal_share",
    "paid_share_3m_ago", "paid_share_12m_ago", "trend_3m", "trend_12m", "trend_3m_label",
    "trend_12m_label", "informal_ties", "over_reliant", "last_review", "review_overdue",
)


def trend_label(change: float) -> str:
    """Words for a change in paid share.

    >>> [trend_label(x) for x in (0.2, -0.06, 0.01, float("nan"))]
    ['rising', 'falling', 'steady', 'unknown']
    """
    if change != change:
        return "unknown"
    if change > TREND_TOLERANCE:
        return "rising"
    if change < -TREND_TOLERANCE:
        return "falling"
    return "steady"


def service_view(
    clients: pd.DataFrame,
    ties: pd.DataFrame,
    *,
    as_of: str,
    paid_share_from: float = 0.8,
    informal_ties_below: int = 2,
    review_interval_days: int = 365,
) -> pd.DataFrame:
    """Clients ranked by paid share (highest first; clients with no measurable support last).

    Parameters
    ----------
    clients : DataFrame
        ``person_id, display_name, practitioner, last_review`` (``graph.reads.service_data``).
    ties : DataFrame
        All their ties (``graph.frames.ties_frame``).
    as_of : str
        ``YYYY-MM-DD``.
    paid_share_from, informal_ties_below : float, int
        Over-reliance thresholds (``analytics.reliance.over_reliant``).
    review_interval_days : int
        ``review_overdue`` when the last review is older than this (or there is none).

    Returns
    -------
    DataFrame
        ``SERVICE_COLUMNS``; shares are fractions 0–1 (NaN when unmeasurable).

    Examples
    --------
    Ann's home care grew from 4 to 10 hours a week beside her son's 2 hours:
    3 months ago 4 / 6 = 0.667, now 10 / 12 = 0.833, trend +0.167 ("rising").

    >>> ties = pd.DataFrame({"person_id": ["ann"] * 3, "kind": ["paid", "paid", "natural"],
    ...     "hours_per_week": [4.0, 10.0, 2.0], "contacts_per_month": [float("nan")] * 3,
    ...     "since": ["2024-01-01", "2024-12-01", "2024-01-01"],
    ...     "until": ["2024-12-01", None, None], "status": [None] * 3})
    >>> clients = pd.DataFrame({"person_id": ["ann"], "display_name": ["Ann"],
    ...     "practitioner": ["pr1"], "last_review": ["2024-06-01"]})
    >>> row = service_view(clients, ties, as_of="2025-01-31").iloc[0]
    >>> round(float(row["paid_share"]), 3), round(float(row["trend_3m"]), 3), row["trend_3m_label"]
    (0.833, 0.167, 'rising')
    >>> bool(row["over_reliant"])
    True
    """
    dates = {"now": as_of, "3m": add_months(as_of, -3),
             "12m": add_months(as_of, -LONGEST_TREND_MONTHS)}
    shares = reliance_table(ties, dates.values())
    pick = {key: shares[shares["as_of"] == day].set_index("person_id") for key, day in dates.items()}
    view = clients.set_index("person_id")[["display_name", "practitioner", "last_review"]].copy()
    now = pick["now"].reindex(view.index)
    view["basis"] = now["basis"]
    view["paid_share"] = now["paid_share"].astype("float64")
    view["formal_share"] = now["formal_share"].astype("float64")
    view["informal_ties"] = now["informal_ties"].fillna(0).astype(int)
    for span in ("3m", "12m"):
        before = pick[span]["paid_share"].reindex(view.index).astype("float64")
        view[f"paid_share_{span}_ago"] = before
        view[f"trend_{span}"] = view["paid_share"] - before
        view[f"trend_{span}_label"] = view[f"trend_{span}"].map(trend_label)
    view["over_reliant"] = [
        over_reliant(None if share != share else share, ties_count,
                     paid_share_from=paid_share_from, informal_ties_below=informal_ties_below)
        for share, ties_count in zip(view["paid_share"], view["informal_ties"], strict=True)]
    due_by = add_days(as_of, -review_interval_days)
    last = view["last_review"].fillna("").astype(str)
    view["review_overdue"] = (last == "") | (last < due_by)
    view = view.reset_index().sort_values(
        ["paid_share", "person_id"], ascending=[False, True], na_position="last")
    return view[list(SERVICE_COLUMNS)].reset_index(drop=True)
