"""Asset fit: which community assets to suggest to a client, ranked, with reasons; and,
when nothing fits, why.

An asset is *eligible* only when all of these hold (otherwise it is never suggested):

1. ``approved`` is true and the asset is running: its ``status`` is ``active`` or not
   recorded (``is_running``; an inactive, defunct, temporarily closed or withdrawn
   entry is never suggested, whatever its approval says);
2. it is in the client's area;
3. it serves at least one of the client's recorded interests (any asset, when none
   is recorded);
4. it is in date: ``review_due`` is on or after ``as_of`` (an asset overdue for review,
   or with no review date, is never suggested);
5. the client is not already connected to it (an active connection in use);
6. for every client risk listed in ``graph.model.CONTROLS_ANSWERING_RISK``, the asset
   has at least one of the answering safeguarding controls (Care Act 2014 s.42 and
   local safeguarding practice: a person at risk of exploitation is only offered
   assets with staff present or a safeguarding pathway);
7. it offers every access need the client has recorded (``access_needs`` all in the
   asset's ``accessibility``). Our choice, against ranking such assets last and
   marking them: a place the person cannot get into or cannot hear in is not a
   suggestion (Equality Act 2010 s.20, reasonable adjustments, puts the burden on the
   place, not the person), and when this leaves nothing, ``no_fit_reason`` names the
   needs the nearest assets do not meet, so the gap is visible rather than hidden in
   a long list.

Eligible assets are ranked by a fit score out of 100 (our convention):

* interests: ``50 * served / recorded`` (50 when no interests are recorded);
* access: 30 (every eligible asset meets every recorded access need, rule 7; the
  points keep the score's scale);
* cost: free 20, low 10, paid or unknown 0.

Ties in score are broken by asset id. Each suggestion lists its reasons in plain words.

When nothing is eligible, ``no_fit_reason`` says why, from the rules above in their
order: the assets the person view receives are those a query has already cut to
rules 1-3 (``cypher/person_view.cypher``), so the reasons speak of "approved assets in
the area that serve their interests" and never claim more than that table shows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from analytics.review import is_in_date
from graph.frames import records
from graph.model import (
    CONTROLS_ANSWERING_RISK,
    AccessFeature,
    AssetCategory,
    CostBand,
    DirectoryStatus,
    Risk,
    SafeguardingControl,
    SupportFunction,
    label,
)

INTEREST_POINTS = 50.0
ACCESS_POINTS = 30.0
COST_POINTS = {CostBand.FREE.value: 20.0, CostBand.LOW.value: 10.0, CostBand.PAID.value: 0.0}
#: ``CONTROLS_ANSWERING_RISK`` by plain values: risk -> its answering controls, sorted.
_ANSWERING = {risk.value: sorted(control.value for control in controls)
              for risk, controls in CONTROLS_ANSWERING_RISK.items()}

#: Asset categories whose activities give a support function (our convention, from the
#: directory's categories): a club gives company, community transport gives transport,
#: an advice service helps with money and paperwork. An asset also serves a function
#: when its ``tags`` name the function's code ("shopping" on a volunteer shopping
#: scheme). Functions only a person or a commissioned service gives (personal care,
#: medication, housework...) have no category.
CATEGORIES_SERVING_FUNCTION: dict[SupportFunction, frozenset[AssetCategory]] = {
    SupportFunction.SOCIAL: frozenset({
        AssetCategory.CAFE, AssetCategory.CLUB, AssetCategory.COMMUNITY_CENTRE,
        AssetCategory.ARTS_CULTURE, AssetCategory.SPORT_LEISURE, AssetCategory.FAITH_GROUP,
        AssetCategory.PEER_SUPPORT, AssetCategory.LIBRARY, AssetCategory.GREEN_SPACE,
        AssetCategory.VOLUNTEERING, AssetCategory.LEARNING, AssetCategory.FOOD}),
    SupportFunction.EMOTIONAL: frozenset({AssetCategory.PEER_SUPPORT, AssetCategory.FAITH_GROUP}),
    SupportFunction.TRANSPORT: frozenset({AssetCategory.TRANSPORT}),
    SupportFunction.MEALS: frozenset({AssetCategory.FOOD}),
    SupportFunction.ADVICE: frozenset({AssetCategory.ADVICE}),
    SupportFunction.FINANCES: frozenset({AssetCategory.ADVICE}),
}
_SERVING = {function.value: {category.value for category in categories}
            for function, categories in CATEGORIES_SERVING_FUNCTION.items()}

#: Why an asset is not suggested: the first rule of the module docstring it fails, in
#: rule order (rules 1-2 together: such an asset is no candidate at all).
NOT_CANDIDATE, NO_INTEREST, OVERDUE, CONNECTED, SAFEGUARDING, ACCESS = (
    "not_candidate", "no_interest", "overdue", "connected", "safeguarding", "access")

#: ``no_fit_reason`` codes: the furthest rule any candidate asset reached and failed.
NO_FIT_CODES = {
    NO_INTEREST: "no_asset_for_interests",
    OVERDUE: "overdue_for_review",
    CONNECTED: "already_connected",
    SAFEGUARDING: "safeguarding_not_met",
    ACCESS: "access_needs_not_met",
}
_FUNNEL = (NO_INTEREST, OVERDUE, CONNECTED, SAFEGUARDING, ACCESS)


@dataclass(frozen=True)
class _Client:
    area: Any
    interests: frozenset[str]
    needs: frozenset[str]
    risks: tuple[str, ...]
    connected: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, client: Mapping[str, Any], connected: Iterable[str]) -> _Client:
        return cls(area=client.get("area"), interests=frozenset(client.get("interests") or []),
                   needs=frozenset(client.get("access_needs") or []),
                   risks=tuple(client.get("risks") or []), connected=frozenset(connected))


#: The directory as ``graph.frames.assets_frame`` gives it, or already turned into records
#: (``graph.frames.records``): the person view asks three rules of one directory and
#: turns it into records once.
Directory: TypeAlias = "pd.DataFrame | Sequence[Mapping[str, Any]]"


def _asset_rows(assets: Directory) -> Sequence[Mapping[str, Any]]:
    return records(assets) if isinstance(assets, pd.DataFrame) else assets


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


def missing_access(needs: Collection[str], accessibility: Iterable[str]) -> list[str]:
    """The client's access needs an asset does not offer, sorted.

    >>> missing_access(["hearing_loop", "step_free"], ["step_free", "seating"])
    ['hearing_loop']
    """
    return sorted(set(needs) - set(accessibility))


def is_running(status: object) -> bool:
    """Whether a directory entry with this ``status`` is running (rule 1): ``active``, or
    no status recorded (a directory kept by hand records none). Open Referral's
    ``inactive``, ``defunct`` and ``temporarily closed`` (HSDS 3.0 service status) and
    assetmap's ``withdrawn`` (dropped from its feed) are not.

    >>> [is_running(s) for s in (None, "active", "defunct", "withdrawn")]
    [True, True, False, False]
    """
    if isinstance(status, str):
        return status == DirectoryStatus.ACTIVE.value
    return status is None or bool(pd.isna(status))  # a frame's missing cell may be NaN


def offered(assets: pd.DataFrame) -> pd.Series:
    """Rule 1 over a directory frame: approved and running (a frame without a
    ``status`` column records none, so every approved asset in it is running).

    >>> offered(pd.DataFrame({"approved": [True, True, False],
    ...                       "status": [None, "defunct", "active"]})).tolist()
    [True, False, False]
    """
    approved = assets["approved"] == True  # noqa: E712
    if "status" not in assets:
        return approved
    status = assets["status"]
    return approved & (status.isna() | (status == DirectoryStatus.ACTIVE.value))


def _excluded_by(asset: Mapping[str, Any], client: _Client, as_of: str,
                 *, check_interests: bool = True) -> str | None:
    """The first rule ``asset`` fails for ``client`` (a module constant), or None."""
    if (asset.get("approved") is not True or not is_running(asset.get("status"))
            or asset.get("area") != client.area):
        return NOT_CANDIDATE
    if check_interests and client.interests and not client.interests & set(asset.get("tags") or []):
        return NO_INTEREST
    if not is_in_date(asset.get("review_due"), as_of):
        return OVERDUE
    if asset["asset_id"] in client.connected:
        return CONNECTED
    if answering_controls(client.risks, asset.get("safeguarding") or [])[1]:
        return SAFEGUARDING
    if missing_access(client.needs, asset.get("accessibility") or []):
        return ACCESS
    return None


def asset_fit(
    client: Mapping[str, Any],
    assets: Directory,
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
    assets : DataFrame or sequence of mapping
        ``graph.frames.assets_frame`` columns (``Directory``).
    as_of : str
        ``YYYY-MM-DD``: the date assets must be in review on.
    connected : iterable of str
        Asset ids the client already has an active connection to.
    limit : int, optional
        Keep only the best ``limit``.

    Returns
    -------
    list of dict
        ``asset_id``, ``name``, ``category`` (code), ``score``, ``reasons`` (plain words).

    Examples
    --------
    A client interested in music and gardening, using a wheelchair, at risk of
    exploitation. The choir (music, step-free and wheelchair, free, staff present)
    scores 50 * 1/2 + 30 + 20 = 75; the allotment has no staff or pathway, so it is
    never offered; the music club has no wheelchair access, so it is not offered either.

    >>> assets = pd.DataFrame({
    ...     "asset_id": ["A1", "A2", "A3"], "name": ["Choir", "Allotment", "Music club"],
    ...     "category": ["arts_culture", "green_space", "club"], "area": ["N", "N", "N"],
    ...     "tags": [["music"], ["gardening"], ["music"]],
    ...     "accessibility": [["wheelchair", "step_free"], ["wheelchair"], ["step_free"]],
    ...     "cost": ["free", "free", "free"],
    ...     "safeguarding": [["staff_present"], [], ["staff_present"]],
    ...     "approved": [True, True, True], "review_due": ["2026-01-01"] * 3})
    >>> client = {"area": "N", "interests": ["music", "gardening"],
    ...           "access_needs": ["wheelchair"], "risks": ["exploitation"]}
    >>> [(s["asset_id"], s["score"]) for s in asset_fit(client, assets, as_of="2025-01-01")]
    [('A1', 75.0)]
    """
    who = _Client.of(client, connected)
    suggestions = []
    for asset in _asset_rows(assets):
        if _excluded_by(asset, who, as_of) is not None:
            continue
        served = sorted(who.interests & set(asset.get("tags") or []))
        score = (INTEREST_POINTS * (len(served) / len(who.interests) if who.interests else 1.0)
                 + ACCESS_POINTS + COST_POINTS.get(str(asset.get("cost")), 0.0))
        suggestions.append({
            "asset_id": asset["asset_id"], "name": asset.get("name"),
            "category": asset.get("category"), "score": round(score, 1),
            "reasons": _reasons(served, who, asset),
        })
    suggestions.sort(key=lambda s: (-s["score"], str(s["asset_id"])))
    return suggestions[:limit] if limit is not None else suggestions


