"""Area coverage and small-number suppression: never a count of 1–7, not even by differencing."""

from __future__ import annotations

import itertools

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analytics.coverage import (
    SUPPRESSED,
    WITHHELD,
    area_coverage,
    disclose,
    only_connection_assets,
    suppress,
    unmet_interests,
)

AS_OF = "2025-06-30"


def test_suppress_rule() -> None:
    assert [suppress(n) for n in range(0, 19)] == [
        0, "*", "*", "*", "*", "*", "*", "*", 10, 10, 10, 10, 10, 15, 15, 15, 15, 15, 20]


@given(st.integers(min_value=0, max_value=10_000))
def test_no_published_count_is_between_one_and_seven(count: int) -> None:
    shown = suppress(count)
    assert shown == SUPPRESSED or (shown == 0 and count == 0) or (shown % 5 == 0 and shown >= 10)
    if shown != SUPPRESSED:
        assert abs(shown - count) <= 2


def _could_be(shown: int | str, limit: int) -> set[int]:
    if shown == WITHHELD:
        return set(range(limit + 1))
    return {n for n in range(limit + 1) if suppress(n) == shown}


def _could_be_total(shown: int | str, total: int) -> bool:
    return shown == WITHHELD or suppress(total) == shown


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=22), min_size=1, max_size=3))
@example([1, 8, 8])  # 15 - 10 - 10 pins the * to 1 unless the total is withheld
@example([6, 8])
def test_a_total_and_its_parts_never_pin_a_suppressed_count(parts: list[int]) -> None:
    # Publish the parts and their total (from exact counts), then enumerate every table
    # of exact counts an outsider could reconstruct from what is shown. Each suppressed
    # part must stay ambiguous (at least two possible values).
    table = pd.DataFrame({"part": [*map(str, range(len(parts))), "all"],
                          "count": [*parts, sum(parts)]})
    shown = disclose(table, ["count"], margins=["part"])["count"].tolist()
    limit = 3 * 22 + 5
    options = [_could_be(value, limit) for value in shown[:-1]]
    consistent = [combo for combo in itertools.product(*options)
                  if _could_be_total(shown[-1], sum(combo))]
    assert tuple(parts) in consistent
    for i, value in enumerate(shown[:-1]):
        if value == SUPPRESSED:
            assert len({combo[i] for combo in consistent}) >= 2, (parts, shown)
    if shown[-1] == SUPPRESSED:
        assert len({sum(combo) for combo in consistent}) >= 2


def directory() -> pd.DataFrame:
    # North: 2 cafes (one overdue), 9 libraries; South: 1 club.
    rows = [("A-c1", "cafe", "North", "2026-01-01", ["social"]),
            ("A-c2", "cafe", "North", "2025-01-01", ["music"])]
    rows += [(f"A-l{i}", "library", "North", "2026-01-01", ["reading"]) for i in range(9)]
    rows += [("A-s1", "club", "South", "2026-01-01", ["chess"])]
    return pd.DataFrame([{"asset_id": a, "name": a, "category": c, "area": r, "review_due": d,
                          "tags": t, "approved": True} for a, c, r, d, t in rows])


def groups() -> pd.DataFrame:
    # North: 9 clients attend cafe c1 only, 3 attend c1 and library l0 (listed in both orders),
    # 20 have no connection. South: 2 attend the club, 4 have none.
    return pd.DataFrame({"area": ["North", "North", "North", "North", "South", "South"],
                         "assets": [["A-c1"], ["A-c1", "A-l0"], ["A-l0", "A-c1"], [],
                                    ["A-s1"], []],
                         "clients": [9, 2, 1, 20, 2, 4]})


def test_area_coverage_worked_by_hand() -> None:
    table = area_coverage(directory(), groups(), as_of=AS_OF).set_index(["area", "category"])
    # Counts of assets are published exact: North has 2 cafes (1 overdue), 9 libraries.
    # North cafe: clients connected 9 + 3 = 12 -> 10.
    assert table.loc[("North", "cafe")][["approved_assets", "overdue_reviews",
                                          "clients_connected"]].tolist() == [2, 1, 10]
    # North library: 3 clients -> *.
    assert table.loc[("North", "library")][["approved_assets", "overdue_reviews",
                                             "clients_connected"]].tolist() == [9, 0, "*"]
    # North all: 11 assets, 1 overdue; 32 clients -> 30; 12 connected would show 10
    # beside cafe 10 and library *, narrowing the * to a value or two: withheld (c).
    assert table.loc[("North", "all")][["approved_assets", "overdue_reviews", "clients",
                                         "clients_connected"]].tolist() == [11, 1, 30, "c"]
    # South: 1 asset; 6 clients (*), 2 connected (*).
    assert table.loc[("South", "all")][["approved_assets", "clients",
                                         "clients_connected"]].tolist() == [1, "*", "*"]
    # Everywhere: 12 assets; 38 clients would show 40 beside North 30 and South *:
    # 40 - 30 leaves South's * to 6..7 or so, so it is withheld (c); 14 connected -> 15
    # (its parts, North c and South *, hold two hidden cells).
    assert table.loc[("all", "all")][["approved_assets", "clients",
                                       "clients_connected"]].tolist() == [12, "c", 15]
    assert table.loc[("South", "club")]["clients_connected"] == "*"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["North", "South"]),
                          st.lists(st.sampled_from(["A-c1", "A-c2", "A-l0", "A-s1"]), max_size=3),
                          st.integers(min_value=1, max_value=30)), max_size=8))
