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
isolation_worsening      the isolation direction (``analytics.isolation.signals``, the
                         one definition the person page's card shows) is "worsening";
                         dated at the series' last reference day, its words as detail
review_overdue           the review due date (``review_due``) is before ``as_of``: the
                         next review the practitioner planned at the last review (a
                         ``review_planned`` event dated after it), else
                         ``review_interval_days`` after the last ``review`` event (or,
                         with none, after the client's recorded ``start_date``); dated
                         on the day the review fell due; with none of these recorded,
                         dated ``as_of`` ("no review and no start date")
=======================  ===================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analytics import isolation
from analytics.dates import add_days, month_end
from graph.frames import records
from graph.model import EventKind, Instrument

SWEMWBS_MEANINGFUL_FALL = 3.0


def _trigger(kind: str, date: str, detail: str) -> dict[str, str]:
    return {"kind": kind, "date": date, "detail": detail}


def review_triggers(
    events: pd.DataFrame,
    measures: pd.DataFrame,
    ties: pd.DataFrame,
    series: pd.DataFrame,
    *,
    as_of: str,
    start_date: str | None = None,
    missed_in_a_row: int = 2,
    review_interval_days: int = 365,
    window_days: int = 90,
    isolation_signals: dict[str, Any] | None = None,
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
    start_date : str, optional
        The client's recorded start with the service (``review_due``).
    isolation_signals : dict, optional
        ``analytics.isolation.signals`` of ``series`` and ``ties`` on ``as_of``, when
        the caller already has it (the person view shows it on its card); computed
        here otherwise.

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
    >>> review_triggers(events, empty, ties, pd.DataFrame(), as_of="2025-01-31",
    ...                 start_date="2024-06-01")
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
    found += _isolation(series, ties, as_of, isolation_signals)
    in_window = [t for t in found if window_start < t["date"] <= as_of]
    # A planned review is dated on the day planned, usually after as_of: read them all.
    planned = [row["date"] for row in records(events, ["date", "kind"])
               if row["kind"] == EventKind.REVIEW_PLANNED.value]
    in_window += _review_overdue(record, planned, start_date, as_of, review_interval_days)
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
    # A risk is new the first time a connection to that place carries it: the same
    # flag carried on as the connection moves from proposed to introduced to attending
    # (one tie row per stage) is the same risk, not a new one each time.
    seen: dict[Any, set[str]] = {}
    dated = sorted(((str(s), f, t) for s, f, t in zip(ties["since"], ties["risk_flags"],
                                                       ties["to_id"], strict=True)
                    if isinstance(s, str)), key=lambda item: item[0])
    for since, flags, target in dated:
        new = sorted(set(flags or []) - seen.setdefault(target, set()))
        seen[target].update(new)
        if new and start < since <= as_of:
            found.append(_trigger("new_risk", since,
                                  f"connection to {target} flagged: {', '.join(new)}"))
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


def _isolation(series: pd.DataFrame, ties: pd.DataFrame, as_of: str,
               known: dict[str, Any] | None) -> list[dict[str, str]]:
    # The card's direction itself, so the page can never say "stable" beside this trigger.
    if series.empty:
        return []
    found = known if known is not None else isolation.signals(series, ties, as_of=as_of)
    if found["direction"] != "worsening":
        return []
    day = min(month_end(str(max(series["month"]))), as_of)
    return [_trigger("isolation_worsening", day, found["summary"])]


def next_planned_review(planned: Iterable[object], last_review: object) -> str | None:
    """The next review the practitioner planned: the soonest ``review_planned`` date after
    the last review (any, with no review on record); None when there is none. When two
    plans stand, the earlier keeps the person from waiting too long.

    >>> next_planned_review(["2026-07-01", "2027-01-10", "2025-06-01"], "2026-01-10")
    '2026-07-01'
    >>> next_planned_review(["2025-06-01"], "2026-01-10") is None
    True
    """
    after = last_review if isinstance(last_review, str) else ""
    later = [day for day in planned if isinstance(day, str) and day > after]
    return min(later) if later else None


def review_due(last_review: object, start_date: object, interval_days: int,
               planned: Iterable[object] = ()) -> str | None:
    """When a client's next review falls due: on the date the practitioner planned at the
    last review (``next_planned_review`` of the ``planned`` dates: ``review_planned``
    events); with no plan after the last review, ``interval_days`` after it, else after
    the client's recorded ``start_date`` (when the service began working with them); None
    when none is recorded, which counts as overdue (no review on record).

    Source: Care Act 2014 statutory guidance, ch. 13 (13.32: a plan is reviewed when
    planned with the person, and at least every 12 months); the asset-mapping guidance's
    review step records the next review date with the person.

    A tie's ``since`` is never used: the GP a person has had since 2010 says nothing
    about when the service should have reviewed them.

    >>> review_due("2025-01-10", "2020-01-01", 365), review_due(None, "2025-03-01", 365)
    ('2026-01-10', '2026-03-01')
    >>> review_due(None, None, 365) is None
    True

    Reviewed on 2025-01-10 with the next review planned for 2025-07-10 (six months, not a
    year); a plan made at an earlier review (2024-12-01) no longer counts:

    >>> review_due("2025-01-10", "2020-01-01", 365, ["2024-12-01", "2025-07-10"])
    '2025-07-10'
    """
    planned_day = next_planned_review(planned, last_review)
    if planned_day is not None:
        return planned_day
    for day in (last_review, start_date):
        if isinstance(day, str) and day:
            return add_days(day, interval_days)
    return None


def _review_overdue(record: Record, planned: list[Any], start_date: object, as_of: str,
                    interval_days: int) -> list[dict[str, str]]:
    reviews = [str(row["date"]) for row in _of_kind(record, EventKind.REVIEW)]
    last = max(reviews) if reviews else None
    due = review_due(last, start_date, interval_days, planned)
    if due is None:
        return [_trigger("review_overdue", as_of, "no review and no start date on record")]
    basis = f"last review {last}" if last else f"no review recorded; started {start_date}"
    if due == next_planned_review(planned, last):
        basis = f"planned at the last review, {last}" if last else "planned; no review recorded"
    if due < as_of:
        return [_trigger("review_overdue", due, f"review due {due} ({basis})")]
    return []
