"""Open Referral UK / HSDS 3.0 directories in, asset and service record tables out.

Input is any response of the ORUK 3.0 / HSDS 3.0 APIs (``ingest.open_referral_shapes``:
a single service, a ``/services`` or ``/service_at_locations`` page, a plain list);
the import summary says which shape each file was. Each service becomes:

* a **professional or paid service** (``services`` record, keyed by the HSDS service
  id) when one of its taxonomy terms names one (``PROFESSIONAL_TERMS``/``PAID_TERMS``:
  GP, social work, occupational therapy, community nursing, mental health teams...;
  home care, domiciliary care...), or
* otherwise **community assets**, one per ``service_at_location`` (keyed by its HSDS
  id; by the service id when it has no location), because accessibility, schedule and
  transport belong to the place: a group meeting in a library and in a church hall is
  two places a person may be introduced to.

Classification reads the most specific taxonomy terms first (a term no other term of
the service names as ``parent_id``): the mapping's ``[categories]`` (by term id, code or
name), then the built-in term words (``CATEGORY_TERMS``), then ``default_category``.
Asset fields: ``tags`` the terms' names, ``area`` from ``area_from`` (the first service
area, else the address's city; or the city, the postcode district, or a postcode table;
renamed by ``[areas]``), ``accessibility`` the ``AccessFeature`` each free-text
accessibility phrase unambiguously names (the other phrases are kept, verbatim, in
``access_notes``), ``transport`` the location's ``transportation`` text, ``cost`` from
the general cost options (``cost_band``), ``schedule`` from the schedules, ``status``
the HSDS status, ``minimum_age``/``maximum_age`` the eligibility, ``feed`` the feed it
came from, ``approved`` only when ``status`` is ``active``, ``last_reviewed`` the
``assured_date`` and ``review_due`` ``review_months`` (12) later. Services only for
people under 18 are skipped (or imported unapproved). Coordinates are not stored: a
placeholder one is a warning.

A mapping file (``format = "open-referral"``) names the files and settings::

    format = "open-referral"
    files = ["services_page_*.json"]
    feed = "riverside-directory"          # a refreshed feed withdraws what it drops
    review_months = 12
    default_review_interval_days = 365    # review due this long after import when undated
    default_category = "club"             # for services no term classifies
    area_from = "service_area"            # or address.city, address.postcode_district,
                                          # postcode_table (postcode_table = "areas.csv")
    [categories]            # taxonomy term id, code or name -> asset category, "professional" or "paid"
    "Lunch clubs" = "food"
    [areas]                 # service area or city -> assetmap area code
    "Riverside Ward" = "Riverside"
    [skip]
    terms = ["Youth clubs"]               # services with these terms are not imported
    under_age = "skip"                    # or "unapproved" (maximum_age below adult_age, 18)
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graph.model import AccessFeature, AssetCategory, CostBand, RecordType, ServiceKind
from ingest.open_referral_shapes import Shape, directory_shape, near_miss_hint
from ingest.records import LIST_SEPARATOR
from ingest.sources import (
    DirectoryFeed,
    FileRead,
    Issue,
    Table,
    combined_checksum,
    export_files,
)

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
APPROVED_STATUS = "active"
#: Pounds per session up to which an asset counts as low cost (CostBand.LOW).
LOW_COST_UP_TO = 5.0
DEFAULT_REVIEW_MONTHS = 12
ALLOWED_CATEGORIES = frozenset(category.value for category in AssetCategory)
DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
             "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
ORDINALS = {"1": "1st", "2": "2nd", "3": "3rd", "4": "4th", "-1": "last"}

#: Taxonomy term words that make a service professional, with the service category.
PROFESSIONAL_TERMS: dict[str, str] = {
    r"\bgps?\b|general practi": "gp",
    r"social work": "social_work",
    r"occupational therap": "occupational_therapy",
    r"physiotherap": "physiotherapy",
    r"(district|community) nurs": "community_nursing",
    r"mental health (team|service)": "mental_health",
    r"social prescrib": "social_prescribing",
    r"pharmac": "pharmacy",
    r"care (needs )?assessment": "care_assessment",
}
#: Taxonomy term words that make a service paid care.
PAID_TERMS: dict[str, str] = {
    r"home ?care|care at home|domiciliary": "home_care",
    r"personal assistant": "personal_assistant",
    r"respite": "respite_care",
    r"care home|residential care|nursing home": "care_home",
}
#: Taxonomy term words -> asset category; the first term that matches decides, and
#: within a term the more specific categories are tried first.
CATEGORY_TERMS: dict[str, AssetCategory] = {
    r"\bcarers?\b": AssetCategory.CARERS_SUPPORT,
    r"peer support|support group|befriend|bereavement": AssetCategory.PEER_SUPPORT,
    r"community (centre|center|hall)|village hall": AssetCategory.COMMUNITY_CENTRE,
    r"digital|computer|online skills|internet": AssetCategory.DIGITAL_INCLUSION,
    r"caf[eé]s?\b|coffee": AssetCategory.CAFE,
    r"lunch|food|meals?\b": AssetCategory.FOOD,
    r"librar": AssetCategory.LIBRARY,
    r"faith|church|mosque|temple|gurdwara|synagogue": AssetCategory.FAITH_GROUP,
    r"\bart\b|\barts\b|craft|music|choir|singing|museum|theatre|cultur": AssetCategory.ARTS_CULTURE,
    r"sport|exercise|walking|swimming|leisure|fitness|dance|yoga": AssetCategory.SPORT_LEISURE,
    r"garden|allotment|\bparks?\b|green space": AssetCategory.GREEN_SPACE,
    r"volunteer": AssetCategory.VOLUNTEERING,
    r"learning|education|courses?\b|classes": AssetCategory.LEARNING,
    r"transport|community bus|dial[- ]a[- ]ride": AssetCategory.TRANSPORT,
    r"advice|information|benefits": AssetCategory.ADVICE,
    r"club|social group|men'?s shed": AssetCategory.CLUB,
}
#: Free-text UK accessibility phrases -> the feature each names.
ACCESS_PHRASES: dict[AccessFeature, str] = {
    AccessFeature.STEP_FREE: r"step[- ]free|level access|\bramp(ed)?\b|no steps|lift to all floors",
    AccessFeature.WHEELCHAIR: r"wheelchair",
    AccessFeature.ACCESSIBLE_TOILET: r"(accessible|disabled|adapted) (toilet|wc|loo)|changing places",
    AccessFeature.HEARING_LOOP: r"(hearing|induction|audio[- ]frequency) loop|\bloop system",
    AccessFeature.BSL: r"\bbsl\b|sign language",
    AccessFeature.LARGE_PRINT: r"large print",
    AccessFeature.EASY_READ: r"easy[- ]read",
    AccessFeature.QUIET_SPACE: r"quiet (room|space|area)|low[- ]sensory",
    AccessFeature.SEATING: r"seating|\bseats?\b|chairs? (available|provided)",
    AccessFeature.PARKING: r"parking",
    AccessFeature.CARER_WELCOME: r"carers? (welcome|go free|free|admitted free)",
}
#: Words that make a phrase a qualification rather than a plain "this is available".
QUALIFIERS = re.compile(r"\b(no|not|none|without|limited|partial(ly)?|only|some|except|"
                        r"unfortunately|difficult|steep|narrow|unsuitable|cannot|can't|isn't)\b")


# -- accessibility ----------------------------------------------------------------


def access_features(text: str) -> tuple[list[AccessFeature], list[str]]:
    """Features the phrases of ``text`` name without doubt, and the phrases kept as notes.

    A phrase (split at ``.``, ``;``, ``,`` and new lines) counts when it names exactly
    one feature and carries no qualifier ("no", "only", "limited" ...); anything else
    (unknown, several features, qualified) is kept verbatim as a note.

    >>> features, notes = access_features("Step-free access via ramp; hearing loop in hall only")
    >>> [feature.value for feature in features], notes
    (['step_free'], ['hearing loop in hall only'])
    """
    features: list[AccessFeature] = []
    notes: list[str] = []
    for phrase in (part.strip() for part in re.split(r"[.;,\n]+", text)):
        if not phrase:
            continue
        lowered = phrase.lower()
        named = [feature for feature, pattern in ACCESS_PHRASES.items()
                 if re.search(pattern, lowered)]
        if len(named) == 1 and not QUALIFIERS.search(lowered):
            if named[0] not in features:
                features.append(named[0])
        else:
            notes.append(phrase)
    return features, notes


# -- reading ------------------------------------------------------------------------


#: Where an asset's area comes from (the mapping's ``area_from``).
AREA_SOURCES = ("service_area", "address.city", "address.postcode_district", "postcode_table")
#: What happens to a service only for people younger than ``ADULT_AGE`` ([skip] under_age).
UNDER_AGE_ACTIONS = ("skip", "unapproved")
#: The age from which adult social care serves people (Care Act 2014 s.2: adults are 18+).
ADULT_AGE = 18.0
#: Longest area code an asset may carry (``ingest.records.Code``).
AREA_CODE_CHARS = 100
#: How many names a warning lists before "and N more".
NAMED_IN_WARNING = 5


@dataclass
class Settings:
    """The mapping file's settings (the defaults for a directory imported on its own)."""

    categories: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    review_months: int = DEFAULT_REVIEW_MONTHS
    default_category: str = ""
    skip_terms: frozenset[str] = frozenset()
    adult_age: float = ADULT_AGE
    under_age: str = "skip"
    review_interval_days: int | None = None
    area_from: str = "service_area"
    postcode_areas: dict[str, str] = field(default_factory=dict)
    feed: str = ""

    @classmethod
    def from_mapping(cls, mapping: dict[str, Any], issues: list[Issue], name: str,
                     base: Path | None = None) -> Settings:
        """Settings from a mapping's tables; each unusable value is an issue on ``name``."""
        def lowered(table: Any) -> dict[str, str]:
            return {str(k).strip().lower(): str(v) for k, v in (table or {}).items()}

        def problem(column: str, reason: str) -> None:
            issues.append(Issue(name, column, reason))

        months = mapping.get("review_months", DEFAULT_REVIEW_MONTHS)
        settings = cls(categories=lowered(mapping.get("categories")),
                       areas={str(k): str(v) for k, v in (mapping.get("areas") or {}).items()},
                       review_months=months if isinstance(months, int)
                       else DEFAULT_REVIEW_MONTHS,
                       feed=_text(mapping.get("feed")))
        default = _text(mapping.get("default_category"))
        if default and default not in ALLOWED_CATEGORIES:
            problem("default_category", f"{default!r} is not one of "
                    f"{', '.join(sorted(ALLOWED_CATEGORIES))}")
        settings.default_category = default if default in ALLOWED_CATEGORIES else ""
        skip = mapping.get("skip") or {}
        if not isinstance(skip, dict):
            problem("skip", "must be a table ([skip])")
            skip = {}
        for unknown in sorted(set(skip) - {"terms", "under_age", "adult_age"}):
            problem(f"skip.{unknown}", "unknown setting (a typo?); known: adult_age, terms, "
                    "under_age")
        settings.skip_terms = frozenset(str(term).strip().lower()
                                        for term in skip.get("terms") or [])
        under_age = _text(skip.get("under_age") or "skip")
        if under_age not in UNDER_AGE_ACTIONS:
            problem("skip.under_age", f"{under_age!r} is not one of "
                    f"{', '.join(UNDER_AGE_ACTIONS)}")
        settings.under_age = under_age if under_age in UNDER_AGE_ACTIONS else "skip"
        adult_age = skip.get("adult_age", ADULT_AGE)
        settings.adult_age = float(adult_age) if isinstance(adult_age, int | float) else ADULT_AGE
        days = mapping.get("default_review_interval_days")
        if days is not None and not (isinstance(days, int) and days > 0):
            problem("default_review_interval_days", f"{days!r} is not a whole number of days")
        settings.review_interval_days = days if isinstance(days, int) and days > 0 else None
        settings.area_from = _text(mapping.get("area_from")) or (
            "postcode_table" if mapping.get("postcode_table") else "service_area")
        if settings.area_from not in AREA_SOURCES:
            problem("area_from", f"{settings.area_from!r} is not one of "
                    f"{', '.join(AREA_SOURCES)}")
        if settings.area_from == "postcode_table":
            settings.postcode_areas = _postcode_table(mapping.get("postcode_table"), base,
                                                      problem)
        return settings


