"""The validated measures as their published questions, and their scoring.

A practitioner enters LSNS-6, UCLA-3 and ASCOF 1I item by item on the workbench; the
product scores them here, and the item answers are stored with the score
(``Measure.items``). The number of items and each item's answer range are
``graph.model.INSTRUMENT_ITEMS`` (the import's rule checks any stored items against
them); the cut-offs are ``graph.model.LSNS6_AT_RISK_BELOW`` and
``graph.model.UCLA3_LONELY_FROM``, read by ``analytics.isolation`` too, so there is one
definition of each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.model import INSTRUMENT_ITEMS, Instrument

__all__ = ["QUESTIONNAIRES", "Question", "instrument_score"]


@dataclass(frozen=True)
class Question:
    """One item: its words and its answer options as ``(value, words)``."""

    text: str
    options: tuple[tuple[int, str], ...]


#: LSNS-6 answers (Lubben et al. 2006): how many people, scored 0-5.
_HOW_MANY = ((0, "none"), (1, "one"), (2, "two"), (3, "three or four"),
             (4, "five to eight"), (5, "nine or more"))
#: UCLA-3 answers (Hughes et al. 2004), scored 1-3.
_HOW_OFTEN = ((1, "hardly ever"), (2, "some of the time"), (3, "often"))

#: Each instrument's questions as published, in item order.
QUESTIONNAIRES: dict[Instrument, tuple[Question, ...]] = {
    # Lubben J, Blozik E, Gillmann G, et al. (2006) Performance of an abbreviated version
    # of the Lubben Social Network Scale among three European community-dwelling older
    # adult populations. The Gerontologist 46(4):503-513.
    Instrument.LSNS6: (
        Question("FAMILY: Considering the people to whom you are related by birth, marriage, "
                 "adoption, etc. How many relatives do you see or hear from at least once "
                 "a month?", _HOW_MANY),
        Question("FAMILY: How many relatives do you feel at ease with that you can talk "
                 "about private matters?", _HOW_MANY),
        Question("FAMILY: How many relatives do you feel close to such that you could call "
                 "on them for help?", _HOW_MANY),
        Question("FRIENDSHIPS: Considering all of your friends including those who live in "
                 "your neighbourhood. How many of your friends do you see or hear from at "
                 "least once a month?", _HOW_MANY),
        Question("FRIENDSHIPS: How many friends do you feel at ease with that you can talk "
                 "about private matters?", _HOW_MANY),
        Question("FRIENDSHIPS: How many friends do you feel close to such that you could "
                 "call on them for help?", _HOW_MANY),
    ),
    # Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT (2004) A short scale for measuring
    # loneliness in large surveys. Research on Aging 26(6):655-672.
    Instrument.UCLA3: (
        Question("How often do you feel that you lack companionship?", _HOW_OFTEN),
        Question("How often do you feel left out?", _HOW_OFTEN),
        Question("How often do you feel isolated from others?", _HOW_OFTEN),
    ),
    # NHS England, Adult Social Care Outcomes Framework measure 1I, from the Adult Social
    # Care Survey's social contact question.
    Instrument.ASCOF_1I: (
        Question("Thinking about how much contact you've had with people you like, which of "
                 "the following statements best describes your social situation?", (
                     (1, "I have as much social contact as I want with people I like"),
                     (2, "I have adequate social contact with people"),
                     (3, "I have some social contact with people, but not enough"),
                     (4, "I have little social contact with people and feel socially "
                         "isolated"))),
    ),
}


def instrument_score(instrument: Instrument, items: Sequence[int]) -> int:
    """The total of a validated measure from its item answers: the sum of the items.

    LSNS-6: six items each 0-5, total 0-30, below 12 at risk of isolation (Lubben et al.
    2006). UCLA-3: three items each 1-3, total 3-9, 6 or more lonely (Hughes et al.
    2004; ONS 2018). ASCOF 1I: one question, answer 1-4 (NHS England). Raises
    ``ValueError`` for the wrong number of items or an answer out of range.

    Examples
    --------
    >>> instrument_score(Instrument.LSNS6, [2, 1, 1, 3, 2, 0])
    9
    >>> instrument_score(Instrument.UCLA3, [2, 2, 3])
    7
    >>> instrument_score(Instrument.ASCOF_1I, [3])
    3
    """
    count, low, high = INSTRUMENT_ITEMS[instrument]
    if len(items) != count:
        raise ValueError(f"{instrument} has {count} items; {len(items)} given")
    if any(not low <= item <= high for item in items):
        raise ValueError(f"each {instrument} answer is {low}-{high}")
    return sum(items)
