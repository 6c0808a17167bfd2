"""Dates as the store keeps them: ISO ``YYYY-MM-DD`` strings, compared as strings.

A tie (or KNOWS link) is *valid on* date ``d`` when ``since <= d`` (or ``since`` is
absent) and ``until`` is absent or ``until > d`` (docs/graph-model.md): the day a
tie ends it no longer counts.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import pandas as pd


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value == ""


def valid_on(since: object, until: object, on: str) -> bool:
    """True if a record dated ``since``..``until`` is in force on ``on``.

    Examples
    --------
    >>> valid_on("2024-01-01", None, "2024-06-30")
    True
    >>> valid_on("2024-01-01", "2024-06-30", "2024-06-30")
    False
    """
    starts_ok = _missing(since) or str(since) <= on
    ends_ok = _missing(until) or str(until) > on
    return starts_ok and ends_ok


def valid_mask(table: pd.DataFrame, on: str) -> pd.Series:
    """``valid_on`` for every row of a frame with ``since``/``until`` columns."""
    since = table["since"].fillna("")
    until = table["until"].fillna("")
    return ((since == "") | (since <= on)) & ((until == "") | (until > on))


def parse(day: str) -> date:
    """``YYYY-MM-DD`` to a date."""
    return date.fromisoformat(str(day)[:10])


def add_days(day: str, days: int) -> str:
    """``day`` moved by ``days`` (negative to go back).

    >>> add_days("2024-03-01", -1)
    '2024-02-29'
    """
    return (parse(day) + timedelta(days=days)).isoformat()


def add_months(day: str, months: int) -> str:
    """``day`` moved by whole calendar months, clamped to the month's last day.

    >>> add_months("2024-03-31", -1)
    '2024-02-29'
    """
    moment = parse(day)
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(moment.day, last)).isoformat()


def month_of(day: str) -> str:
    """``YYYY-MM`` of a date."""
    return str(day)[:7]


def month_end(month: str) -> str:
    """The last day of ``YYYY-MM``.

    >>> month_end("2023-02")
    '2023-02-28'
    """
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, calendar.monthrange(year, number)[1]).isoformat()


def months_ending(as_of: str, count: int) -> list[str]:
    """The ``count`` months up to and including the month of ``as_of``, oldest first.

    >>> months_ending("2024-02-10", 3)
    ['2023-12', '2024-01', '2024-02']
    """
    last = parse(as_of).replace(day=1)
    return [month_of(add_months(last.isoformat(), -offset)) for offset in range(count - 1, -1, -1)]


def days_between(earlier: str, later: str) -> int:
    """Whole days from ``earlier`` to ``later``."""
    return (parse(later) - parse(earlier)).days


def first_record(*dates: Iterable[object]) -> str | None:
    """The earliest date among any number of date columns (a tie's ``since``, events'
    and measures' ``date``), ignoring blanks; None when nothing is dated.

    >>> first_record(["2024-03-01", None], ["2023-11-20"], [])
    '2023-11-20'
    """
    found = [str(day)[:10] for column in dates for day in column if not _missing(day)]
    return min(found) if found else None


def client_start(start_date: object, first_recorded: object) -> str | None:
    """When a client's record starts: the ``start_date`` recorded on the client (when the
    service began working with them), else the earliest date in their record
    (``first_record``), else None.

    An undated tie counts from this day (``date_undated_ties``), never from the
    beginning of time.

    >>> client_start(None, "2023-11-20"), client_start("2025-02-01", "2023-11-20")
    ('2023-11-20', '2025-02-01')
    """
    for day in (start_date, first_recorded):
        if not _missing(day):
            return str(day)[:10]
    return None


def date_undated_ties(ties: pd.DataFrame, starts: Mapping[str, str | None]) -> pd.DataFrame:
    """``ties`` with each missing ``since`` set to its client's start (``client_start``),
    so that a tie recorded without a date counts from when the client's record begins.
    Clients without a start keep undated ties as they are (valid at every date).

    Examples
    --------
    >>> ties = pd.DataFrame({"person_id": ["C", "C"], "since": [None, "2024-05-01"]})
    >>> date_undated_ties(ties, {"C": "2023-01-10"})["since"].tolist()
    ['2023-01-10', '2024-05-01']
    """
    if ties.empty or "since" not in ties:
        return ties
    undated = ties["since"].isna() | (ties["since"] == "")
    if not undated.any():
        return ties
    filled = ties["person_id"].map(lambda pid: starts.get(str(pid)))
    return ties.assign(since=ties["since"].where(~undated, filled))
