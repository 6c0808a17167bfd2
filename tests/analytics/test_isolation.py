"""The isolation series (measures carried, network indicators, at_risk) and its direction,
worked by hand."""

from __future__ import annotations

import math

import pandas as pd

from analytics.dates import months_ending
from analytics.isolation import direction, isolation_series, month_records, signals
from analytics.person import person_view
from graph.frames import (
    assets_frame,
    client_record,
    events_frame,
    history_graph,
    knows_frame,
    measures_frame,
    ties_frame,
)

from .handmade import AS_OF, edna_ties, tie

NO_EVENTS = events_frame([])
NO_MEASURES = measures_frame([])


def scores(*rows: tuple[str, str, float], person_id: str = "C-1") -> pd.DataFrame:
    return measures_frame([{"person_id": person_id, "date": d, "instrument": i, "score": s}
                           for d, i, s in rows])


def test_a_month_with_every_indicator() -> None:
    # March 2025, one friend (contacts 2), one paid carer (not informal):
    #   informal ties 1; contacts 2 + 1 contact event = 3; attended 1, missed 1:
    #   attendance rate 1 / 2 = 0.5; crisis contacts 1 (the April one is not March's).
    #   UCLA-3 6 (February, carried), LSNS-6 15 (March): 15 is not below 12, but 6 >= 6 is
    #   lonely, so at risk, decided by the measures.
    ties = ties_frame([tie("S-1", "natural", [], None, 2), tie("SVC-HC", "paid", [], 10, 40)])
    events = events_frame([
        {"person_id": "C-1", "date": "2025-03-03", "kind": "contact"},
        {"person_id": "C-1", "date": "2025-03-04", "kind": "attended", "other_id": "A-1"},
        {"person_id": "C-1", "date": "2025-03-11", "kind": "missed", "other_id": "A-1"},
        {"person_id": "C-1", "date": "2025-03-20", "kind": "crisis_contact"},
        {"person_id": "C-1", "date": "2025-04-02", "kind": "crisis_contact"},
    ])
    measures = scores(("2025-02-10", "UCLA-3", 6), ("2025-03-10", "LSNS-6", 15))
    row = isolation_series(ties, events, measures, ["2025-03"]).iloc[0]
    assert (row["informal_ties"], row["contacts"], row["attended"], row["missed"],
            row["attendance_rate"], row["crisis_contacts"]) == (1, 3.0, 1, 1, 0.5, 1)
    assert (row["lsns6"], row["lsns6_date"], row["ucla3"], row["ucla3_date"]) == (
        15.0, "2025-03-10", 6.0, "2025-02-10")
    assert (bool(row["at_risk"]), row["at_risk_basis"]) == (True, "measures")


def test_edna_over_a_year() -> None:
    # Informal ties at each month's end: 2024: S-1, S-2, S-5, S-3 = 4; Jan–Feb 2025 + A-1 = 5;
    # from March S-3 has ended (until 2025-03-01) = 4. Contacts 8+8+4+2 = 22, + A-1's 4 = 26,
    # then 26 - 2 = 24. No measures: the network rule (fewer than 2 ties or 4 contacts)
    # decides, and she has plenty of both.
    series = isolation_series(edna_ties(), NO_EVENTS, NO_MEASURES,
                              ["2024-12", "2025-01", "2025-02", "2025-03"])
    assert series["informal_ties"].tolist() == [4, 5, 5, 4]
    assert series["contacts"].tolist() == [22.0, 26.0, 26.0, 24.0]
    assert not series["at_risk"].any()
    assert set(series["at_risk_basis"]) == {"network"}


def test_without_measures_the_network_rule_decides() -> None:
    # (c) No measure in date: at risk with fewer than 2 informal ties or fewer than 4
    # contacts a month.
    #   C-0: no ties                               -> 0 ties < 2: at risk
    #   C-1: one daughter, 8 contacts              -> 1 tie < 2: at risk
    #   C-2: two friends, 1 contact each           -> 2 ties, 2 contacts < 4: at risk
    #   C-3: two friends, 2 contacts each          -> 2 ties, 4 contacts: not at risk
    #   C-4: no ties, but LSNS-6 25 in date        -> the measure decides: not at risk
    ties = ties_frame([
        tie("D", "natural", [], None, 8, person_id="C-1"),
        tie("F1", "natural", [], None, 1, person_id="C-2"),
        tie("F2", "natural", [], None, 1, person_id="C-2"),
        tie("F3", "natural", [], None, 2, person_id="C-3"),
        tie("F4", "community", [], None, 2, person_id="C-3", status="attending",
            to_type="asset"),
    ])
    measures = scores(("2025-01-05", "LSNS-6", 25), person_id="C-4")
    series = isolation_series(ties, NO_EVENTS, measures, ["2025-01"],
                              people=["C-0", "C-1", "C-2", "C-3", "C-4"])
    assert series["at_risk"].tolist() == [True, True, True, False, False]
    assert series["at_risk_basis"].tolist() == ["network"] * 4 + ["measures"]


