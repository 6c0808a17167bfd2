"""The pages' presenters on hand-made view values: each test names the breakage it
catches (a filter removed, a card hard-coded, a chart emptied, a loss zeroed)."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pandas as pd

from dashboards import person_view, service_view, tables

TODAY = date(2025, 6, 30)
ROWS = [
    {"id": "A-1", "name": "Garden club", "area": "North", "category": "green_space",
     "accessibility": ["step_free", "seating"], "cost": "free", "review_due": "2026-01-01"},
    {"id": "A-2", "name": "Choir", "area": "South", "category": "music",
     "accessibility": ["step_free"], "cost": "low", "review_due": "2026-01-01"},
    {"id": "A-3", "name": "Old café", "area": "North", "category": "cafe",
     "accessibility": [], "cost": "free", "review_due": "2024-01-01"},
]


def kept(**choice: object) -> list[str]:
    chosen = {"areas": [], "categories": [], "access": [], "free_only": False,
              "hide_overdue": False, **choice}
    return [row["id"] for row in tables.filter_directory(ROWS, today=TODAY, **chosen)]


def test_each_directory_filter_narrows_the_list() -> None:
    assert kept() == ["A-1", "A-2", "A-3"]
    assert kept(areas=["North"]) == ["A-1", "A-3"]
    assert kept(categories=["music"]) == ["A-2"]
    assert kept(access=["seating"]) == ["A-1"]
    assert kept(free_only=True) == ["A-1", "A-3"]
    assert kept(hide_overdue=True) == ["A-1", "A-2"]


def view(isolation: list[dict], direction: str = "worsening") -> dict:
    return {"isolation": isolation, "isolation_direction": direction, "paid_share": 0.625,
            "formal_share": 0.75, "basis": "hours"}


def month(name: str, score: float, at_risk: bool, lsns6: float | None = None) -> dict:
    return {"month": name, "score": score, "at_risk": at_risk, "informal_ties": 1,
            "lsns6": lsns6, "ucla3": None}


def test_the_isolation_card_follows_the_latest_month() -> None:
    at_risk = person_view.isolation_card(view([month("2025-05", 40, False),
                                               month("2025-06", 70, True)]))
    recovered = person_view.isolation_card(view([month("2025-05", 70, True),
                                                 month("2025-06", 30, False)], "improving"))
    assert (at_risk.value, recovered.value) == ("at risk", "not at risk")
    assert recovered.caption == "Trend over the last three months: improving"
    assert person_view.isolation_card(view([])).value == "no data"


def test_the_paid_card_shows_the_share_and_its_basis() -> None:
    card = person_view.paid_card(view([]))
    assert card.value == "62%" and "hours" in card.help and "75%" in card.help
    assert person_view.paid_card({**view([]), "paid_share": None}).value == "–"


def test_the_trend_chart_carries_every_month_and_scale() -> None:
    frame = person_view.trend_chart_frame(view([month("2025-05", 40, False, 14),
                                                month("2025-06", 70, True, 9)]))
    assert list(frame.index) == ["2025-05", "2025-06"]
    assert frame["Isolation score (0–100)"].tolist() == [40, 70]
    assert frame["LSNS-6 (0–30)"].tolist() == [14, 9]


def test_what_if_names_and_counts_what_is_lost() -> None:
    graph = nx.Graph(ego="C-1")
    graph.add_node("C-1")
    graph.add_node("S-1", name="Daughter")
    graph.add_node("A-1", name="Lunch club")
    graph.add_edge("C-1", "S-1", kind="natural")
    result = {"tie": "S-1", "ties_lost": ["S-1"], "dependent_connections": ["A-1"],
              "functions_uncovered": ["shopping"], "hours_lost": 5.5, "contacts_lost": 8,
              "split_groups": [], "unreachable": []}
    summary = person_view.what_if_summary({"network": graph}, result)
    assert summary["Ties lost"] == "Daughter"
    assert summary["Connections that depend on it"] == "Lunch club"
    assert summary["Functions left uncovered"] == "shopping"
    assert (summary["Hours/week lost"], summary["Contacts/month lost"]) == ("5.5", "8")


def test_the_paid_share_distribution_counts_each_band() -> None:
    table = pd.DataFrame({"paid_share": [0.05, 0.15, 0.95, 1.0, None]})
    bands = service_view.distribution(table)["Clients"]
    assert bands["0–10%"] == 1 and bands["10–20%"] == 1 and bands["90–100%"] == 2
    assert bands.sum() == 4, "clients with no recorded share are not counted"
