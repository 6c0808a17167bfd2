"""What changed for a client since their last review (issue 15.5): the review form's
"since last time" and the report's review section.

Definition: the **last review** is the latest ``review`` event dated on or before the
day asked about (``as_of``); with none, everything on record up to ``as_of`` counts as
new. A change is anything dated after the last review and on or before ``as_of``:

============  =================================================================
``gained``    ties whose ``since`` falls in that span
``lost``      ties whose ``until`` falls in it (an ended tie is kept, never deleted)
``moved``     community connections reaching a status in it (``proposed`` on
              ``since``; introduced / attending / lapsed on their dates,
              ``graph.model.STATUS_DATE_COLUMNS``; ended on ``until``)
``measures``  measures dated in it
``triggers``  review triggers (``analytics.triggers.review_triggers``) dated in it
============  =================================================================

How a review is recorded (``ingest.forms.record_review``; ``docs/import-format.md``):
a ``review`` event whose notes are the practitioner's summary, an ``own_view`` event on
the same day with the person's own view, a ``review_planned`` event dated on the next
review date, and a ``trigger_ack`` event per trigger acknowledged, its notes
``"<trigger kind> <trigger date>: <note>"``. ``next_review`` is the soonest
``review_planned`` date after the last review (None when there is none): when two plans
stand, the earlier one keeps the person from waiting too long.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from graph.frames import records
from graph.model import STATUS_DATE_COLUMNS, ConnectionStatus, EventKind, TargetType

__all__ = ["changes_since_review", "trigger_ack_note"]


def trigger_ack_note(trigger: dict[str, str], note: str) -> str:
    """The notes of a ``trigger_ack`` event: which trigger, and what was done.

    >>> trigger_ack_note({"kind": "mood_deterioration", "date": "2026-02-01"}, "GP seen")
    'mood_deterioration 2026-02-01: GP seen'
    """
    return f"{trigger['kind']} {trigger['date']}: {note.strip()}"


def _in(day: Any, after: str, as_of: str) -> bool:
    return isinstance(day, str) and after < day <= as_of


def changes_since_review(ties: pd.DataFrame, events: pd.DataFrame, measures: pd.DataFrame,
                         triggers: list[dict[str, str]], *, as_of: str) -> dict[str, Any]:
    """What changed since the last review on ``as_of`` (see the module docstring).

    Source: the asset-mapping guidance's review step (outcomes evidenced and reviewed,
    review triggers acted on) and Care Act 2014 statutory guidance, ch. 13 (review of
    care and support plans: what has changed since the plan was agreed).

    Returns
    -------
    dict
        ``last_review`` (date or None), ``next_review`` (date or None), ``gained``,
        ``lost`` (tie rows: ``to_id``, ``name``, ``since``/``until``), ``moved``
        (``to_id``, ``name``, ``status``, ``date``), ``measures`` (``date``,
        ``instrument``, ``score``), ``triggers`` (as given, those in the span).

    Examples
    --------
    Reviewed on 2026-01-10 (and a review planned for 2027-01-10); since then the
    neighbour's tie ended, the choir was proposed on 2026-02-01 and an LSNS-6 of 9 taken;
    the daughter's 2010 tie and the older measure came before the review:

    >>> ties = pd.DataFrame({"to_id": ["S1", "S2", "A1"], "name": ["Dora", "Ned", "Choir"],
    ...     "to_type": ["person", "person", "asset"], "since": ["2010-01-01", "2018-05-01",
    ...     "2026-02-01"], "until": [None, "2026-03-01", None],
    ...     "status": [None, None, "proposed"], "introduced_on": [None] * 3,
    ...     "attending_on": [None] * 3, "lapsed_on": [None] * 3})
    >>> events = pd.DataFrame({"date": ["2026-01-10", "2027-01-10"],
    ...     "kind": ["review", "review_planned"], "notes": ["annual", None]})
    >>> measures = pd.DataFrame({"date": ["2025-06-01", "2026-02-15"],
    ...     "instrument": ["LSNS-6", "LSNS-6"], "score": [12, 9]})
    >>> found = changes_since_review(ties, events, measures, [], as_of="2026-04-01")
    >>> found["last_review"], [t["name"] for t in found["gained"]], [t["name"] for t in found["lost"]]
    ('2026-01-10', ['Choir'], ['Ned'])
    >>> found["moved"], found["measures"]
    ([{'to_id': 'A1', 'name': 'Choir', 'status': 'proposed', 'date': '2026-02-01'}], [{'date': '2026-02-15', 'instrument': 'LSNS-6', 'score': 9}])
    >>> found["next_review"]
    '2027-01-10'
    """
    kinds = records(events, ["date", "kind"])
    reviews = [str(e["date"]) for e in kinds
               if e["kind"] == EventKind.REVIEW.value and str(e["date"]) <= as_of]
    last = max(reviews) if reviews else None
    planned = [str(e["date"]) for e in kinds if e["kind"] == EventKind.REVIEW_PLANNED.value]
    after = last or ""
    tie_rows = records(ties, list(ties.columns))
    gained = [{"to_id": t["to_id"], "name": t["name"], "since": t["since"]}
              for t in tie_rows if _in(t.get("since"), after, as_of)]
    lost = [{"to_id": t["to_id"], "name": t["name"], "until": t["until"]}
            for t in tie_rows if _in(t.get("until"), after, as_of)]
    return {
        "last_review": last,
        "next_review": _next_review(planned, after),
        "gained": gained, "lost": lost,
        "moved": _moved(tie_rows, after, as_of),
        "measures": [m for m in records(measures, ["date", "instrument", "score"])
                     if _in(m["date"], after, as_of)],
        "triggers": [t for t in triggers if _in(t["date"], after, as_of)],
    }


def _next_review(planned: list[str], after: str) -> str | None:
    """The soonest review planned after the last review: when two plans stand, the
    earlier keeps the person from waiting too long."""
    later = [day for day in planned if day > after]
    return min(later) if later else None


def _moved(tie_rows: list[dict[str, Any]], after: str, as_of: str) -> list[dict[str, Any]]:
    moved = []
    for tie in tie_rows:
        if tie.get("to_type") != TargetType.ASSET.value:
            continue
        dates = {ConnectionStatus.PROPOSED.value: tie.get("since") if tie.get("status")
                 == ConnectionStatus.PROPOSED.value else None,
                 **{status: tie.get(column) for status, column in STATUS_DATE_COLUMNS.items()}}
        moved += [{"to_id": tie["to_id"], "name": tie["name"], "status": status, "date": day}
                  for status, day in dates.items() if _in(day, after, as_of)]
    return sorted(moved, key=lambda row: (row["date"], row["to_id"]))