def test_a_measure_is_carried_twelve_months_then_not() -> None:
    # (b) LSNS-6 20 on 2024-01-20 (not at risk), and no ties at all (at risk by the network
    # rule). January 2024 to January 2025 (twelve months on) hold 20 and are not at risk,
    # by the measure; February 2025, thirteen months on, is out of date: at risk, by the
    # network.
    months = [*(f"2024-{m:02d}" for m in range(1, 13)), "2025-01", "2025-02"]
    measures = scores(("2024-01-20", "LSNS-6", 20))
    series = isolation_series(ties_frame([]), NO_EVENTS, measures, months)
    assert series["lsns6"].tolist()[:13] == [20.0] * 13
    assert math.isnan(series["lsns6"].iloc[13])
    assert series["at_risk"].tolist() == [False] * 13 + [True]
    assert series["at_risk_basis"].tolist() == ["measures"] * 13 + ["network"]


def test_a_newer_measure_replaces_the_carried_one() -> None:
    # LSNS-6 20 in January, 8 in June: June onwards hold 8 (at risk, 8 < 12), dated June.
    measures = scores(("2024-01-20", "LSNS-6", 20), ("2024-06-03", "LSNS-6", 8))
    series = isolation_series(ties_frame([]), NO_EVENTS, measures,
                              ["2024-05", "2024-06", "2024-07"])
    assert series["lsns6"].tolist() == [20.0, 8.0, 8.0]
    assert series["lsns6_date"].tolist() == ["2024-01-20", "2024-06-03", "2024-06-03"]
    assert series["at_risk"].tolist() == [False, True, True]


def test_a_measure_before_the_window_feeds_the_first_months() -> None:
    # UCLA-3 8 on 2023-11-20: November 2024 is twelve months on (held); December is not.
    measures = scores(("2023-11-20", "UCLA-3", 8))
    series = isolation_series(ties_frame([]), NO_EVENTS, measures, ["2024-11", "2024-12"])
    assert series["ucla3"].iloc[0] == 8.0
    assert math.isnan(series["ucla3"].iloc[1])


def test_ascof_1i_answers_three_and_four_are_not_enough_contact() -> None:
    # Edna's network passes the network rule, so only the ASCOF answer can make her at risk:
    # 3 ("some social contact, but not enough") is; 2 ("adequate") is not, even for C-7 with
    # no ties at all, because an in-date measure decides.
    ties = edna_ties()
    answered = scores(("2025-01-05", "ASCOF-1I", 3))
    row = isolation_series(ties, NO_EVENTS, answered, ["2025-01"]).iloc[0]
    assert (row["ascof_1i"], bool(row["at_risk"]), row["at_risk_basis"]) == (3.0, True, "measures")
    adequate = scores(("2025-01-05", "ASCOF-1I", 2), person_id="C-7")
    alone = isolation_series(ties_frame([]), NO_EVENTS, adequate, ["2025-01"]).iloc[0]
    assert bool(alone["at_risk"]) is False


def test_many_people_at_once_equal_one_at_a_time() -> None:
    ties = pd.concat([edna_ties(), ties_frame([tie("S-6", "natural", [], None, 4, person_id="C-2")])])
    months = ["2024-12", "2025-01", "2025-02", "2025-03"]
    together = isolation_series(ties, NO_EVENTS, NO_MEASURES, months)
    alone = isolation_series(ties[ties.person_id == "C-2"], NO_EVENTS, NO_MEASURES, months)
    columns = ["informal_ties", "contacts", "at_risk"]
    assert together[together.person_id == "C-2"][columns].values.tolist() == \
        alone[columns].values.tolist()


def test_as_of_cuts_the_last_month_short() -> None:
    # S-3 ends 2025-03-01; on 2025-02-28 it still counts (5 ties). A measure dated after
    # as_of has not happened yet.
    later = scores(("2025-03-10", "LSNS-6", 5))
    row = isolation_series(edna_ties(), NO_EVENTS, later, ["2025-03"], as_of="2025-02-28").iloc[0]
    assert row["informal_ties"] == 5
    assert math.isnan(row["lsns6"])