def _reasons(served: list[str], client: _Client, asset: Mapping[str, Any]) -> list[str]:
    reasons = [f"serves their interests: {', '.join(served)}" if client.interests
               else "no interests recorded: not matched on interests"]
    if client.needs:
        reasons.append("meets every access need: "
                       + ", ".join(label(n, AccessFeature) for n in sorted(client.needs)))
    cost = asset.get("cost")
    reasons.append(f"cost: {label(cost, CostBand)}" if cost else "cost not recorded")
    controls = set(asset.get("safeguarding") or [])
    answered = [f"{label(risk, Risk)} ({' or '.join(label(c, SafeguardingControl) for c in _ANSWERING[risk] if c in controls)})"
                for risk in sorted(set(client.risks)) if risk in _ANSWERING]
    if answered:
        reasons.append(f"safeguarding answers their risks: {'; '.join(answered)}")
    reasons.append("approved, in their area, reviewed until "
                   f"{asset.get('review_due') or 'an unrecorded date'}")
    return reasons


def no_fit_reason(
    client: Mapping[str, Any],
    assets: Directory,
    *,
    as_of: str,
    connected: Iterable[str] = (),
) -> dict[str, str] | None:
    """Why ``asset_fit`` suggests nothing, or None when it suggests something.

    Every candidate asset (approved, in the client's area) is taken through the rules
    of the module docstring in order, stopping at the first it fails. ``code`` is the
    furthest rule any candidate reached and failed (``NO_FIT_CODES``:
    ``no_asset_for_interests``, ``overdue_for_review``, ``already_connected``,
    ``safeguarding_not_met``, ``access_needs_not_met``): what stands between the person
    and the nearest fit. ``reason`` says in words how many assets stopped at each
    rule, naming the access needs not met and the risks not answered.

    Returns
    -------
    dict or None
        ``code`` and ``reason``.

    Examples
    --------
    A client who needs a hearing loop and step-free access; the one choir serving
    their interest in music has neither:

    >>> assets = pd.DataFrame({"asset_id": ["A1"], "name": ["Choir"], "category": ["club"],
    ...     "area": ["N"], "tags": [["music"]], "accessibility": [["seating"]],
    ...     "cost": ["free"], "safeguarding": [[]], "approved": [True],
    ...     "review_due": ["2026-01-01"]})
    >>> client = {"area": "N", "interests": ["music"],
    ...           "access_needs": ["hearing_loop", "step_free"], "risks": []}
    >>> found = no_fit_reason(client, assets, as_of="2025-01-01")
    >>> found["code"]
    'access_needs_not_met'
    >>> print(found["reason"])
    1 approved asset in N serves their interests (music), but 1 does not offer a hearing loop or step-free access.
    """
    who = _Client.of(client, connected)
    stopped: dict[str, list[Mapping[str, Any]]] = {stage: [] for stage in _FUNNEL}
    for asset in _asset_rows(assets):
        stage = _excluded_by(asset, who, as_of)
        if stage is None:
            return None
        if stage != NOT_CANDIDATE:
            stopped[stage].append(asset)
    reached = [stage for stage in _FUNNEL if stopped[stage]]
    code = NO_FIT_CODES[reached[-1] if reached else NO_INTEREST]
    serving = sum(len(stopped[stage]) for stage in _FUNNEL if stage != NO_INTEREST)
    area = who.area or "their area"
    if serving == 0:
        wanted = (f"serves their interests ({', '.join(sorted(who.interests))})"
                  if who.interests else "is listed")
        return {"code": code, "reason": f"No approved asset in {area} {wanted}."}
    assets_word = f"{serving} approved asset{'s' if serving != 1 else ''}"
    opening = (f"{assets_word} in {area} serve{'s' if serving == 1 else ''} their interests "
               f"({', '.join(sorted(who.interests))})" if who.interests
               else f"{assets_word} {'is' if serving == 1 else 'are'} listed in {area}")
    parts = [_stopped_at(stage, stopped[stage], who) for stage in _FUNNEL[1:] if stopped[stage]]
    return {"code": code, "reason": f"{opening}, but {_and(parts)}."}


