"""Small networks built by hand for the analytics tests (the same people as data/*.csv)."""

from __future__ import annotations

import pandas as pd

from graph.frames import client_record, history_graph, knows_frame, ties_frame

AS_OF = "2025-06-30"


def tie(to_id: str, kind: str, functions: list[str], hours: float | None, contacts: float | None,
        *, strength: int | None = None, since: str | None = "2020-01-01", until: str | None = None,
        status: str | None = None, enabled_by: list[str] | None = None, to_type: str = "person",
        person_id: str = "C-1") -> dict:
    return {"person_id": person_id, "tie_id": f"{person_id}>{to_id}@{since}", "to_id": to_id,
            "to_type": to_type, "name": to_id, "kind": kind, "functions": functions,
            "hours_per_week": hours, "contacts_per_month": contacts, "strength": strength,
            "since": since, "until": until, "status": status, "enabled_by": enabled_by or []}


def edna_ties() -> pd.DataFrame:
    """Edna (C-1) as in data/ties.csv."""
    return ties_frame([
        tie("S-1", "natural", ["emotional", "shopping"], 4, 8, strength=5, since="2010-01-01"),
        tie("S-2", "natural", ["transport", "check_in"], 1.5, 8, strength=4, since="2015-06-01"),
        tie("S-5", "natural", ["emotional"], 1, 4, strength=2, since="2018-01-01"),
        tie("S-3", "natural", ["emotional"], 1, 2, strength=3, since="2012-01-01",
            until="2025-03-01"),
        tie("A-1", "community", ["social"], 2, 4, strength=3, since="2025-01-01",
            status="attending", enabled_by=["S-2"], to_type="asset"),
        tie("SVC-HC", "paid", ["personal_care", "meals"], 10, 40, since="2024-01-01",
            to_type="service"),
        tie("SVC-GP", "professional", ["medication"], 0.5, 1, since="2020-01-01",
            to_type="service"),
    ])


def edna_knows() -> pd.DataFrame:
    return knows_frame([
        {"a_id": "S-1", "b_id": "S-2", "since": "2015-06-01", "until": None},
        {"a_id": "S-5", "b_id": "S-2", "since": "2018-01-01", "until": None},
        {"a_id": "S-2", "b_id": "S-4", "since": "2015-06-01", "until": None},
    ])


def edna_client() -> dict:
    return client_record({
        "person_id": "C-1", "area": "North", "service": "SVC-A", "practitioner": "PR-1",
        "interests": ["gardening", "music"], "access_needs": ["step_free"],
        "risks": ["exploitation"],
        "functions_needed": ["shopping", "transport", "check_in", "finances"],
    })


def edna_history():
    return history_graph(edna_client(), edna_ties(), edna_knows())