def conflicting_record() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The tester's client: measures improving across their cut-offs over the year while
    the network contracts in the last three months."""
    ties = ties_frame([
        tie("Sue", "natural", [], None, 4, until="2025-04-15"),
        tie("S-2", "natural", [], None, 8),
        tie("S-3", "natural", [], None, 4),
        tie("A-1", "community", [], None, None, status="attending", to_type="asset"),
    ])
    ties.loc[0, "relationship"] = "friend"
    rows = [("2025-01-03", "attended"), ("2025-01-09", "attended"),
            ("2025-02-03", "attended"), ("2025-02-09", "attended"),
            ("2025-03-03", "attended"), ("2025-03-09", "attended"),
            ("2025-04-01", "attended"), ("2025-04-08", "attended"),
            ("2025-05-06", "missed"), ("2025-05-13", "missed"),
            ("2025-06-03", "attended"), ("2025-06-10", "attended")]
    events = events_frame([{"person_id": "C-1", "date": d, "kind": k, "other_id": "A-1"}
                           for d, k in rows])
    measures = scores(("2024-07-10", "LSNS-6", 9), ("2024-07-10", "UCLA-3", 8),
                      ("2025-06-12", "LSNS-6", 16), ("2025-06-12", "UCLA-3", 3))
    return ties, events, measures


def test_measures_improving_while_the_network_contracts() -> None:
    # (a) Twelve months to June 2025.
    # Measures: LSNS-6 9 -> 16 (+7 >= 3, and out of "below 12"): improving; UCLA-3 8 -> 3
    #   (-5, and out of ">= 6"): improving. Measures improving. In June both are in date and
    #   on the safe side: not at risk, by the measures.
    # Network, last three months (Apr-Jun) against the three before (Jan-Mar):
    #   informal ties on 2025-03-31: Sue, S-2, S-3, A-1 = 4; on 2025-06-30 Sue has ended
    #     (2025-04-15): 3. Fewer: worsening.
    #   contacts: 4 + 8 + 4 = 16 a month Jan-Mar; Sue is gone on 04-30: 12 Apr-Jun.
    #     Means 16 -> 12: worsening.
    #   attendance: Jan-Mar 6 of 6 = 100%; Apr-Jun 4 of 6 = 67% (2 missed), a fall of
    #     0.33 >= 0.2: worsening. Crisis contacts 0 -> 0: stable. Network contracting.
    # Direction: the measures' (improving); they conflict with the network.
    ties, events, measures = conflicting_record()
    series = isolation_series(ties, events, measures, months_ending(AS_OF, 12), as_of=AS_OF,
                              people=["C-1"])
    last = series.iloc[-1]
    assert (bool(last["at_risk"]), last["at_risk_basis"]) == (False, "measures")
    found = signals(series, ties, as_of=AS_OF)
    assert (found["direction"], found["measures_direction"], found["network_direction"],
            found["conflicting"]) == ("improving", "improving", "contracting", True)
    assert {i["indicator"]: i["direction"] for i in found["indicators"]} == {
        "lsns6": "improving", "ucla3": "improving", "informal_ties": "worsening",
        "contacts": "worsening", "attendance_rate": "worsening", "crisis_contacts": "stable"}
    assert found["summary"] == (
        "signals conflict: measures improving: LSNS-6 9 → 16 (2024-07-10 to 2025-06-12), "
        "UCLA-3 8 → 3 (2024-07-10 to 2025-06-12); network contracting: informal ties 4 → 3 "
        "(friend Sue ended 2025-04-15), contacts a month 16 → 12 (means of the three months "
        "before and the last three), attendance 100% → 67% (2 missed in the last three months)")


def two_months(**columns: list) -> pd.DataFrame:
    return pd.DataFrame({"person_id": ["C", "C"], "month": ["2024-07", "2025-06"], **columns})


def measure_direction(name: str, before: float, after: float) -> str:
    series = two_months(**{name: [before, after], f"{name}_date": ["2024-07-10", "2025-06-10"]})
    return str(direction(series).iloc[0][f"{name}_direction"])


def test_a_measure_moves_by_its_step_or_across_its_cut_off() -> None:
    # LSNS-6 step 3: 14 -> 12 is -2 and 12 is not below 12: stable; 13 -> 11 is -2 but
    # crosses into "below 12": worsening; 20 -> 17 is -3: worsening.
    assert measure_direction("lsns6", 14, 12) == "stable"
    assert measure_direction("lsns6", 13, 11) == "worsening"
    assert measure_direction("lsns6", 20, 17) == "worsening"
    # UCLA-3 step 2: 5 -> 6 is +1 but crosses into lonely: worsening; 7 -> 6 stays lonely,
    # -1: stable; 8 -> 6 is -2: improving.
    assert measure_direction("ucla3", 5, 6) == "worsening"
    assert measure_direction("ucla3", 7, 6) == "stable"
    assert measure_direction("ucla3", 8, 6) == "improving"
    # ASCOF 1I step 1: 2 -> 1 improving; 2 -> 3 worsening.
    assert measure_direction("ascof_1i", 2, 1) == "improving"
    assert measure_direction("ascof_1i", 2, 3) == "worsening"


def test_one_recording_or_an_out_of_date_one_has_no_direction() -> None:
    same = two_months(lsns6=[9.0, 9.0], lsns6_date=["2024-07-10", "2024-07-10"])
    stale = two_months(lsns6=[9.0, float("nan")], lsns6_date=["2024-07-10", None])
    assert direction(same).iloc[0]["lsns6_direction"] == "unknown"
    assert direction(stale).iloc[0]["measures_direction"] == "unknown"


def test_measures_pulling_apart_are_mixed() -> None:
    # LSNS-6 9 -> 16 improving, UCLA-3 4 -> 7 worsening: mixed, and the direction says so.
    dates = ["2024-07-10", "2025-06-10"]
    series = two_months(lsns6=[9.0, 16.0], lsns6_date=dates, ucla3=[4.0, 7.0], ucla3_date=dates)
    row = direction(series).iloc[0]
    assert (row["measures_direction"], row["direction"]) == ("mixed", "mixed")


def network_series(ties: list[float], months: int = 6) -> pd.DataFrame:
    return pd.DataFrame({"person_id": "C", "month": [f"2025-{m + 1:02d}" for m in range(months)],
                         "informal_ties": ties, "contacts": [10.0] * months,
                         "attended": [0] * months, "missed": [0] * months,
                         "crisis_contacts": [0] * months})


def test_without_measures_the_network_gives_the_direction() -> None:
    # Informal ties 3 at the end of March, 2 at the end of June: worsening; contacts 10 ->
    # 10 and crisis 0 -> 0 stable; no sessions: attendance unknown. Network contracting,
    # no measures: the direction is the network's, "worsening".
    row = direction(network_series([3, 3, 3, 3, 3, 2])).iloc[0]
    assert (row["measures_direction"], row["network_direction"], row["direction"]) == (
        "unknown", "contracting", "worsening")
    assert row["attendance_rate_direction"] == "unknown"
    # Five months are not two full windows: unknown.
    short = direction(network_series([3, 3, 3, 3, 2], months=5)).iloc[0]
    assert short["direction"] == "unknown"


def test_measures_decide_the_direction_over_the_network() -> None:
    # LSNS-6 14 -> 15 (+1 < 3): stable; the network contracts (ties 3 -> 2): the direction
    # is "stable", from the measures, and not a conflict (nothing improves).
    series = network_series([3, 3, 3, 3, 3, 2])
    series["lsns6"] = [14.0] * 3 + [15.0] * 3
    series["lsns6_date"] = ["2025-01-05"] * 3 + ["2025-04-05"] * 3
    row = direction(series).iloc[0]
    assert (row["direction"], row["network_direction"], bool(row["conflicting"])) == (
        "stable", "contracting", False)


def test_month_records_are_plain_values() -> None:
    ties, events, measures = conflicting_record()
    series = isolation_series(ties, events, measures, ["2025-05", "2025-06"], as_of=AS_OF)
    may, june = month_records(series)
    assert may == {"month": "2025-05", "complete": True, "at_risk": True, "at_risk_basis": "measures",
                   "lsns6": 9.0, "ucla3": 8.0, "ascof_1i": None, "informal_ties": 3,
                   "contacts": 12.0, "attended": 0, "missed": 2, "attendance_rate": 0.0,
                   "crisis_contacts": 0}
    assert (june["lsns6"], june["at_risk"]) == (16.0, False)


def test_directions_of_many_people_at_once_equal_one_at_a_time() -> None:
    # C-2 has only the last three months: unknown for C-2 alone, and no effect on C.
    contracting = network_series([3, 3, 3, 3, 3, 2])
    partial = network_series([1, 1, 1, 1, 1, 1]).assign(person_id="C-2").iloc[3:]
    together = direction(pd.concat([contracting, partial])).set_index("person_id")
    assert together.loc["C", "direction"] == direction(contracting).iloc[0]["direction"]
    assert together.loc["C", "direction"] == "worsening"
    assert together.loc["C-2", "direction"] == "unknown"


def test_a_change_of_exactly_the_step_counts_despite_float_error() -> None:
    # Attendance, step 0.2. Jan-Mar 2 + 2 + 1 attended, none missed: 5 of 5 = 1.0;
    # Apr-Jun 2 + 1 + 1 attended, 1 missed (May): 4 of 5 = 0.8. In floats 0.8 - 1.0 is
    # -0.19999999999999996, short of 0.2 unless rounded: exactly the step, worsening.
    series = network_series([3] * 6).assign(attended=[2, 2, 1, 2, 1, 1], missed=[0, 0, 0, 0, 1, 0])
    row = direction(series).iloc[0]
    assert (row["attendance_rate_before"], row["attendance_rate_after"]) == (1.0, 0.8)
    assert row["attendance_rate_direction"] == "worsening"
    assert row["direction"] == "worsening"  # ties, contacts, crisis steady: contracting
    assert "attendance 100% → 80% (1 missed in the last three months)" in signals(series)["summary"]


def steady_contacts(*extra: dict) -> pd.DataFrame:
    """C-1: six contact events on the 10th-20th of every month, December to May."""
    months = ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    return events_frame([{"person_id": "C-1", "date": f"{m}-{day}", "kind": "contact"}
                         for m in months for day in (10, 12, 14, 16, 18, 20)] + list(extra))


def test_a_month_in_progress_neither_moves_the_direction_nor_puts_anyone_at_risk() -> None:
    # Seen on 2025-06-02. Each person has two friends with no contacts a month recorded,
    # so contacts are contact events alone (informal ties 2: the tie rule passes).
    #   C-1: 6 events every month to May, none yet in June: June so far 0; the rule counts
    #        the more of 0 and May's 6 = 6 >= 4: not at risk (before: 0 < 4, at risk).
    #   C-2: no events in May, 4 on 1-2 June: the more of 4 and 0 = 4: not at risk.
    #   C-3: no events at all: 0: at risk, a month in progress excuses nothing.
    # June is not complete; May is.
    friends = ties_frame([tie(f"F{n}", "natural", [], None, None, person_id=p)
                          for p in ("C-1", "C-2", "C-3") for n in (1, 2)])
    events = steady_contacts(*({"person_id": "C-2", "date": f"2025-06-0{d}", "kind": "contact"}
                               for d in (1, 1, 2, 2)))
    months = months_ending("2025-06-02", 7)  # 2024-12 .. 2025-06
    series = isolation_series(friends, events, NO_MEASURES, months, as_of="2025-06-02")
    june = series[series.month == "2025-06"].set_index("person_id")
    assert june["contacts"].tolist() == [0.0, 4.0, 0.0]
    assert june["at_risk"].tolist() == [False, False, True]
    assert not june["complete"].any()
    assert series[series.month == "2025-05"]["complete"].all()
    # C-1's direction on the complete months: ties 2 -> 2, contacts (Dec-Feb) 6 -> (Mar-May)
    # 6, crisis 0 -> 0: steady, "stable". Counting June's 0 (Jan-Mar 6 against Apr-Jun
    # 12/3 = 4) would have read "worsening: contacts a month 6 -> 4" every month.
    found = signals(series[series.person_id == "C-1"], friends, as_of="2025-06-02")
    assert (found["direction"], found["summary"]) == (
        "stable", "measures unknown: fewer than two recordings in date; network steady")


def test_a_measure_recorded_in_the_month_in_progress_counts() -> None:
    # A score is whole on the day it is recorded: LSNS-6 9 (2024-07-10) -> 16 (2025-06-01),
    # seen on 2025-06-02: +7 >= 3 and out of "below 12": improving, June in progress or not.
    measures = scores(("2024-07-10", "LSNS-6", 9), ("2025-06-01", "LSNS-6", 16))
    series = isolation_series(ties_frame([]), NO_EVENTS, measures,
                              months_ending("2025-06-02", 12), as_of="2025-06-02")
    assert signals(series)["measures_direction"] == "improving"


def newcomer_ties() -> pd.DataFrame:
    # C-1's record starts 2025-05-01 (two friends, 4 contacts a month each, from then);
    # C-2's starts 2025-05-15.
    return ties_frame([*(tie(f"F{n}", "natural", [], None, 4, since="2025-05-01") for n in (1, 2)),
                       *(tie(f"G{n}", "natural", [], None, 4, since="2025-05-15", person_id="C-2")
                         for n in (1, 2))])


def test_months_before_the_record_start_have_no_data() -> None:
    # Twelve months to June 2025. C-1 starts 2025-05-01: 2024-07 .. 2025-04 (ten months)
    # end before it: no data, not at risk, "before record", not complete. May and June:
    # 2 ties, 4 + 4 = 8 contacts: not at risk by the network rule.
    # C-2 starts 2025-05-15: May is on record (reference day 31 May) but not complete.
    series = isolation_series(newcomer_ties(), NO_EVENTS, NO_MEASURES, months_ending(AS_OF, 12),
                              as_of=AS_OF, starts={"C-1": "2025-05-01", "C-2": "2025-05-15"})
    one, two = series[series.person_id == "C-1"], series[series.person_id == "C-2"]
    assert one["at_risk_basis"].tolist() == ["before record"] * 10 + ["network"] * 2
    assert one["at_risk"].tolist() == [False] * 12
    assert one["informal_ties"].isna().tolist() == [True] * 10 + [False] * 2
    assert one["contacts"].tolist()[-2:] == [8.0, 8.0]
    assert one["complete"].tolist() == [False] * 10 + [True] * 2
    assert two["complete"].tolist()[-2:] == [False, True]
    # Two complete months are not two windows of three: unknown, not "improving:
    # informal ties 0 -> 2" as when the months before the record counted as 0 ties.
    found = signals(one, newcomer_ties(), as_of=AS_OF)
    assert (found["direction"], found["summary"]) == (
        "unknown", "measures unknown: fewer than two recordings in date; "
                   "network unknown: under six complete months of history")


def test_the_person_view_leaves_out_months_before_the_record() -> None:
    # The same C-1 through person_view: its record starts at its first tie, 2025-05-01.
    ties = newcomer_ties()[lambda t: t.person_id == "C-1"]
    history = history_graph(client_record({"person_id": "C-1"}), ties, knows_frame([]))
    view = person_view(history, ties, NO_EVENTS, NO_MEASURES, assets_frame([]), as_of=AS_OF)
    assert [m["at_risk_basis"] for m in view["isolation"]] == (
        ["before record"] * 10 + ["network"] * 2)
    assert view["isolation_direction"] == "unknown"


def test_the_latest_recording_of_a_month_is_held() -> None:
    # Two LSNS-6 in March 2025, the later (25 March, 8) listed first: the month holds the
    # latest by date, 8 (at risk, 8 < 12), not the 20 of 5 March.
    measures = scores(("2025-03-25", "LSNS-6", 8), ("2025-03-05", "LSNS-6", 20))
    row = isolation_series(ties_frame([]), NO_EVENTS, measures, ["2025-03"]).iloc[0]
    assert (row["lsns6"], row["lsns6_date"], bool(row["at_risk"])) == (8.0, "2025-03-25", True)


def test_a_lapsed_connection_is_named_in_the_evidence() -> None:
    # Two friends throughout; the choir attended from 2024-01-01 until 2025-05-10, then
    # recorded as lapsed from that day. Informal ties on 2025-03-31: 3; on 2025-06-30: 2.
    # The drop is named by the lapse (the attending tie's "ended" that day gives way to
    # "lapsed"); a connection only proposed (2025-05-20) is never named.
    ties = ties_frame([
        tie("F1", "natural", [], None, 4), tie("F2", "natural", [], None, 4),
        tie("Choir", "community", [], None, None, since="2024-01-01", until="2025-05-10",
            status="attending", to_type="asset"),
        tie("Choir", "community", [], None, None, since="2025-05-10", status="lapsed",
            to_type="asset"),
        tie("Walks", "community", [], None, None, since="2025-05-20", status="proposed",
            to_type="asset"),
    ])
    series = isolation_series(ties, NO_EVENTS, NO_MEASURES, months_ending(AS_OF, 6), as_of=AS_OF)
    evidence = {i["indicator"]: i["evidence"] for i in signals(series, ties, as_of=AS_OF)["indicators"]}
    assert evidence["informal_ties"] == "informal ties 3 → 2 (Choir lapsed 2025-05-10)"