def _postcode_table(named: Any, base: Path | None, problem: Any) -> dict[str, str]:
    """``postcode -> area`` from the CSV file the mapping names (columns ``postcode,area``;
    a postcode may be whole, a sector ``LE1 1`` or a district ``LE1``)."""
    if not named or base is None:
        problem("postcode_table", "name the CSV file of postcodes and areas "
                "(postcode_table = \"postcode_areas.csv\", columns postcode,area)")
        return {}
    path = base / str(named)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem("postcode_table", f"{named!r} cannot be read ({exc})")
        return {}
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and not {"postcode", "area"} <= {str(key).strip().lower() for key in rows[0]}:
        problem("postcode_table", f"{named!r} needs the columns postcode,area")
        return {}
    table: dict[str, str] = {}
    for row in rows:
        cells = {str(key).strip().lower(): _text(value) for key, value in row.items()}
        if cells.get("postcode") and cells.get("area"):
            table[normal_postcode(cells["postcode"])] = cells["area"]
    return table


def normal_postcode(text: str) -> str:
    """A UK postcode (or its sector or district) upper-cased with one space before the
    inward code: ``"le11aa"`` -> ``"LE1 1AA"``, ``"le1"`` -> ``"LE1"``.

    >>> normal_postcode("le11aa"), normal_postcode(" LE1  1 "), normal_postcode("le1")
    ('LE1 1AA', 'LE1 1', 'LE1')
    """
    compact = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}", compact):
        return f"{compact[:-3]} {compact[-3:]}"
    if " " in text.strip():
        outward, inward = text.strip().upper().split(None, 1)
        return f"{outward} {inward.replace(' ', '')}"
    return compact


