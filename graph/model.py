"""The assetmap vocabulary: every label, relationship type and enumerated value.

Ingest validates against these enums, the Cypher catalogue is linted against
``LABELS`` and ``RELATIONSHIP_TYPES`` (so a label can only reach a query if it
is named here), analytics and pages compare against the same members. Values
are plain strings (``StrEnum``) because they are stored as strings in the graph.

Dates everywhere are ISO ``YYYY-MM-DD`` strings: both backends compare them as
strings, so no temporal types cross the store boundary.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """Node labels."""

    PERSON = "Person"
    CLIENT = "Client"  # a Person who receives support; always also a Person
    ASSET = "Asset"
    SERVICE = "Service"
    AREA = "Area"
    EVENT = "Event"
    MEASURE = "Measure"
    IMPORT_RUN = "ImportRun"
    AUDIT_ENTRY = "AuditEntry"
    INTERVIEW = "Interview"  # a dated snapshot of a client's network (ingest.history)


class RelType(StrEnum):
    """Relationship types."""

    TIE = "TIE"  # (:Client)-[:TIE]->(:Person|:Asset|:Service)
    KNOWS = "KNOWS"  # (:Person)-[:KNOWS]->(:Person), supporters who know each other
    IN_AREA = "IN_AREA"  # (:Client|:Asset)-[:IN_AREA]->(:Area)
    HAS_EVENT = "HAS_EVENT"  # (:Person)-[:HAS_EVENT]->(:Event)
    HAS_MEASURE = "HAS_MEASURE"  # (:Person)-[:HAS_MEASURE]->(:Measure)
    HAS_INTERVIEW = "HAS_INTERVIEW"  # (:Client)-[:HAS_INTERVIEW]->(:Interview)


LABELS: tuple[str, ...] = tuple(label.value for label in Label)
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(rel.value for rel in RelType)

#: The key property of each node label; MERGE uses it and the schema makes it unique.
#: ``Client`` shares ``Person``'s key because every client is a person.
NODE_KEYS: dict[Label, str] = {
    Label.PERSON: "id",
    Label.ASSET: "id",
    Label.SERVICE: "id",
    Label.AREA: "code",
    Label.EVENT: "id",
    Label.MEASURE: "id",
    Label.IMPORT_RUN: "id",
    Label.AUDIT_ENTRY: "id",
    Label.INTERVIEW: "id",
}

#: Properties every write stamps, so each node and tie records who changed it last.
ACTOR_PROPERTY = "updated_by"
UPDATED_AT_PROPERTY = "updated_at"


class TieKind(StrEnum):
    """Where support comes from. Formal support is paid plus professional."""

    NATURAL = "natural"  # family, friends, neighbours
    COMMUNITY = "community"  # community settings and groups
    PROFESSIONAL = "professional"  # GP, social prescriber, OT, mental health team
    PAID = "paid"  # commissioned or privately paid care


FORMAL_KINDS: frozenset[TieKind] = frozenset({TieKind.PAID, TieKind.PROFESSIONAL})
INFORMAL_KINDS: frozenset[TieKind] = frozenset({TieKind.NATURAL, TieKind.COMMUNITY})


class TargetType(StrEnum):
    """What a tie points at."""

    PERSON = "person"
    ASSET = "asset"
    SERVICE = "service"


TARGET_LABELS: dict[TargetType, Label] = {
    TargetType.PERSON: Label.PERSON,
    TargetType.ASSET: Label.ASSET,
    TargetType.SERVICE: Label.SERVICE,
}


class SupportFunction(StrEnum):
    """What a tie does for the person."""

    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    PERSONAL_CARE = "personal_care"
    SHOPPING = "shopping"
    MEALS = "meals"
    TRANSPORT = "transport"
    CHECK_IN = "check_in"
    CRISIS_CONTACT = "crisis_contact"
    SOCIAL = "social"
    MEDICATION = "medication"
    FINANCES = "finances"
    HOUSEWORK = "housework"
    ADVICE = "advice"


class Quality(StrEnum):
    """How the person describes the relationship."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    STRAINED = "strained"


