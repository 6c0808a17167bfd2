"""What the workbench page asks and offers, as plain values (no Streamlit here).

The guided conversation follows practice guidance on asset mapping with the person:
four open prompts, then one prompt for each support function the person needs. Each
prompt suggests the functions and the kind of answer it usually brings; the
practitioner changes them with the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from graph.model import (
    ACTIVE_CONNECTION_STATUSES,
    ConnectionStatus,
    DirectoryStatus,
    EventKind,
    SupportFunction,
    TargetType,
    TieKind,
    label,
)
from ingest.forms import FormResult


@dataclass(frozen=True)
class Prompt:
    """One question of the guided conversation, and what an answer usually is."""

    text: str
    functions: tuple[str, ...]
    target: TargetType = TargetType.PERSON


#: The guidance's open prompts, asked first.
GUIDED_PROMPTS: tuple[Prompt, ...] = (
    Prompt("Who helps you feel safe?", (SupportFunction.EMOTIONAL.value,)),
    Prompt("Where do you like going that lifts your mood?", (SupportFunction.SOCIAL.value,),
           TargetType.ASSET),
    Prompt("When things get hard, what keeps you going?", (SupportFunction.EMOTIONAL.value,)),
    Prompt("Who would notice if you're not okay?", (SupportFunction.CHECK_IN.value,)),
)

#: How each support function reads in a "Who helps with ...?" prompt.
HELPS_WITH = {
    "emotional": "how you feel", "practical": "practical things", "check_in": "checking in on you",
    "crisis_contact": "a crisis", "social": "company", "finances": "money and paperwork",
    "personal_care": "personal care", "medication": "your medication",
}


def prompts_for(functions_needed: list[str]) -> list[Prompt]:
    """The open prompts, then one per function the person needs.

    >>> [prompt.text for prompt in prompts_for(["shopping", "personal_care"])][-2:]
    ['Who helps with shopping?', 'Who helps with personal care?']
    """
    asked = [Prompt(f"Who helps with {HELPS_WITH.get(code, label(code, SupportFunction))}?",
                    (code,)) for code in functions_needed]
    return [*GUIDED_PROMPTS, *asked]


#: The introduction checklist, in the order it is worked through.
PLAN_ITEMS: dict[str, str] = {
    "plan_contact": "Who makes contact with the group",
    "plan_introduction": "How the person is introduced",
    "plan_travel": "Travel",
    "plan_adjustments": "Adjustments",
    "plan_staff_role": "What staff do on the day",
    "plan_boundaries": "Boundaries agreed with the person",
    "plan_exit": "Fall-back and exit plan",
    "plan_first_date": "First date (YYYY-MM-DD)",
}

#: Events recorded from the evidence form (attendance has its own two buttons).
EVIDENCE_KINDS: tuple[str, ...] = (
    EventKind.CONTACT.value, EventKind.CRISIS_CONTACT.value, EventKind.INCIDENT.value,
    EventKind.SAFEGUARDING_CONCERN.value, EventKind.MOOD_LOW.value,
)

#: Where a connection may go next.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "proposed": ("introduced", "ended"),
    "introduced": ("attending", "lapsed", "ended"),
    "attending": ("lapsed", "ended"),
    "lapsed": ("attending", "ended"),
}

KIND_CHOICES: tuple[str, ...] = tuple(kind.value for kind in TieKind)
FUNCTION_CHOICES: tuple[str, ...] = tuple(function.value for function in SupportFunction)


def editable_ties(ties: pd.DataFrame) -> dict[str, str]:
    """``tie_id -> label`` of the ties a form may change: current ones, newest first
    (hidden supporters' ties are not the viewer's to change)."""
    current = ties[ties["until"].isna() & ~ties["tie_id"].astype(str).str.startswith("hidden")]
    ordered = current.sort_values("since", ascending=False, na_position="last")
    return {str(row["tie_id"]): tie_label(row) for row in ordered.to_dict("records")}


def connections(ties: pd.DataFrame) -> dict[str, str]:
    """``tie_id -> label`` of current community connections (they have a status)."""
    asset = ties[(ties["to_type"] == TargetType.ASSET.value) & ties["until"].isna()]
    return {str(row["tie_id"]): f"{tie_label(row)} · {row['status'] or 'no status'}"
            for row in asset.to_dict("records")}


def active_connections(ties: pd.DataFrame) -> dict[str, str]:
    """``asset id -> label`` of connections in use, for attendance."""
    statuses = {status.value for status in ACTIVE_CONNECTION_STATUSES}
    asset = ties[(ties["to_type"] == TargetType.ASSET.value) & ties["until"].isna()
                 & ties["status"].isin(statuses)]
    return {str(row["to_id"]): str(row["name"] or row["to_id"])
            for row in asset.to_dict("records")}


def tie_label(row: dict[str, Any]) -> str:
    """"Dora Daughter (daughter) · family, friend or neighbour" and the start date."""
    who = str(row.get("name") or row.get("to_id"))
    relationship = f" ({row['relationship']})" if row.get("relationship") else ""
    return f"{who}{relationship} · {label(row.get('kind'), TieKind)} · since {row.get('since') or '?'}"


def status_words(status: str) -> str:
    return label(status, ConnectionStatus)


def outcome_text(result: FormResult, saved: str) -> str:
    """The sentence shown after a save: what was saved, or why nothing was."""
    if result.ok:
        return saved
    if result.conflict:
        return " ".join(result.conflict)
    return "Not saved: " + "; ".join(result.problems)


def introduction_choices(suggestions: list[dict[str, Any]], directory: list[dict[str, Any]],
                         ties: pd.DataFrame) -> dict[str, str]:
    """``asset id -> label`` of the directory assets an introduction may be proposed to:
    the person's suggested fits first (best first, as ``analytics.fit.asset_fit`` ranks
    them), then every other approved, running asset by name. An asset the person already
    has a current connection to (any status) is not offered again; nor is one that is not
    approved or not running (``DirectoryStatus``: only active, or no status, runs).
    """
    current = set(ties.loc[(ties["to_type"] == TargetType.ASSET.value) & ties["until"].isna(),
                           "to_id"].astype(str))
    offered = {str(asset["id"]): str(asset["name"] or asset["id"]) for asset in directory
               if asset.get("approved") is True and str(asset["id"]) not in current
               and (asset.get("status") or DirectoryStatus.ACTIVE.value)
               == DirectoryStatus.ACTIVE.value}
    suggested = {str(s["asset_id"]): f"{offered[str(s['asset_id'])]} · suggested (fit {s['score']})"
                 for s in suggestions if str(s["asset_id"]) in offered}
    rest = sorted((name, asset_id) for asset_id, name in offered.items()
                  if asset_id not in suggested)
    return {**suggested, **{asset_id: name for name, asset_id in rest}}


def review_change_lines(changes: dict[str, Any]) -> list[str]:
    """The review form's "since the last review" in sentences, one per change
    (``assetmap.views.review_changes``)."""
    since = f"since the last review ({changes['last_review']})" if changes["last_review"] \
        else "on record (no review yet)"
    lines = [f"Gained: {t['name'] or t['to_id']} (since {t['since']})" for t in changes["gained"]]
    lines += [f"Lost: {t['name'] or t['to_id']} (ended {t['until']})" for t in changes["lost"]]
    lines += [f"{m['name'] or m['to_id']}: {status_words(m['status'])} on {m['date']}"
              for m in changes["moved"]]
    lines += [f"{m['instrument']} {m['score']:g} on {m['date']}" for m in changes["measures"]]
    lines += [f"Trigger: {t['detail']} ({t['date']})" for t in changes["triggers"]]
    return [f"Changes {since}:", *(lines or ["nothing recorded"])]