def postcode_district(postcode: str) -> str:
    """The outward code (district) of a UK postcode: ``"LE1 1AA"`` -> ``"LE1"``.

    >>> postcode_district("le11aa"), postcode_district("SW1A 2AA")
    ('LE1', 'SW1A')
    """
    return normal_postcode(postcode).split(" ")[0]


def _area_of_postcode(postcode: str, table: dict[str, str]) -> str:
    """The area of the longest entry of ``table`` the postcode starts with (whole
    postcode, then sector, then district)."""
    whole = normal_postcode(postcode)
    outward, _, inward = whole.partition(" ")
    for key in (whole, f"{outward} {inward[:1]}" if inward else "", outward):
        if key and key in table:
            return table[key]
    return ""


@dataclass
class Skipped:
    """Services set aside, and why, for one summary warning per reason."""

    under_age: list[str] = field(default_factory=list)
    unapproved_under_age: list[str] = field(default_factory=list)
    by_term: list[str] = field(default_factory=list)
    defaulted: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    no_area: list[str] = field(default_factory=list)


class Directory:
    """Turns HSDS services into asset and service rows, one table each per file."""

    def __init__(self, result: FileRead, settings: Settings, prefix: str,
                 today: date | None = None) -> None:
        self.result, self.settings, self.prefix = result, settings, prefix
        self.today = today or date.today()
        self.assets = Table(result.name, RecordType.ASSETS, location_format=f"{prefix}[{{}}]")
        self.services = Table(result.name, RecordType.SERVICES,
                              location_format=f"{prefix}[{{}}]")
        self.skipped = Skipped()
        self.ids: list[str] = []
        self.long_areas: set[str] = set()

    def issue(self, index: int, column: str, reason: str) -> None:
        self.result.issues.append(Issue(f"{self.prefix}[{index}]", column, reason))

    def warn(self, index: int, column: str, reason: str) -> None:
        self.result.warnings.append(Issue(f"{self.prefix}[{index}]", column, reason))

    def add(self, index: int, service: Any) -> None:
        if not isinstance(service, dict) or not _text(service.get("id")):
            self.issue(index, "id", "each service must be an object with an id")
            return
        status = _text(service.get("status")).lower()
        if status not in STATUSES:
            self.issue(index, "status", f"{status!r} is not one of {', '.join(STATUSES)}")
        name = _text(service.get("name")) or _text(service["id"])
        terms = list(taxonomy_terms(service))
        if any(term_keys(term) & self.settings.skip_terms for term in terms):
            self.skipped.by_term.append(name)
            return
        entry = {"status": status if status in STATUSES else "", "feed": self.settings.feed,
                 **self.ages(index, service)}
        approved = status == APPROVED_STATUS
        if _for_children_only(service, self.settings.adult_age):
            if self.settings.under_age == "skip":
                self.skipped.under_age.append(name)
                return
            self.skipped.unapproved_under_age.append(name)
            approved = False
        kind, category = self.classify(index, name, terms)
        if kind is not None:
            self._add_service(index, service, kind, category, entry)
        elif category:
            for place, where in self.places(index, service):
                self._add_asset(index, service, place, where, category, terms,
                                {**entry, "approved": "yes" if approved else "no"})

    def ages(self, index: int, service: dict[str, Any]) -> dict[str, str]:
        """The service's ``minimum_age``/``maximum_age`` (HSDS 3.0 service fields)."""
        ages: dict[str, str] = {}
        for key in ("minimum_age", "maximum_age"):
            value = service.get(key)
            if value is None or value == "":
                continue
            number = _amount(value)
            if number is None:
                self.warn(index, key, f"{value!r} is not an age in years: not kept")
                continue
            ages[key] = f"{number:g}"
        return ages

    def classify(self, index: int, name: str,
                 terms: list[dict[str, str]]) -> tuple[ServiceKind | None, str]:
        """(service kind, service category) or (None, asset category), from the most
        specific terms first (``taxonomy_terms``)."""
        for term in terms:
            override = next((self.settings.categories[key] for key in
                             (term["id"].lower(), term["code"].lower(), term["name"].lower())
                             if key and key in self.settings.categories), "")
            if override in (ServiceKind.PROFESSIONAL, ServiceKind.PAID):
                return ServiceKind(override), _slug(term["name"])
            if override:
                return None, override
        for kind, table in ((ServiceKind.PROFESSIONAL, PROFESSIONAL_TERMS),
                            (ServiceKind.PAID, PAID_TERMS)):
            for term in terms:
                for pattern, category in table.items():
                    if re.search(pattern, term["name"].lower()):
                        return kind, category
        for term in terms:
            for pattern, asset_category in CATEGORY_TERMS.items():
                if re.search(pattern, term["name"].lower()):
                    return None, asset_category.value
        if self.settings.default_category:
            self.skipped.defaulted.append(name)
            return None, self.settings.default_category
        names = ", ".join(repr(term["name"]) for term in terms) or "none"
        self.issue(index, "attributes", f"no asset category for taxonomy terms {names}: map "
                   "one under [categories] in a mapping file (term id, code or name), or set "
                   "default_category")
        return None, ""

    def places(self, index: int, service: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
        """(service_at_location, its path) per location; the service itself if none."""
        at_locations = service.get("service_at_locations") or []
        if not isinstance(at_locations, list):
            self.issue(index, "service_at_locations", "must be a list")
            return
        if not at_locations:
            yield {"id": service["id"]}, ""
        for number, at_location in enumerate(at_locations):
            where = f"service_at_locations[{number}]"
            if not isinstance(at_location, dict) or not _text(at_location.get("id")):
                self.issue(index, where, "must be an object with an id")
                continue
            yield at_location, where

    def _add_service(self, index: int, service: dict[str, Any], kind: ServiceKind,
                     category: str, entry: dict[str, str]) -> None:
        row = {"service_id": _text(service["id"]), "name": _text(service.get("name")),
               "kind": kind.value, "category": category,
               "area": self.area(index, service, {}), **entry}
        self._append(self.services, index, row)

    def _add_asset(self, index: int, service: dict[str, Any], at_location: dict[str, Any],
                   where: str, category: str, terms: list[dict[str, str]],
                   entry: dict[str, str]) -> None:
        nested = at_location.get("location")
        location: dict[str, Any] = nested if isinstance(nested, dict) else {}
        self._check_coordinates(index, where, location)
        features, notes = self.accessibility(location)
        reviewed, due = self.review_dates(index, service)
        several = len(service.get("service_at_locations") or []) > 1
        name = _text(service.get("name"))
        if several and _text(location.get("name")):
            name = f"{name} ({_text(location.get('name'))})"
        row = {
            "asset_id": _text(at_location["id"]), "name": name, "category": category,
            "area": self.area(index, service, at_location),
            "tags": LIST_SEPARATOR.join(dict.fromkeys(t["name"].lower() for t in terms
                                                       if t["name"])),
            "accessibility": LIST_SEPARATOR.join(features),
            "cost": cost_band(service, self.today) or "",
            "schedule": schedule_text(at_location, service, location),
            "transport": _text(location.get("transportation")),
            "access_notes": "; ".join(notes),
            "last_reviewed": reviewed, "review_due": due, **entry,
        }
        self._append(self.assets, index, row)

    def _append(self, table: Table, index: int, row: dict[str, str]) -> None:
        _append(table, index, row)
        self.ids.append(row.get("asset_id") or row["service_id"])

    def review_dates(self, index: int, service: dict[str, Any]) -> tuple[str, str]:
        """(last_reviewed, review_due): the assured date and ``review_months`` later; with
        no assured date, no review (or, with ``default_review_interval_days``, due that
        many days after the import)."""
        reviewed = self.assured(index, service)
        if reviewed:
            return reviewed, _add_months(reviewed, self.settings.review_months)
        self.skipped.undated.append(_text(service.get("name")) or _text(service["id"]))
        days = self.settings.review_interval_days
        return "", (self.today + timedelta(days=days)).isoformat() if days else ""

    def area(self, index: int, service: dict[str, Any], at_location: dict[str, Any]) -> str:
        """The area code, from ``area_from`` (renamed by ``[areas]``); a name too long to
        be a code is an error that says how to map it."""
        found = self._area_name(service, at_location)
        if not found:
            if self.settings.area_from != "service_area" and at_location:
                self.skipped.no_area.append(_text(service.get("name")) or _text(service["id"]))
            return ""
        code = self.settings.areas.get(found, found)
        if len(code) > AREA_CODE_CHARS:
            if code not in self.long_areas:
                self.long_areas.add(code)
                self.issue(index, "service_areas", f"area {code[:40]!r}… is {len(code)} "
                           f"characters, longer than an area code ({AREA_CODE_CHARS}): map the "
                           "whole name to a code under [areas] (\"<the name>\" = \"Riverside\") "
                           "or set area_from = \"address.city\", \"address.postcode_district\" "
                           "or \"postcode_table\"")
            return ""
        return code

    def _area_name(self, service: dict[str, Any], at_location: dict[str, Any]) -> str:
        source = self.settings.area_from
        if source == "service_area":
            for holder in (at_location, service):
                for service_area in holder.get("service_areas") or []:
                    if isinstance(service_area, dict) and _text(service_area.get("name")):
                        return _text(service_area["name"])
        for address in _addresses(at_location):
            if source in ("service_area", "address.city") and _text(address.get("city")):
                return _text(address["city"])
            postcode = _text(address.get("postal_code"))
            if postcode and source == "address.postcode_district":
                return postcode_district(postcode)
            if postcode and source == "postcode_table":
                return _area_of_postcode(postcode, self.settings.postcode_areas)
        return ""

    def accessibility(self, location: dict[str, Any]) -> tuple[list[str], list[str]]:
        features: list[str] = []
        notes: list[str] = []
        for entry in location.get("accessibility") or []:
            if not isinstance(entry, dict):
                continue
            text = ". ".join(_text(entry.get(key)) for key in ("description", "details"))
            found, unmatched = access_features(text)
            features.extend(f.value for f in found if f.value not in features)
            notes.extend(note for note in unmatched if note not in notes)
        return features, notes

    def assured(self, index: int, service: dict[str, Any]) -> str:
        text = _text(service.get("assured_date"))
        if not text:
            return ""
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            self.issue(index, "assured_date", f"{text!r} is not a date (YYYY-MM-DD)")
            return ""

    def _check_coordinates(self, index: int, where: str, location: dict[str, Any]) -> None:
        """Coordinates are not stored: one out of range (the standard's own example has
        latitude 100) is a warning, never a reason to refuse the directory."""
        for key, limit in (("latitude", 90), ("longitude", 180)):
            value = location.get(key)
            if value is None or value == "":
                continue
            number = _amount(abs(value) if isinstance(value, int | float) else value)
            if number is None or number > limit:
                self.warn(index, f"{where}.location.{key}".lstrip("."),
                          f"{value!r} is not a {key} in decimal degrees: ignored "
                          "(assetmap stores no coordinates)")

    def finish(self) -> None:
        """One warning per kind of thing set aside or assumed, naming the services."""
        skipped, name = self.skipped, self.result.name
        notes = [
            (skipped.under_age, "only for people under {age}: not imported (set "
                                "[skip] under_age = \"unapproved\" to import them unapproved)"),
            (skipped.unapproved_under_age, "only for people under {age}: imported, never "
                                           "approved"),
            (skipped.by_term, "a taxonomy term in [skip] terms: not imported"),
            (skipped.defaulted, "no taxonomy term assetmap maps: given default_category "
                                f"{self.settings.default_category!r}"),
            (skipped.no_area, f"no area from {self.settings.area_from}: imported without "
                              "an area, so never suggested"),
        ]
        if self.settings.review_interval_days is None:
            notes.append((skipped.undated, "no assured_date: nothing can be suggested from "
                          "them until review dates exist (set default_review_interval_days = "
                          "365 in the mapping to date their review from the import)"))
        age = f"{self.settings.adult_age:g}"
        for services, reason in notes:
            if services:
                self.result.warnings.append(Issue(name, "", f"{_count(services)}: "
                                                  + reason.format(age=age)))


def _count(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:NAMED_IN_WARNING])
    more = f" and {len(unique) - NAMED_IN_WARNING} more" if len(unique) > NAMED_IN_WARNING else ""
    return f"{len(unique)} service{'s' if len(unique) != 1 else ''} ({shown}{more})"


