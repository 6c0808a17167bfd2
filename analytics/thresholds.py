"""Thresholds the analyses use: the one model, validated.

``analytics`` never imports ``assetmap``; ``assetmap.settings`` reads the values from
the ``[analytics]`` table of ``ASSETMAP_CONFIG`` into this model (unknown names and
values out of range are refused there with the reason), and every analytics entry
point that needs a threshold takes a ``Thresholds``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Thresholds"]


class Thresholds(BaseModel):
    """Every threshold, with its default and its meaning (``Field`` descriptions)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    over_reliance_paid_share: float = Field(
        default=0.8, ge=0, le=1, description="Over-reliance: a paid share of support at least this")
    over_reliance_informal_ties_below: int = Field(
        default=2, ge=0, description="... and fewer natural/community ties than this")
    missed_in_a_row_trigger: int = Field(
        default=2, ge=1, description="Consecutive missed sessions at one asset that trigger a review")
    review_interval_days: int = Field(
        default=365, ge=1, description="A review falls due this many days after the last one (or the start date)")
    only_connection_min_clients: int = Field(
        default=3, ge=1, description="An asset is an 'only community connection' from this many clients")
    trigger_window_days: int = Field(
        default=90, ge=1, description="Review triggers look back this far (and compare the span before)")

    @classmethod
    def from_values(cls, values: Mapping[str, Any] | object) -> Thresholds:
        """A ``Thresholds`` as it is, or one from a mapping of the same names."""
        if isinstance(values, Thresholds):
            return values
        if isinstance(values, Mapping):
            return cls.model_validate(dict(values))
        return cls.model_validate(
            {name: getattr(values, name) for name in cls.model_fields if hasattr(values, name)})
