"""Isolation over time: the validated measures as their own series, the network
indicators each with its own direction, and ``at_risk`` decided by the measures.

Vectorised over edge and event tables (issue 7: never a graph per month or per
client), so the same function serves one person and a whole service.

Each month is judged on its *reference day*: the month's last day, or ``as_of`` if
that comes first. Records dated after ``as_of`` are ignored.

``complete`` says a month's whole calendar span is on record: not the month in progress
(``as_of`` before its last day), not a month wholly before the person's record start
(``starts``, ``analytics.dates.client_start``), nor the month the record starts in when
it starts after the 1st. A month wholly before the record start has no data: every
indicator and measure is missing, ``at_risk`` is False and ``at_risk_basis`` is
``"before record"``. Network directions use complete months only.

Validated measures (columns ``lsns6``, ``ucla3``, ``ascof_1i``, each with the date of
the recording shown, ``lsns6_date``...): the latest score recorded, carried to the next
recording of the same instrument for at most ``MEASURE_CARRY_MONTHS`` (12) calendar
months: a score of January 2024 holds to January 2025 and is out of date from
February 2025. Each is on the at-risk side of its published cut-off when:

* LSNS-6 (0-30, higher = more connected) is below 12 (Lubben et al. 2006,
  *The Gerontologist* 46(4));
* UCLA-3 (3-9, higher = lonelier) is 6 or more (Hughes et al. 2004, *Research on
  Aging* 26(6); ONS national measurement of loneliness 2018);
* ASCOF 1I (the Adult Social Care Survey's social contact question, answers 1-4) is 3
  ("some social contact, but not enough") or 4 ("little social contact ... socially
  isolated"): as an individual answer, not enough contact (NHS England, ASCOF
  measure 1I).

Network indicators (each month): ``informal_ties`` (natural and community ties in use
and valid on the reference day), ``contacts`` (their ``contacts_per_month`` plus
``contact`` events in the month), ``attended`` / ``missed`` and ``attendance_rate``
(attended / (attended + missed); none without sessions), ``crisis_contacts``.

``at_risk`` (``at_risk_basis`` says which rule decided):

* ``"measures"`` — while any measure is in date: at risk when any in-date measure is on
  the at-risk side of its cut-off;
* ``"network"`` — with no measure in date, our rule: fewer than 2 informal ties in use
  (the LSNS-6 cut-off of 12 over its six items is an average answer below "two"
  people per item) or fewer than 4 contacts in the month (less than weekly). In the
  month in progress the ``contact`` events counted are the more of those so far and
  those of the whole month before (the ties' contacts a month are a rate, whole on any
  day): early in a month a client is not at risk merely because the month has barely
  begun. The ``contacts`` column still shows the month so far;
* ``"before record"`` — a month wholly before the record start: not at risk, no data.

There is no composite score: the measures and each indicator keep their own scale.

Direction (``direction``, one definition for the person page's card and the
``isolation_worsening`` review trigger):

* each measure compares its in-date score in the last month (in progress or not: a
  score is whole on the day it is recorded) with the first in-date score of the series
  (a different recording): "worsening" when it moved towards
  isolation by at least ``MEASURE_STEPS`` (one answer category on half the items,
  rounded up: LSNS-6 3, UCLA-3 2, ASCOF 1I 1; every change is compared with its step
  to 9 decimal places, so a fall in attendance from 100% to 80% reaches 0.2) or crossed its cut-off into the at-risk
  side; "improving" the other way; else "stable"; "unknown" without two recordings;
* each network indicator compares the last three complete months with the three
  before (the month in progress and months before the record are left out):
  informal ties on the last reference day against three months earlier (any change);
  mean contacts a month (a change of 1 or more); the pooled attendance rate (0.2 or
  more; unknown without sessions in both); crisis contacts in total (any change);
  "unknown" with fewer than six complete months, or a window missing a month;
* ``measures_direction``: "mixed" when one measure improves and another worsens, else
  the one direction any of them shows, "stable" when all known ones are stable;
  ``network_direction`` likewise as "contracting" / "growing" / "mixed" / "steady";
* ``direction``: the measures' direction when they have one (they are validated; the
  indicators are ours), else the network's ("contracting" is "worsening", "growing"
  "improving", "steady" "stable"); "unknown" when neither has one.

``conflicting`` is true when measures and network point opposite ways; ``signals``
says both in words with their evidence either way, naming the informal ties that began
or ended between the ends of the windows (and asset connections that lapsed or ended).

Charts (``chart_panels``, ``SCALES``): one panel per measure and indicator, each on its
own scale with its cut-off where it has one, never two scales on one axis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.dates import add_months, month_end
from analytics.network import in_use
from graph.frames import records
from graph.model import (
    INFORMAL_KINDS,
    LSNS6_AT_RISK_BELOW,
    UCLA3_LONELY_FROM,
    EventKind,
    Instrument,
)

MEASURE_CARRY_MONTHS = 12
ASCOF_1I_NOT_ENOUGH_FROM = 3
NETWORK_AT_RISK_TIES_BELOW = 2
NETWORK_AT_RISK_CONTACTS_BELOW = 4
DIRECTION_WINDOW = 3

#: The series column of each measure, in display order.
MEASURES: dict[Instrument, str] = {Instrument.LSNS6: "lsns6", Instrument.UCLA3: "ucla3",
                                   Instrument.ASCOF_1I: "ascof_1i"}
#: +1 when a higher score is lonelier or more isolated, -1 when it is more connected.
MEASURE_TOWARDS_ISOLATION: dict[str, int] = {"lsns6": -1, "ucla3": 1, "ascof_1i": 1}
#: The smallest change of score that counts as a direction (see the module docstring).
MEASURE_STEPS: dict[str, float] = {"lsns6": 3.0, "ucla3": 2.0, "ascof_1i": 1.0}
#: (name, towards isolation, smallest change) of each network indicator.
NETWORK_INDICATORS: tuple[tuple[str, int, float], ...] = (
    ("informal_ties", -1, 1.0), ("contacts", -1, 1.0), ("attendance_rate", -1, 0.2),
    ("crisis_contacts", 1, 1.0))
INDICATOR_WORDS = {"lsns6": "LSNS-6", "ucla3": "UCLA-3", "ascof_1i": "ASCOF 1I",
                   "informal_ties": "informal ties", "contacts": "contacts a month",
                   "attendance_rate": "attendance", "crisis_contacts": "crisis contacts"}

SERIES_COLUMNS = ("person_id", "month", "complete", "informal_ties", "contacts", "attended", "missed",
                  "attendance_rate", "crisis_contacts", "lsns6", "lsns6_date", "ucla3",
                  "ucla3_date", "ascof_1i", "ascof_1i_date", "at_risk", "at_risk_basis")


def at_risk_by_measure(name: str, score: np.ndarray) -> np.ndarray:
    """Whether each score of measure ``name`` is on the at-risk side of its cut-off
    (NaN, not recorded, is not).

    >>> at_risk_by_measure("lsns6", np.array([11.0, 12.0])).tolist()
    [True, False]
    >>> at_risk_by_measure("ascof_1i", np.array([2.0, 3.0, np.nan])).tolist()
    [False, True, False]
    """
    with np.errstate(invalid="ignore"):
        if name == "lsns6":
            return np.asarray(score < LSNS6_AT_RISK_BELOW)
        if name == "ucla3":
            return np.asarray(score >= UCLA3_LONELY_FROM)
        return np.asarray(score >= ASCOF_1I_NOT_ENOUGH_FROM)


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
    starts: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """The monthly isolation series of every person in the tables.

    Parameters
    ----------
    ties, events, measures : DataFrame
        ``graph.frames`` frames (any number of people). ``events`` may instead hold
        events already counted (``graph.frames.event_months_frame``): one row per
        person, month and kind, ``date`` the month (``YYYY-MM``) and ``count`` how many
        events of that kind the month holds up to ``as_of``; the series is the same as
        from the events themselves (only months and kinds are counted).
    months : iterable of str
        ``YYYY-MM`` months, in order (``analytics.dates.months_ending``).
    as_of : str, optional
        Cuts the reference day of the last month short (a month in progress); events and
        measures dated after it are ignored.
    people : iterable of str, optional
        People to include even with no rows; by default everyone in the tables.
    starts : mapping of str to str or None, optional
        Each person's record start (``analytics.dates.client_start``). A month wholly
        before it has no data: every indicator and measure is missing, ``at_risk`` is
        False and ``at_risk_basis`` is ``"before record"``. People left out, or mapped
        to None, have no start.

    Returns
    -------
    DataFrame
        One row per person and month, the columns of ``SERIES_COLUMNS`` (see the
        module docstring for every definition, ``complete`` included).

    Examples
    --------
    One friend (2 contacts a month) and an LSNS-6 of 16 in January: in date, 16 is not
    below 12, so not at risk by the measures, although the network rule (fewer than
    2 ties) would say at risk. In February 2025, thirteen months on, the score is out of
    date and the network rule decides.

    >>> ties = pd.DataFrame({"person_id": ["C"], "kind": ["natural"],
    ...     "contacts_per_month": [2.0], "since": ["2024-01-01"], "until": [None],
    ...     "status": [None]})
    >>> events = pd.DataFrame(columns=["person_id", "date", "kind"])
    >>> measures = pd.DataFrame({"person_id": ["C"], "date": ["2024-01-15"],
    ...     "instrument": ["LSNS-6"], "score": [16.0]})
    >>> s = isolation_series(ties, events, measures, ["2024-01", "2025-01", "2025-02"])
    >>> s[["lsns6", "at_risk", "at_risk_basis"]].values.tolist()
    [[16.0, False, 'measures'], [16.0, False, 'measures'], [nan, True, 'network']]

    Seen on 2025-02-10 with a record starting 2025-01-01: December is before the
    record (no data), January holds the LSNS-6 carried from 2024, February is in
    progress (not ``complete``).

    >>> s = isolation_series(ties, events, measures, ["2024-12", "2025-01", "2025-02"],
    ...                      as_of="2025-02-10", starts={"C": "2025-01-01"})
    >>> s[["informal_ties", "at_risk_basis", "complete"]].values.tolist()
    [[nan, 'before record', False], [1.0, 'measures', True], [1.0, 'network', False]]
    """
    months = list(months)
    days = _reference_days(months, as_of)
    if as_of is not None:
        events = events[events["date"].astype(str) <= as_of]
        measures = measures[measures["date"].astype(str) <= as_of]
    everyone = set(ties["person_id"]) | set(events["person_id"]) | set(measures["person_id"])
    names = sorted(everyone | set(people or []), key=str)
    index = {name: i for i, name in enumerate(names)}
    shape = (len(names), len(months))
    before_record, starts_in_month = _record_months(names, months, starts or {})
    in_progress = days < np.array([month_end(m) for m in months], dtype=str)

    informal_ties, tie_contacts = _tie_counts(ties, days, index, shape)
    counts = _event_counts(events, months, index, shape)
    contacts = tie_contacts + counts[EventKind.CONTACT]
    attended, missed = counts[EventKind.ATTENDED], counts[EventKind.MISSED]
    sessions = attended + missed
    with np.errstate(invalid="ignore", divide="ignore"):
        attendance_rate = np.where(sessions > 0, attended / sessions, np.nan)
    # A month in progress has only some of its contact events: the rule counts at least
    # the whole month before's (see the module docstring).
    rule_contacts = contacts
    if in_progress.any():
        month_before = [add_months(f"{m}-01", -1)[:7] if late else "" for m, late
                        in zip(months, in_progress, strict=True)]
        before = _event_counts(events, month_before, index, shape)[EventKind.CONTACT]
        rule_contacts = tie_contacts + np.maximum(counts[EventKind.CONTACT], before)

    def flat(values: np.ndarray) -> np.ndarray:
        return np.where(before_record, np.nan, values).reshape(-1)

    columns: dict[str, np.ndarray] = {
        "person_id": np.repeat(np.array(names, dtype=object), len(months)),
        "month": np.tile(np.array(months, dtype=object), len(names)),
        "complete": (~before_record & ~starts_in_month & ~in_progress[None, :]).reshape(-1),
        "informal_ties": flat(informal_ties),
        "contacts": flat(contacts),
        "attended": flat(attended),
        "missed": flat(missed),
        "attendance_rate": flat(attendance_rate),
        "crisis_contacts": flat(counts[EventKind.CRISIS_CONTACT]),
    }
    in_date = np.zeros(shape, dtype=bool)
    by_measures = np.zeros(shape, dtype=bool)
    for instrument, name in MEASURES.items():
        scores, dates = _latest_scores(measures, instrument, months, index, shape)
        scores = np.where(before_record, np.nan, scores)
        dates[before_record] = None
        columns[name], columns[f"{name}_date"] = scores.reshape(-1), dates.reshape(-1)
        in_date |= ~np.isnan(scores)
        by_measures |= at_risk_by_measure(name, scores)
    by_network = ((informal_ties < NETWORK_AT_RISK_TIES_BELOW)
                  | (rule_contacts < NETWORK_AT_RISK_CONTACTS_BELOW)) & ~before_record
    basis = np.where(before_record, "before record", np.where(in_date, "measures", "network"))
    columns["at_risk"] = np.where(in_date, by_measures, by_network).reshape(-1).astype(bool)
    columns["at_risk_basis"] = basis.reshape(-1).astype(object)
    return pd.DataFrame(columns, columns=list(SERIES_COLUMNS))


def _record_months(names: list[str], months: list[str], starts: Mapping[str, str | None]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Person x month: the months wholly before each person's record start, and the
    month it starts in when that is after the month's first day."""
    start = np.array([str(starts.get(name) or "")[:10] for name in names], dtype=str)[:, None]
    first = np.array([f"{m}-01" for m in months], dtype=str)[None, :]
    last = np.array([month_end(m) for m in months], dtype=str)[None, :]
    before = (start != "") & (last < start)
    return before, (start != "") & (first < start) & ~before


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