def _addresses(at_location: dict[str, Any]) -> list[dict[str, Any]]:
    location = at_location.get("location")
    addresses = location.get("addresses") if isinstance(location, dict) else None
    return [address for address in addresses or [] if isinstance(address, dict)]


def _for_children_only(service: dict[str, Any], adult_age: float) -> bool:
    """True when the service's ``maximum_age`` is below ``adult_age``: a service for
    children and young people, which adult social care does not refer to."""
    maximum = _amount(service.get("maximum_age"))
    return maximum is not None and maximum < adult_age


def _append(table: Table, index: int, row: dict[str, str]) -> None:
    table.rows.append({key: value for key, value in row.items() if value})
    table.positions.append(index)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:100]


def _add_months(day: str, months: int) -> str:
    start = date.fromisoformat(day)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for last_day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, last_day)).isoformat()
        except ValueError:
            continue
    return day


def taxonomy_terms(service: dict[str, Any]) -> list[dict[str, str]]:
    """``{id, code, name, parent_id}`` of each taxonomy term of the service, the most
    specific first: a term no other term of the service names as its ``parent_id`` comes
    before the broader terms it sits under (a faith group filed under "Advice and
    information" is a faith group). Terms are read from HSDS 3.0 ``attributes``
    (``taxonomy_term``) and Open Referral UK ``service_taxonomys`` (``taxonomy`` or
    ``taxonomy_term``; ``parent`` for ``parent_id``).

    >>> terms = taxonomy_terms({"attributes": [
    ...     {"taxonomy_term": {"id": "t1", "name": "Advice and information"}},
    ...     {"taxonomy_term": {"id": "t2", "name": "Faith groups", "parent_id": "t1"}}]})
    >>> [term["name"] for term in terms]
    ['Faith groups', 'Advice and information']
    """
    found: list[dict[str, str]] = []
    for attribute in service.get("attributes") or []:
        if isinstance(attribute, dict):
            found.extend(_term(attribute.get("taxonomy_term")))
    for link in service.get("service_taxonomys") or []:
        if isinstance(link, dict):
            found.extend(_term(link.get("taxonomy_term") or link.get("taxonomy")))
    parents = {term["parent_id"] for term in found if term["parent_id"]}
    return ([term for term in found if not term["id"] or term["id"] not in parents]
            + [term for term in found if term["id"] and term["id"] in parents])


