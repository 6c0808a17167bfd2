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
        The client's frames (``graph.networks``).
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
    events = events[events["date"].astype(str) <= as_of]
    measures = measures[measures["date"].astype(str) <= as_of]
    found: list[dict[str, str]] = []
    found += _missed_attendance(events, missed_in_a_row)
    found += _mood(events, measures)
    found += _new_risks(events, ties, window_start, as_of)
    found += [_trigger("safeguarding_concern", str(row["date"]),
                       f"safeguarding concern recorded{_note(row)}")
              for row in _of_kind(events, EventKind.SAFEGUARDING_CONCERN).to_dict("records")]
    found += _incidents(events, window_start, add_days(window_start, -window_days))
    found += _isolation(series, as_of, isolation_worsening_points)
    in_window = [t for t in found if window_start < t["date"] <= as_of]
    in_window += _review_overdue(events, ties, as_of, review_interval_days)
    return sorted(in_window, key=lambda t: (t["date"], t["kind"]))


def _of_kind(events: pd.DataFrame, kind: EventKind) -> pd.DataFrame:
    return events[events["kind"] == kind.value].sort_values("date", kind="stable")


def _note(row: dict[str, Any]) -> str:
    notes = row.get("notes")
    return f": {notes}" if isinstance(notes, str) and notes else ""


def _missed_attendance(events: pd.DataFrame, in_a_row: int) -> list[dict[str, str]]:
    sessions = events[events["kind"].isin([EventKind.ATTENDED.value, EventKind.MISSED.value])]
    found = []
    for place, group in sessions.sort_values("date", kind="stable").groupby(
            sessions["other_id"].fillna(""), sort=True):
        runs: list[list[str]] = [[]]
        for kind, day in zip(group["kind"], group["date"].astype(str), strict=True):
            if kind == EventKind.MISSED.value:
                runs[-1].append(day)
            elif runs[-1]:
                runs.append([])
        label = place or "an unnamed session"
        found += [_trigger("missed_attendance", run[-1],
                           f"{len(run)} missed in a row at {label}: {', '.join(run)}")
                  for run in runs if len(run) >= in_a_row]
    return found


def _mood(events: pd.DataFrame, measures: pd.DataFrame) -> list[dict[str, str]]:
    found = [_trigger("mood_deterioration", str(row["date"]), f"mood recorded low{_note(row)}")
             for row in _of_kind(events, EventKind.MOOD_LOW).to_dict("records")]
    wellbeing = measures[measures["instrument"] == Instrument.SWEMWBS.value].sort_values("date")
    scores = list(zip(wellbeing["date"].astype(str), wellbeing["score"].astype(float), strict=True))
    for (before_day, before), (day, now) in zip(scores, scores[1:], strict=False):
        if before - now >= SWEMWBS_MEANINGFUL_FALL:
            found.append(_trigger("mood_deterioration", day,
                                  f"SWEMWBS fell from {before:g} ({before_day}) to {now:g}"))
    return found


def _new_risks(events: pd.DataFrame, ties: pd.DataFrame, start: str, as_of: str) -> list[dict[str, str]]:
    found = [_trigger("new_risk", str(row["date"]), f"risk identified{_note(row)}")
             for row in _of_kind(events, EventKind.RISK_IDENTIFIED).to_dict("records")]
    for tie in ties.to_dict("records"):
        since = tie.get("since")
        if tie.get("risk_flags") and isinstance(since, str) and start < since <= as_of:
            found.append(_trigger("new_risk", since, f"connection to {tie.get('to_id')} flagged: "
                                  f"{', '.join(sorted(tie['risk_flags']))}"))
    return found


def _incidents(events: pd.DataFrame, start: str, before_start: str) -> list[dict[str, str]]:
    serious = events[events["kind"].isin([EventKind.INCIDENT.value, EventKind.CRISIS_CONTACT.value])]
    days = serious["date"].astype(str)
    recent = serious[days > start]
    earlier = serious[(days > before_start) & (days <= start)]
    if len(recent) >= 2 and len(recent) > len(earlier):
        return [_trigger("incidents_increased", str(recent["date"].max()),
                         f"{len(recent)} incidents or crisis contacts in the window, "
                         f"{len(earlier)} in the one before")]
    return []


def _isolation(series: pd.DataFrame, as_of: str, points: float) -> list[dict[str, str]]:
    if series.empty or len(series) <= ISOLATION_LOOKBACK_MONTHS:
        return []
    ordered = series.sort_values("month")
    last, before = ordered.iloc[-1], ordered.iloc[-1 - ISOLATION_LOOKBACK_MONTHS]
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


def _review_overdue(events: pd.DataFrame, ties: pd.DataFrame, as_of: str,
                    interval_days: int) -> list[dict[str, str]]:
    reviews = _of_kind(events, EventKind.REVIEW)["date"].astype(str)
    if len(reviews):
        last, basis = reviews.max(), f"last review {reviews.max()}"
    else:
        starts = [s for s in ties["since"] if isinstance(s, str) and s] if "since" in ties else []
        if not starts:
            return []
        last, basis = min(starts), f"no review recorded; first tie {min(starts)}"
    due = add_days(last, interval_days)
    if due < as_of:
        return [_trigger("review_overdue", due, f"review due {due} ({basis})")]
    return []
