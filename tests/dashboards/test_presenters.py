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


SUMMARY = ("signals conflict: measures improving: LSNS-6 9 → 16 (2024-07-10 to 2025-06-12); "
           "network contracting: informal ties 4 → 3")


def view(isolation: list[dict], direction: str = "worsening") -> dict:
    return {"isolation": isolation, "isolation_direction": direction,
            "isolation_signals": {"summary": SUMMARY}, "paid_share": 0.625,
            "formal_share": 0.75, "basis": "hours", "reliance_coverage": "4 of 5 ties"}


def month(name: str, at_risk: bool, lsns6: float | None = None, *,
          basis: str = "measures", ties: int = 1) -> dict:
    return {"month": name, "at_risk": at_risk, "at_risk_basis": basis, "lsns6": lsns6,
            "ucla3": None, "ascof_1i": None, "informal_ties": ties, "contacts": 6.0,
            "attended": 0, "missed": 0, "attendance_rate": None, "crisis_contacts": 0}


def test_the_isolation_card_follows_the_latest_month() -> None:
    at_risk = person_view.isolation_card(view([month("2025-05", False, 14),
                                               month("2025-06", True, 9)]))
    recovered = person_view.isolation_card(view([month("2025-05", True, 9),
                                                 month("2025-06", False, basis="network")],
                                                "improving"))
    assert (at_risk.value, recovered.value) == ("at risk", "not at risk")
    # The card names the rule that decided, and says the direction with its evidence.
    assert "validated measures" in at_risk.help and "network rule" in recovered.help
    assert recovered.caption == f"Direction: improving. {SUMMARY}"
    assert person_view.isolation_card(view([])).value == "no data"


def test_the_paid_card_shows_the_share_and_its_basis() -> None:
    card = person_view.paid_card(view([]))
    assert card.value == "62%" and "hours" in card.help and "75%" in card.help
    assert person_view.paid_card({**view([]), "paid_share": None}).value == "–"


def test_the_trend_chart_has_one_scale_per_panel_cut_offs_and_at_risk_months() -> None:
    # LSNS-6 recorded (14, then 9): its panel on 0–30 with the line at 12; no UCLA-3, ASCOF
    # or sessions recorded: no panels for them. The network panels follow: informal ties
    # (0 to at least 4, here 5 as June has 5 ties; rule line at 2), contacts (0–8, line at
    # 4) and crisis contacts (0–2, no line). June is at risk: one shaded month.
    panels = person_view.trend_panels(view([month("2025-05", False, 14),
                                            month("2025-06", True, 9, ties=5)]))
    assert [p["title"] for p in panels] == [
        "LSNS-6 (0–30, higher is more connected)", "Informal ties in use", "Contacts a month",
        "Crisis contacts"]
    lsns6 = panels[0]["spec"]
    assert [v["value"] for v in lsns6["data"]["values"]] == [14, 9]
    shade, line, cut_off = lsns6["layer"]
    assert line["encoding"]["y"]["scale"]["domain"] == [0.0, 30.0]
    assert cut_off["mark"]["type"] == "rule" and cut_off["encoding"]["y"]["datum"] == 12.0
    assert shade["transform"] == [{"filter": "datum.at_risk"}]
    assert [v["at_risk"] for v in lsns6["data"]["values"]] == [False, True]
    ties = panels[1]["spec"]
    assert ties["layer"][1]["encoding"]["y"]["scale"]["domain"] == [0.0, 5.0]
    assert ties["layer"][2]["encoding"]["y"]["datum"] == 2.0
    assert len(panels[3]["spec"]["layer"]) == 2  # crisis contacts: no cut-off line


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


def test_support_nobody_gives_is_named_in_words() -> None:
    view = {"uncovered_functions": ["meals", "personal_care"]}
    assert person_view.uncovered_text(view) == "Needed but not covered: meals, personal care"