def _stopped_at(stage: str, assets: list[Mapping[str, Any]], client: _Client) -> str:
    count = len(assets)
    if stage == OVERDUE:
        return f"{count} {'is' if count == 1 else 'are'} overdue for review"
    if stage == CONNECTED:
        return f"they are already connected to {count}"
    if stage == SAFEGUARDING:
        risks = sorted({risk for asset in assets for risk in
                        answering_controls(client.risks, asset.get("safeguarding") or [])[1]})
        return (f"{count} {'lacks' if count == 1 else 'lack'} the safeguarding their risks "
                f"need ({', '.join(label(risk, Risk) for risk in risks)})")
    needs = sorted({need for asset in assets
                    for need in missing_access(client.needs, asset.get("accessibility") or [])})
    return (f"{count} {'does' if count == 1 else 'do'} not offer "
            + _and([label(need, AccessFeature) for need in needs], "or"))


def _and(parts: list[str], word: str = "and") -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def assets_serving(
    client: Mapping[str, Any],
    assets: Directory,
    functions: Iterable[str],
    *,
    as_of: str,
    connected: Iterable[str] = (),
    most: int = 3,
) -> dict[str, list[str]]:
    """For each support function, the names of up to ``most`` assets that could give it.

    An asset could give function ``f`` when its category is in
    ``CATEGORIES_SERVING_FUNCTION[f]`` or its ``tags`` hold ``f``, and it passes every
    rule of the module docstring except interests (rule 3): approved, in the area, in
    date, not already connected, safe for the client's risks, meeting their access
    needs. Names are in asset id order; a function nothing gives is left out.

    Only the assets in ``assets`` are looked at: the person view receives those that
    serve the client's interests (see the module docstring).

    Examples
    --------
    >>> assets = pd.DataFrame({"asset_id": ["A1", "A2"], "name": ["Shopping Buddies", "Lunch Club"],
    ...     "category": ["volunteering", "food"], "area": ["N", "N"],
    ...     "tags": [["shopping"], ["cooking"]], "accessibility": [[], []],
    ...     "cost": ["free", "low"], "safeguarding": [[], []], "approved": [True, True],
    ...     "review_due": ["2026-01-01", "2026-01-01"]})
    >>> client = {"area": "N", "interests": [], "access_needs": [], "risks": []}
    >>> assets_serving(client, assets, ["shopping", "meals", "personal_care"], as_of="2025-01-01")
    {'shopping': ['Shopping Buddies'], 'meals': ['Lunch Club']}
    """
    who = _Client.of(client, connected)
    usable = sorted((asset for asset in _asset_rows(assets)
                     if _excluded_by(asset, who, as_of, check_interests=False) is None),
                    key=lambda asset: str(asset["asset_id"]))
    found: dict[str, list[str]] = {}
    for function in functions:
        names = [str(asset.get("name") or asset["asset_id"]) for asset in usable
                 if asset.get("category") in _SERVING.get(function, set())
                 or function in (asset.get("tags") or [])]
        if names:
            found[function] = names[:most]
    return found


