"""Reliance on paid and formal support.

Definitions (issue 4, revised by issue 12; "formal care" as in the Adult Social Care
Outcomes Framework and the care literature: support by paid carers and professionals,
as against *informal* support by family, friends, neighbours and community):

* ``paid_share`` = paid support / all support; ``formal_share`` = (paid +
  professional support) / all support.
* Hours and contacts are never mixed, and one tie's missing figure never switches the
  others to another unit. Each share is computed in hours **among the ties in use that
  record hours** and in contacts **among the ties in use that record contacts**
  (``paid_share_hours``, ``paid_share_contacts`` and the formal pair), each with its
  coverage (``ties_with_hours``, ``ties_with_contacts`` of ``ties_in_use``).
* The headline (``paid_share``, ``formal_share``, ``basis``) is the hours share when
  every paid tie in use records hours and some hours are recorded (a paid tie left out
  of the hours would understate the numerator); otherwise the contacts share on the
  same rule (every paid tie records contacts); otherwise ``basis = "none"`` and no
  share. A tie of another kind that records neither figure is left out of both and
  leaves the others' figures unchanged; ``coverage`` says which ties were left out.
* *over-reliance*: ``paid_share >= paid_share_from`` and fewer than
  ``informal_ties_below`` natural or community ties in use (defaults 0.8 and 2, from
  ``analytics.thresholds.Thresholds``).

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
                    "informal_ties", "ties_in_use", "ties_counted", "paid_share_hours",
                    "formal_share_hours", "ties_with_hours", "paid_share_contacts",
                    "formal_share_contacts", "ties_with_contacts", "hours_usable",
                    "contacts_usable")

#: ``basis`` values: the unit of the headline share.
HOURS, CONTACTS, NO_BASIS = "hours", "contacts", "none"


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
        One row per person and date on which the person has at least one tie in use,
        ``RELIANCE_COLUMNS``: the headline ``basis``, ``total`` (in that unit),
        ``paid_share``, ``formal_share`` and ``ties_counted``; both units' shares and
        coverage; ``informal_ties`` and ``ties_in_use``. Shares are NaN where nothing
        is recorded in their unit.

    Examples
    --------
    Home care 14 h/week, a son 5 h and a friend 3 h; the GP records 1 contact a month
    and no hours. Every paid tie records hours, so the headline is in hours among the
    three ties that record them: paid 14 / 22, formal 14 / 22 (the GP is left out of
    the hours, not counted as 0, and the others' figures do not change).

    >>> ties = pd.DataFrame({"person_id": ["C"] * 4,
    ...     "kind": ["paid", "natural", "natural", "professional"],
    ...     "hours_per_week": [14.0, 5.0, 3.0, np.nan],
    ...     "contacts_per_month": [np.nan, np.nan, np.nan, 1.0],
    ...     "since": [None] * 4, "until": [None] * 4, "status": [None] * 4})
    >>> row = reliance_table(ties, ["2025-01-31"]).iloc[0]
    >>> row["basis"], round(float(row["paid_share"]), 3), int(row["ties_counted"])
    ('hours', 0.636, 3)
    >>> float(row["paid_share_contacts"]), float(row["formal_share_contacts"])
    (0.0, 1.0)
    """
    frames = []
    # As booleans: a mask of no rows would be object dtype, which pandas reads as a
    # list of column names (a service whose clients have no ties yet).
    usable = ties[ties["status"].map(in_use).astype(bool)]
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
    """Every column of ``RELIANCE_COLUMNS`` but person and date, per person code, from
    one row per tie in use.

    numpy bincounts over person codes: as fast for one person's six ties as for a
    service's twenty thousand (pandas groupby costs milliseconds even on tiny frames).
    """
    paid = kind == TieKind.PAID.value
    formal = np.isin(kind, [TieKind.PAID.value, TieKind.PROFESSIONAL.value])
    informal = np.isin(kind, [k.value for k in INFORMAL_KINDS])

    def per_person(weights: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=count)

    by_unit = {}
    for unit, amounts in ((HOURS, hours), (CONTACTS, contacts)):
        recorded = ~np.isnan(amounts)
        amount = np.where(recorded, amounts, 0.0)
        total = per_person(amount)
        divisor = np.where(total > 0, total, np.nan)
        by_unit[unit] = {
            "total": total,
            "paid": per_person(amount * paid) / divisor,
            "formal": per_person(amount * formal) / divisor,
            "ties": per_person(recorded).astype(int),
            # Usable as the headline: no paid tie left out, and something to divide by.
            "usable": (per_person(paid & ~recorded) == 0) & (total > 0),
        }
    on_hours, on_contacts = by_unit[HOURS]["usable"], by_unit[CONTACTS]["usable"]
    basis = np.where(on_hours, HOURS, np.where(on_contacts, CONTACTS, NO_BASIS))

    def headline(field: str) -> np.ndarray:
        none = np.full(count, np.nan) if field != "ties" else np.zeros(count, dtype=int)
        return np.where(on_hours, by_unit[HOURS][field],
                        np.where(on_contacts, by_unit[CONTACTS][field], none))

    return {
        "basis": basis,
        "total": np.where(basis == NO_BASIS, 0.0, headline("total")),
        "paid_share": headline("paid"),
        "formal_share": headline("formal"),
        "informal_ties": per_person(informal).astype(int),
        "ties_in_use": per_person(np.ones(len(codes))).astype(int),
        "ties_counted": headline("ties").astype(int),
        "paid_share_hours": by_unit[HOURS]["paid"],
        "formal_share_hours": by_unit[HOURS]["formal"],
        "ties_with_hours": by_unit[HOURS]["ties"],
        "paid_share_contacts": by_unit[CONTACTS]["paid"],
        "formal_share_contacts": by_unit[CONTACTS]["formal"],
        "ties_with_contacts": by_unit[CONTACTS]["ties"],
        # Whether each unit could carry the headline (every paid tie records it): a
        # share in a unit that could not is understated and must not be compared.
        "hours_usable": on_hours,
        "contacts_usable": on_contacts,
    }


