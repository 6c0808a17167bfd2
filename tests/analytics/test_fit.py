"""Asset fit against the fixture directory (data/assets.csv), worked by hand: what is
suggested, what is not because it does not meet an access need, and why nothing fits."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics.fit import asset_fit, assets_serving, no_fit_reason
from graph.frames import assets_frame, records

from .handmade import AS_OF, edna_client

DATA = Path(__file__).parent / "data"


def directory() -> pd.DataFrame:
    raw = pd.read_csv(DATA / "assets.csv", dtype=str, keep_default_na=False)
    rows = []
    for record in raw.to_dict("records"):
        row: dict = {k: (v or None) for k, v in record.items()}
        for column in ("tags", "accessibility", "safeguarding"):
            row[column] = [x for x in (record[column] or "").split(";") if x]
        row["approved"] = record["approved"] == "yes"
        rows.append(row)
    return assets_frame(rows)


def test_edna_suggestions_worked_by_hand() -> None:
    # Edna: North, interests gardening + music, access step_free, risk exploitation
    # (needs staff_present or safeguarding_pathway). Already attending A-1.
    #   A-1 cafe: connected already -> out.   A-2 allotments: no safeguarding -> out.
    #   A-3 choir: music 1/2 -> 25, step_free 1/1 -> 30, free 20 = 75.
    #   A-4 garden club: review due 2025-01-01 < as_of -> overdue, out.
    #   South -> out.   A-6: not approved -> out.
    #   A-7 circle: gardening + music 2/2 -> 50, step_free 30, paid 0 = 80.
    found = asset_fit(edna_client(), directory(), as_of=AS_OF, connected=["A-1"])
    assert [(s["asset_id"], s["score"]) for s in found] == [("A-7", 80.0), ("A-3", 75.0)]
    reasons = found[1]["reasons"]
    # Reasons in plain words, no codes.
    assert "serves their interests: music" in reasons
    assert "meets every access need: step-free access" in reasons
    assert "safeguarding answers their risks: exploitation (staff present)" in reasons
    assert "cost: free" in reasons
    # Something fits, so there is no "nothing fits" reason.
    assert no_fit_reason(edna_client(), directory(), as_of=AS_OF, connected=["A-1"]) is None


def test_an_asset_overdue_for_review_is_never_suggested() -> None:
    # On 2024-06-30 the garden club (due 2025-01-01) is in date and enters the list (for
    # Edna without access needs: the club records no step-free access); a day after its
    # due date it never does, whatever the client.
    no_needs = {**edna_client(), "access_needs": []}
    before = asset_fit(no_needs, directory(), as_of="2024-06-30", connected=["A-1"])
    assert "A-4" in [s["asset_id"] for s in before]
    anyone = {"area": "North", "interests": [], "access_needs": [], "risks": []}
    after = asset_fit(anyone, directory(), as_of="2025-01-02")
    assert "A-4" not in [s["asset_id"] for s in after]


def test_without_risks_or_interests_every_approved_in_date_local_asset_fits() -> None:
    # No interests: 50; no access needs: 30; cost free 20 / low 10 / paid 0.
    anyone = {"area": "North", "interests": [], "access_needs": [], "risks": []}
    found = asset_fit(anyone, directory(), as_of=AS_OF)
    assert [(s["asset_id"], s["score"]) for s in found] == [
        ("A-2", 100.0), ("A-3", 100.0), ("A-1", 90.0), ("A-7", 80.0)]


def hall(asset_id: str, name: str, accessibility: list[str], *, tags: tuple[str, ...] = ("music",),
         review_due: str = "2026-01-01") -> dict:
    """A free, approved North asset with staff present (answers every listed risk)."""
    return {"asset_id": asset_id, "name": name, "category": "arts_culture", "area": "North",
            "tags": list(tags), "accessibility": accessibility, "cost": "free",
            "safeguarding": ["staff_present"], "approved": True, "review_due": review_due}


def test_an_asset_meeting_no_access_need_is_not_suggested_and_the_need_is_named() -> None:
    # Music lover who needs a hearing loop and step-free access.
    #   Choir: seating only -> meets 0 of 2 -> never suggested.
    #   Band: step-free only -> meets 1 of 2 -> never suggested either (every need must be met).
    #   Concert hall: both -> suggested: music 1/1 -> 50, access 30, free 20 = 100.
    client = {"area": "North", "interests": ["music"], "access_needs": ["hearing_loop", "step_free"],
              "risks": []}
    assets = assets_frame([hall("H-1", "Choir", ["seating"]), hall("H-2", "Band", ["step_free"]),
                           hall("H-3", "Concert hall", ["hearing_loop", "step_free", "seating"])])
    found = asset_fit(client, assets, as_of=AS_OF)
    assert [(s["asset_id"], s["score"]) for s in found] == [("H-3", 100.0)]
    assert "meets every access need: a hearing loop, step-free access" in found[0]["reasons"]
    # Without the concert hall nothing fits, and the reason names both missing needs
    # (the choir lacks both, the band lacks the loop).
    only_short = assets_frame([hall("H-1", "Choir", ["seating"]), hall("H-2", "Band", ["step_free"])])
    assert asset_fit(client, only_short, as_of=AS_OF) == []
    assert no_fit_reason(client, only_short, as_of=AS_OF) == {
        "code": "access_needs_not_met",
        "reason": "2 approved assets in North serve their interests (music), but 2 do not "
                  "offer a hearing loop or step-free access."}


def test_nothing_fits_edna_with_a_hearing_loop_need_and_each_asset_says_why() -> None:
    # Edna (gardening, music; exploitation risk) also needing a hearing loop; connected to A-1.
    # Each North asset stops at the first rule it fails:
    #   A-1 cafe (music): in date, connected already        -> already connected
    #   A-2 allotments (gardening): no staff or pathway     -> safeguarding
    #   A-3 choir (music): staff present, step-free only    -> access (no hearing loop)
    #   A-4 garden club (gardening): due 2025-01-01         -> overdue
    #   A-7 circle (both): pathway, step-free only          -> access (no hearing loop)
    #   A-5 is in the South and A-6 is not approved: not candidates at all.
    # Five serve her interests; the furthest any got is the access rule.
    client = {**edna_client(), "access_needs": ["step_free", "hearing_loop"]}
    assert asset_fit(client, directory(), as_of=AS_OF, connected=["A-1"]) == []
    assert no_fit_reason(client, directory(), as_of=AS_OF, connected=["A-1"]) == {
        "code": "access_needs_not_met",
        "reason": "5 approved assets in North serve their interests (gardening, music), but 1 "
                  "is overdue for review, they are already connected to 1, 1 lacks the "
                  "safeguarding their risks need (exploitation) and 2 do not offer a hearing loop."}


def reason(interests: list[str], *, area: str = "North", risks: list[str] | None = None,
           connected: tuple[str, ...] = (), as_of: str = AS_OF) -> dict | None:
    client = {"area": area, "interests": interests, "access_needs": [], "risks": risks or []}
    assert (asset_fit(client, directory(), as_of=as_of, connected=connected) == []) == (
        no_fit_reason(client, directory(), as_of=as_of, connected=connected) is not None)
    return no_fit_reason(client, directory(), as_of=as_of, connected=connected)


def test_nothing_fits_for_each_reason() -> None:
    # No North asset is tagged football.
    assert reason(["football"]) == {
        "code": "no_asset_for_interests",
        "reason": "No approved asset in North serves their interests (football)."}
    # No interests recorded, and the East has no assets at all.
    assert reason([], area="East") == {
        "code": "no_asset_for_interests", "reason": "No approved asset in East is listed."}
    # On 2026-03-01 the gardening assets A-2 (due 2026-01-01), A-4 (2025-01-01) and A-7
    # (2026-02-01) are all overdue; A-6 is not approved.
    assert reason(["gardening"], as_of="2026-03-01") == {
        "code": "overdue_for_review",
        "reason": "3 approved assets in North serve their interests (gardening), but 3 are "
                  "overdue for review."}
    # Music, all already connected.
    assert reason(["music"], connected=("A-1", "A-3", "A-7")) == {
        "code": "already_connected",
        "reason": "3 approved assets in North serve their interests (music), but they are "
                  "already connected to 3."}
    # Gardening with an exploitation risk, connected to A-7: A-2 has no staff or pathway,
    # A-4 is overdue, A-7 is connected; the furthest rule reached is safeguarding.
    assert reason(["gardening"], risks=["exploitation"], connected=("A-7",)) == {
        "code": "safeguarding_not_met",
        "reason": "3 approved assets in North serve their interests (gardening), but 1 is "
                  "overdue for review, they are already connected to 1 and 1 lacks the "
                  "safeguarding their risks need (exploitation)."}


def test_the_area_counts_in_the_store_agree_with_no_fit_reason_for_every_client(
        store, tmp_path) -> None:
    """The area view counts clients nothing fits in the store (``fit_rules`` and
    ``cypher/area_unmet_needs.cypher``); the person view asks ``no_fit_reason`` of one
    client. On a 200-client demo area, on three dates (some assets overdue on each, real
    connections), both give every client the same code."""
    from collections import Counter

    from analytics.fit import FUNNEL_CODES, fit_rules
    from graph import reads
    from graph.model import ACTIVE_CONNECTION_STATUSES
    from graph.scope import Scope
    from ingest.demo import write_demo_csvs
    from ingest.importer import import_paths

    write_demo_csvs(tmp_path, people=200, seed=3)
    assert import_paths(store, [tmp_path], actor="test").ok
    system = Scope.system("test")
    clients = [reads.person_data(store, system, client_id)
               for client_id in reads.clients_in_scope(store, system)["person_id"]]
    active = {status.value for status in ACTIVE_CONNECTION_STATUSES}
    for as_of in ("2025-03-15", "2026-01-31", "2026-10-31"):
        area = reads.area_data(store, system, as_of=as_of, no_fit_rules=lambda assets, day=as_of: {
            "rules": fit_rules(assets, as_of=day), "codes": list(FUNNEL_CODES)})
        assert area is not None
        expected: Counter = Counter()
        for data in clients:
            ties = data.ties
            connected = ties.loc[(ties["to_type"] == "asset") & ties["status"].isin(active)
                                 & ties["since"].fillna("").le(as_of)
                                 & ties["until"].fillna("9999").gt(as_of), "to_id"]
            found = no_fit_reason(data.client, area.assets, as_of=as_of, connected=connected)
            expected[(data.client["area"], None if found is None else found["code"])] += 1
        counted = {(row["area"], row["code"]): row["clients"]
                   for row in area.no_fit_counts.to_dict("records")}
        assert counted == dict(expected), as_of
        assert len({code for _, code in expected}) >= 4  # several reasons, and some fits


def test_an_approved_asset_that_is_not_running_is_never_suggested() -> None:
    # For anyone in North: A-2 100, A-3 100, A-1 90, A-7 80 (test above). Mark A-2
    # defunct and A-3 withdrawn, both still approved: only are left; an
    # "active" status changes nothing.
    assets = directory()
    status = {"A-2": "defunct", "A-3": "withdrawn", "A-1": "active"}
    assets["status"] = [status.get(asset_id) for asset_id in assets["asset_id"]]
    anyone = {"area": "North", "interests": [], "access_needs": [], "risks": []}
    found = asset_fit(anyone, assets, as_of=AS_OF)
    assert [(s["asset_id"], s["score"]) for s in found] == [("A-1", 90.0), ("A-7", 80.0)]


def test_the_directory_as_records_answers_as_the_frame() -> None:
    """The person view turns the directory into records once and asks the three rules of
    them: each must answer exactly as from the frame, for fitting and unfitting clients."""
    frame = directory()
    rows = records(frame)
    clients = [edna_client(), {**edna_client(), "access_needs": ["hearing_loop"]},
               {"area": "North", "interests": ["football"], "access_needs": [], "risks": []},
               {"area": "South", "interests": [], "access_needs": [], "risks": []}]
    for client in clients:
        for as_of in (AS_OF, "2024-06-30"):
            asked = {"as_of": as_of, "connected": ["A-1"]}
            assert asset_fit(client, rows, **asked) == asset_fit(client, frame, **asked)
            assert no_fit_reason(client, rows, **asked) == no_fit_reason(client, frame, **asked)
            assert (assets_serving(client, rows, ["shopping", "meals"], **asked)
                    == assets_serving(client, frame, ["shopping", "meals"], **asked))