def _term(term: Any) -> list[dict[str, str]]:
    if not isinstance(term, dict) or not (_text(term.get("name")) or _text(term.get("code"))):
        return []
    parent = term.get("parent_id", term.get("parent"))
    if isinstance(parent, dict):
        parent = parent.get("id")
    return [{"id": _text(term.get("id")), "code": _text(term.get("code")),
             "name": _text(term.get("name")), "parent_id": _text(parent)}]


def term_keys(term: dict[str, str]) -> set[str]:
    """The lower-cased id, code and name a mapping may name a term by."""
    return {term[key].lower() for key in ("id", "code", "name") if term[key]}


#: Words of a cost option's ``option`` (HSDS: "conditions associated with the cost
#: option") that make it a concession for some people rather than the general price.
CONCESSION_WORDS = re.compile(
    r"concession|reduced|discount|student|unwaged|unemployed|benefit|pension|senior|"
    r"child|young|under\s*\d+|over\s*\d+|\d+\s*\+|\baged\b|carer|low income|"
    r"first session|1st session|trial|taster|disab|blue badge|referr|voucher|sibling|"
    r"famil|free for (?!everyone|all\b)")
#: Sessions in each period a price may be quoted for (``amount_description``/``option``):
#: a price per period is spread over a weekly group's sessions in it.
SESSIONS_PER_PERIOD: dict[str, float] = {"week": 1, "month": 4, "term": 12, "year": 52,
                                         "annum": 52, "annual": 52}


