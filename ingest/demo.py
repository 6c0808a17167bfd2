"""A synthetic local authority, written as the seven import CSVs.

Every client follows one of five stories, and their ties, events and measures
are drawn to fit it:

* ``RICH``: a wide natural network, a community group attended for years, few
  paid hours; LSNS-6 high, UCLA-3 low.
* ``PAID``: almost wholly reliant on paid care (sometimes the agency changes
  part-way), one distant relative at most; isolated throughout.
* ``ARC``: friends move away or die, isolation deepens (low mood, crisis
  contacts, LSNS-6 falling), then a community connector introduces a group
  (proposed, introduced, attending: one tie row per stage) and scores recover.
* ``SPOF``: one daughter does the shopping, meals and paperwork alone, and the
  neighbour who drives is the only way to the group the person attends
  (the asset tie's ``enabled_by``): single points of failure.
* ``MIXED``: a modest mix; some community connections have lapsed.

History runs monthly for ``HISTORY_MONTHS`` months ending at ``DEMO_END``, a fixed
date, so the same seed always gives the same files. Generation is vectorised
with numpy so ``people=100_000`` (about a million ties) takes seconds, not hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graph.model import INTRODUCTION_PLAN_COLUMNS, RECORD_COLUMNS, RecordType
from ingest.records import allowed_columns

DEMO_END = date(2026, 10, 31)
HISTORY_MONTHS = 36
FIRST_MONTH = np.datetime64(DEMO_END.isoformat()[:7], "M") - (HISTORY_MONTHS - 1)
AREAS = np.array(["Riverside", "Hillcrest", "Old Town", "Meadowbank"], dtype=object)
AREA_TAGS = ("RIV", "HIL", "OLD", "MEA")
CLIENTS_PER_PRACTITIONER = 25
CLIENTS_PER_ASSET = 50
#: A team holds about this many clients at most: a large area splits each of its own
#: services into numbered teams (``SVC-LT-01``...), a small one keeps one of each.
CLIENTS_PER_SERVICE = 2000
#: Each own service's expected share of clients (from the weights in ``_clients``).
OWN_SERVICE_SHARES = (0.46, 0.30, 0.24)
MIN_ASSETS = 24

RICH, PAID, ARC, SPOF, MIXED = range(5)
STORY_SHARES = (0.25, 0.2, 0.2, 0.15, 0.2)
#: The first clients tell each story for certain, so even a tiny demo has them all.
FIXED_STORIES = (ARC, SPOF, PAID, RICH, MIXED)

#: The organisation's own services: every client's ``service`` is one of these, or, in
#: a large area, one of its teams (see ``own_services``).
OWN_SERVICES = (
    ("SVC-LT", "Locality Social Work Team", "professional", "social_work"),
    ("SVC-CC", "Community Connectors", "professional", "social_prescribing"),
    ("SVC-RB", "Reablement and Home Support", "paid", "home_care"),
)
OTHER_SERVICES = (
    ("SVC-HC-1", "Brightside Home Care", "paid", "home_care"),
    ("SVC-HC-2", "Kingfisher Domiciliary Care", "paid", "home_care"),
    ("SVC-MEALS", "Meals at Home", "paid", "meals"),
    ("SVC-DAY", "Willow Day Centre", "paid", "day_service"),
    ("SVC-MH", "Community Mental Health Team", "professional", "mental_health"),
    ("SVC-DN", "District Nursing", "professional", "nursing"),
    ("SVC-OT", "Occupational Therapy", "professional", "therapy"),
)
GP_NAMES = ("Riverside Surgery", "Hillcrest Medical Centre", "Old Town Practice",
            "Meadowbank Health Centre")

FEMALE_NAMES = np.array(["Edna", "Margaret", "Joan", "Pauline", "Sheila", "Maureen", "Brenda", "Irene", "Doreen", "Valerie", "Jean", "Sandra", "Gloria", "Hazel", "Winifred", "Priya", "Grace", "Aisha", "Megan", "Sophie"], dtype=object)
MALE_NAMES = np.array(["Arthur", "Dennis", "Harold", "Kenneth", "Trevor", "Colin", "Derek", "Stanley", "Roy", "Keith", "Malcolm", "Barry", "Raymond", "Leonard", "Clive", "Tariq", "Kwame", "Dylan", "Ravi", "Liam"], dtype=object)
FIRST_NAMES = np.concatenate([FEMALE_NAMES, MALE_NAMES])
#: Relationships that name a gender: a supporter's first name is drawn to match.
FEMALE_RELATIONSHIPS = frozenset({"daughter", "sister", "niece", "mother", "wife", "granddaughter"})
MALE_RELATIONSHIPS = frozenset({"son", "brother", "grandson", "father", "husband", "nephew"})
LAST_NAMES = np.array(["Clarke", "Hughes", "Patel", "Evans", "Morgan", "Okafor", "Walsh", "Bennett", "Khan", "Price", "Fletcher", "Barnes", "Rahman", "Jenkins", "Doyle", "Griffiths", "Shaw", "Mensah", "Turner", "Lloyd", "Ahmed", "Parry", "Wood", "Kowalski", "Brennan", "Osei", "Hall", "Ward", "Singh", "Fisher"], dtype=object)
NEEDS = np.array(["mobility", "memory", "low mood", "learning disability", "sight loss",
                  "hearing loss", "long-term condition", "anxiety"], dtype=object)
INTERESTS = np.array(["gardening", "music", "walking", "crafts", "reading", "cooking", "faith",
                      "football", "history", "computers", "art", "singing", "cards",
                      "volunteering", "woodwork", "dancing"], dtype=object)
AGE_BANDS = np.array(["18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"],
                     dtype=object)
AGE_SHARES = (0.03, 0.05, 0.06, 0.08, 0.12, 0.2, 0.26, 0.2)
FUNCTIONS_NEEDED = np.array([
    "emotional;social;check_in", "shopping;meals;check_in;emotional",
    "personal_care;meals;medication;check_in", "transport;social;emotional",
    "shopping;transport;finances;social", "practical;housework;check_in;emotional",
], dtype=object)

#: Natural relationships: (relationship, functions, hours low-high, contacts low-high, strength low-high)
RELATIONSHIPS = (
    ("daughter", "emotional;practical;shopping;check_in", 2, 8, 6, 16, 4, 5),
    ("son", "practical;finances;transport", 1, 4, 2, 8, 3, 5),
    ("sister", "emotional;social;check_in", 0.5, 3, 4, 12, 3, 5),
    ("brother", "practical;social", 0.5, 2, 1, 4, 2, 4),
    ("friend", "social;emotional", 0.5, 3, 2, 8, 2, 5),
    ("neighbour", "check_in;practical", 0.5, 2, 4, 20, 2, 4),
    ("niece", "social;shopping", 0.5, 2, 1, 4, 2, 4),
    ("grandson", "social;housework", 0.5, 2, 1, 4, 2, 4),
    ("friend from church", "social;emotional;transport", 0.5, 2, 2, 6, 2, 4),
    ("former colleague", "social", 0.5, 1, 1, 3, 1, 3),
)
SPOF_DAUGHTER = ("daughter", "shopping;meals;practical;finances;emotional;check_in",
                 8, 15, 20, 30, 5, 5)
SPOF_NEIGHBOUR = ("neighbour", "transport;check_in", 1, 3, 6, 10, 3, 4)
SPOF_FRIEND = ("friend", "social;emotional", 0.5, 1, 1, 3, 2, 3)

#: Asset templates: (category, name, tags, accessibility, controls, cost, schedule, transport)
ASSET_TEMPLATES = (
    ("library", "{area} Library Knit and Natter", "crafts;reading", "step_free;accessible_toilet;seating;large_print", "staff_present;named_lead", "free", "Tuesdays 10:00-12:00", "Bus stops outside"),
    ("faith_group", "St Mary's Lunch Club, {area}", "faith;cooking", "step_free;seating", "dbs_checked;named_lead", "low", "Wednesdays 12:00-14:00", "Church minibus on request"),
    ("cafe", "{area} Memory Cafe", "music;history", "step_free;quiet_space;carer_welcome;seating", "staff_present;safeguarding_pathway;first_aider", "free", "First Monday 14:00-16:00", "Ten minutes' walk from the bus station"),
    ("club", "{area} Men's Shed", "woodwork;gardening", "parking", "first_aider", "low", "Thursdays 13:00-16:00", "No bus after 17:00"),
    ("sport_leisure", "Walking Football at {area} Leisure Centre", "football;walking", "step_free;accessible_toilet;parking", "staff_present;first_aider", "low", "Fridays 11:00-12:00", "Bus 12, then a short walk"),
    ("arts_culture", "{area} Community Choir", "singing;music", "hearing_loop;seating", "named_lead", "free", "Mondays 18:30-20:00", "Evening: no bus back after 20:30"),
    ("learning", "{area} Digital Skills Drop-in", "computers", "step_free;large_print;easy_read", "staff_present;dbs_checked", "free", "Thursdays 10:00-12:00", "Bus stops outside"),
    ("volunteering", "{area} Food Bank Volunteers", "volunteering;cooking", "step_free", "named_lead;lone_working_policy", "free", "Saturdays 09:00-12:00", "Car park behind the hall"),
    ("peer_support", "{area} Hearing Loss Peer Group", "reading;cards", "hearing_loop;bsl;quiet_space", "named_lead;safeguarding_pathway", "free", "Second Tuesday 14:00-15:30", "Community transport can be booked"),
    ("green_space", "{area} Community Garden", "gardening;walking", "parking;seating", "dbs_checked", "free", "Daily 10:00-16:00 in season", "Uneven paths; no bus"),
    ("community_centre", "{area} Tea Dance", "dancing;music", "step_free;accessible_toilet;seating;parking", "staff_present;first_aider;safeguarding_pathway", "low", "Sundays 14:00-16:30", "Bus 7 and 12"),
    ("transport", "{area} Community Transport", "walking", "wheelchair;step_free", "dbs_checked;lone_working_policy", "low", "Weekdays, book a day ahead", "Door-to-door minibus"),
    ("food", "{area} Lunch Club", "cooking;cards", "step_free;seating;accessible_toilet", "staff_present;first_aider", "low", "Tuesdays and Fridays 12:00", "Minibus pick-up for members"),
    ("advice", "{area} Advice Drop-in", "history", "step_free;easy_read;bsl", "staff_present;safeguarding_pathway", "free", "Mondays 10:00-13:00", "Bus stops outside"),
    ("digital_inclusion", "{area} Tablet Lending Scheme", "computers;reading", "large_print;easy_read", "named_lead", "free", "By appointment", "Home visits available"),
    ("carers_support", "{area} Carers' Cafe", "art;crafts", "step_free;quiet_space;carer_welcome", "staff_present;named_lead", "free", "Last Friday 10:00-12:00", "Bus 12"),
)
#: Access in words, beyond the listed features, by asset category.
ACCESS_NOTES = {
    "club": "Workshop is up two steps; a portable ramp is kept by the door",
    "green_space": "Lower beds reached by a steep gravel path",
    "arts_culture": "Hearing loop covers the front three rows only",
    "faith_group": "Side door is step-free; the main door has three steps",
    "cafe": "A quiet room is kept free for anyone who needs a break",
}

#: Introduction plans for a supported first visit: (who makes contact, travel,
#: adjustments, exit plan), as a community connector would write them.
INTRODUCTION_PLANS = (
    ("Connector rings the group lead the week before", "Connector accompanies the first two visits",
     "Quiet corner; can leave early", "Connector phones after each of the first four sessions"),
    ("Group lead visits at home first, with the connector", "Community transport booked, connector meets at the door",
     "Seated activities; a named buddy for the first month", "Review with the person after three sessions"),
    ("Person phones the lead themselves; connector on speaker", "Daughter drives for the first month",
     "Arrives ten minutes early, before the room fills", "Connector checks in by text after each visit"),
    ("Connector introduces in person at a taster session", "Bus with a travel buddy volunteer",
     "Large-print programme; hearing loop seat", "If two sessions are missed, the connector visits"),
)
#: The agreed mitigation for a client's risk on a group connection.
MITIGATIONS = {
    "falls": "Seated activities; the lead knows to call for help, not lift",
    "anxiety_in_crowds": "Arrives before the room fills; a quiet room is kept free",
    "cognitive_impairment": "Named buddy; the lead has the daughter's number",
    "exploitation": "No money handled; the lead knows the safeguarding route",
    "mental_health_crisis": "Crisis plan shared with the lead, with the person's agreement",
}

SAFEGUARDING_NOTES = {
    "staff_present": "Staff on site throughout; concerns go to the duty manager.",
    "dbs_checked": "Volunteer-led; every volunteer DBS-checked.",
    "named_lead": "Named safeguarding lead; volunteers trained yearly.",
    "first_aider": "Peer-led with a trained first aider; no staff present.",
}


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers since 1970-01-01 as ISO strings (object array)."""
    return (np.datetime64("1970-01-01", "D") + days.astype("int64")).astype(str).astype(object)