class ConnectionStatus(StrEnum):
    """Stage of a connection to a community asset."""

    PROPOSED = "proposed"
    INTRODUCED = "introduced"
    ATTENDING = "attending"
    LAPSED = "lapsed"
    ENDED = "ended"


#: Statuses under which a community connection is actually in use.
ACTIVE_CONNECTION_STATUSES: frozenset[ConnectionStatus] = frozenset(
    {ConnectionStatus.INTRODUCED, ConnectionStatus.ATTENDING}
)


class EventKind(StrEnum):
    """Things that happen to a person, recorded with a date."""

    ATTENDED = "attended"
    MISSED = "missed"
    CONTACT = "contact"
    CRISIS_CONTACT = "crisis_contact"
    INCIDENT = "incident"
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    MOOD_LOW = "mood_low"
    RISK_IDENTIFIED = "risk_identified"
    REVIEW = "review"
    # A review's parts (issue 15.5, analytics.person_review): the person's own view, on
    # the review's day; the next review, dated on the day planned; and a trigger
    # acknowledged, its notes "<trigger kind> <trigger date>: <note>".
    OWN_VIEW = "own_view"
    REVIEW_PLANNED = "review_planned"
    TRIGGER_ACK = "trigger_ack"


class Instrument(StrEnum):
    """Validated measures of loneliness, isolation and wellbeing."""

    LSNS6 = "LSNS-6"  # Lubben Social Network Scale, 6 items, total 0-30
    UCLA3 = "UCLA-3"  # UCLA 3-item Loneliness Scale, total 3-9
    ASCOF_1I = "ASCOF-1I"  # Adult Social Care Survey social contact item, 1 (as much as I want) - 4
    SWEMWBS = "SWEMWBS"  # Short Warwick-Edinburgh Mental Wellbeing Scale, 7-35


#: Valid (lowest, highest) total for each instrument.
INSTRUMENT_RANGES: dict[Instrument, tuple[int, int]] = {
    Instrument.LSNS6: (0, 30),
    Instrument.UCLA3: (3, 9),
    Instrument.ASCOF_1I: (1, 4),
    Instrument.SWEMWBS: (7, 35),
}

#: Published cut-offs: LSNS-6 below 12 is at risk of isolation (Lubben et al. 2006);
#: UCLA-3 of 6 or more is lonely (Hughes et al. 2004; ONS guidance).
LSNS6_AT_RISK_BELOW = 12
UCLA3_LONELY_FROM = 6


class AssetCategory(StrEnum):
    """Kinds of community asset in the directory."""

    LIBRARY = "library"
    FAITH_GROUP = "faith_group"
    CAFE = "cafe"
    CLUB = "club"
    SPORT_LEISURE = "sport_leisure"
    ARTS_CULTURE = "arts_culture"
    LEARNING = "learning"
    VOLUNTEERING = "volunteering"
    PEER_SUPPORT = "peer_support"
    GREEN_SPACE = "green_space"
    COMMUNITY_CENTRE = "community_centre"
    TRANSPORT = "transport"
    FOOD = "food"
    ADVICE = "advice"
    DIGITAL_INCLUSION = "digital_inclusion"
    CARERS_SUPPORT = "carers_support"


class ServiceKind(StrEnum):
    """A service is either professional (GP, OT, ...) or paid (home care, ...)."""

    PROFESSIONAL = "professional"
    PAID = "paid"


class AccessFeature(StrEnum):
    """Access needs of a client and the matching features an asset offers."""

    STEP_FREE = "step_free"
    WHEELCHAIR = "wheelchair"
    ACCESSIBLE_TOILET = "accessible_toilet"
    HEARING_LOOP = "hearing_loop"
    BSL = "bsl"
    LARGE_PRINT = "large_print"
    EASY_READ = "easy_read"
    QUIET_SPACE = "quiet_space"
    SEATING = "seating"
    PARKING = "parking"
    CARER_WELCOME = "carer_welcome"


