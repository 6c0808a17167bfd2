"""Thresholds the analyses use, as plain values.

``analytics`` never imports ``assetmap``: callers (CLI, pages) read
``assetmap.settings.AnalyticsSettings`` and hand its values over through
``Thresholds.from_values`` (any object or mapping with the same names; unknown names
are ignored, missing ones keep the defaults below).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Thresholds:
    """Defaults match ``AnalyticsSettings``.

    over_reliance_paid_share, over_reliance_informal_ties_below
        Over-reliance: paid share at least this and fewer informal ties than this.
    missed_in_a_row_trigger
        Consecutive missed sessions at one asset that trigger a review.
    review_interval_days
        A review is overdue this many days after the last one.
    only_connection_min_clients
        An asset is listed as "only community connection" from this many clients.
    trigger_window_days
        Triggers look back this far (and compare with the same span before it).
    isolation_worsening_points
        Rise in the isolation score over three months that triggers a review.
    """

    over_reliance_paid_share: float = 0.8
    over_reliance_informal_ties_below: int = 2
    missed_in_a_row_trigger: int = 2
    review_interval_days: int = 365
    only_connection_min_clients: int = 3
    trigger_window_days: int = 90
    isolation_worsening_points: float = 10.0

    @classmethod
    def from_values(cls, values: Mapping[str, Any] | object) -> Thresholds:
        """Thresholds from a mapping or an object with attributes of the same names."""
        found: dict[str, Any] = {}
        for field in fields(cls):
            if isinstance(values, Mapping):
                if field.name in values:
                    found[field.name] = values[field.name]
            elif hasattr(values, field.name):
                found[field.name] = getattr(values, field.name)
        return replace(cls(), **found)