def cost_band(service: dict[str, Any], today: date | None = None) -> str | None:
    """What attending costs a person with no concession: free, low (up to
    ``LOW_COST_UP_TO`` pounds a session) or paid, from the general cost options.

    Concessions (an option naming a group, ``CONCESSION_WORDS``, or carrying
    attributes) and options not valid on ``today`` (``valid_to`` passed, ``valid_from``
    to come) are set aside; a price per week, month, term or year counts per session of
    a weekly group (``SESSIONS_PER_PERIOD``); the cheapest general option decides. With
    no cost options, ``fees_description`` saying "free" is free; else unknown (None).

    >>> cost_band({"cost_options": [{"option": "Per session", "amount": 80},
    ...     {"option": "Per session", "amount": 125},
    ...     {"option": "Concession: on benefits", "amount": 0}]})
    'paid'
    >>> cost_band({"cost_options": [{"amount": 10, "amount_description": "per month"}]})
    'low'
    """
    day = (today or date.today()).isoformat()
    amounts: list[float] = []
    for option in service.get("cost_options") or []:
        if not isinstance(option, dict) or _concession(option) or not _valid_on(option, day):
            continue
        if re.search(r"\bfree\b", _text(option.get("option")).lower()):
            amounts.append(0.0)
        amount = _amount(option.get("amount"))
        if amount is not None:
            amounts.append(amount / _sessions(option))
    fees = _text(service.get("fees_description")).lower()
    if (not amounts and not service.get("cost_options") and re.search(r"\bfree\b", fees)
            and not re.search(r"\bnot free\b", fees)):
        amounts.append(0.0)
    if not amounts:
        return None
    cheapest = min(amounts)
    if cheapest <= 0:
        return CostBand.FREE.value
    return CostBand.LOW.value if cheapest <= LOW_COST_UP_TO else CostBand.PAID.value


