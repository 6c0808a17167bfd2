"""Scoring the validated measures from their item answers (hand-worked)."""

from __future__ import annotations

import pytest

from analytics.instruments import QUESTIONNAIRES, instrument_score
from graph.model import INSTRUMENT_ITEMS, LSNS6_AT_RISK_BELOW, UCLA3_LONELY_FROM, Instrument


def test_each_questionnaire_has_its_published_items_and_answers() -> None:
    # LSNS-6: 6 items, answers 0 ("none") to 5 ("nine or more"); UCLA-3: 3 items, 1-3;
    # ASCOF 1I: one question, 1-4.
    for instrument, (count, low, high) in INSTRUMENT_ITEMS.items():
        questions = QUESTIONNAIRES[instrument]
        assert len(questions) == count
        for question in questions:
            values = [value for value, _ in question.options]
            assert values == list(range(low, high + 1))
    assert QUESTIONNAIRES[Instrument.LSNS6][0].options[-1] == (5, "nine or more")
    assert QUESTIONNAIRES[Instrument.UCLA3][1].text == "How often do you feel left out?"


def test_scores_are_the_item_sums_read_against_the_one_cut_off() -> None:
    # LSNS-6 2+1+1+3+2+0 = 9 < 12: at risk; 3+3+2+2+1+1 = 12: not at risk (the cut-off
    # is "below 12").
    assert instrument_score(Instrument.LSNS6, [2, 1, 1, 3, 2, 0]) == 9 < LSNS6_AT_RISK_BELOW
    assert instrument_score(Instrument.LSNS6, [3, 3, 2, 2, 1, 1]) == LSNS6_AT_RISK_BELOW
    # UCLA-3 2+2+2 = 6: lonely ("6 or more"); 1+2+2 = 5: not.
    assert instrument_score(Instrument.UCLA3, [2, 2, 2]) == UCLA3_LONELY_FROM
    assert instrument_score(Instrument.UCLA3, [1, 2, 2]) == 5
    assert instrument_score(Instrument.ASCOF_1I, [4]) == 4


@pytest.mark.parametrize("instrument, items", [
    (Instrument.LSNS6, [1, 1, 1, 1, 1]),  # five items, not six
    (Instrument.LSNS6, [6, 0, 0, 0, 0, 0]),  # 6 is above "nine or more" (5)
    (Instrument.UCLA3, [0, 1, 1]),  # UCLA-3 answers start at 1
])
def test_wrong_answers_are_refused(instrument: Instrument, items: list[int]) -> None:
    with pytest.raises(ValueError):
        instrument_score(instrument, items)