def reliance(network: nx.Graph) -> dict[str, Any]:
    """Paid share, formal share, basis and coverage for one client's network on its date.

    The same definition as ``reliance_table``, applied to the ties of a
    ``support_network``; ``coverage`` says in words which ties the headline counts and
    which it leaves out, by name.

    Examples
    --------
    Home care 10 h and 8 contacts, GP 2 h, a friend with 4 contacts and no hours: every
    paid tie records hours, so hours among the two ties that record them: paid 10 / 12,
    formal 12 / 12; the friend is named as counted by contacts only.

    >>> g = nx.Graph(ego="C")
    >>> g.add_node("F", name="Fay")
    >>> g.add_edge("C", "H", kind="paid", hours_per_week=10.0, contacts_per_month=8.0)
    >>> g.add_edge("C", "G", kind="professional", hours_per_week=2.0)
    >>> g.add_edge("C", "F", kind="natural", contacts_per_month=4.0)
    >>> r = reliance(g)
    >>> r["basis"], round(r["paid_share"], 3), r["formal_share"], r["informal_ties"]
    ('hours', 0.833, 1.0, 1)
    >>> r["coverage"]
    'hours recorded for 2 of 3 ties; Fay by contacts only'
    """
    # The same arithmetic as ``reliance_table`` (``_share_arrays``), on plain arrays: one
    # network's handful of ties is not worth a DataFrame.
    ties = {alter: d for alter, d in tie_data(network).items() if in_use(d.get("status"))}
    if not ties:
        none: dict[str, Any] = {column: None for column in RELIANCE_COLUMNS[2:]}
        return {**none, "basis": NO_BASIS, "total": 0.0, "informal_ties": 0, "ties_in_use": 0,
                "ties_counted": 0, "ties_with_hours": 0, "ties_with_contacts": 0,
                "coverage": "no ties in use"}
    hours = np.array([_number(d.get("hours_per_week")) for d in ties.values()], dtype="float64")
    contacts = np.array([_number(d.get("contacts_per_month")) for d in ties.values()],
                        dtype="float64")
    shares = _share_arrays(np.zeros(len(ties), dtype=np.intp), 1,
                           np.array([d.get("kind") for d in ties.values()], dtype=object),
                           hours, contacts)
    result: dict[str, Any] = {key: _plain(values[0]) for key, values in shares.items()}
    names = [str(network.nodes[alter].get("name") or alter) for alter in ties]
    result["coverage"] = _coverage(result["basis"], names, hours, contacts)
    return result


def _coverage(basis: str, names: list[str], hours: np.ndarray, contacts: np.ndarray) -> str:
    """Which ties the headline counts, in words (the names of those it leaves out)."""
    if basis == NO_BASIS:
        return ("no share: a paid tie records neither hours nor contacts, or nothing is "
                "recorded in either unit")
    counted = ~np.isnan(hours if basis == HOURS else contacts)
    other = contacts if basis == HOURS else hours
    text = f"{basis} recorded for {int(counted.sum())} of {len(names)} ties"
    by_other = [n for n, c, o in zip(names, counted, other, strict=True) if not c and o == o]
    neither = [n for n, c, o in zip(names, counted, other, strict=True) if not c and o != o]
    other_unit = CONTACTS if basis == HOURS else HOURS
    if by_other:
        text += f"; {', '.join(by_other)} by {other_unit} only"
    if neither:
        text += f"; {', '.join(neither)} with neither recorded"
    return text


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _plain(value: Any) -> Any:
    """A numpy scalar as a plain value for JSON: NaN as None."""
    if isinstance(value, np.str_):
        return str(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
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
