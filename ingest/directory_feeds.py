"""Refreshed directory feeds: what a feed no longer lists is withdrawn, never deleted.

Every asset and service an Open Referral import writes carries the name of its feed
(``feed``: the mapping's ``feed`` setting, else the mapping's or JSON file's name). When
the same feed is imported again *in full* (every page of a paged response), each entry
of that feed it does not list gets ``status = withdrawn`` and, for an asset,
``approved = false``: it is never suggested again, and the ties of people who went
there stay on record. A later feed that lists it again restores it. A feed read only in
part (page 1 of 3) withdraws nothing, and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import DirectoryStatus
from graph.store import GraphStore
from ingest.sources import DirectoryFeed, FileRead


def feeds_read(reads: Iterable[FileRead]) -> list[DirectoryFeed]:
    """The feeds of an import, one per name: the ids every file of it listed, complete
    only when every part read was complete."""
    merged: dict[str, DirectoryFeed] = {}
    for read in reads:
        for feed in read.feeds:
            if feed.name not in merged:
                merged[feed.name] = DirectoryFeed(feed.name, complete=True)
            merged[feed.name].ids.extend(feed.ids)
            merged[feed.name].complete &= feed.complete
    return list(merged.values())


def partial_feed_warnings(feeds: Iterable[DirectoryFeed]) -> list[str]:
    """A line for each feed read in part or listing nothing: it withdraws nothing."""
    lines = []
    for feed in feeds:
        if not feed.complete:
            lines.append(f"feed {feed.name}: only some pages were read, so nothing it does "
                         "not list is withdrawn (import every page together, e.g. files = "
                         "[\"services_page_*.json\"] in a mapping)")
        elif not feed.ids:
            lines.append(f"feed {feed.name}: lists no services, so nothing is withdrawn")
    return lines


def _params(feed: DirectoryFeed) -> dict[str, Any]:
    return {"feed": feed.name, "keep": sorted(set(feed.ids)),
            "withdrawn": DirectoryStatus.WITHDRAWN.value}


def _refreshing(feeds: Iterable[DirectoryFeed]) -> list[DirectoryFeed]:
    return [feed for feed in feeds if feed.complete and feed.ids]


def to_withdraw(store: GraphStore, feeds: Iterable[DirectoryFeed]) -> list[dict[str, Any]]:
    """What importing these feeds would withdraw (``feed, id, name, kind, status``)."""
    return [{"feed": feed.name, **row} for feed in _refreshing(feeds)
            for row in store.read("ingest_feed_missing", _params(feed))]


def withdraw(store: GraphStore, feeds: Iterable[DirectoryFeed], *,
             actor: str) -> list[dict[str, Any]]:
    """Withdraw what each complete feed no longer lists; the rows withdrawn."""
    return [{"feed": feed.name, **row} for feed in _refreshing(feeds)
            for row in store.write("ingest_withdraw_missing", _params(feed), actor=actor)]
