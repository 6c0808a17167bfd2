"""Isolation over time: a monthly composite score per client, and its direction of change.

Vectorised over edge and event tables (issue 7: never a graph per month or per
client), so the same function serves one person and a whole service.

Each month is judged on its *reference day*: the month's last day, or ``as_of`` if
that comes first. Inputs per client and month:

* ``informal_ties`` — natural and community ties in use and valid on the reference day;
* ``contacts`` — the ``contacts_per_month`` of those ties plus ``contact`` events in
  the month;
* ``attended`` / ``missed`` — attendance events in the month;
* ``crisis_contacts`` — ``crisis_contact`` events in the month;
* ``lsns6`` / ``ucla3`` — the latest score recorded in the month or the five before
  (older scores are stale and not carried forward).

The composite ``score`` (0 = well connected, 100 = most isolated) is our convention,
a weighted mean of components each scaled 0–1 (1 = isolated), over the components
that can be computed that month (weights re-normalised):

========================  ======================================================  ======
component                 value                                                   weight
========================  ======================================================  ======
network                   ``1 - min(informal_ties, 4) / 4``                       0.30
contact                   ``1 - min(contacts, 8) / 8`` (twice a week or more = 0) 0.25
participation             ``missed / (attended + missed)``; none if no sessions   0.15
crisis                    ``min(crisis_contacts, 2) / 2``                         0.10
instruments               mean of ``(30 - LSNS-6) / 30`` and ``(UCLA-3 - 3) / 6``  0.20
========================  ======================================================  ======

Network size and contact frequency lead because they are what the LSNS-6 itself
asks about (Lubben et al. 2006, *The Gerontologist* 46(4)); validated scores weigh in
where recorded. ``at_risk`` uses the published cut-offs first: LSNS-6 below 12
(Lubben et al. 2006) or UCLA-3 of 6 or more (Hughes et al. 2004, *Research on
Aging* 26(6); ONS national measurement of loneliness 2018); with neither it is
``score >= 50``.

Direction of change (``direction``): mean score of the last three months minus the
mean of the three before; more than +5 points is "worsening", below -5 "improving",
otherwise "stable"; "unknown" without two full windows.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analytics.dates import add_months, month_end
from analytics.network import in_use
from graph.model import (
    INFORMAL_KINDS,
    LSNS6_AT_RISK_BELOW,
    UCLA3_LONELY_FROM,
    EventKind,
    Instrument,
)

WEIGHTS = {"network": 0.30, "contact": 0.25, "participation": 0.15, "crisis": 0.10,
           "instruments": 0.20}
FULL_NETWORK_TIES = 4
FULL_CONTACTS = 8
CRISIS_CAP = 2
AT_RISK_SCORE = 50.0
MEASURE_CARRY_MONTHS = 5
DIRECTION_WINDOW = 3
DIRECTION_TOLERANCE = 5.0

SERIES_COLUMNS = ("person_id", "month", "informal_ties", "contacts", "attended", "missed",
                  "crisis_contacts", "lsns6", "ucla3", "score", "at_risk")


def _reference_days(months: list[str], as_of: str | None) -> np.ndarray:
    days = [month_end(m) for m in months]
    if as_of is not None:
        days = [min(day, as_of) for day in days]
    return np.array(days, dtype=str)


def isolation_series(
    ties: pd.DataFrame,
    events: pd.DataFrame,
    measures: pd.DataFrame,
    months: Iterable[str],
    *,
    as_of: str | None = None,
    people: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The monthly isolation series of every person in the tables.

    Parameters
    ----------
    ties, events, measures : DataFrame
        ``graph.frames`` frames (any number of people).
    months : iterable of str
        ``YYYY-MM`` months, in order (``analytics.dates.months_ending``).
    as_of : str, optional
        Cuts the reference day of the last month short (a month in progress).
    people : iterable of str, optional
        People to include even with no rows; by default everyone in the tables.

    Returns
    -------
    DataFrame
        One row per person and month: ``person_id, month, informal_ties, contacts,
        attended, missed, crisis_contacts, lsns6, ucla3, score, at_risk`` (see the
        module docstring for every definition).

    Examples
    --------
    One friend (2 contacts a month), no crisis contacts, no sessions, and an LSNS-6 of 9
    in January: network 1 - 1/4 = 0.75, contact 1 - 2/8 = 0.75, crisis 0/2 = 0,
    participation not computable (left out), instruments (30 - 9)/30 = 0.7;
    score = 100 * (0.3*0.75 + 0.25*0.75 + 0.1*0 + 0.2*0.7) / (0.3 + 0.25 + 0.1 + 0.2)
    = 100 * 0.5525 / 0.85 = 65.0; LSNS-6 9 < 12: at risk.

    >>> ties = pd.DataFrame({"person_id": ["C"], "kind": ["natural"],
    ...     "contacts_per_month": [2.0], "since": ["2024-01-01"], "until": [None],
    ...     "status": [None]})
    >>> events = pd.DataFrame(columns=["person_id", "date", "kind"])
    >>> measures = pd.DataFrame({"person_id": ["C"], "date": ["2024-01-15"],
    ...     "instrument": ["LSNS-6"], "score": [9.0]})
    >>> row = isolation_series(ties, events, measures, ["2024-01"]).iloc[0]
    >>> round(float(row["score"]), 2), bool(row["at_risk"])
    (65.0, True)
    """
    months = list(months)
    days = _reference_days(months, as_of)
    everyone = set(ties["person_id"]) | set(events["person_id"]) | set(measures["person_id"])
    names = sorted(everyone | set(people or []), key=str)
    index = {name: i for i, name in enumerate(names)}
    shape = (len(names), len(months))

    informal_ties, tie_contacts = _tie_counts(ties, days, index, shape)
    counts = _event_counts(events, months, index, shape)
    lsns6 = _latest_scores(measures, Instrument.LSNS6, months, index, shape)
    ucla3 = _latest_scores(measures, Instrument.UCLA3, months, index, shape)

    contacts = tie_contacts + counts[EventKind.CONTACT]
    attended, missed = counts[EventKind.ATTENDED], counts[EventKind.MISSED]
    crisis = counts[EventKind.CRISIS_CONTACT]
    sessions = attended + missed
    scaled = np.stack([(30 - lsns6) / 30, (ucla3 - 3) / 6])
    recorded = (~np.isnan(scaled)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        components = {
            "network": 1 - np.minimum(informal_ties, FULL_NETWORK_TIES) / FULL_NETWORK_TIES,
            "contact": 1 - np.minimum(contacts, FULL_CONTACTS) / FULL_CONTACTS,
            "participation": np.where(sessions > 0, missed / sessions, np.nan),
            "crisis": np.minimum(crisis, CRISIS_CAP) / CRISIS_CAP,
            "instruments": np.where(recorded > 0, np.nansum(scaled, axis=0) / recorded, np.nan),
        }
    weighted = np.zeros(shape)
    weight_sum = np.zeros(shape)
    for name, values in components.items():
        present = ~np.isnan(values)
        weighted += np.where(present, values, 0.0) * WEIGHTS[name]
        weight_sum += present * WEIGHTS[name]
    score = 100 * weighted / weight_sum
    by_instrument = (lsns6 < LSNS6_AT_RISK_BELOW) | (ucla3 >= UCLA3_LONELY_FROM)
    no_instrument = np.isnan(lsns6) & np.isnan(ucla3)
    at_risk = by_instrument | (no_instrument & (score >= AT_RISK_SCORE))

    def flat(values: np.ndarray) -> np.ndarray:
        return values.reshape(-1)

    return pd.DataFrame({
        "person_id": np.repeat(np.array(names, dtype=object), len(months)),
        "month": np.tile(np.array(months, dtype=object), len(names)),
        "informal_ties": flat(informal_ties).astype(int),
        "contacts": flat(contacts),
        "attended": flat(attended).astype(int),
        "missed": flat(missed).astype(int),
        "crisis_contacts": flat(crisis).astype(int),
        "lsns6": flat(lsns6),
        "ucla3": flat(ucla3),
        "score": flat(score),
        "at_risk": flat(at_risk).astype(bool),
    }, columns=list(SERIES_COLUMNS))


def _tie_counts(
    ties: pd.DataFrame, days: np.ndarray, index: dict[str, int], shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Informal ties in use on each reference day, and their contacts, as person x month."""
    # Plain arrays, not frame filters: the same code serves one person's dozen ties
    # (where each pandas call costs more than the work) and a service's hundred thousand.
    kind = ties["kind"].to_numpy(dtype=object)
    status = ties["status"].to_numpy(dtype=object)
    chosen = np.isin(kind, [k.value for k in INFORMAL_KINDS]) & np.fromiter(
        (in_use(value) for value in status), dtype=bool, count=len(status))
    rows = _rows(ties["person_id"].to_numpy(dtype=object)[chosen], index)
    since = _dates_text(ties["since"].to_numpy(dtype=object)[chosen])
    until = _dates_text(ties["until"].to_numpy(dtype=object)[chosen])
    # Valid on day d when since <= d < until: from the first day >= since up to
    # (not including) the first day >= until.
    start = np.where(since == "", 0, np.searchsorted(days, since, side="left"))
    end = np.where(until == "", len(days), np.searchsorted(days, until, side="left"))
    contacts = np.nan_to_num(ties["contacts_per_month"].to_numpy(dtype="float64")[chosen])
    keep = start < end
    rows, start, end, contacts = rows[keep], start[keep], end[keep], contacts[keep]
    counted = np.zeros((shape[0], shape[1] + 1))
    weighted = np.zeros((shape[0], shape[1] + 1))
    np.add.at(counted, (rows, start), 1.0)
    np.add.at(counted, (rows, end), -1.0)
    np.add.at(weighted, (rows, start), contacts)
    np.add.at(weighted, (rows, end), -contacts)
    return np.cumsum(counted, axis=1)[:, :-1], np.cumsum(weighted, axis=1)[:, :-1]


def _rows(values: pd.Series | np.ndarray, index: dict[str, int]) -> np.ndarray:
    return np.fromiter((index[value] for value in values), dtype=int, count=len(values))


def _dates_text(values: np.ndarray) -> np.ndarray:
    """Dates as a str array, missing ones (None, NaN, '') as ''."""
    return np.array(["" if value is None or (isinstance(value, float) and value != value)
                     else str(value) for value in values], dtype=str)


def _event_counts(
    events: pd.DataFrame, months: list[str], index: dict[str, int], shape: tuple[int, int]
) -> dict[EventKind, np.ndarray]:
    kinds = (EventKind.CONTACT, EventKind.ATTENDED, EventKind.MISSED, EventKind.CRISIS_CONTACT)
    kind_index = {kind.value: i for i, kind in enumerate(kinds)}
    month_index = {m: i for i, m in enumerate(months)}
    plane = np.fromiter((kind_index.get(k, -1) for k in events["kind"].tolist()), dtype=int,
                        count=len(events))
    column = np.fromiter((month_index.get(str(d)[:7], -1) for d in events["date"].tolist()),
                         dtype=int, count=len(events))
    keep = (plane >= 0) & (column >= 0)
    grid = np.zeros((len(kinds), *shape))
    np.add.at(grid, (plane[keep], _rows(events["person_id"].tolist(), index)[keep], column[keep]), 1.0)
    return {kind: grid[i] for i, kind in enumerate(kinds)}


def _latest_scores(
    measures: pd.DataFrame, instrument: Instrument, months: list[str], index: dict[str, int],
    shape: tuple[int, int],
) -> np.ndarray:
    """Latest score of ``instrument`` in each month or the five before, else NaN."""
    scores = measures["score"].to_numpy(dtype="float64")
    chosen = (measures["instrument"].to_numpy(dtype=object) == instrument.value) & ~np.isnan(scores)
    if not chosen.any() or not months:
        return np.full(shape, np.nan)
    # A contiguous run of months from five before the first to the last, so the carry-forward
    # counts calendar months even when ``months`` skips some.
    calendar_months = [add_months(f"{min(months)}-01", -MEASURE_CARRY_MONTHS)[:7]]
    while calendar_months[-1] < max(months):
        calendar_months.append(add_months(f"{calendar_months[-1]}-01", 1)[:7])
    columns = {m: i for i, m in enumerate(calendar_months)}
    dates = measures["date"].to_numpy(dtype=object)[chosen]
    order = np.argsort(np.array([str(d) for d in dates], dtype=str), kind="stable")
    dates, scores = dates[order], scores[chosen][order]
    people = measures["person_id"].to_numpy(dtype=object)[chosen][order]
    column = np.fromiter((columns.get(str(d)[:7], -1) for d in dates), dtype=int,
                         count=len(dates))
    keep = column >= 0
    wide = np.full((shape[0], len(columns)), np.nan)
    # Sorted by date, so the last assignment to a cell is the month's latest score.
    wide[_rows(people, index)[keep], column[keep]] = scores[keep]
    age = np.where(np.isnan(wide[:, 0]), MEASURE_CARRY_MONTHS + 1, 0)
    for j in range(1, wide.shape[1]):
        carry = np.isnan(wide[:, j]) & (age < MEASURE_CARRY_MONTHS)
        wide[carry, j] = wide[carry, j - 1]
        age = np.where(np.isnan(wide[:, j]) | carry, age + 1, 0)
    return wide[:, [columns[m] for m in months]]


def direction(series: pd.DataFrame) -> pd.DataFrame:
    """Direction of change of each person's score: "worsening", "improving", "stable"
    or "unknown" (see the module docstring), with ``change`` in points.

    Examples
    --------
    >>> s = pd.DataFrame({"person_id": ["C"] * 6, "month": [f"2024-0{i}" for i in range(1, 7)],
    ...                   "score": [20.0, 20.0, 20.0, 30.0, 30.0, 32.0]})
    >>> row = direction(s).iloc[0]
    >>> round(float(row["change"]), 2), row["direction"]
    (10.67, 'worsening')
    """
    # Vectorised over people (no groupby): the same for one client and a whole service.
    people = series["person_id"].to_numpy(dtype=object)
    months = np.array([str(m) for m in series["month"].tolist()], dtype=str)
    scores = series["score"].to_numpy(dtype="float64")
    codes, names = pd.factorize(people, sort=True)
    order = np.lexsort((months, codes))
    order = order[codes[order] >= 0]  # like groupby, no group for a missing id
    codes, scores = codes[order], scores[order]
    counts = np.bincount(codes, minlength=len(names))
    ends = np.cumsum(counts)
    known = counts >= 2 * DIRECTION_WINDOW
    change = np.full(len(names), np.nan)
    if known.any():
        last = ends[known, None] - np.arange(DIRECTION_WINDOW, 0, -1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows give NaN
            change[known] = (np.nanmean(scores[last], axis=1)
                             - np.nanmean(scores[last - DIRECTION_WINDOW], axis=1))
    label = np.where(change > DIRECTION_TOLERANCE, "worsening",
                     np.where(change < -DIRECTION_TOLERANCE, "improving", "stable")).astype(object)
    label[~known] = "unknown"
    return pd.DataFrame({"person_id": np.asarray(names, dtype=object), "change": change,
                         "direction": label}, columns=["person_id", "change", "direction"])
