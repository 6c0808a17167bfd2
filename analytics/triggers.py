"""Review triggers: events in a client's record that should prompt a review of their plan.

The kinds follow the review prompts of practice guidance (Care Act 2014 statutory
guidance, ch. 13 "Review of care and support plans": a change in circumstances,
a safeguarding concern, a plan no longer meeting needs, and the expectation of a
review at least every 12 months). Each trigger has a ``kind``, a ``date`` and a
``detail`` in words with its evidence. Only triggers dated within the look-back
window ``(as_of - window_days, as_of]`` are raised, except ``review_overdue``.

=======================  ===================================================================
kind                     raised when
=======================  ===================================================================
missed_attendance        ``missed_in_a_row`` (default 2) ``missed`` events in a row for the
                         same ``other_id`` (asset or service), no ``attended`` between them;
                         dated on the last missed session
mood_deterioration       a ``mood_low`` event; or SWEMWBS falling by 3 or more points
                         between consecutive measures (the change Warwick Medical School
                         treats as meaningful; Shah et al. 2018)
new_risk                 a ``risk_identified`` event, or a tie with ``risk_flags`` starting
                         in the window
safeguarding_concern     a ``safeguarding_concern`` event
incidents_increased      ``incident`` + ``crisis_contact`` events in the window outnumber
                         those in the same span before it, and are at least 2
isolation_worsening      the isolation score (``analytics.isolation``) rose by at least
                         ``isolation_worsening_points`` over three months, or the client
                         became at risk; dated at the month's reference day
review_overdue           the last ``review`` event (or, with none, the first tie's
                         ``since``) is more than ``review_interval_days`` before ``as_of``;
                         dated on the day the review fell due
=======================  ===================================================================
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics.dates import add_days, month_end
from graph.frames import records
from graph.model import EventKind, Instrument

SWEMWBS_MEANINGFUL_FALL = 3.0
ISOLATION_LOOKBACK_MONTHS = 3


def _trigger(kind: str, date: str, detail: str) -> dict[str, str]:
    return {"kind": kind, "date": date, "detail": detail}


def review_triggers(
    events: pd.DataFrame,
    measures: pd.DataFrame,
    ties: pd.DataFrame,
    series: pd.DataFrame,
    *,
    as_of: str,
    missed_in_a_row: int = 2,
    review_interval_days: int = 365,
    window_days: int = 90,
    isolation_worsening_points: float = 10.0,
) -> list[dict[str, str]]:
    """Every review trigger for one client on ``as_of``, oldest first.

    Parameters
    ----------
    events, measures, ties : DataFrame
        The client's frames (``graph.frames``).
    series : DataFrame
        The client's ``analytics.isolation.isolation_series`` (may be empty).
    as_of : str
        ``YYYY-MM-DD``; later records are ignored.

    Returns
    -------
    list of dict
        ``kind``, ``date``, ``detail`` (see the module docstring).

    Examples
    --------
    Two missed sessions at the café in a row after attending once:

    >>> events = pd.DataFrame({"date": ["2025-01-07", "2025-01-14", "2025-01-21"],
    ...     "kind": ["attended", "missed", "missed"], "other_id": ["A1"] * 3, "notes": [None] * 3})
    >>> empty = pd.DataFrame(columns=["date", "instrument", "score"])
    >>> ties = pd.DataFrame({"since": ["2024-06-01"], "risk_flags": [[]], "to_id": ["A1"]})
    >>> review_triggers(events, empty, ties, pd.DataFrame(), as_of="2025-01-31")
    [{'kind': 'missed_attendance', 'date': '2025-01-21', 'detail': '2 missed in a row at A1: 2025-01-14, 2025-01-21'}]
    """
    window_start = add_days(as_of, -window_days)
    # Plain records: a person has tens of events, where pandas filtering costs more than it saves.
    record = sorted((row for row in records(events, ["date", "kind", "other_id", "notes"])
                     if str(row["date"]) <= as_of), key=lambda row: str(row["date"]))
    scores = [row for row in records(measures, ["date", "instrument", "score"])
              if str(row["date"]) <= as_of]
    found: list[dict[str, str]] = []
    found += _missed_attendance(record, missed_in_a_row)
    found += _mood(record, scores)
    found += _new_risks(record, ties, window_start, as_of)
    found += [_trigger("safeguarding_concern", str(row["date"]),
                       f"safeguarding concern recorded{_note(row)}")
              for row in _of_kind(record, EventKind.SAFEGUARDING_CONCERN)]
    found += _incidents(record, window_start, add_days(window_start, -window_days))
    found += _isolation(series, as_of, isolation_worsening_points)
    in_window = [t for t in found if window_start < t["date"] <= as_of]
    in_window += _review_overdue(record, ties, as_of, review_interval_days)
    return sorted(in_window, key=lambda t: (t["date"], t["kind"]))


Record = list[dict[str, Any]]


def _of_kind(record: Record, kind: EventKind) -> Record:
    return [row for row in record if row["kind"] == kind.value]


def _note(row: dict[str, Any]) -> str:
    notes = row.get("notes")
    return f": {notes}" if isinstance(notes, str) and notes else ""


def _missed_attendance(record: Record, in_a_row: int) -> list[dict[str, str]]:
    runs_by_place: dict[str, list[list[str]]] = {}
    for row in record:
        if row["kind"] not in (EventKind.ATTENDED.value, EventKind.MISSED.value):
            continue
        runs = runs_by_place.setdefault(row["other_id"] or "", [[]])
        if row["kind"] == EventKind.MISSED.value:
            runs[-1].append(str(row["date"]))
        elif runs[-1]:
            runs.append([])
    return [_trigger("missed_attendance", run[-1],
                     f"{len(run)} missed in a row at {place or 'an unnamed session'}: "
                     f"{', '.join(run)}")
            for place, runs in sorted(runs_by_place.items()) for run in runs if len(run) >= in_a_row]


def _mood(record: Record, measures: Record) -> list[dict[str, str]]:
    found = [_trigger("mood_deterioration", str(row["date"]), f"mood recorded low{_note(row)}")
             for row in _of_kind(record, EventKind.MOOD_LOW)]
    wellbeing = sorted((str(row["date"]), float(row["score"])) for row in measures
                       if row["instrument"] == Instrument.SWEMWBS.value and row["score"] == row["score"])
    for (before_day, before), (day, now) in zip(wellbeing, wellbeing[1:], strict=False):
        if before - now >= SWEMWBS_MEANINGFUL_FALL:
            found.append(_trigger("mood_deterioration", day,
                                  f"SWEMWBS fell from {before:g} ({before_day}) to {now:g}"))
    return found


def _new_risks(record: Record, ties: pd.DataFrame, start: str, as_of: str) -> list[dict[str, str]]:
    found = [_trigger("new_risk", str(row["date"]), f"risk identified{_note(row)}")
             for row in _of_kind(record, EventKind.RISK_IDENTIFIED)]
    for since, flags, target in zip(ties["since"], ties["risk_flags"], ties["to_id"], strict=True):
        if flags and isinstance(since, str) and start < since <= as_of:
            found.append(_trigger("new_risk", since,
                                  f"connection to {target} flagged: {', '.join(sorted(flags))}"))
    return found


def _incidents(record: Record, start: str, before_start: str) -> list[dict[str, str]]:
    serious = [str(row["date"]) for row in record
               if row["kind"] in (EventKind.INCIDENT.value, EventKind.CRISIS_CONTACT.value)]
    recent = [day for day in serious if day > start]
    earlier = [day for day in serious if before_start < day <= start]
    if len(recent) >= 2 and len(recent) > len(earlier):
        return [_trigger("incidents_increased", max(recent),
                         f"{len(recent)} incidents or crisis contacts in the window, "
                         f"{len(earlier)} in the one before")]
    return []


def _isolation(series: pd.DataFrame, as_of: str, points: float) -> list[dict[str, str]]:
    if series.empty or len(series) <= ISOLATION_LOOKBACK_MONTHS:
        return []
    ordered = sorted(records(series, ["month", "score", "at_risk"]),
                     key=lambda row: str(row["month"]))
    last, before = ordered[-1], ordered[-1 - ISOLATION_LOOKBACK_MONTHS]
    day = min(month_end(str(last["month"])), as_of)
    rise = float(last["score"]) - float(before["score"])
    if rise >= points:
        return [_trigger("isolation_worsening", day,
                         f"isolation score {before['score']:.0f} in {before['month']} to "
                         f"{last['score']:.0f} in {last['month']} (+{rise:.0f})")]
    if bool(last["at_risk"]) and not bool(before["at_risk"]):
        return [_trigger("isolation_worsening", day,
                         f"at risk of isolation in {last['month']}, not in {before['month']}")]
    return []


def _review_overdue(record: Record, ties: pd.DataFrame, as_of: str,
                    interval_days: int) -> list[dict[str, str]]:
    reviews = [str(row["date"]) for row in _of_kind(record, EventKind.REVIEW)]
    if reviews:
        last, basis = max(reviews), f"last review {max(reviews)}"
    else:
        starts = [s for s in ties["since"] if isinstance(s, str) and s] if "since" in ties else []
        if not starts:
            return []
        last, basis = min(starts), f"no review recorded; first tie {min(starts)}"
    due = add_days(last, interval_days)
    if due < as_of:
        return [_trigger("review_overdue", due, f"review due {due} ({basis})")]
    return []
