"""Area coverage of community assets, and the small-number suppression every aggregate goes through.

Suppression follows NHS Digital / ONS statistical disclosure control practice for
published health and social care counts (e.g. NHS Digital's *Disclosure control
method for the Adult Social Care Activity and Finance Report*; ONS *Disclosure
control guidance for tables*): a count of 1 to 7 is shown as ``*``, every other
count is rounded to the nearest 5, and 0 is shown as 0.

``disclose`` is the one function that turns exact counts into figures anyone may
see; every aggregate output of this module (and ``only_connection_assets``) is
built from exact counts and passes through it last. Totals are computed from the
*exact* counts, never from displayed cells, and are then suppressed and rounded
like any other cell.

Rounding alone does not stop differencing: parts 1, 8, 8 publish as ``*``, 10, 10
with a total of 15, and 15 - 10 - 10 leaves only 1 for the ``*``. So ``disclose``
also applies secondary suppression (ONS guidance: no row or column of a table may
hold exactly one withheld cell): wherever a total and its parts hold exactly one
hidden cell, the total is withheld too (or, if the total was the hidden one, its
smallest non-zero part), shown as ``c``, repeated until no total has exactly one
hidden cell. ``tests/analytics/test_coverage.py`` checks by enumerating every
table consistent with a published one that no ``*`` is ever pinned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from analytics.fit import offered
from analytics.review import overdue_for_review
from graph.model import AssetCategory

SUPPRESSED = "*"
WITHHELD = "c"  # secondary suppression: withheld so that a ``*`` cannot be worked out
SUPPRESS_FROM = 1
SUPPRESS_TO = 7
ROUND_TO = 5
ALL = "all"
#: A term that clients' records supply (an interest, an area the directory does not
#: use) is published only when at least this many clients hold it: one client's free
#: text ("12 Acacia Ave (Mrs Patel)") must never reach a commissioner.
VOCABULARY_MIN_CLIENTS = SUPPRESS_TO + 1


def public_areas(assets: pd.DataFrame, connection_groups: pd.DataFrame) -> set[Any]:
    """Areas that may be named on a commissioner's page: the directory's areas, and an
    area recorded only on clients when at least ``VOCABULARY_MIN_CLIENTS`` hold it.

    >>> assets = pd.DataFrame({"area": ["N"]})
    >>> groups = pd.DataFrame({"area": ["N", "12 Acacia Ave", "S"], "clients": [3, 1, 9]})
    >>> sorted(public_areas(assets, groups))
    ['N', 'S']
    """
    held = connection_groups.groupby("area", dropna=False)["clients"].sum()
    return set(assets["area"].dropna()) | set(held[held >= VOCABULARY_MIN_CLIENTS].index)


def suppress(count: int | float) -> int | str:
    """One exact count as it may be published: 0 as 0, 1–7 as ``*``, others to the nearest 5.

    Examples
    --------
    >>> [suppress(n) for n in (0, 1, 7, 8, 12, 13, 102)]
    [0, '*', '*', 10, 10, 15, 100]
    """
    exact = int(count)
    if exact < 0:
        raise ValueError("counts are never negative")
    if exact == 0:
        return 0
    if SUPPRESS_FROM <= exact <= SUPPRESS_TO:
        return SUPPRESSED
    return ROUND_TO * ((exact + ROUND_TO // 2) // ROUND_TO)


def disclose(table: pd.DataFrame, count_columns: Iterable[str],
             margins: Sequence[str] = ()) -> pd.DataFrame:
    """A copy of ``table`` with every count column passed through ``suppress``, and
    secondary suppression wherever a total would give away a suppressed count.

    This is the only way aggregate counts leave ``analytics``. Totals must already be
    rows of ``table``, computed from exact counts, marked ``all`` in a ``margins``
    column: a row whose ``area`` is ``all`` is the total of the rows that agree with
    it on the other margins and have a real area.

    Examples
    --------
    >>> disclose(pd.DataFrame({"area": ["N", "S"], "clients": [3, 41]}), ["clients"])
      area clients
    0    N       *
    1    S      40
    >>> table = pd.DataFrame({"area": ["N", "S", "E", "all"], "clients": [1, 8, 8, 17]})
    >>> disclose(table, ["clients"], margins=["area"])["clients"].tolist()
    ['*', 10, 10, 'c']
    """
    published = table.copy()
    relations = _total_relations(table, margins)
    for column in count_columns:
        shown: list[Any] = [suppress(value) for value in table[column]]
        exact = [int(value) for value in table[column]]
        for position in _secondary_cells(shown, exact, relations):
            shown[position] = WITHHELD
        published[column] = pd.Series(shown, index=table.index, dtype=object)
    return published


def _total_relations(table: pd.DataFrame, margins: Sequence[str]) -> list[list[int]]:
    """``[total, *parts]`` row positions for each ``all`` row of each margin column."""
    relations = []
    keys = table[list(margins)].astype(str).to_numpy() if margins else None
    for column_index, _ in enumerate(margins):
        assert keys is not None
        others = [i for i in range(len(margins)) if i != column_index]
        for total in (row for row in range(len(table)) if keys[row, column_index] == ALL):
            parts = [row for row in range(len(table)) if keys[row, column_index] != ALL
                     and all(keys[row, i] == keys[total, i] for i in others)]
            relations.append([total, *parts])
    # Subtotals first: withholding a subtotal often settles its grand total's relation
    # too, so the grand total can stay published.
    if keys is not None:
        relations.sort(key=lambda relation: int((keys[relation[0]] == ALL).sum()))
    return relations


def _secondary_cells(shown: list[Any], exact: list[int], relations: list[list[int]]) -> set[int]:
    """Cells to withhold so that no relation holds exactly one hidden cell."""
    hidden = {position for position, value in enumerate(shown) if value == SUPPRESSED}
    withheld: set[int] = set()
    changed = True
    while changed:
        changed = False
        for total, *parts in relations:
            if sum(cell in hidden for cell in (total, *parts)) != 1:
                continue
            candidates = [total] if total not in hidden else sorted(
                (cell for cell in parts if exact[cell] > 0), key=lambda cell: exact[cell])
            if candidates:
                hidden.add(candidates[0])
                withheld.add(candidates[0])
                changed = True
    return withheld


def directory_health(assets: pd.DataFrame, *, as_of: str) -> pd.DataFrame:
    """Per area and in all: assets listed, not approved, and approved but overdue for
    review (``overdue_for_review``). Counts of assets, so published exact.

    Examples
    --------
    >>> assets = pd.DataFrame({"asset_id": [f"A{i}" for i in range(12)], "area": ["N"] * 12,
    ...     "approved": [True] * 10 + [False] * 2, "review_due": ["2020-01-01"] * 12})
    >>> directory_health(assets, as_of="2025-01-31").values.tolist()
    [['N', 12, 2, 10], ['all', 12, 2, 10]]
    """
    flagged = assets.assign(
        unapproved=~assets["approved"],
        overdue=assets["approved"] & overdue_for_review(assets, as_of))
    counts = flagged.groupby("area", dropna=False).agg(
        listed=("asset_id", "count"), unapproved=("unapproved", "sum"), overdue=("overdue", "sum"))
    counts.loc[ALL] = counts.sum()
    return counts.reset_index().astype({"listed": int, "unapproved": int, "overdue": int})


def _group_sets(connection_groups: pd.DataFrame) -> pd.DataFrame:
    """Groups with their asset ids as a sorted tuple, re-summed (one row per set)."""
    groups = connection_groups.assign(
        assets=[tuple(sorted(set(ids))) for ids in connection_groups["assets"]]
    )
    return groups.groupby(["area", "assets"], as_index=False, dropna=False)["clients"].sum()


def area_coverage(
    assets: pd.DataFrame, connection_groups: pd.DataFrame, *, as_of: str
) -> pd.DataFrame:
    """Per area and asset category: approved assets, approved assets overdue for review,
    and clients with an active community connection; counts of clients suppressed,
    counts of assets exact.

    Parameters
    ----------
    assets : DataFrame
        The directory (``asset_id, category, area, approved, review_due``).
    connection_groups : DataFrame
        ``area, assets, clients``: clients grouped by their area and the set of assets
        they have an active community connection to (``graph.reads.area_data``).
    as_of : str
        Date for "overdue".

    Returns
    -------
    DataFrame
        ``area, category, approved_assets, overdue_reviews, clients, clients_connected``
        where ``clients`` is every client of the area (on the area's ``all`` row only,
        blank elsewhere) and ``clients_connected`` counts clients with an active
        connection to an asset of that category (a client connected to two categories
        counts in both). Each area has an ``all`` row and the table ends with an
        ``all``/``all`` row; totals count distinct assets and clients from exact data.
        Every count of clients has been through ``disclose``; counts of assets are exact
        (an asset is no person, and the directory lists them all by name anyway).

    Examples
    --------
    North: one approved café (reviewed) and one approved library overdue; 10 clients,
    8 of them attend the café:

    >>> assets = pd.DataFrame({"asset_id": ["A1", "A2"], "category": ["cafe", "library"],
    ...     "area": ["N", "N"], "approved": [True, True],
    ...     "review_due": ["2026-01-01", "2024-01-01"]})
    >>> groups = pd.DataFrame({"area": ["N", "N"], "assets": [["A1"], []], "clients": [8, 2]})
    >>> table = area_coverage(assets, groups, as_of="2025-01-31")
    >>> north = table[table.area == "N"].set_index("category")
    >>> [int(v) for v in north.loc["cafe", ["approved_assets", "clients_connected"]]]
    [1, 10]
    """
    approved = assets[offered(assets)].assign(
        overdue=lambda t: overdue_for_review(t, as_of),
        category=lambda t: t["category"].fillna("uncategorised"),
    )
    category_of = dict(zip(assets["asset_id"], assets["category"].fillna("uncategorised"), strict=True))
    groups = _group_sets(connection_groups)
    named = public_areas(assets, connection_groups)
    areas = sorted(area for area in set(approved["area"].dropna()) | set(groups["area"].dropna())
                   if area in named)
    categories = [c.value for c in AssetCategory]
    categories += sorted(set(approved["category"]) - set(categories))
    rows: list[dict[str, Any]] = []

    def clients_where(area_groups: pd.DataFrame, keep: Any) -> int:
        chosen = [keep(ids) for ids in area_groups["assets"]]
        return int(area_groups.loc[chosen, "clients"].sum()) if len(chosen) else 0

    for area in [*areas, ALL]:
        in_area = approved if area == ALL else approved[approved["area"] == area]
        area_groups = groups if area == ALL else groups[groups["area"] == area]
        for category in categories:
            assets_here = in_area[in_area["category"] == category]
            connected = clients_where(
                area_groups, lambda ids, c=category: any(category_of.get(i) == c for i in ids))
            if assets_here.empty and connected == 0:
                continue
            rows.append({"area": area, "category": category,
                         "approved_assets": len(assets_here),
                         "overdue_reviews": int(assets_here["overdue"].sum()),
                         "clients": None, "clients_connected": connected})
        rows.append({"area": area, "category": ALL, "approved_assets": len(in_area),
                     "overdue_reviews": int(in_area["overdue"].sum()),
                     "clients": int(area_groups["clients"].sum()),
                     "clients_connected": clients_where(area_groups, lambda ids: len(ids) > 0)})
    table = pd.DataFrame(rows, columns=["area", "category", "approved_assets", "overdue_reviews",
                                        "clients", "clients_connected"])
    # Counts of assets are published as they are (an asset is no person); only counts of
    # people go through disclose.
    published = disclose(table.fillna({"clients": 0}), ["clients", "clients_connected"],
                         margins=["area", "category"])
    published.loc[table["clients"].isna(), "clients"] = ""
    return published


def unmet_interests(
    assets: pd.DataFrame, interest_counts: pd.DataFrame, *, as_of: str
) -> pd.DataFrame:
    """Interests held by clients in an area that no approved, in-date asset there serves.

    An interest is *served* in an area when an approved asset of that area, not overdue
    for review (``overdue_for_review``), lists it in ``tags``. Interests are clients'
    own words: only those held by at least ``VOCABULARY_MIN_CLIENTS`` clients of a
    directory area are named. Ordered by the published count, then area and interest.

    Returns
    -------
    DataFrame
        ``area, interest, clients`` (clients holding the interest; through ``disclose``),
        most clients first.

    Examples
    --------
    >>> assets = pd.DataFrame({"asset_id": ["A1"], "area": ["N"], "approved": [True],
    ...     "tags": [["music"]], "review_due": ["2026-01-01"]})
    >>> counts = pd.DataFrame({"area": ["N", "N"], "interest": ["music", "gardening"],
    ...     "clients": [12, 9]})
    >>> unmet_interests(assets, counts, as_of="2025-01-01").values.tolist()
    [['N', 'gardening', 10]]
    """
    usable = assets[offered(assets) & ~overdue_for_review(assets, as_of)]
    served = {(area, tag) for area, tags in zip(usable["area"], usable["tags"], strict=True)
              for tag in (tags or [])}
    # Interests are the clients' own words: only terms enough clients share are named,
    # in areas the page may name.
    areas = set(assets["area"].dropna())
    held = interest_counts[(interest_counts["clients"] >= VOCABULARY_MIN_CLIENTS)
                           & interest_counts["area"].isin(areas)]
    unserved = pd.Series([(a, i) not in served for a, i in
                          zip(held["area"], held["interest"], strict=True)],
                         index=held.index, dtype=bool)
    unmet = held[unserved]
    published = disclose(unmet[["area", "interest", "clients"]].reset_index(drop=True),
                         ["clients"])
    return published_order(published, "clients", ["area", "interest"])


def only_connection_assets(
    connection_groups: pd.DataFrame, assets: pd.DataFrame, *, min_clients: int
) -> pd.DataFrame:
    """Assets that are the only active community connection of at least ``min_clients`` clients.

    If such an asset closes, those clients lose their whole community network: an
    area-level single point of failure (see ``analytics.resilience``).

    Returns
    -------
    DataFrame
        ``area, asset_id, name, category, clients`` (through ``disclose``), most first.

    Examples
    --------
    >>> groups = pd.DataFrame({"area": ["N", "N", "N"], "assets": [["A1"], ["A1", "A2"], ["A2"]],
    ...                        "clients": [9, 4, 2]})
    >>> assets = pd.DataFrame({"asset_id": ["A1", "A2"], "name": ["Cafe", "Library"],
    ...                        "category": ["cafe", "library"], "area": ["N", "N"]})
    >>> only_connection_assets(groups, assets, min_clients=3).values.tolist()
    [['N', 'A1', 'Cafe', 'cafe', 10]]
    """
    groups = _group_sets(connection_groups)
    single = groups[groups["assets"].map(len) == 1].assign(
        asset_id=lambda t: t["assets"].map(lambda ids: ids[0]))
    counted = single.groupby(["area", "asset_id"], as_index=False)["clients"].sum()
    counted = counted[counted["clients"] >= min_clients]
    # A store where no client has a community connection gives an empty table whose ids
    # pandas types as numbers: the ids are text, whatever the rows.
    counted = counted.astype({"asset_id": object})
    named = counted.merge(assets[["asset_id", "name", "category"]], on="asset_id", how="left")
    named = named[named["area"].isin(public_areas(assets, connection_groups))]
    published = disclose(named[["area", "asset_id", "name", "category", "clients"]]
                         .reset_index(drop=True), ["clients"])
    return published_order(published, "clients", ["area", "asset_id"])


#: ``unmet_needs`` reasons, in words for the page (``analytics.fit.NO_FIT_CODES``).
UNMET_REASONS = {
    "no_asset_for_interests": "no approved asset for their interests",
    "overdue_for_review": "the assets for their interests are overdue for review",
    "safeguarding_not_met": "no asset's safeguarding answers their risks",
    "access_needs_not_met": "no asset meets their access needs",
}


def unmet_needs(no_fit_counts: pd.DataFrame) -> pd.DataFrame:
    """Clients for whom no asset fits, per area and reason (``analytics.fit.no_fit_reason``).

    ``no_fit_counts`` holds exact counts of clients by ``area`` and ``code``, the code of
    ``no_fit_reason`` each client gets (None where something fits), counted in the store
    with the rules of ``analytics.fit.fit_rules`` (``graph.reads.AreaData.no_fit_counts``).
    Every code is counted under its reason except ``already_connected``: those clients
    already attend the asset that fits them, so theirs is no unmet need. Counts of people
    go through ``disclose`` (per area, with an ``all`` row per reason); the table is
    ordered by the published count, then area and reason, so its order gives no exact
    count away.

    Returns
    -------
    DataFrame
        ``area, reason, clients`` (``reason`` in words, ``UNMET_REASONS``).

    Examples
    --------
    Nine clients in N who like music and need a hearing loop (the one choir has none),
    twelve the choir fits:

    >>> counts = pd.DataFrame({"area": ["N", "N"], "code": ["access_needs_not_met", None],
    ...     "clients": [9, 12]})
    >>> unmet_needs(counts).values.tolist()
    [['N', 'no asset meets their access needs', 10], ['all', 'no asset meets their access needs', 10]]
    """
    counts: dict[tuple[Any, str], int] = {}
    for area, code, clients in zip(no_fit_counts["area"], no_fit_counts["code"],
                                   no_fit_counts["clients"], strict=True):
        if code in UNMET_REASONS:
            counts[(area, code)] = counts.get((area, code), 0) + int(clients)
    rows = [{"area": area, "reason": code, "clients": n} for (area, code), n in counts.items()]
    rows += [{"area": ALL, "reason": code,
              "clients": sum(n for (_, c), n in counts.items() if c == code)}
             for code in sorted({code for _, code in counts})]
    table = pd.DataFrame(rows, columns=["area", "reason", "clients"])
    # "reason" is a margin too, with no total of its own: an area's "all" row is the
    # total of the rows of the same reason only.
    published = disclose(table, ["clients"], margins=["area", "reason"])
    published["reason"] = published["reason"].map(UNMET_REASONS)
    return published_order(published, "clients", ["area", "reason"])


def published_order(table: pd.DataFrame, count: str, names: list[str]) -> pd.DataFrame:
    """``table`` ordered by its *published* ``count`` (largest first; ``*`` and ``c``
    after every number), then by ``names``: sorting on the exact counts would let the
    order of equal-looking cells give the exact values away."""
    value = pd.to_numeric(table[count], errors="coerce").fillna(-1)
    return (table.assign(_order=value).sort_values(["_order", *names],
                                                   ascending=[False, *[True] * len(names)])
            .drop(columns="_order").reset_index(drop=True))