def _month_day(month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """ISO date of day ``day`` (1-28) of history month ``month`` (0-based)."""
    starts = (FIRST_MONTH + month.astype("int64")).astype("datetime64[D]")
    dates: np.ndarray = (starts + (day.astype("int64") - 1)).astype(str).astype(object)
    return dates


def _ids(prefix: str, count: int, width: int) -> np.ndarray:
    return np.array([f"{prefix}{number:0{width}d}" for number in range(1, count + 1)], dtype=object)


def _join_choice(rng: np.random.Generator, options: np.ndarray, count: int, most: int) -> np.ndarray:
    """For each of ``count`` rows, 1..``most`` distinct options joined with ';'."""
    picks = np.argsort(rng.random((count, len(options))), axis=1)[:, :most]
    sizes = rng.integers(1, most + 1, count)
    return np.array([";".join(options[row[:size]]) for row, size in zip(picks, sizes, strict=True)],
                    dtype=object)


# -- clients ------------------------------------------------------------------------


@dataclass
class Clients:
    ids: np.ndarray
    story: np.ndarray
    area: np.ndarray  # index into AREAS
    service: np.ndarray  # service id (the own service, or its team)
    own_service: np.ndarray  # index into OWN_SERVICES
    t_loss: np.ndarray  # month an ARC client's friends fall away
    t_intro: np.ndarray  # month an ARC client is introduced to a group
    frame: pd.DataFrame  # the people.csv rows of the clients


def own_services(clients: int) -> list[list[tuple[str, str, str, str]]]:
    """The teams of each own service for an area of ``clients``: one (the service
    itself) while it would hold ``CLIENTS_PER_SERVICE`` or fewer, else numbered teams of
    about that size each.

    >>> [len(teams) for teams in own_services(300)], own_services(300)[0][0][0]
    ([1, 1, 1], 'SVC-LT')
    >>> [len(teams) for teams in own_services(100_000)], own_services(100_000)[2][0][:2]
    ([23, 15, 12], ('SVC-RB-01', 'Reablement and Home Support 1'))
    """
    result = []
    for (service_id, name, kind, category), share in zip(OWN_SERVICES, OWN_SERVICE_SHARES,
                                                         strict=True):
        teams = max(1, int(np.ceil(clients * share / CLIENTS_PER_SERVICE)))
        width = max(2, len(str(teams)))
        result.append([(service_id, name, kind, category)] if teams == 1 else
                      [(f"{service_id}-{n:0{width}d}", f"{name} {n}", kind, category)
                       for n in range(1, teams + 1)])
    return result


def _teams(service_index: np.ndarray, teams: list[list[tuple[str, str, str, str]]]
           ) -> tuple[np.ndarray, np.ndarray]:
    """Each client's team (a number across all teams) and its id: a service's clients are
    dealt to its teams in turn (no random draw, so a one-team area is as before)."""
    team = np.zeros(len(service_index), dtype=np.int64)
    first = 0
    for service, service_teams in enumerate(teams):
        members = np.flatnonzero(service_index == service)
        team[members] = first + np.arange(len(members)) % len(service_teams)
        first += len(service_teams)
    ids = np.array([row[0] for service_teams in teams for row in service_teams], dtype=object)
    return team, ids[team]


def _clients(rng: np.random.Generator, count: int) -> Clients:
    story = rng.choice(5, size=count, p=STORY_SHARES)
    story[: min(count, len(FIXED_STORIES))] = FIXED_STORIES[:count]
    ids = _ids("C", count, max(5, len(str(count))))
    area = rng.integers(0, len(AREAS), count)
    service_weights = np.where(story[:, None] == PAID, [0.3, 0.1, 0.6], [0.5, 0.35, 0.15])
    service_index = (rng.random(count)[:, None] > np.cumsum(service_weights, axis=1)).sum(axis=1)
    team, service_ids = _teams(service_index, own_services(count))
    names = rng.choice(FIRST_NAMES, count) + " " + rng.choice(LAST_NAMES, count)
    needs = _join_choice(rng, NEEDS, count, 2)
    frame = pd.DataFrame({
        "person_id": ids,
        "client": "yes",
        "display_name": names,
        "area": AREAS[area],
        "service": service_ids,
        "practitioner": _practitioners(team),
        "needs": needs,
        "interests": _join_choice(rng, INTERESTS, count, 3),
        "access_needs": _access_needs(needs),
        "risks": _risks(rng, needs, story),
        "functions_needed": rng.choice(FUNCTIONS_NEEDED, count),
        "age_band": AGE_BANDS[rng.choice(len(AGE_BANDS), count, p=AGE_SHARES)],
        # When the service began working with them: before the history shown, so each
        # has a review record (yearly) through the whole history.
        "start_date": _dates(rng.integers(np.datetime64("2016-01-01", "D").astype(int),
                                          FIRST_MONTH.astype("datetime64[D]").astype(int),
                                          count)),
    })
    t_loss = rng.integers(5, 11, count)
    return Clients(ids, story, area, service_ids, service_index, t_loss,
                   t_loss + rng.integers(8, 14, count), frame)


def _practitioners(team: np.ndarray) -> np.ndarray:
    """Practitioner ids (``PR-01``...), each holding about 25 clients of one team."""
    result = np.empty(len(team), dtype=object)
    numbers = np.zeros(len(team), dtype=np.int64)
    offset = 0
    for service in range(int(team.max(initial=0)) + 1):
        members = np.flatnonzero(team == service)
        numbers[members] = offset + np.arange(len(members)) // CLIENTS_PER_PRACTITIONER
        offset += -(-len(members) // CLIENTS_PER_PRACTITIONER)
    width = max(2, len(str(offset)))
    labels = np.array([f"PR-{number + 1:0{width}d}" for number in range(max(offset, 1))],
                      dtype=object)
    result[:] = labels[numbers]
    return result


def _access_needs(needs: np.ndarray) -> np.ndarray:
    by_need = {"mobility": "step_free;seating", "sight loss": "large_print",
               "hearing loss": "hearing_loop", "anxiety": "quiet_space",
               "learning disability": "easy_read"}
    return np.array([";".join(by_need[item] for item in text.split(";") if item in by_need)
                     for text in needs], dtype=object)


def _risks(rng: np.random.Generator, needs: np.ndarray, story: np.ndarray) -> np.ndarray:
    by_need = {"mobility": "falls", "memory": "cognitive_impairment",
               "learning disability": "exploitation", "low mood": "self_neglect",
               "anxiety": "anxiety_in_crowds"}
    risks = []
    for text, this_story, chance in zip(needs, story, rng.random(len(needs)), strict=True):
        found = [by_need[item] for item in text.split(";") if item in by_need]
        if this_story == ARC and chance < 0.5:
            found.append("mental_health_crisis")
        if this_story == PAID and chance < 0.15:
            found.append("financial_abuse")
        risks.append(";".join(dict.fromkeys(found)))
    return np.array(risks, dtype=object)


# -- assets and services ------------------------------------------------------------


def _services(clients: int) -> pd.DataFrame:
    own = [row for teams in own_services(clients) for row in teams]
    rows = [(*service, "") for service in (*own, *OTHER_SERVICES)]
    rows += [(f"SVC-GP-{tag}", name, "professional", "gp", area)
             for tag, name, area in zip(AREA_TAGS, GP_NAMES, AREAS, strict=True)]
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS[RecordType.SERVICES]))