def _concession(option: dict[str, Any]) -> bool:
    return bool(option.get("attributes")) or bool(
        CONCESSION_WORDS.search(_text(option.get("option")).lower()))


def _valid_on(option: dict[str, Any], day: str) -> bool:
    valid_from, valid_to = (_text(option.get(key))[:10] for key in ("valid_from", "valid_to"))
    return not (valid_to and valid_to < day) and not (valid_from and valid_from > day)


def _sessions(option: dict[str, Any]) -> float:
    words = " ".join(_text(option.get(key)).lower() for key in ("amount_description", "option"))
    for period, sessions in SESSIONS_PER_PERIOD.items():
        if re.search(rf"\b(per|a|an|each|every|/)\s*{period}|\b{period}ly\b", words):
            return sessions
    return 1.0


def _amount(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def schedule_text(*holders: dict[str, Any]) -> str:
    """The first holder's schedules (service at location, service, location) as text."""
    for holder in holders:
        schedules = [s for s in holder.get("schedules") or [] if isinstance(s, dict)]
        if schedules:
            return "; ".join(filter(None, (_one_schedule(s) for s in schedules)))
    return ""


def _one_schedule(schedule: dict[str, Any]) -> str:
    if _text(schedule.get("description")):
        return _text(schedule["description"])
    days = [_day(code) for code in _text(schedule.get("byday")).split(",") if code.strip()]
    frequency = _text(schedule.get("freq")).upper()
    interval = _text(schedule.get("interval"))
    if frequency == "MONTHLY":
        when = "Monthly"
    elif interval not in ("", "1"):
        when = f"Every {interval} weeks"
    else:
        when = "Weekly" if frequency == "WEEKLY" else ""
    opens, closes = (_time(schedule.get(key)) for key in ("opens_at", "closes_at"))
    hours = f"{opens}-{closes}" if opens and closes else opens
    on_days = f"on {', '.join(days)}" if days else ""
    return " ".join(part for part in (when, on_days, hours) if part)


def _day(code: str) -> str:
    code = code.strip().upper()
    number, name = code[:-2], DAY_NAMES.get(code[-2:], code[-2:])
    return f"the {ORDINALS.get(number, number)} {name}" if number else name


def _time(value: Any) -> str:
    text = _text(value).removesuffix("Z")
    return text[:5] if re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text) else text