#: The event kinds the series counts (every other kind is left out of it).
COUNTED_EVENT_KINDS = (EventKind.CONTACT, EventKind.ATTENDED, EventKind.MISSED,
                       EventKind.CRISIS_CONTACT)


def _event_counts(
    events: pd.DataFrame, months: list[str], index: dict[str, int], shape: tuple[int, int]
) -> dict[EventKind, np.ndarray]:
    kinds = COUNTED_EVENT_KINDS
    kind_index = {kind.value: i for i, kind in enumerate(kinds)}
    month_index = {m: i for i, m in enumerate(months)}
    plane = np.fromiter((kind_index.get(k, -1) for k in events["kind"].tolist()), dtype=int,
                        count=len(events))
    column = np.fromiter((month_index.get(str(d)[:7], -1) for d in events["date"].tolist()),
                         dtype=int, count=len(events))
    keep = (plane >= 0) & (column >= 0)
    # One per event, or the events a row stands for when they come counted by month.
    weight = (events["count"].to_numpy(dtype="float64") if "count" in events
              else np.ones(len(events)))
    grid = np.zeros((len(kinds), *shape))
    np.add.at(grid, (plane[keep], _rows(events["person_id"].tolist(), index)[keep], column[keep]),
              weight[keep])
    return {kind: grid[i] for i, kind in enumerate(kinds)}