class SafeguardingControl(StrEnum):
    """Controls an asset has in place."""

    STAFF_PRESENT = "staff_present"
    SAFEGUARDING_PATHWAY = "safeguarding_pathway"
    DBS_CHECKED = "dbs_checked"
    NAMED_LEAD = "named_lead"
    LONE_WORKING_POLICY = "lone_working_policy"
    FIRST_AIDER = "first_aider"


class Risk(StrEnum):
    """Risks recorded for a client or flagged on a connection."""

    EXPLOITATION = "exploitation"
    FINANCIAL_ABUSE = "financial_abuse"
    FALLS = "falls"
    SELF_NEGLECT = "self_neglect"
    MENTAL_HEALTH_CRISIS = "mental_health_crisis"
    SUBSTANCE_MISUSE = "substance_misuse"
    COGNITIVE_IMPAIRMENT = "cognitive_impairment"
    WANDERING = "wandering"
    ANXIETY_IN_CROWDS = "anxiety_in_crowds"
    TRAVEL_ALONE = "travel_alone"


#: For each risk, the asset controls of which at least one must be present before the
#: asset may be suggested. Following the Care Act 2014 s.42 duty and local
#: safeguarding practice, a person at risk of exploitation or abuse is only
#: introduced where staff are present or a safeguarding pathway exists.
CONTROLS_ANSWERING_RISK: dict[Risk, frozenset[SafeguardingControl]] = {
    Risk.EXPLOITATION: frozenset(
        {SafeguardingControl.STAFF_PRESENT, SafeguardingControl.SAFEGUARDING_PATHWAY}
    ),
    Risk.FINANCIAL_ABUSE: frozenset(
        {SafeguardingControl.STAFF_PRESENT, SafeguardingControl.SAFEGUARDING_PATHWAY}
    ),
    Risk.MENTAL_HEALTH_CRISIS: frozenset(
        {SafeguardingControl.STAFF_PRESENT, SafeguardingControl.NAMED_LEAD}
    ),
    Risk.FALLS: frozenset({SafeguardingControl.FIRST_AIDER, SafeguardingControl.STAFF_PRESENT}),
    Risk.WANDERING: frozenset({SafeguardingControl.STAFF_PRESENT}),
    Risk.COGNITIVE_IMPAIRMENT: frozenset(
        {SafeguardingControl.STAFF_PRESENT, SafeguardingControl.DBS_CHECKED}
    ),
}


class CostBand(StrEnum):
    """What attending an asset costs the person."""

    FREE = "free"
    LOW = "low"  # a few pounds, concessions available
    PAID = "paid"


class AgeBand(StrEnum):
    """Age bands as used in adult social care returns (SALT)."""

    AGE_18_24 = "18-24"
    AGE_25_34 = "25-34"
    AGE_35_44 = "35-44"
    AGE_45_54 = "45-54"
    AGE_55_64 = "55-64"
    AGE_65_74 = "65-74"
    AGE_75_84 = "75-84"
    AGE_85_PLUS = "85+"


class Role(StrEnum):
    """Who is looking, which decides what they may see."""

    PRACTITIONER = "practitioner"  # their own caseload
    SERVICE_LEAD = "service_lead"  # their own service
    COMMISSIONER = "commissioner"  # aggregates only
    SYSTEM = "system"  # the command line run by an administrator; never granted in the dashboard


class RecordType(StrEnum):
    """The seven importable record types, one template each."""

    PEOPLE = "people"
    TIES = "ties"
    KNOWS = "knows"
    ASSETS = "assets"
    SERVICES = "services"
    EVENTS = "events"
    MEASURES = "measures"


