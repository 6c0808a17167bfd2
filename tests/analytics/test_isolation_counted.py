"""The isolation series from events counted by month and kind (the service read's
fast path, ``graph.frames.event_months_frame``) equals the series from the events
themselves, worked by hand."""

from __future__ import annotations

from analytics.isolation import isolation_series
from graph.frames import event_months_frame, events_frame, measures_frame, ties_frame

from .handmade import tie

NO_MEASURES = measures_frame([])
COLUMNS = ["month", "contacts", "attended", "missed", "attendance_rate", "crisis_contacts",
           "at_risk", "at_risk_basis"]


def detail_and_counts() -> tuple[object, object]:
    """C-1's events from May to 10 June 2025, and the same counted as the service query
    counts them up to as_of 2025-06-10 (the 20 June contact has not happened yet; a
    review is not a counted kind)."""
    rows = [("2025-05-02", "contact"), ("2025-05-09", "contact"), ("2025-05-16", "contact"),
            ("2025-05-23", "contact"), ("2025-05-06", "attended"), ("2025-05-13", "missed"),
            ("2025-05-20", "attended"), ("2025-05-27", "crisis_contact"),
            ("2025-06-03", "contact"), ("2025-06-04", "attended"), ("2025-06-20", "contact"),
            ("2025-06-05", "review")]
    events = events_frame([{"person_id": "C-1", "date": d, "kind": k} for d, k in rows])
    counted = event_months_frame([{
        "person_id": "C-1",
        "date": ["2025-06", "2025-05", "2025-05", "2025-05", "2025-05", "2025-06"],
        "kind": ["contact", "contact", "attended", "missed", "crisis_contact", "attended"],
        "count": [1, 4, 2, 1, 1, 1],
    }])
    return events, counted


def test_counted_events_give_the_series_of_the_events_themselves() -> None:
    # One friend, no contacts a month recorded (so contacts are the contact events only).
    # May: contacts 4; attended 2, missed 1: attendance 2 / 3; crisis 1. 4 contacts is not
    #   fewer than 4, but 1 informal tie is fewer than 2: at risk by the network rule.
    # June, in progress on 2025-06-10: contacts 1 (the 20 June one is after as_of);
    #   attended 1, missed 0: attendance 1.0; crisis 0.
    ties = ties_frame([tie("S-1", "natural", [], None, None)])
    events, counted = detail_and_counts()
    months = ["2025-05", "2025-06"]
    from_events = isolation_series(ties, events, NO_MEASURES, months, as_of="2025-06-10")
    from_counts = isolation_series(ties, counted, NO_MEASURES, months, as_of="2025-06-10")
    assert from_counts[COLUMNS].values.tolist() == from_events[COLUMNS].values.tolist()
    assert from_counts[COLUMNS].values.tolist() == [
        ["2025-05", 4.0, 2.0, 1.0, 2 / 3, 1.0, True, "network"],
        ["2025-06", 1.0, 1.0, 0.0, 1.0, 0.0, True, "network"],
    ]


def test_a_count_weighs_its_row() -> None:
    # Three friends and one counted row of 4 contacts in May: 4 contacts, not 1, so the
    # network rule (3 ties is not fewer than 2; 4 is not fewer than 4) says not at risk.
    ties = ties_frame([tie(f"S-{n}", "natural", [], None, None) for n in (1, 2, 3)])
    counted = event_months_frame([{"person_id": "C-1", "date": ["2025-05"],
                                   "kind": ["contact"], "count": [4]}])
    row = isolation_series(ties, counted, NO_MEASURES, ["2025-05"]).iloc[0]
    assert (row["contacts"], bool(row["at_risk"])) == (4.0, False)


def test_counts_of_several_clients_come_apart_and_in_order() -> None:
    # One record per client, each with its lists: every count keeps its own client, and
    # the frame is in (person, month) order whatever order the lists came in.
    counted = event_months_frame([
        {"person_id": "C-2", "date": ["2025-06", "2025-05"], "kind": ["contact", "missed"],
         "count": [3, 1]},
        {"person_id": "C-1", "date": ["2025-05"], "kind": ["attended"], "count": [2]},
    ])
    assert counted.values.tolist() == [["C-1", "2025-05", "attended", 2],
                                       ["C-2", "2025-05", "missed", 1],
                                       ["C-2", "2025-06", "contact", 3]]