#: ``NO_FIT_CODES`` of each rule, in rule order: the code of a client whose nearest asset
#: stopped at that rule (``cypher/area_unmet_needs.cypher`` indexes it by rules passed).
FUNNEL_CODES = tuple(NO_FIT_CODES[stage] for stage in _FUNNEL)


def fit_rules(assets: pd.DataFrame, *, as_of: str) -> dict[str, dict[str, Any]]:
    """The assets' side of the rules, by area and interest, for counting in the store
    the clients nothing fits (``cypher/area_unmet_needs.cypher``, the area view): the
    clients stay in the store, and only these rules and the counts travel.

    For each area with an offered asset (rule 1), ``any`` (a client with no interests)
    and ``by_interest`` (each interest an offered asset there serves, rule 3) hold an
    entry: ``in_date``, the assets among those in date (rule 4) as profiles of the same
    answers to rules 6 and 7: ``assets`` (ids, for rule 5), ``unanswered`` (the risks of
    ``CONTROLS_ANSWERING_RISK`` their safeguarding does not answer) and ``offers``
    (their access features). A client's code is then ``no_fit_reason``'s: the query
    counts the rules some asset passes, in order.

    Examples
    --------
    >>> assets = pd.DataFrame({"asset_id": ["A1", "A2"], "area": ["N", "N"],
    ...     "tags": [["music"], ["music"]], "accessibility": [["seating"], ["seating"]],
    ...     "safeguarding": [["staff_present"], []], "approved": [True, True],
    ...     "review_due": ["2026-01-01", "2024-01-01"]})
    >>> rules = fit_rules(assets, as_of="2025-01-01")
    >>> rules["N"]["by_interest"]["music"]["in_date"][0]["assets"]
    ['A1']
    >>> FUNNEL_CODES[1]
    'overdue_for_review'
    """
    profiles: dict[str, dict[str, dict[tuple[Any, ...], list[str]]]] = {}
    for asset in records(assets[offered(assets)]):
        area = asset.get("area")
        if not isinstance(area, str):
            continue  # no client's area equals a missing one
        here = profiles.setdefault(area, {"": {}})  # "" holds the no-interests entry
        tags = {tag for tag in _terms([asset.get("tags")])[0] if isinstance(tag, str)}
        entries = [here[""], *(here.setdefault(f"interest:{tag}", {}) for tag in tags)]
        if not is_in_date(asset.get("review_due"), as_of):
            continue  # serves the interest (rule 3 passed), stops at rule 4
        profile = (tuple(answering_controls(_ANSWERING, asset.get("safeguarding") or [])[1]),
                   tuple(sorted(set(_terms([asset.get("accessibility")])[0]))))
        for held in entries:
            held.setdefault(profile, []).append(str(asset["asset_id"]))

    def as_entry(found: dict[tuple[Any, ...], list[str]]) -> dict[str, Any]:
        return {"in_date": [{"assets": sorted(ids), "unanswered": list(unanswered),
                             "offers": list(offers)}
                            for (unanswered, offers), ids in sorted(found.items())]}

    return {area: {"any": as_entry(here[""]),
                   "by_interest": {key.removeprefix("interest:"): as_entry(found)
                                   for key, found in sorted(here.items()) if key}}
            for area, here in profiles.items()}


def _terms(lists: Iterable[Any]) -> list[list[str]]:
    return [list(items) if isinstance(items, (list, tuple, np.ndarray)) else [] for items in lists]