def _assets(rng: np.random.Generator, count: int) -> pd.DataFrame:
    index = np.arange(count)
    area = index % len(AREAS)
    # Each area starts at a different template, so small directories still differ by area.
    template = (index // len(AREAS) + 4 * area) % len(ASSET_TEMPLATES)
    cycle = index // (len(ASSET_TEMPLATES) * len(AREAS))
    reviewed = rng.integers(np.datetime64("2025-07-01", "D").astype(int),
                            np.datetime64(DEMO_END.isoformat(), "D").astype(int), count)
    rows = []
    for number, (kind, name, tags, access, controls, cost, schedule, transport) in zip(
            index, (ASSET_TEMPLATES[t] for t in template), strict=True):
        title = name.format(area=AREAS[area[number]])
        first_control = controls.split(";")[0]
        rows.append((f"A-{number + 1:04d}", title if not cycle[number] else
                     f"{title} ({cycle[number] + 1})", kind, AREAS[area[number]], tags, access,
                     cost, schedule, transport, controls, SAFEGUARDING_NOTES.get(first_control, "")))
    frame = pd.DataFrame(rows, columns=["asset_id", "name", "category", "area", "tags",
                                        "accessibility", "cost", "schedule", "transport",
                                        "safeguarding", "safeguarding_notes"])
    frame["access_notes"] = frame["category"].map(ACCESS_NOTES)
    frame["approved"] = np.where(rng.random(count) < 0.85, "yes", "no")
    frame["last_reviewed"] = _dates(reviewed)
    frame["review_due"] = _dates(reviewed + 365)
    return frame


# -- ties -----------------------------------------------------------------------------


def _natural_block(rng: np.random.Generator, owners: np.ndarray, roles: tuple[tuple[Any, ...], ...],
                   role_index: np.ndarray, order: int) -> pd.DataFrame:
    table = np.array(roles, dtype=object)
    chosen = table[role_index]
    count = len(owners)
    low_hours, high_hours = chosen[:, 2].astype(float), chosen[:, 3].astype(float)
    low_contacts, high_contacts = chosen[:, 4].astype(float), chosen[:, 5].astype(float)
    strength = rng.integers(chosen[:, 6].astype(int), chosen[:, 7].astype(int) + 1)
    since = rng.integers(np.datetime64("1985-01-01", "D").astype(int),
                         np.datetime64("2023-06-01", "D").astype(int), count)
    quality = np.where(rng.random(count) < 0.12, "strained",
                       np.where(rng.random(count) < 0.2, "neutral", "positive")).astype(object)
    return pd.DataFrame({
        "client": owners, "order": order, "to_type": "person", "relationship": chosen[:, 0],
        "kind": "natural", "functions": chosen[:, 1],
        "hours_per_week": np.round((low_hours + rng.random(count) * (high_hours - low_hours)) * 2) / 2,
        "contacts_per_month": np.round(low_contacts + rng.random(count) * (high_contacts - low_contacts)),
        "strength": strength, "quality": quality,
        "trusted": np.where(quality == "strained", "no", "yes").astype(object),
        "since": _dates(since),
    })


def _natural_ties(rng: np.random.Generator, clients: Clients) -> pd.DataFrame:
    story = clients.story
    low = np.array([6, 0, 3, 0, 3])[story]  # SPOF clients get their own three, below
    high = np.array([10, 1, 5, 0, 5])[story]
    counts = rng.integers(low, high + 1)
    owners = np.repeat(np.arange(len(story)), counts)
    generic = _natural_block(rng, owners, RELATIONSHIPS,
                             rng.integers(0, len(RELATIONSHIPS), len(owners)), order=2)
    # An ARC client's first two friends drop away around the month of loss.
    rank = np.arange(len(owners)) - np.repeat(np.cumsum(counts) - counts, counts)
    ending = (story[owners] == ARC) & (rank < 2)
    month = clients.t_loss[owners[ending]] + rank[ending] * 2
    generic["until"] = None
    generic.loc[ending, "until"] = _month_day(month, rng.integers(1, 29, ending.sum()))
    spof = np.flatnonzero(story == SPOF)
    blocks = [generic]
    for order, role in enumerate((SPOF_DAUGHTER, SPOF_NEIGHBOUR, SPOF_FRIEND)):
        block = _natural_block(rng, spof, (role,), np.zeros(len(spof), dtype=int), order)
        block["until"] = None
        blocks.append(block)
    return pd.concat(blocks, ignore_index=True)


def _service_ties(rng: np.random.Generator, clients: Clients) -> pd.DataFrame:
    story, count = clients.story, len(clients.ids)
    everyone = np.arange(count)
    started = clients.frame["start_date"].to_numpy()
    gp = np.array([f"SVC-GP-{tag}" for tag in AREA_TAGS], dtype=object)[clients.area]
    own_kind = np.array([service[2] for service in OWN_SERVICES], dtype=object)[clients.own_service]
    # Reablement (a paid own service) records its hours; professional workers record contacts.
    own_hours = np.where(own_kind == "paid", rng.integers(3, 8, count).astype(float), np.nan)
    registered = _dates(rng.integers(np.datetime64("1990-01-01", "D").astype(int),
                                     np.datetime64("2020-01-01", "D").astype(int), count))
    blocks = [
        _service_block(everyone, gp, "professional", "GP", "medication;advice", None, 0.5,
                       order=5, since=registered),
        _service_block(everyone, clients.service, own_kind, "allocated worker",
                       "advice;check_in", own_hours, 1, order=6, since=started),
    ]
    blocks += _home_care(rng, clients, started)
    arc = np.flatnonzero(story == ARC)
    crisis = _service_block(arc, "SVC-MH", "professional", "mental health nurse",
                            "emotional;crisis_contact", None, 2, order=11)
    crisis["since"] = _month_day(clients.t_loss[arc] + 3, np.full(len(arc), 10))
    blocks.append(crisis)
    blocks.append(_light_home_care(rng, clients, started))
    therapy = everyone[rng.random(count) < 0.5]
    nursing = rng.random(len(therapy)) < 0.5
    blocks.append(_service_block(therapy, np.where(nursing, "SVC-DN", "SVC-OT").astype(object),
                                 "professional", np.where(nursing, "district nurse",
                                                          "occupational therapist").astype(object),
                                 np.where(nursing, "medication;advice", "advice;practical")
                                 .astype(object), None, 1, order=13, since=started[therapy]))
    return pd.concat(blocks, ignore_index=True)


def _home_care(rng: np.random.Generator, clients: Clients, started: np.ndarray
               ) -> list[pd.DataFrame]:
    """PAID clients' care: an agency from their start; for 40 % the agency changes in the
    last year and a half, the new package smaller (reablement worked) or larger (needs grew)
    by turns, so the service's 3- and 12-month trends move both ways."""
    paid = np.flatnonzero(clients.story == PAID)
    swap = rng.random(len(paid)) < 0.4
    agency = np.where(rng.random(len(paid)) < 0.5, "SVC-HC-1", "SVC-HC-2").astype(object)
    hours = rng.integers(10, 29, len(paid)).astype(float)
    first = _service_block(paid, agency, "paid", "home care", "personal_care;medication;meals",
                           hours, 60, order=7, since=started[paid])
    swap_month = rng.integers(HISTORY_MONTHS - 16, HISTORY_MONTHS, len(paid))
    no_end = np.full(len(paid), None, dtype=object)
    first["until"] = np.where(swap, _month_day(swap_month, np.ones(len(paid))), no_end)
    other = np.where(agency == "SVC-HC-1", "SVC-HC-2", "SVC-HC-1").astype(object)
    smaller = np.arange(swap.sum()) % 2 == 0
    factor = np.where(smaller, rng.uniform(0.4, 0.7, swap.sum()), rng.uniform(1.3, 1.8, swap.sum()))
    second = _service_block(paid[swap], other[swap], "paid", "home care",
                            "personal_care;medication;meals;check_in",
                            np.round(hours[swap] * factor), 60, order=8,
                            since=_month_day(swap_month[swap], np.ones(swap.sum())))
    day_centre = paid[rng.random(len(paid)) < 0.5]
    return [first, second,
            _service_block(paid, "SVC-MEALS", "paid", "meal delivery", "meals", 1.5, 20,
                           order=9, since=started[paid]),
            _service_block(day_centre, "SVC-DAY", "paid", "day centre", "social;meals", 6, 8,
                           order=10, since=started[day_centre])]


def _light_home_care(rng: np.random.Generator, clients: Clients, started: np.ndarray
                     ) -> pd.DataFrame:
    """A few hours of home care for half the other clients: a third began in the last
    year (more reliant on paid care), a third ended in it (reablement done), a third runs
    throughout."""
    story = clients.story
    some = np.flatnonzero((story == RICH) | (story == MIXED) | (story == SPOF))
    some = some[rng.random(len(some)) < 0.5]
    block = _service_block(some, "SVC-HC-1", "paid", "home care", "personal_care",
                           rng.integers(2, 8, len(some)), 12, order=12, since=started[some])
    change = rng.integers(HISTORY_MONTHS - 12, HISTORY_MONTHS, len(some))
    third = np.arange(len(some)) % 3
    changed = _month_day(change, rng.integers(1, 29, len(some)))
    block["since"] = np.where(third == 0, changed, block["since"].to_numpy())
    block["until"] = np.where(third == 1, changed, np.full(len(some), None, dtype=object))
    return block


def _service_block(owners: np.ndarray, target: object, kind: object, relationship: object,
                   functions: object, hours: object, contacts: float, order: int,
                   since: object = None) -> pd.DataFrame:
    return pd.DataFrame({
        "client": owners, "order": order, "to_id": target, "to_type": "service",
        "relationship": relationship, "kind": kind, "functions": functions,
        "hours_per_week": hours, "contacts_per_month": contacts, "strength": 3,
        "quality": "neutral", "trusted": "yes", "since": since, "until": None,
    })


def _asset_ties(rng: np.random.Generator, clients: Clients, assets: pd.DataFrame,
                neighbour_of: dict[int, str]) -> pd.DataFrame:
    story = clients.story
    approved = assets["approved"].to_numpy() == "yes"
    area_of_asset = pd.Categorical(assets["area"], categories=AREAS).codes
    chosen = np.empty(len(story), dtype=object)
    for area in range(len(AREAS)):
        in_area = area_of_asset == area
        pool = assets["asset_id"].to_numpy()[(approved & in_area) if (approved & in_area).any()
                                             else in_area]
        members = clients.area == area
        chosen[members] = pool[rng.integers(0, len(pool), members.sum())]
    # The community connectors team that introduces a client: their own if they are
    # one of its clients, else one dealt in turn (``SVC-CC`` while there is one team).
    teams = np.array([row[0] for row in own_services(len(story))[1]], dtype=object)
    connectors = np.where(clients.own_service == 1, clients.service,
                          teams[np.arange(len(story)) % len(teams)]).astype(object)
    blocks = []
    steady = np.flatnonzero((story == RICH) | (story == SPOF) | (story == MIXED))
    steady = steady[(story[steady] != MIXED) | (rng.random(len(steady)) < 0.6)]
    lapsed = (story[steady] == MIXED) & (rng.random(len(steady)) < 0.5)
    block = _asset_block(steady, chosen[steady], np.where(lapsed, "lapsed", "attending"),
                         _dates(rng.integers(np.datetime64("2018-01-01", "D").astype(int),
                                             np.datetime64("2023-09-01", "D").astype(int),
                                             len(steady))), order=3)
    block["enabled_by"] = [neighbour_of.get(owner, "") for owner in steady]
    blocks.append(block)
    arc = np.flatnonzero(story == ARC)
    intro = clients.t_intro[arc]
    plan = rng.integers(0, len(INTRODUCTION_PLANS), len(story))
    for stage, (status, start, end) in enumerate(
            (("proposed", intro - 2, intro - 1), ("introduced", intro - 1, intro),
             ("attending", intro, None))):
        block = _asset_block(arc, chosen[arc], status, _month_day(start, np.full(len(arc), 3)),
                             order=3 + stage)
        block["until"] = None if end is None else _month_day(end, np.full(len(arc), 3))
        block["enabled_by"] = connectors[arc] if status != "attending" else ""
        for column, texts in zip(INTRODUCTION_PLAN_COLUMNS, zip(*INTRODUCTION_PLANS, strict=True),
                                 strict=True):
            block[column] = np.array(texts, dtype=object)[plan[arc]]
        blocks.append(block)
    connections = pd.concat(blocks, ignore_index=True)
    return _with_risk_flags(connections, clients.frame["risks"].to_numpy())


def _with_risk_flags(connections: pd.DataFrame, risks: np.ndarray) -> pd.DataFrame:
    """Each connection flags the first of its client's risks that a group setting raises,
    with the mitigation agreed for it (none for clients without such a risk)."""
    flag = np.array([next((risk for risk in text.split(";") if risk in MITIGATIONS), "")
                     for text in risks[connections["client"].to_numpy()]], dtype=object)
    return connections.assign(
        risk_flags=flag, mitigations=np.array([MITIGATIONS.get(f, "") for f in flag], dtype=object))


def _asset_block(owners: np.ndarray, targets: np.ndarray, status: object, since: np.ndarray,
                 order: int) -> pd.DataFrame:
    return pd.DataFrame({
        "client": owners, "order": order, "to_id": targets, "to_type": "asset",
        "relationship": "member", "kind": "community", "functions": "social;emotional",
        "hours_per_week": 2, "contacts_per_month": 4, "strength": 3, "quality": "positive",
        "since": since, "until": None, "status": status,
    })


def _ties_and_supporters(rng: np.random.Generator, clients: Clients, assets: pd.DataFrame
                         ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    natural = _natural_ties(rng, clients)
    natural["to_id"] = _ids("S", len(natural), max(6, len(str(len(natural)))))
    spof_neighbours = natural[(natural["order"] == 1) & (natural["relationship"] == "neighbour")]
    neighbour_of = dict(zip(spof_neighbours["client"], spof_neighbours["to_id"], strict=True))
    ties = pd.concat([natural, _service_ties(rng, clients),
                      _asset_ties(rng, clients, assets, neighbour_of)], ignore_index=True)
    ties = ties.sort_values(["client", "order"], kind="stable")
    ties["person_id"] = clients.ids[ties["client"].to_numpy()]
    owners_last = clients.frame["display_name"].str.split(" ").str[-1].to_numpy()
    family = natural["relationship"].isin(["daughter", "son", "sister", "brother", "niece",
                                           "grandson"]).to_numpy()
    surname = np.where(family, owners_last[natural["client"].to_numpy()],
                       rng.choice(LAST_NAMES, len(natural)))
    relationship = natural["relationship"].to_numpy()
    first = np.where(np.isin(relationship, list(FEMALE_RELATIONSHIPS)),
                     rng.choice(FEMALE_NAMES, len(natural)),
                     np.where(np.isin(relationship, list(MALE_RELATIONSHIPS)),
                              rng.choice(MALE_NAMES, len(natural)),
                              rng.choice(FIRST_NAMES, len(natural))))
    supporters = pd.DataFrame({"person_id": natural["to_id"], "client": "no",
                               "display_name": first + " " + surname})
    return ties, supporters, _knows(rng, natural)


def _knows(rng: np.random.Generator, natural: pd.DataFrame) -> pd.DataFrame:
    """Supporters of the same client who know each other (consecutive pairs, by chance)."""
    owners, ids = natural["client"].to_numpy(), natural["to_id"].to_numpy()
    order = np.argsort(owners, kind="stable")
    owners, ids = owners[order], ids[order]
    linked = (owners[:-1] == owners[1:]) & (rng.random(max(len(ids) - 1, 0)) < 0.5)
    return pd.DataFrame({"a_id": ids[:-1][linked], "b_id": ids[1:][linked], "since": None,
                         "until": None})


# -- history: isolation, events, measures ------------------------------------------


def _isolation(rng: np.random.Generator, clients: Clients) -> np.ndarray:
    """A 0 (connected) .. 1 (isolated) level per client and month, following the story."""
    months = np.arange(HISTORY_MONTHS)[None, :]
    base = np.array([0.2, 0.75, 0.45, 0.45, 0.5])[clients.story][:, None]
    level = np.repeat(base, HISTORY_MONTHS, axis=1)
    loss, intro = clients.t_loss[:, None], clients.t_intro[:, None]
    worsening = np.clip((months - loss) / np.maximum(intro - loss, 1), 0, 1) * 0.4
    recovery = np.clip((months - intro) / 8, 0, 1) * 0.5
    arc = (clients.story == ARC)[:, None]
    level = np.where(arc, level + worsening - recovery, level)
    return np.clip(level + rng.normal(0, 0.04, level.shape), 0, 1).astype(np.float32)


EVENT_NOTES = {
    "missed": np.array(["", "", "Unwell", "No transport", "Hospital appointment"], dtype=object),
    "crisis_contact": np.array(["Called the out-of-hours line", "Crisis team visit"], dtype=object),
    "incident": np.array(["Fall at home", "Found confused outdoors", "Medication missed"],
                         dtype=object),
    "safeguarding_concern": np.array(["Concern raised by neighbour",
                                      "Unexplained withdrawals reported"], dtype=object),
    "mood_low": np.array(["", "Says she feels alone", "Not answering the door"], dtype=object),
}


def _explode(rng: np.random.Generator, counts: np.ndarray, kind: str, other: np.ndarray,
             clients: Clients, step_days: int) -> pd.DataFrame:
    """One row per event from a (client x month) count grid; same-month events on distinct days."""
    flat = counts.ravel()
    cells = np.repeat(np.arange(flat.size), flat)
    within = np.arange(cells.size) - np.repeat(np.cumsum(flat) - flat, flat)
    client, month = np.divmod(cells, HISTORY_MONTHS)
    day = (rng.integers(0, 7, cells.size) + within * step_days) % 28 + 1
    notes = EVENT_NOTES.get(kind)
    return pd.DataFrame({
        "person_id": clients.ids[client], "date": _month_day(month, day), "kind": kind,
        "other_id": other[client] if other.ndim == 1 else other[client, month],
        "notes": notes[rng.integers(0, len(notes), cells.size)] if notes is not None else "",
    })


def _attending(clients: Clients, ties: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per client and month: the asset they attend ('' if none) and whether it is lapsing."""
    grid = np.full((len(clients.ids), HISTORY_MONTHS), "", dtype=object)
    lapsing = np.zeros(grid.shape, dtype=bool)
    current = ties[(ties["to_type"] == "asset") & ties["status"].isin(["attending", "lapsed"])]
    owners = current["client"].to_numpy()
    start_month = ((current["since"].to_numpy().astype("datetime64[D]").astype("datetime64[M]")
                    - FIRST_MONTH).astype(int)).clip(0, HISTORY_MONTHS)
    months = np.arange(HISTORY_MONTHS)[None, :]
    active = months >= start_month[:, None]
    lapsed = (current["status"].to_numpy() == "lapsed")[:, None]
    active &= ~lapsed | (months < HISTORY_MONTHS - 6)
    for row, owner in enumerate(owners):
        grid[owner, active[row]] = current["to_id"].iat[row]
    lapsing[owners] = lapsed & (months >= HISTORY_MONTHS - 12) & (months < HISTORY_MONTHS - 6)
    return grid, lapsing


def _events(rng: np.random.Generator, clients: Clients, isolation: np.ndarray,
            ties: pd.DataFrame) -> pd.DataFrame:
    shape = isolation.shape
    asset, lapsing = _attending(clients, ties)
    going = asset != ""
    story = clients.story[:, None]
    risks = clients.frame["risks"].to_numpy()
    falls = np.array(["falls" in text for text in risks])[:, None]
    exploit = np.array(["exploitation" in text or "financial" in text for text in risks])[:, None]
    blank = np.full(len(clients.ids), "", dtype=object)
    months = np.arange(HISTORY_MONTHS)[None, :]
    review_month = (np.arange(len(clients.ids)) % 12)[:, None]
    frames = [
        _explode(rng, np.where(going, rng.poisson(np.where(lapsing, 0.4, 1.3 - 0.8 * isolation)), 0)
                 .clip(0, 4), "attended", asset, clients, 7),
        _explode(rng, np.where(going, rng.poisson(0.2 + 2.0 * lapsing + 0.8 * np.clip(
            isolation - 0.5, 0, 1)), 0).clip(0, 3), "missed", asset, clients, 7),
        _explode(rng, (rng.random(shape) < 0.35).astype(int), "contact", clients.service,
                 clients, 9),
        _explode(rng, ((months % 12) == review_month).astype(int) * np.ones(shape, dtype=int),
                 "review", clients.service, clients, 9),
        _explode(rng, rng.poisson(3.0 * np.clip(isolation - 0.55, 0, 1)), "mood_low", blank,
                 clients, 9),
        _explode(rng, rng.poisson(2.5 * np.clip(isolation - 0.7, 0, 1) + 0.01 * (story == PAID)),
                 "crisis_contact", blank, clients, 9),
        _explode(rng, rng.poisson(np.where(falls, 0.08, 0.02), shape), "incident", blank,
                 clients, 9),
        _explode(rng, rng.poisson(np.where(exploit, 0.02, 0.003), shape),
                 "safeguarding_concern", blank, clients, 9),
    ]
    events = pd.concat(frames, ignore_index=True)
    return events.sort_values(["person_id", "date", "kind"], kind="stable")


def _measures(rng: np.random.Generator, clients: Clients, isolation: np.ndarray) -> pd.DataFrame:
    """LSNS-6 and UCLA-3 every quarter, drawn from the month's isolation level."""
    quarter_months = np.arange(2, HISTORY_MONTHS, 3)
    level = isolation[:, quarter_months]
    count, quarters = level.shape
    lsns = np.clip(np.round(30 * (1 - level) - 2 + rng.normal(0, 1.5, level.shape)), 0, 30)
    ucla = np.clip(np.round(3 + 6 * level + rng.normal(0, 0.6, level.shape)), 3, 9)
    client = np.repeat(np.arange(count), quarters)
    month = np.tile(quarter_months, count)
    day = np.full(client.size, 15)
    dates = _month_day(month, day)
    frames = [pd.DataFrame({"person_id": clients.ids[client], "date": dates,
                            "instrument": name, "score": scores.ravel().astype(int)})
              for name, scores in (("LSNS-6", lsns), ("UCLA-3", ucla))]
    return pd.concat(frames, ignore_index=True).sort_values(["person_id", "date"], kind="stable")


# -- the files ---------------------------------------------------------------------------


def write_demo_csvs(folder: Path | str, *, people: int = 300, seed: int = 7) -> list[Path]:
    """Write people, ties, knows, assets, services, events and measures CSVs into ``folder``.

    ``people`` is the number of clients (their supporters are listed too);
    the same ``seed`` always writes the same files.
    """
    if people < 1:
        raise ValueError("the demo needs at least one client")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    clients = _clients(rng, people)
    assets = _assets(rng, max(MIN_ASSETS, round(people / CLIENTS_PER_ASSET)))
    ties, supporters, knows = _ties_and_supporters(rng, clients, assets)
    isolation = _isolation(rng, clients)
    frames = {
        RecordType.SERVICES: _services(people),
        RecordType.ASSETS: assets,
        RecordType.PEOPLE: pd.concat([clients.frame, supporters], ignore_index=True),
        RecordType.TIES: ties,
        RecordType.KNOWS: knows,
        RecordType.EVENTS: _events(rng, clients, isolation, ties),
        RecordType.MEASURES: _measures(rng, clients, isolation),
    }
    paths = []
    for record_type, frame in frames.items():
        columns = list(allowed_columns(record_type))
        path = folder / f"{record_type.value}.csv"
        frame.reindex(columns=columns).to_csv(path, index=False)
        paths.append(path)
    return paths