#: The minimum columns of each record type, in template order (DESIGN.md).
RECORD_COLUMNS: dict[RecordType, tuple[str, ...]] = {
    RecordType.PEOPLE: (
        "person_id", "client", "display_name", "area", "service", "practitioner", "needs",
        "interests", "access_needs", "risks", "functions_needed", "age_band",
    ),
    RecordType.TIES: (
        "person_id", "to_id", "to_type", "relationship", "kind", "functions",
        "hours_per_week", "contacts_per_month", "strength", "quality", "trusted", "since",
        "until", "status", "enabled_by", "risk_flags", "mitigations",
    ),
    RecordType.KNOWS: ("a_id", "b_id", "since", "until"),
    RecordType.ASSETS: (
        "asset_id", "name", "category", "area", "tags", "accessibility", "cost", "schedule",
        "transport", "safeguarding", "safeguarding_notes", "approved", "last_reviewed",
        "review_due",
    ),
    RecordType.SERVICES: ("service_id", "name", "kind", "category", "area"),
    RecordType.EVENTS: ("person_id", "date", "kind", "other_id", "notes"),
    RecordType.MEASURES: ("person_id", "date", "instrument", "score"),
}

#: Optional asset column: access information in words, beyond the listed features
#: ("ramp at the side door; hearing loop in the main hall only").
ASSET_NOTE_COLUMNS: tuple[str, ...] = ("access_notes",)