def _latest_scores(
    measures: pd.DataFrame, instrument: Instrument, months: list[str], index: dict[str, int],
    shape: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """The in-date score of ``instrument`` in each month (the latest recorded in the
    month or the ``MEASURE_CARRY_MONTHS`` before) and its date; NaN and None without."""
    scores = measures["score"].to_numpy(dtype="float64")
    chosen = (measures["instrument"].to_numpy(dtype=object) == instrument.value) & ~np.isnan(scores)
    if not chosen.any() or not months:
        return np.full(shape, np.nan), np.full(shape, None, dtype=object)
    # A contiguous run of calendar months from the carry span before the first to the
    # last, so the carry counts calendar months even when ``months`` skips some.
    calendar_months = [add_months(f"{min(months)}-01", -MEASURE_CARRY_MONTHS)[:7]]
    while calendar_months[-1] < max(months):
        calendar_months.append(add_months(f"{calendar_months[-1]}-01", 1)[:7])
    columns = {m: i for i, m in enumerate(calendar_months)}
    dates = np.array([str(d)[:10] for d in measures["date"].to_numpy(dtype=object)[chosen]],
                     dtype=object)
    order = np.argsort(dates.astype(str), kind="stable")
    dates, scores = dates[order], scores[chosen][order]
    people = measures["person_id"].to_numpy(dtype=object)[chosen][order]
    column = np.fromiter((columns.get(d[:7], -1) for d in dates), dtype=int, count=len(dates))
    kept = np.flatnonzero(column >= 0)
    rows = _rows(people, index)[kept]
    # The row of the recording each month holds, -1 for none: each month's latest (the
    # last by date), chosen before assigning, since numpy does not promise which of
    # several writes to one cell wins.
    cells = rows * len(columns) + column[kept]
    _, from_the_end = np.unique(cells[::-1], return_index=True)
    latest = len(kept) - 1 - from_the_end
    held = np.full((shape[0], len(columns)), -1)
    held[rows[latest], column[kept][latest]] = kept[latest]
    age = np.where(held[:, 0] < 0, MEASURE_CARRY_MONTHS + 1, 0)
    for j in range(1, held.shape[1]):
        carry = (held[:, j] < 0) & (age < MEASURE_CARRY_MONTHS)
        held[carry, j] = held[carry, j - 1]
        age = np.where((held[:, j] < 0) | carry, age + 1, 0)
    held = held[:, [columns[m] for m in months]]
    recorded = held >= 0
    held_dates = np.full(held.shape, None, dtype=object)
    held_dates[recorded] = dates[held[recorded]]
    return np.where(recorded, scores[held], np.nan), held_dates


# -- direction -----------------------------------------------------------------------------


def direction(series: pd.DataFrame) -> pd.DataFrame:
    """The direction of every person's series (see the module docstring).

    Returns one row per person: ``person_id``, ``direction``, ``measures_direction``,
    ``network_direction``, ``conflicting``, and for each measure and indicator ``name``
    its ``name_direction``, ``name_before`` and ``name_after`` (for measures also
    ``name_before_date`` and ``name_after_date``).

    Examples
    --------
    LSNS-6 9 in the first month, 16 in the last (a rise of 7 >= 3, and out of the at-risk
    range): improving, whatever the network does.

    >>> s = pd.DataFrame({"person_id": ["C", "C"], "month": ["2024-07", "2025-06"],
    ...     "lsns6": [9.0, 16.0], "lsns6_date": ["2024-07-10", "2025-06-12"]})
    >>> row = direction(s).iloc[0]
    >>> row["lsns6_direction"], row["measures_direction"], row["direction"]
    ('improving', 'improving', 'improving')
    """
    found = _direction_columns(series)
    if found is None:
        return pd.DataFrame(columns=["person_id", "direction", "measures_direction",
                                     "network_direction", "conflicting"])
    return pd.DataFrame(found)


def _direction_columns(series: pd.DataFrame) -> dict[str, Any] | None:
    """``direction``'s columns as arrays (one item per person), or None when the series
    names no person. One person's signals read these directly: building the frame
    cost more than computing them."""
    # Vectorised over people (no groupby): one person x month grid per column.
    codes, names = pd.factorize(series["person_id"].to_numpy(dtype=object), sort=True)
    if not (codes >= 0).any():  # like groupby, no group for a missing id
        return None
    month_text = np.array([str(m) for m in series["month"].tolist()], dtype=object)
    complete = (series["complete"].to_numpy(dtype=bool) if "complete" in series
                else np.ones(len(series), dtype=bool))
    # Measures on every month (a score is a point in time, whole on any day); network
    # indicators on complete months only, so a month in progress never moves them.
    grid = _grids(series, codes, len(names), month_text, codes >= 0)
    network_grid = _grids(series, codes, len(names), month_text, (codes >= 0) & complete)

    result: dict[str, Any] = {"person_id": np.asarray(names, dtype=object)}
    measure_labels = []
    for name in MEASURES.values():
        found = _measure_direction(name, grid(name), grid(f"{name}_date", None, object))
        result.update({f"{name}_{key}": value for key, value in found.items()})
        measure_labels.append(found["direction"])
    network_labels = []
    for name, towards, step in NETWORK_INDICATORS:
        values = (_attendance_windows(network_grid("attended"), network_grid("missed"))
                  if name == "attendance_rate" else _windows(name, network_grid(name)))
        label = _label(values[1] - values[0], towards, step)
        label[np.isnan(values[0]) | np.isnan(values[1])] = "unknown"
        result.update({f"{name}_direction": label, f"{name}_before": values[0],
                       f"{name}_after": values[1]})
        network_labels.append(label)
    result.update(_overall(_combined(measure_labels, ("improving", "worsening", "stable")),
                           _combined(network_labels, ("growing", "contracting", "steady"))))
    return result


def _grids(series: pd.DataFrame, codes: np.ndarray, people: int, months: np.ndarray,
           chosen: np.ndarray) -> Callable[..., np.ndarray]:
    """A function giving a column of the ``chosen`` rows as a person x month grid (the
    months of those rows, in order), ``fill`` where a person has no row."""
    month_codes, _ = pd.factorize(months[chosen], sort=True)
    shape = (people, int(month_codes.max()) + 1 if len(month_codes) else 0)

    def grid(column: str, fill: Any = np.nan, dtype: Any = "float64") -> np.ndarray:
        values = np.full(shape, fill, dtype=dtype)
        if column in series:
            values[codes[chosen], month_codes] = series[column].to_numpy(dtype=dtype)[chosen]
        return values

    return grid


def _overall(measures: np.ndarray, network: np.ndarray) -> dict[str, np.ndarray]:
    """The measures' direction when they have one, else the network's; and whether the
    two point opposite ways."""
    as_direction = {"growing": "improving", "contracting": "worsening", "steady": "stable"}
    from_network = np.array([as_direction.get(d, d) for d in network], dtype=object)
    conflicting = (((measures == "improving") & (network == "contracting"))
                   | ((measures == "worsening") & (network == "growing")))
    return {"measures_direction": measures, "network_direction": network,
            "direction": np.where(measures == "unknown", from_network, measures).astype(object),
            "conflicting": conflicting}


def _label(change: np.ndarray, towards: int, step: float) -> np.ndarray:
    """"worsening" / "improving" / "stable" of a change, given which way is isolation."""
    with np.errstate(invalid="ignore"):
        # Rounded: 0.8 - 1.0 is -0.19999999999999996, which must still reach a step of 0.2.
        oriented = np.round(change * towards, 9)
        return np.where(oriented >= step, "worsening",
                        np.where(oriented <= -step, "improving", "stable")).astype(object)


def _measure_direction(name: str, scores: np.ndarray, dates: np.ndarray) -> dict[str, Any]:
    """First in-date recording of the series against the last month's."""
    rows = np.arange(scores.shape[0])
    first = np.argmax(~np.isnan(scores), axis=1)
    has = ~np.isnan(scores[:, -1])  # out of date in the last month: no direction
    before = np.where(has, scores[rows, first], np.nan)
    after = scores[:, -1]
    before_date = np.full(len(rows), None, dtype=object)
    before_date[has] = dates[rows, first][has]
    after_date = dates[:, -1].astype(object)
    label = _label(after - before, MEASURE_TOWARDS_ISOLATION[name], MEASURE_STEPS[name])
    risk_before, risk_after = at_risk_by_measure(name, before), at_risk_by_measure(name, after)
    label[risk_after & ~risk_before] = "worsening"
    label[risk_before & ~risk_after] = "improving"
    label[~has | (before_date == after_date)] = "unknown"  # one recording: nothing to compare
    return {"direction": label, "before": before, "after": after,
            "before_date": before_date, "after_date": after_date}


def _windows(name: str, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(earlier, recent) of an indicator: ties three months apart, flows as window
    means (contacts) or totals (crisis contacts); NaN under two full windows."""
    window = DIRECTION_WINDOW
    # A person missing a month gets NaN (unknown) from the sum or mean, alone.
    if values.shape[1] < 2 * window:
        unknown = np.full(values.shape[0], np.nan)
        return unknown, unknown
    if name == "informal_ties":
        return values[:, -1 - window], values[:, -1]
    recent, earlier = values[:, -window:], values[:, -2 * window:-window]
    if name == "contacts":
        return earlier.mean(axis=1), recent.mean(axis=1)
    return earlier.sum(axis=1), recent.sum(axis=1)


def _attendance_windows(attended: np.ndarray, missed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pooled attendance rate of the three months before and of the last three."""
    window = DIRECTION_WINDOW
    if attended.shape[1] < 2 * window:
        unknown = np.full(attended.shape[0], np.nan)
        return unknown, unknown
    spans = (slice(-2 * window, -window), slice(-window, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        # A missing month (before the record, or no row) makes its window unknown.
        came = [attended[:, span].sum(axis=1) for span in spans]
        held = [came[i] + missed[:, span].sum(axis=1) for i, span in enumerate(spans)]
        rates = [np.where(held[i] > 0, came[i] / held[i], np.nan) for i in range(2)]
    return rates[0], rates[1]


def _combined(labels: list[np.ndarray], words: tuple[str, str, str]) -> np.ndarray:
    """One direction from several: ``words`` are (better, worse, unchanged)."""
    stacked = np.stack(labels) if labels else np.empty((0, 0), dtype=object)
    better = (stacked == "improving").any(axis=0)
    worse = (stacked == "worsening").any(axis=0)
    same = (stacked == "stable").any(axis=0)
    return np.where(better & worse, "mixed", np.where(
        worse, words[1], np.where(better, words[0], np.where(same, words[2], "unknown")))
    ).astype(object)


# -- words ---------------------------------------------------------------------------------


def signals(series: pd.DataFrame, ties: pd.DataFrame | None = None, *,
            as_of: str | None = None) -> dict[str, Any]:
    """One person's direction with its evidence in words (JSON-ready).

    Parameters
    ----------
    series : DataFrame
        The person's ``isolation_series`` (one person).
    ties : DataFrame, optional
        The person's ties, to name the informal ties that ended or began in the last
        three months.
    as_of : str, optional
        The last reference day (as given to ``isolation_series``).

    Returns
    -------
    dict
        ``direction``, ``measures_direction``, ``network_direction``, ``conflicting``,
        ``indicators`` (each ``indicator``, ``direction``, ``evidence``) and ``summary``.

    Examples
    --------
    >>> s = pd.DataFrame({"person_id": ["C", "C"], "month": ["2024-07", "2025-06"],
    ...     "lsns6": [9.0, 16.0], "lsns6_date": ["2024-07-10", "2025-06-12"]})
    >>> signals(s)["summary"]
    'measures improving: LSNS-6 9 → 16 (2024-07-10 to 2025-06-12); network unknown: under six complete months of history'
    """
    found = _direction_columns(series)
    if found is None:
        return {"direction": "unknown", "measures_direction": "unknown",
                "network_direction": "unknown", "conflicting": False, "indicators": [],
                "summary": "no isolation record"}
    row = {name: values[0] for name, values in found.items()}
    complete = series[series["complete"].astype(bool)] if "complete" in series else series
    indicators = [{"indicator": name, "direction": str(row[f"{name}_direction"]),
                   "evidence": _evidence(name, row, complete, ties)}
                  for name in (*MEASURES.values(), *(n for n, _, _ in NETWORK_INDICATORS))
                  if row[f"{name}_direction"] != "unknown"]
    measures = [i for i in indicators if i["indicator"] in MEASURE_TOWARDS_ISOLATION]
    network = [i for i in indicators if i["indicator"] not in MEASURE_TOWARDS_ISOLATION]
    changed = [i for i in network if i["direction"] != "stable"]
    parts = [
        f"measures {row['measures_direction']}: "
        + (", ".join(i["evidence"] for i in measures) or "fewer than two recordings in date"),
        f"network {row['network_direction']}"
        + (": " + ", ".join(i["evidence"] for i in changed) if changed
           else "" if network else ": under six complete months of history"),
    ]
    summary = "; ".join(parts)
    return {"direction": str(row["direction"]),
            "measures_direction": str(row["measures_direction"]),
            "network_direction": str(row["network_direction"]),
            "conflicting": bool(row["conflicting"]), "indicators": indicators,
            "summary": f"signals conflict: {summary}" if row["conflicting"] else summary}


def _number(value: float) -> str:
    return f"{round(float(value), 1):g}"


def _evidence(name: str, row: Mapping[str, Any], complete: pd.DataFrame, ties: pd.DataFrame | None
              ) -> str:
    """The words for one indicator; ``complete`` is the series' complete months, the
    months the network directions were taken from."""
    before, after = row[f"{name}_before"], row[f"{name}_after"]
    words = INDICATOR_WORDS[name]
    if name in MEASURE_TOWARDS_ISOLATION:
        return (f"{words} {_number(before)} → {_number(after)} "
                f"({row[f'{name}_before_date']} to {row[f'{name}_after_date']})")
    if name == "attendance_rate":
        missed = int(complete["missed"].to_numpy()[-DIRECTION_WINDOW:].sum())
        return f"{words} {before:.0%} → {after:.0%} ({missed} missed in the last three months)"
    text = f"{words} {_number(before)} → {_number(after)}"
    if name == "informal_ties" and ties is not None:
        changes = _tie_changes(complete, ties)
        text += f" ({changes})" if changes else ""
    elif name == "contacts":
        text += " (means of the three months before and the last three)"
    elif name == "crisis_contacts":
        text += " (the three months before, the last three)"
    return text


_TIE_CHANGE_COLUMNS = ("kind", "status", "relationship", "name", "to_id", "since", "until")


def _tie_changes(complete: pd.DataFrame, ties: pd.DataFrame) -> str:
    """The informal ties that ended or began between the ends of the last complete month
    and of the complete month three before, in words.

    A tie in use ``began`` on its ``since`` and ``ended`` on its ``until``. An asset
    connection that lapsed or ended is named too, with its status, on its ``since`` (a
    tie recorded for the new stage) or else its ``until`` (the old one closed); it
    replaces the plain "ended" of the same connection on the same day. Proposed
    connections were never in use and are not named.

    >>> months = pd.DataFrame({"month": ["2025-01", "2025-02", "2025-03", "2025-04"]})
    >>> ties = pd.DataFrame({"kind": ["community", "community"], "name": ["Choir", "Choir"],
    ...     "since": ["2024-05-01", "2025-03-10"], "until": ["2025-03-10", None],
    ...     "status": ["attending", "lapsed"]})
    >>> _tie_changes(months, ties)
    'Choir lapsed 2025-03-10'
    """
    months = sorted(str(m) for m in complete["month"])
    start, end = month_end(months[-1 - DIRECTION_WINDOW]), month_end(months[-1])
    found: dict[tuple[str, str], str] = {}
    # Plain records of the columns read here: pandas' to_dict of every column cost more
    # than the rest of the person view's isolation card.
    for tie in records(ties, [name for name in _TIE_CHANGE_COLUMNS if name in ties]):
        status = tie.get("status")
        if tie.get("kind") not in {k.value for k in INFORMAL_KINDS} or status == "proposed":
            continue
        who = " ".join(str(v) for v in (tie.get("relationship"), tie.get("name") or tie.get("to_id"))
                       if isinstance(v, str) and v)
        since, until = (day if isinstance(day := tie.get(field), str) and start < day <= end
                        else None for field in ("since", "until"))
        if in_use(status):
            found.update({(who, day): verb for day, verb in ((since, "began"), (until, "ended"))
                          if day})
        elif since or until:  # lapsed or ended: one change, named by its status
            found[(who, str(since or until))] = str(status)
    return ", ".join(f"{who} {verb} {day}"
                     for (who, day), verb in sorted(found.items(), key=lambda item: item[0][1]))


#: The columns of each month in the person view, as plain values.
MONTH_FIELDS = ("month", "complete", "at_risk", "at_risk_basis", "lsns6", "ucla3", "ascof_1i",
                "informal_ties", "contacts", "attended", "missed", "attendance_rate",
                "crisis_contacts")


def month_records(series: pd.DataFrame) -> list[dict[str, Any]]:
    """The series as JSON-ready rows of ``MONTH_FIELDS`` (missing numbers as None).

    >>> s = pd.DataFrame({"month": ["2025-06"], "at_risk": [False], "at_risk_basis": ["network"],
    ...     "lsns6": [float("nan")], "contacts": [12.0], "attendance_rate": [2 / 3]})
    >>> row = month_records(s)[0]
    >>> row["lsns6"], row["contacts"], row["attendance_rate"], row["at_risk"]
    (None, 12.0, 0.67, False)
    """
    def plain(name: str, value: Any) -> Any:
        if name in ("month", "at_risk_basis"):
            return str(value)
        if name in ("at_risk", "complete"):
            return bool(value)
        if value is None or value != value:
            return None
        return round(float(value), 2) if name in ("contacts", "attendance_rate") else (
            int(value) if name in ("informal_ties", "attended", "missed", "crisis_contacts")
            else float(value))

    names = [name for name in MONTH_FIELDS if name in series]
    return [{name: plain(name, value) for name, value in zip(names, values, strict=True)}
            for values in zip(*(series[name].tolist() for name in names), strict=True)]


# -- chart panels ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """How one series is drawn: its own axis, and its cut-off where it has one."""

    field: str
    title: str
    low: float
    high: float  # the axis top; for counts, the least top (taller when the data is)
    cut_off: float | None = None
    cut_off_words: str = ""
    fixed: bool = True  # False: the top grows to fit the data


#: One panel per measure and per network indicator, in display order.
SCALES: tuple[Scale, ...] = (
    Scale("lsns6", "LSNS-6 (0–30, higher is more connected)", 0, 30, LSNS6_AT_RISK_BELOW,
          f"at risk below {LSNS6_AT_RISK_BELOW}"),
    Scale("ucla3", "UCLA-3 (3–9, higher is lonelier)", 3, 9, UCLA3_LONELY_FROM,
          f"lonely from {UCLA3_LONELY_FROM}"),
    Scale("ascof_1i", "ASCOF 1I answer (1–4, higher is less contact)", 1, 4,
          ASCOF_1I_NOT_ENOUGH_FROM, f"not enough contact from {ASCOF_1I_NOT_ENOUGH_FROM}"),
    Scale("informal_ties", "Informal ties in use", 0, 4, NETWORK_AT_RISK_TIES_BELOW,
          f"network rule: at risk below {NETWORK_AT_RISK_TIES_BELOW}", fixed=False),
    Scale("contacts", "Contacts a month", 0, 8, NETWORK_AT_RISK_CONTACTS_BELOW,
          f"network rule: at risk below {NETWORK_AT_RISK_CONTACTS_BELOW}", fixed=False),
    Scale("attendance_rate", "Attendance rate (attended of sessions held)", 0, 1),
    Scale("crisis_contacts", "Crisis contacts", 0, 2, fixed=False),
)
#: Panels drawn only when something was recorded in them.
WHEN_RECORDED = frozenset({"lsns6", "ucla3", "ascof_1i", "attendance_rate"})


def chart_panels(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The panels of the isolation chart from ``month_records`` rows: one scale each.

    Each panel: ``field``, ``title``, ``low``, ``high``, ``cut_off``, ``cut_off_words``
    and ``points`` (``month``, ``value``, ``at_risk``). A measure or the attendance rate
    gets a panel only when recorded in some month.

    >>> rows = [{"month": "2025-05", "at_risk": True, "lsns6": 9.0, "informal_ties": 1,
    ...          "contacts": 3.0, "crisis_contacts": 0, "ucla3": None}]
    >>> [(p["field"], p["high"], p["cut_off"]) for p in chart_panels(rows)]
    [('lsns6', 30.0, 12.0), ('informal_ties', 4.0, 2.0), ('contacts', 8.0, 4.0), ('crisis_contacts', 2.0, None)]
    """
    panels = []
    for scale in SCALES:
        points = [{"month": row["month"], "value": row.get(scale.field),
                   "at_risk": bool(row["at_risk"])} for row in months]
        values = [float(p["value"]) for p in points if p["value"] is not None]
        if scale.field in WHEN_RECORDED and not values:
            continue
        high = scale.high if scale.fixed else max([scale.high, *values])
        panels.append({"field": scale.field, "title": scale.title, "low": float(scale.low),
                       "high": float(high),
                       "cut_off": None if scale.cut_off is None else float(scale.cut_off),
                       "cut_off_words": scale.cut_off_words, "points": points})
    return panels
