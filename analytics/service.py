"""The service view: a caseload ranked by reliance on paid support, with its trend.

For every client of a service, ``analytics.reliance`` is evaluated on ``as_of`` and
on the same day 3 and 12 months earlier (``analytics.dates.add_months``). The trend
over a span is the change in paid share, now minus then (positive: more reliant on
paid support), both ends in the unit of today's headline share (hours or contacts, see
``analytics.reliance``), so a change of unit is never read as a change in reliance; an
earlier share in a unit that could not carry the headline then (a paid tie did not
record it) is understated, so that end is unknown;
"rising" when it exceeds +0.05, "falling" below -0.05, "steady" otherwise, "unknown"
when either end has no measurable support in that unit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.dates import add_months, client_start, date_undated_ties
from analytics.reliance import CONTACTS, over_reliant, reliance_table
from analytics.triggers import review_due

TREND_TOLERANCE = 0.05
#: The longest span the view looks back over: ties that ended before it cannot count.
LONGEST_TREND_MONTHS = 12
SERVICE_COLUMNS = (
    "person_id", "display_name", "practitioner", "basis", "paid_share", "formal_share",
    "paid_share_3m_ago", "paid_share_12m_ago", "trend_3m", "trend_12m", "trend_3m_label",
    "trend_12m_label", "informal_ties", "ties_counted", "ties_in_use", "over_reliant", "last_review",
    "review_overdue",
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
        ``person_id, display_name, practitioner, last_review, start_date, first_record,
        planned_reviews`` (``graph.reads.service_data``; the last three may be absent;
        ``planned_reviews`` lists the client's ``review_planned`` dates). Undated ties count
        from each client's ``analytics.dates.client_start``.
    ties : DataFrame
        All their ties (``graph.frames.ties_frame``).
    as_of : str
        ``YYYY-MM-DD``.
    paid_share_from, informal_ties_below : float, int
        Over-reliance thresholds (``analytics.reliance.over_reliant``).
    review_interval_days : int
        ``review_overdue`` when the review due date (``analytics.triggers.review_due``:
        the next review planned at the last review, else the interval from the last
        review, else from the start date) has passed, or none is recorded.

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
    shares = reliance_table(date_undated_ties(ties, record_starts(clients)), dates.values())
    pick = {key: shares[shares["as_of"] == day].set_index("person_id") for key, day in dates.items()}
    kept = [c for c in ("display_name", "practitioner", "last_review", "start_date")
            if c in clients]
    view = clients.set_index("person_id")[kept].copy()
    now = pick["now"].reindex(view.index)
    view["basis"] = now["basis"]
    view["paid_share"] = now["paid_share"].astype("float64")
    view["formal_share"] = now["formal_share"].astype("float64")
    view["informal_ties"] = now["informal_ties"].fillna(0).astype(int)
    view["ties_counted"] = now["ties_counted"].fillna(0).astype(int)
    view["ties_in_use"] = now["ties_in_use"].fillna(0).astype(int)
    for span in ("3m", "12m"):
        then = pick[span].reindex(view.index)
        by_contacts = view["basis"] == CONTACTS
        usable = np.where(by_contacts, then["contacts_usable"], then["hours_usable"])
        share = np.where(by_contacts, then["paid_share_contacts"], then["paid_share_hours"])
        before = pd.Series(np.where(usable == True, share, np.nan),  # noqa: E712 (object array)
                           index=view.index, dtype="float64")
        view[f"paid_share_{span}_ago"] = before
        view[f"trend_{span}"] = view["paid_share"] - before
        view[f"trend_{span}_label"] = view[f"trend_{span}"].map(trend_label)
    view["over_reliant"] = [
        over_reliant(None if share != share else share, ties_count,
                     paid_share_from=paid_share_from, informal_ties_below=informal_ties_below)
        for share, ties_count in zip(view["paid_share"], view["informal_ties"], strict=True)]
    starts = view["start_date"] if "start_date" in view else pd.Series(None, index=view.index)
    planned = (clients.set_index("person_id")["planned_reviews"].reindex(view.index)
               if "planned_reviews" in clients else pd.Series(None, index=view.index))
    due = [review_due(last, start, review_interval_days,
                      plans if isinstance(plans, list) else ())
           for last, start, plans in zip(view["last_review"], starts, planned, strict=True)]
    view["review_overdue"] = [day is None or day < as_of for day in due]
    view = view.reset_index().sort_values(
        ["paid_share", "person_id"], ascending=[False, True], na_position="last")
    return view[list(SERVICE_COLUMNS)].reset_index(drop=True)


def record_starts(clients: pd.DataFrame) -> dict[str, str | None]:
    """Each client's record start (``analytics.dates.client_start``), from a clients
    frame with ``start_date`` and ``first_record`` columns (either may be absent)."""
    start = clients["start_date"] if "start_date" in clients else [None] * len(clients)
    first = clients["first_record"] if "first_record" in clients else [None] * len(clients)
    return {str(pid): client_start(s, f)
            for pid, s, f in zip(clients["person_id"], start, first, strict=True)}


TREND_COLUMNS = ("as_of", "clients_measured", "paid_share_p25", "paid_share_median",
                 "paid_share_p75", "over_reliant")


def service_trend(monthly: pd.DataFrame, dates: list[str], *, paid_share_from: float = 0.8,
                  informal_ties_below: int = 2) -> pd.DataFrame:
    """Is the service's reliance on paid support improving? Month by month.

    Parameters
    ----------
    monthly : DataFrame
        ``analytics.reliance.reliance_table`` of the service's clients (ties dated by
        ``record_starts``) on ``dates``.
    dates : list of str
        The month ends (the last may be ``as_of``), oldest first.
    paid_share_from, informal_ties_below : float, int
        Over-reliance thresholds (``analytics.reliance.over_reliant``).

    Returns
    -------
    DataFrame
        One row per date, ``TREND_COLUMNS``: how many clients had a measurable paid
        share (``clients_measured``), its quartiles and median among them (NaN with
        none), and how many were over-reliant.

    Examples
    --------
    Three clients in January at 0.2, 0.5 and 0.9 paid share (the last with one informal
    tie: over-reliant); in February the third's share falls to 0.6:

    >>> monthly = pd.DataFrame({"as_of": ["2025-01-31"] * 3 + ["2025-02-28"] * 3,
    ...     "paid_share": [0.2, 0.5, 0.9, 0.2, 0.5, 0.6], "informal_ties": [3, 2, 1] * 2})
    >>> trend = service_trend(monthly, ["2025-01-31", "2025-02-28"])
    >>> trend[["paid_share_median", "over_reliant"]].values.tolist()
    [[0.5, 1.0], [0.5, 0.0]]
    """
    rows = []
    for day in dates:
        now = monthly[monthly["as_of"] == day]
        shares = now["paid_share"].astype("float64").dropna()
        flagged = (now["paid_share"].astype("float64") >= paid_share_from) & (
            now["informal_ties"] < informal_ties_below)
        quartiles = shares.quantile([0.25, 0.5, 0.75]).tolist() if len(shares) else [np.nan] * 3
        rows.append((day, len(shares), *quartiles, int(flagged.sum())))
    return pd.DataFrame(rows, columns=list(TREND_COLUMNS))