# -- entry points ---------------------------------------------------------------------


def read_directory(shape: Shape, result: FileRead, mapping: dict[str, Any],
                   prefix: str | None = None, base: Path | None = None,
                   settings: Settings | None = None) -> Directory:
    """Fill ``result`` with the asset and service tables of one recognised response."""
    if settings is None:
        settings = Settings.from_mapping(mapping, result.issues, result.name, base)
        settings.feed = settings.feed or result.path.stem
    directory = Directory(result, settings, prefix if prefix is not None else f"{result.name}:")
    for index, service in enumerate(shape.services):
        directory.add(index, service)
    directory.finish()
    result.tables.extend(table for table in (directory.services, directory.assets)
                         if table.rows)
    result.shape = "; ".join(filter(None, (result.shape, shape.description)))
    _add_feed(result, settings.feed, directory.ids, shape)
    return directory


def _add_feed(result: FileRead, name: str, ids: list[str], shape: Shape) -> None:
    """Record what the feed listed; a feed read from several pages is complete when
    every page from 1 to ``total_pages`` was read."""
    feed = next((feed for feed in result.feeds if feed.name == name), None)
    if feed is None:
        feed = DirectoryFeed(name, complete=shape.complete)
        result.feeds.append(feed)
    feed.ids.extend(ids)
    if shape.page_number is not None:
        feed.pages.add(shape.page_number)
    if shape.total_pages is not None and shape.total_pages > 1:
        feed.complete = feed.pages >= set(range(1, shape.total_pages + 1))


def read_json_directory(path: Path, document: Any, result: FileRead) -> bool:
    """Read a bare JSON directory response (no mapping); True if it was one. A near miss
    (an ORUK 2.0 page) is one issue naming what is needed."""
    shape = directory_shape(document)
    if shape is None:
        hint = near_miss_hint(document)
        if hint is None:
            return False
        result.issues.append(Issue(result.name, "", hint))
        return True
    read_directory(shape, result, mapping={}, base=path.parent)
    return True


def read_mapped_directory(mapping_path: Path, mapping: dict[str, Any], result: FileRead) -> None:
    """Read the directory files a mapping file (``format = "open-referral"``) names."""
    files = export_files(mapping_path, mapping.get("files"), result.name, result.issues)
    settings = Settings.from_mapping(mapping, result.issues, result.name, mapping_path.parent)
    settings.feed = settings.feed or mapping_path.stem
    for path in files:
        try:
            document = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            result.issues.append(Issue(path.name, "", f"not readable JSON ({exc})"))
            continue
        shape = directory_shape(document)
        if shape is None:
            result.issues.append(Issue(path.name, "", near_miss_hint(document) or (
                "not an Open Referral UK / HSDS 3.0 response: expected a service, a "
                "/services or /service_at_locations page, or a list of either")))
            continue
        read_directory(shape, result, mapping, prefix=f"{path.name}:", settings=settings)
    result.sha256 = combined_checksum([mapping_path, *files])
