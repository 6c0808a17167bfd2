"""Reliance on paid and formal support.

Definitions (issue 4; "formal care" as in the Adult Social Care Outcomes Framework
and the care literature: support by paid carers and professionals, as against
*informal* support by family, friends, neighbours and community):

* ``paid_share`` = paid support / all support;
* ``formal_share`` = (paid + professional support) / all support;
* *support* is measured in ``hours_per_week`` when **every** tie in use on the date
  records hours (``basis = "hours"``); otherwise in ``contacts_per_month``
  (``basis = "contacts"``), ties without contacts counting 0. Mixing the two units
  would overstate whichever kind happens to record hours, so one basis is used
  for all of a person's ties and named in the output.
* shares are ``None`` when the total on the chosen basis is 0.
* *over-reliance*: ``paid_share >= paid_share_from`` and fewer than
  ``informal_ties_below`` natural or community ties in use (defaults 0.8 and 2, from
  ``assetmap.settings.AnalyticsSettings``, passed in as plain numbers).

Only ties in use count (``analytics.network.in_use``): proposed, lapsed and ended
asset connections provide no support.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from analytics.dates import valid_mask
from analytics.network import in_use, tie_data
from graph.model import INFORMAL_KINDS, TieKind

RELIANCE_COLUMNS = ("person_id", "as_of", "basis", "total", "paid_share", "formal_share",
                    "informal_ties")


def reliance_table(ties: pd.DataFrame, dates: Iterable[str]) -> pd.DataFrame:
    """Paid and formal share for every person on every date, vectorised over a tie table.

    Parameters
    ----------
    ties : DataFrame
        Columns ``person_id, kind, hours_per_week, contacts_per_month, since, until,
        status`` (``graph.frames.ties_frame``), any number of people.
    dates : iterable of str
        ``YYYY-MM-DD`` dates to evaluate on.

    Returns
    -------
    DataFrame
        One row per person and date on which the person has at least one tie in use:
        ``person_id, as_of, basis, total, paid_share, formal_share, informal_ties``.

    Examples
    --------
    A daughter (natural, 6 h/week) and home care (paid, 14 h/week): paid share
    14 / 20 = 0.7, formal share the same (no professional ties).

    >>> ties = pd.DataFrame({"person_id": ["C", "C"], "kind": ["natural", "paid"],
    ...     "hours_per_week": [6.0, 14.0], "contacts_per_month": [np.nan, np.nan],
    ...     "since": [None, None], "until": [None, None], "status": [None, None]})
    >>> row = reliance_table(ties, ["2025-01-31"]).iloc[0]
    >>> row["basis"], float(row["paid_share"]), float(row["formal_share"])
    ('hours', 0.7, 0.7)
    """
    frames = []
    usable = ties[ties["status"].map(in_use)]
    for day in dates:
        valid = usable[valid_mask(usable, day)]
        if not valid.empty:
            frames.append(_shares(valid).assign(as_of=day))
    if not frames:
        return pd.DataFrame(columns=list(RELIANCE_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(RELIANCE_COLUMNS)]


def _shares(valid: pd.DataFrame) -> pd.DataFrame:
    codes, people = pd.factorize(valid["person_id"])
    shares = _share_arrays(codes, len(people), valid["kind"].to_numpy(dtype=object),
                           valid["hours_per_week"].to_numpy(dtype="float64"),
                           valid["contacts_per_month"].to_numpy(dtype="float64"))
    return pd.DataFrame({"person_id": people, **shares})


def _share_arrays(codes: np.ndarray, count: int, kind: np.ndarray, hours: np.ndarray,
                  contacts: np.ndarray) -> dict[str, np.ndarray]:
    """Basis, total, shares and informal ties per person code, from one row per valid tie.

    numpy bincounts over person codes: as fast for one person's six ties as for a
    service's twenty thousand (pandas groupby costs milliseconds even on tiny frames).
    """
    contacts = np.nan_to_num(contacts)
    missing_hours = np.bincount(codes, weights=np.isnan(hours), minlength=count)
    by_hours = missing_hours == 0
    amount = np.where(by_hours[codes], np.nan_to_num(hours), contacts)
    paid = kind == TieKind.PAID.value
    formal = np.isin(kind, [TieKind.PAID.value, TieKind.PROFESSIONAL.value])
    informal = np.isin(kind, [k.value for k in INFORMAL_KINDS])
    total = np.bincount(codes, weights=amount, minlength=count)
    divisor = np.where(total > 0, total, np.nan)
    return {
        "basis": np.where(by_hours, "hours", "contacts"),
        "total": total,
        "paid_share": np.bincount(codes, weights=amount * paid, minlength=count) / divisor,
        "formal_share": np.bincount(codes, weights=amount * formal, minlength=count) / divisor,
        "informal_ties": np.bincount(codes, weights=informal, minlength=count).astype(int),
    }


def reliance(network: nx.Graph) -> dict[str, Any]:
    """Paid share, formal share and basis for one client's network on its date.

    The same definition as ``reliance_table``, applied to the ties of a
    ``support_network``.

    Examples
    --------
    Home care 10 h, GP 2 h, a friend with no hours recorded but 4 contacts a month,
    and home care with 8 contacts: hours are missing for one tie, so contacts are used:
    paid 8 / 12, formal 8 / 12 (the GP records no contacts).

    >>> g = nx.Graph(ego="C")
    >>> g.add_edge("C", "H", kind="paid", hours_per_week=10.0, contacts_per_month=8.0)
    >>> g.add_edge("C", "G", kind="professional", hours_per_week=2.0)
    >>> g.add_edge("C", "F", kind="natural", contacts_per_month=4.0)
    >>> r = reliance(g)
    >>> r["basis"], round(r["paid_share"], 3), r["informal_ties"]
    ('contacts', 0.667, 1)
    """
    # The same arithmetic as ``reliance_table`` (``_share_arrays``), on plain arrays: one
    # network's handful of ties is not worth a DataFrame.
    ties = [d for d in tie_data(network).values() if in_use(d.get("status"))]
    if not ties:
        return {"basis": "hours", "total": 0.0, "paid_share": None, "formal_share": None,
                "informal_ties": 0}
    shares = _share_arrays(
        np.zeros(len(ties), dtype=np.intp), 1,
        np.array([d.get("kind") for d in ties], dtype=object),
        np.array([_number(d.get("hours_per_week")) for d in ties], dtype="float64"),
        np.array([_number(d.get("contacts_per_month")) for d in ties], dtype="float64"))
    return {
        "basis": str(shares["basis"][0]),
        "total": float(shares["total"][0]),
        "paid_share": _maybe(shares["paid_share"][0]),
        "formal_share": _maybe(shares["formal_share"][0]),
        "informal_ties": int(shares["informal_ties"][0]),
    }


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _maybe(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def over_reliant(
    paid_share: float | None, informal_ties: int, *, paid_share_from: float,
    informal_ties_below: int,
) -> bool:
    """The over-reliance flag: mostly paid support and few informal ties.

    >>> over_reliant(0.85, 1, paid_share_from=0.8, informal_ties_below=2)
    True
    >>> over_reliant(0.85, 2, paid_share_from=0.8, informal_ties_below=2)
    False
    """
    return paid_share is not None and paid_share >= paid_share_from and informal_ties < informal_ties_below
