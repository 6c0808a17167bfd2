"""How figures are written, one way for every page, the report and the command line.

A share (0-1) is written as a whole percent ("59%"): the figures behind it are counts
of hours or contacts over a handful of ties, so a decimal place would claim a
precision they do not have. The dashboard re-exports these from ``dashboards.text``
(the report and the command line cannot import the dashboard).
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import pandas as pd

#: What a share reads as when there is none to show (no tie records the unit).
NO_SHARE = "–"

#: Streamlit column format for a share already scaled by ``percent_points``: whole
#: percent, the same text as ``percent`` ("59%").
PERCENT_COLUMN_FORMAT = "%.0f%%"


def percent(share: object, *, missing: str = NO_SHARE) -> str:
    """A share (0-1) as a whole percent.

    >>> percent(10 / 17), percent(1), percent(None), percent(float("nan"), missing="none")
    ('59%', '100%', '–', 'none')
    """
    if isinstance(share, bool) or not isinstance(share, Real) or share != share:
        return missing
    return f"{float(share):.0%}"


def percent_points(shares: Any) -> Any:
    """Shares (0-1, a column or a number) as percentage points (0-100), for a table
    column drawn with ``PERCENT_COLUMN_FORMAT``; a missing share stays missing.

    >>> percent_points(pd.Series([0.5882, None])).round(2).tolist()
    [58.82, nan]
    """
    return pd.to_numeric(shares, errors="coerce") * 100