class DirectoryStatus(StrEnum):
    """Whether a directory entry (asset or service) is running: the Open Referral
    (HSDS 3.0) service statuses, plus ``withdrawn``: no longer listed by the feed it
    came from. Only ``active`` (or no status recorded) is ever suggested."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"
    WITHDRAWN = "withdrawn"


#: Optional asset and service columns of a directory entry: its status, the ages it
#: serves (eligibility, years) and the feed it was imported from (``feed``: a refreshed
#: feed withdraws what it no longer lists).
DIRECTORY_COLUMNS: tuple[str, ...] = ("status", "minimum_age", "maximum_age", "feed")

#: Optional tie columns for a community introduction plan (contact, travel,
#: reasonable adjustments, what happens if it does not work out).
INTRODUCTION_PLAN_COLUMNS: tuple[str, ...] = (
    "plan_contact", "plan_travel", "plan_adjustments", "plan_exit",
)

#: Optional tie columns the practitioner's workbench fills (issue 15): the person's own
#: words about the tie, kept verbatim; why a tie ended; the rest of the introduction
#: checklist (how the person is introduced, what staff do on the day, boundaries
#: agreed, the first date); and the date each connection status was reached (ended is
#: ``until``).
TIE_WORK_COLUMNS: tuple[str, ...] = (
    "own_words", "end_reason", "plan_introduction", "plan_staff_role", "plan_boundaries",
    "plan_first_date", "introduced_on", "attending_on", "lapsed_on",
)

#: The date column that records when a connection reached each status.
STATUS_DATE_COLUMNS: dict[str, str] = {
    "introduced": "introduced_on", "attending": "attending_on", "lapsed": "lapsed_on",
    "ended": "until",
}

#: Optional measure column: the answer to each item of the instrument, in order.
MEASURE_ITEM_COLUMNS: tuple[str, ...] = ("items",)

#: Items of each instrument and each item's (lowest, highest) answer; the total is the
#: sum of the items (Lubben et al. 2006; Hughes et al. 2004; NHS Digital ASCOF 1I).
INSTRUMENT_ITEMS: dict[Instrument, tuple[int, int, int]] = {
    Instrument.LSNS6: (6, 0, 5),
    Instrument.UCLA3: (3, 1, 3),
    Instrument.ASCOF_1I: (1, 1, 4),
}


# -- plain English ------------------------------------------------------------------------
#: Each vocabulary's codes in plain English, for pages and reports (JSON keeps the codes).
#: A code missing here reads as itself with underscores as spaces.
PLAIN_WORDS: dict[type[StrEnum], dict[str, str]] = {
    SupportFunction: {
        "emotional": "emotional support", "practical": "practical help",
        "personal_care": "personal care", "shopping": "shopping", "meals": "meals",
        "transport": "transport", "check_in": "regular check-ins",
        "crisis_contact": "crisis support", "social": "company and social contact",
        "medication": "help with medication", "finances": "money and paperwork",
        "housework": "housework", "advice": "advice",
    },
    TieKind: {
        "natural": "family, friend or neighbour", "community": "community group",
        "professional": "professional", "paid": "paid care",
    },
    AccessFeature: {
        "step_free": "step-free access", "wheelchair": "wheelchair access",
        "accessible_toilet": "an accessible toilet", "hearing_loop": "a hearing loop",
        "bsl": "British Sign Language", "large_print": "large print",
        "easy_read": "easy read", "quiet_space": "a quiet space", "seating": "seating",
        "parking": "parking", "carer_welcome": "a welcome for carers",
    },
    Risk: {
        "exploitation": "exploitation", "financial_abuse": "financial abuse",
        "falls": "falls", "self_neglect": "self-neglect",
        "mental_health_crisis": "mental health crisis", "substance_misuse": "substance misuse",
        "cognitive_impairment": "memory or thinking difficulties",
        "wandering": "getting lost when out", "anxiety_in_crowds": "anxiety in crowds",
        "travel_alone": "travelling alone",
    },
    SafeguardingControl: {
        "staff_present": "staff present", "safeguarding_pathway": "a safeguarding pathway",
        "dbs_checked": "DBS-checked volunteers", "named_lead": "a named safeguarding lead",
        "lone_working_policy": "a lone-working policy", "first_aider": "a first aider",
    },
    AssetCategory: {
        "library": "library", "faith_group": "faith group", "cafe": "café", "club": "club",
        "sport_leisure": "sport and leisure", "arts_culture": "arts and culture",
        "learning": "learning", "volunteering": "volunteering", "peer_support": "peer support",
        "green_space": "green space", "community_centre": "community centre",
        "transport": "community transport", "food": "food and lunch clubs",
        "advice": "advice service", "digital_inclusion": "digital inclusion",
        "carers_support": "support for carers",
    },
    ConnectionStatus: {
        "proposed": "proposed", "introduced": "introduced", "attending": "attending",
        "lapsed": "lapsed", "ended": "ended",
    },
    CostBand: {"free": "free", "low": "low cost", "paid": "charges a fee"},
    EventKind: {
        "mood_low": "low mood", "risk_identified": "new risk identified",
        "crisis_contact": "crisis contact",
        "own_view": "the person's own view", "review_planned": "next review planned",
        "trigger_ack": "review trigger acknowledged",
    },
}


def label(code: object, vocabulary: type[StrEnum] | None = None) -> str:
    """A vocabulary code in plain English ("personal_care" -> "personal care").

    Some codes belong to several vocabularies with different meanings ("paid" is a
    tie kind and a cost band; "transport" a support function and an asset
    category): name the ``vocabulary`` to be sure; without it the first vocabulary
    of ``PLAIN_WORDS`` holding the code answers. An unknown code reads as itself
    with underscores as spaces; ``None`` reads as "".

    >>> label("personal_care"), label("hearing_loop"), label("paid", CostBand)
    ('personal care', 'a hearing loop', 'charges a fee')
    >>> label("transport", AssetCategory), label("some_new_code")
    ('community transport', 'some new code')
    """
    if code is None:
        return ""
    text = str(code)
    tables = [PLAIN_WORDS.get(vocabulary, {})] if vocabulary is not None else []
    for words in (*tables, *PLAIN_WORDS.values()):
        if text in words:
            return words[text]
    return text.replace("_", " ")


#: What the person view shows instead of an identity the viewer may not have
#: (``cypher/person_view.cypher``): a supporter who is a client outside the viewer's
#: scope, and someone met only as a supporter's acquaintance (second degree).
HIDDEN_SUPPORTER_PREFIX = "hidden-supporter:"
HIDDEN_SUPPORTER_NAME = "a supporter"
SECOND_DEGREE_PREFIX = "contact:"
SECOND_DEGREE_NAME = "someone a supporter knows"