def test_area_coverage_publishes_no_small_count(rows: list) -> None:
    random_groups = pd.DataFrame(rows, columns=["area", "assets", "clients"])
    table = area_coverage(directory(), random_groups, as_of=AS_OF)
    for column in ("clients", "clients_connected"):  # counts of people (assets are exact)
        for value in table[column]:
            assert value in (SUPPRESSED, WITHHELD, "", 0) or (
                isinstance(value, int) and value >= 10 and value % 5 == 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["North", "South"]),
                          st.lists(st.sampled_from(["A-c1", "A-c2", "A-l0", "A-s1"]), max_size=3),
                          st.integers(min_value=1, max_value=30)), max_size=8))
def test_no_total_holds_exactly_one_hidden_cell(rows: list) -> None:
    # Secondary suppression's invariant, on every row and column of the published table.
    table = area_coverage(directory(), pd.DataFrame(rows, columns=["area", "assets", "clients"]),
                          as_of=AS_OF)
    hidden = table[["approved_assets", "overdue_reviews", "clients_connected"]].isin(
        [SUPPRESSED, WITHHELD])
    for margin in ("area", "category"):
        other = "category" if margin == "area" else "area"
        for _, block in hidden.groupby(table[other]):
            assert (block.sum() != 1).all(), table.loc[block.index]


def test_unmet_interests() -> None:
    # North holds reading (served by libraries), music (only served by the overdue cafe:
    # unmet), gardening (unmet). South: chess served.
    # Gardening is held by 3 clients only, and one client's own words ("12 Acacia Ave
    # (Mrs Patel)") by one: clients' free text is named only when 8 or more share it.
    # "Faraway" is no directory area: not named either.
    counts = pd.DataFrame({"area": ["North", "North", "North", "South", "North", "Faraway"],
                           "interest": ["reading", "music", "gardening", "chess",
                                        "12 Acacia Ave (Mrs Patel)", "music"],
                           "clients": [30, 12, 3, 9, 1, 20]})
    assert unmet_interests(directory(), counts, as_of=AS_OF).values.tolist() == [
        ["North", "music", 10]]


def test_commissioner_tables_are_ordered_by_the_published_value() -> None:
    # Exact 12, 9, 11 and 8 all publish as 10: ordered by name, so the order gives
    # none of the exact values away (sorting on them would read walking, cards, music, art).
    counts = pd.DataFrame({"area": ["North"] * 4, "interest": ["walking", "art", "music", "cards"],
                           "clients": [12, 8, 9, 11]})
    table = unmet_interests(directory(), counts, as_of=AS_OF)
    assert list(table["interest"]) == ["art", "cards", "music", "walking"]
    assert set(table["clients"]) == {10}


def test_only_connection_assets() -> None:
    # Cafe c1 is the only connection of 9 North clients (the 3 with the library too are not
    # counted); the club of 2 South clients is below the minimum of 3.
    found = only_connection_assets(groups(), directory(), min_clients=3)
    assert found[["area", "asset_id", "clients"]].values.tolist() == [["North", "A-c1", 10]]
    assert only_connection_assets(groups(), directory(), min_clients=2)["clients"].tolist() == [
        10, "*"]


def test_unmet_needs_counts_each_reason_and_orders_by_published_value() -> None:
    import pandas as pd

    from analytics.coverage import unmet_needs

    # North, as counted by the store (analytics.fit.fit_rules): 20 clients the choir
    # fits, 11 who need a hearing loop it lacks, 9 whose risks its safeguarding does not
    # answer, 12 whose garden club is overdue, 8 already attending the choir, and in
    # South 3 with no asset at all.
    counts = pd.DataFrame([
        ("N", None, 20), ("N", "access_needs_not_met", 11), ("N", "safeguarding_not_met", 9),
        ("N", "overdue_for_review", 12), ("N", "already_connected", 8),
        ("S", "no_asset_for_interests", 3)], columns=["area", "code", "clients"])
    table = unmet_needs(counts)
    rows = [tuple(row) for row in table.to_numpy().tolist()]
    # Published: 12 -> 10, 11 -> 10, 9 -> 10, 3 -> *; each reason's "all" row totals
    # that reason only (South's 3 alone: the total is 3 as well, so * too).
    assert ("N", "no asset meets their access needs", 10) in rows
    assert ("N", "no asset's safeguarding answers their risks", 10) in rows
    assert ("N", "the assets for their interests are overdue for review", 10) in rows
    assert ("S", "no approved asset for their interests", "*") in rows
    assert ("all", "no approved asset for their interests", "*") in rows
    assert ("all", "no asset meets their access needs", 10) in rows
    assert not any("connected" in str(row[1]) for row in rows)
    # Ordered by the published count then area and reason: the three North 10s appear
    # in name order, not in the order of their exact counts (12, 11, 9).
    tens = [row for row in rows if row[2] == 10 and row[0] == "N"]
    assert tens == sorted(tens)


def test_unmet_interests_with_nothing_to_name_is_an_empty_table() -> None:
    counts = pd.DataFrame({"area": ["North"], "interest": ["gardening"], "clients": [3]})
    table = unmet_interests(directory(), counts, as_of=AS_OF)
    assert table.empty and list(table.columns) == ["area", "interest", "clients"]
