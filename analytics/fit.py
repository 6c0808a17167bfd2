"""Asset fit: which community assets to suggest to a client, ranked, with reasons.

An asset is *eligible* only when all of these hold (otherwise it is never suggested):

1. ``approved`` is true;
2. it is in the client's area;
3. it is in date: ``review_due`` is on or after ``as_of`` (an asset overdue for review,
   or with no review date, is never suggested);
4. for every client risk listed in ``graph.model.CONTROLS_ANSWERING_RISK``, the asset
   has at least one of the answering safeguarding controls (Care Act 2014 s.42 and
   local safeguarding practice: a person at risk of exploitation is only offered
   assets with staff present or a safeguarding pathway);
5. if the client has recorded interests, the asset serves at least one of them;
6. the client is not already connected to it (an active connection in use).

Eligible assets are ranked by a fit score out of 100 (our convention):

* interests: ``50 * served / recorded`` (50 when no interests are recorded);
* access: ``30 * met / needed`` over the client's ``access_needs`` (30 when none);
* cost: free 20, low 10, paid or unknown 0.

Ties in score are broken by asset id. Each suggestion lists its reasons in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analytics.review import is_in_date
from graph.frames import records
from graph.model import CONTROLS_ANSWERING_RISK, CostBand

INTEREST_POINTS = 50.0
ACCESS_POINTS = 30.0
COST_POINTS = {CostBand.FREE.value: 20.0, CostBand.LOW.value: 10.0, CostBand.PAID.value: 0.0}
#: ``CONTROLS_ANSWERING_RISK`` by plain values: risk -> its answering controls, sorted.
_ANSWERING = {risk.value: sorted(control.value for control in controls)
              for risk, controls in CONTROLS_ANSWERING_RISK.items()}


def answering_controls(risks: Iterable[str], controls: Iterable[str]) -> tuple[list[str], list[str]]:
    """For a client's risks and an asset's controls: (risks answered with the control that
    answers each, risks left unanswered). Risks with no entry in
    ``CONTROLS_ANSWERING_RISK`` need no control.

    >>> answering_controls(["exploitation", "falls"], ["staff_present"])
    (['exploitation (staff_present)', 'falls (staff_present)'], [])
    >>> answering_controls(["exploitation"], ["first_aider"])
    ([], ['exploitation'])
    """
    present = set(controls)
    answered, unanswered = [], []
    for risk in sorted(set(risks)):
        answering = _ANSWERING.get(risk)
        if answering is None:
            continue
        found = [control for control in answering if control in present]
        if found:
            answered.append(f"{risk} ({', '.join(found)})")
        else:
            unanswered.append(risk)
    return answered, unanswered


def asset_fit(
    client: Mapping[str, Any],
    assets: pd.DataFrame,
    *,
    as_of: str,
    connected: Iterable[str] = (),
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Eligible assets for ``client``, best fit first (see the module docstring).

    Parameters
    ----------
    client : mapping
        ``area``, ``interests``, ``access_needs``, ``risks`` (lists).
    assets : DataFrame
        ``graph.frames.assets_frame`` columns.
    as_of : str
        ``YYYY-MM-DD``: the date assets must be in review on.
    connected : iterable of str
        Asset ids the client already has an active connection to.
    limit : int, optional
        Keep only the best ``limit``.

    Returns
    -------
    list of dict
        ``asset_id``, ``name``, ``category``, ``score``, ``reasons``.

    Examples
    --------
    A client interested in music and gardening, using a wheelchair, at risk of
    exploitation. The choir (music, step-free and wheelchair, free, staff present)
    scores 50 * 1/2 + 30 * 1/1 + 20 = 75; the allotment has no staff or pathway, so it
    is never offered.

    >>> assets = pd.DataFrame({
    ...     "asset_id": ["A1", "A2"], "name": ["Choir", "Allotment"],
    ...     "category": ["arts_culture", "green_space"], "area": ["N", "N"],
    ...     "tags": [["music"], ["gardening"]],
    ...     "accessibility": [["wheelchair", "step_free"], ["wheelchair"]],
    ...     "cost": ["free", "free"], "safeguarding": [["staff_present"], []],
    ...     "approved": [True, True], "review_due": ["2026-01-01", "2026-01-01"]})
    >>> client = {"area": "N", "interests": ["music", "gardening"],
    ...           "access_needs": ["wheelchair"], "risks": ["exploitation"]}
    >>> [(s["asset_id"], s["score"]) for s in asset_fit(client, assets, as_of="2025-01-01")]
    [('A1', 75.0)]
    """
    interests = set(client.get("interests") or [])
    needs = set(client.get("access_needs") or [])
    risks = list(client.get("risks") or [])
    already = set(connected)
    suggestions = []
    for asset in records(assets):
        if (asset.get("approved") is not True or asset.get("area") != client.get("area")
                or not is_in_date(asset.get("review_due"), as_of) or asset["asset_id"] in already):
            continue
        answered, unanswered = answering_controls(risks, asset.get("safeguarding") or [])
        served = sorted(interests & set(asset.get("tags") or []))
        if unanswered or (interests and not served):
            continue
        met = sorted(needs & set(asset.get("accessibility") or []))
        score = (INTEREST_POINTS * (len(served) / len(interests) if interests else 1.0)
                 + ACCESS_POINTS * (len(met) / len(needs) if needs else 1.0)
                 + COST_POINTS.get(str(asset.get("cost")), 0.0))
        suggestions.append({
            "asset_id": asset["asset_id"], "name": asset.get("name"),
            "category": asset.get("category"), "score": round(score, 1),
            "reasons": _reasons(served, interests, met, needs, asset.get("cost"), answered,
                                str(asset.get("review_due") or "")),
        })
    suggestions.sort(key=lambda s: (-s["score"], str(s["asset_id"])))
    return suggestions[:limit] if limit is not None else suggestions


def _reasons(served: list[str], interests: set[str], met: list[str], needs: set[str],
             cost: Any, answered: list[str], review_due: str) -> list[str]:
    reasons = [f"serves interests: {', '.join(served)}" if interests
               else "no interests recorded: not matched on interests"]
    if needs:
        missing = sorted(needs - set(met))
        reasons.append(f"access needs met: {len(met)} of {len(needs)}"
                       + (f" (not: {', '.join(missing)})" if missing else ""))
    reasons.append(f"cost: {cost}" if cost else "cost not recorded")
    if answered:
        reasons.append(f"safeguarding answers risks: {'; '.join(answered)}")
    reasons.append(f"approved, in the client's area, reviewed until {review_due}")
    return reasons
