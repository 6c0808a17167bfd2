"""The service page's presenters over ``assetmap.views.service`` (which composes the
caseload once for the page, the command line and the bench).

Caching: none. The caseload is two queries and one vectorised pass over the
service's ties (tens of milliseconds for a demo service), so it is read fresh.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def distribution(table: pd.DataFrame) -> pd.DataFrame:
    """Clients per paid-share band (tenths), for the distribution chart."""
    bands = [f"{low}–{low + 10}%" for low in range(0, 100, 10)]
    shares = table["paid_share"].dropna().astype(float)
    index = np.minimum((shares * 10).astype(int), 9)
    counts = pd.Series(index).value_counts().reindex(range(10), fill_value=0)
    return pd.DataFrame({"Paid share": bands, "Clients": counts.to_numpy()}).set_index("Paid share")
