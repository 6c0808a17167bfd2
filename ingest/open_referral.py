"""Open Referral UK / HSDS 3.0 directories in, asset and service record tables out.

Input is HSDS 3.0 JSON with services fully nested (``service_at_locations`` each with
its ``location``), as the ``/services`` API returns it (``{"contents": [...]}``) or as
a plain list of services. Each service becomes:

* a **professional or paid service** (``services`` record, keyed by the HSDS service
  id) when one of its taxonomy terms names one (``PROFESSIONAL_TERMS``/``PAID_TERMS``:
  GP, social work, occupational therapy, community nursing, mental health teams...;
  home care, domiciliary care...), or
* otherwise **community assets**, one per ``service_at_location`` (keyed by its HSDS
  id; by the service id when it has no location), because accessibility, schedule and
  transport belong to the place: a group meeting in a library and in a church hall is
  two places a person may be introduced to.

Asset fields: ``category`` from the taxonomy terms (``CATEGORY_TERMS``, or the mapping
file's ``[categories]``), ``tags`` the terms' names, ``area`` the first service area
(else the address's city; renamed by ``[areas]``), ``accessibility`` the
``AccessFeature`` each free-text accessibility phrase unambiguously names (the other
phrases are kept, verbatim, in ``access_notes``), ``transport`` the location's
``transportation`` text,
``cost`` from ``cost_options`` (free / low up to ``LOW_COST_UP_TO`` pounds / paid),
``schedule`` from the schedules, ``approved`` only when ``status`` is ``active``
(``inactive``, ``defunct`` and ``temporarily closed`` are not), ``last_reviewed`` the
``assured_date`` and ``review_due`` ``review_months`` (12) later. Coordinates are
checked but not stored: the model has no place for them.

A mapping file (``format = "open-referral"``) may name the files and override::

    format = "open-referral"
    files = ["directory.json"]
    review_months = 12
    [categories]            # taxonomy term name or code -> asset category, "professional" or "paid"
    "Lunch clubs" = "food"
    [areas]                 # service area or city -> assetmap area code
    "Riverside Ward" = "Riverside"
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.model import AccessFeature, AssetCategory, CostBand, RecordType, ServiceKind
from ingest.records import LIST_SEPARATOR
from ingest.sources import FileRead, Issue, Table, combined_checksum, export_files

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
APPROVED_STATUS = "active"
#: Pounds per session up to which an asset counts as low cost (CostBand.LOW).
LOW_COST_UP_TO = 5.0
DEFAULT_REVIEW_MONTHS = 12
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


@dataclass
class Settings:
    """The mapping file's overrides (empty for a directory imported on its own)."""

    categories: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    review_months: int = DEFAULT_REVIEW_MONTHS

    @classmethod
    def from_mapping(cls, mapping: dict[str, Any]) -> Settings:
        def lowered(table: Any) -> dict[str, str]:
            return {str(k).strip().lower(): str(v) for k, v in (table or {}).items()}

        months = mapping.get("review_months", DEFAULT_REVIEW_MONTHS)
        return cls(categories=lowered(mapping.get("categories")),
                   areas={str(k): str(v) for k, v in (mapping.get("areas") or {}).items()},
                   review_months=months if isinstance(months, int) else DEFAULT_REVIEW_MONTHS)


class Directory:
    """Turns HSDS services into asset and service rows, one table each per file."""

    def __init__(self, result: FileRead, settings: Settings, prefix: str) -> None:
        self.result, self.settings, self.prefix = result, settings, prefix
        self.assets = Table(result.name, RecordType.ASSETS, location_format=f"{prefix}[{{}}]")
        self.services = Table(result.name, RecordType.SERVICES,
                              location_format=f"{prefix}[{{}}]")

    def issue(self, index: int, column: str, reason: str) -> None:
        self.result.issues.append(Issue(f"{self.prefix}[{index}]", column, reason))

    def add(self, index: int, service: Any) -> None:
        if not isinstance(service, dict) or not _text(service.get("id")):
            self.issue(index, "id", "each service must be an object with an id")
            return
        status = _text(service.get("status")).lower()
        if status not in STATUSES:
            self.issue(index, "status", f"{status!r} is not one of {', '.join(STATUSES)}")
        terms = list(taxonomy_terms(service))
        kind, category = self.classify(index, terms)
        if kind is not None:
            self._add_service(index, service, kind, category)
        elif category:
            for place, where in self.places(index, service):
                self._add_asset(index, service, place, where, category, terms, status)

    def classify(self, index: int, terms: list[dict[str, str]]) -> tuple[ServiceKind | None, str]:
        """(service kind, service category) or (None, asset category)."""
        for term in terms:
            override = (self.settings.categories.get(term["name"].lower())
                        or self.settings.categories.get(term["code"].lower()))
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
        names = ", ".join(repr(term["name"]) for term in terms) or "none"
        self.issue(index, "attributes", f"no asset category for taxonomy terms {names}: map "
                   "one under [categories] in a mapping file")
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
                     category: str) -> None:
        row = {"service_id": _text(service["id"]), "name": _text(service.get("name")),
               "kind": kind.value, "category": category, "area": self.area(service, {})}
        _append(self.services, index, row)

    def _add_asset(self, index: int, service: dict[str, Any], at_location: dict[str, Any],
                   where: str, category: str, terms: list[dict[str, str]], status: str) -> None:
        nested = at_location.get("location")
        location: dict[str, Any] = nested if isinstance(nested, dict) else {}
        self._check_coordinates(index, where, location)
        features, notes = self.accessibility(location)
        reviewed = self.assured(index, service)
        several = len(service.get("service_at_locations") or []) > 1
        name = _text(service.get("name"))
        if several and _text(location.get("name")):
            name = f"{name} ({_text(location.get('name'))})"
        row = {
            "asset_id": _text(at_location["id"]), "name": name, "category": category,
            "area": self.area(service, at_location),
            "tags": LIST_SEPARATOR.join(dict.fromkeys(t["name"].lower() for t in terms
                                                       if t["name"])),
            "accessibility": LIST_SEPARATOR.join(features),
            "cost": cost_band(service) or "",
            "schedule": schedule_text(at_location, service, location),
            "transport": _text(location.get("transportation")),
            "access_notes": "; ".join(notes),
            "approved": "yes" if status == APPROVED_STATUS else "no",
            "last_reviewed": reviewed,
            "review_due": _add_months(reviewed, self.settings.review_months) if reviewed else "",
        }
        _append(self.assets, index, row)

    def area(self, service: dict[str, Any], at_location: dict[str, Any]) -> str:
        for holder in (at_location, service):
            for service_area in holder.get("service_areas") or []:
                if isinstance(service_area, dict) and _text(service_area.get("name")):
                    return self._area_code(_text(service_area["name"]))
        location = at_location.get("location")
        addresses = location.get("addresses") if isinstance(location, dict) else None
        for address in addresses or []:
            if isinstance(address, dict) and _text(address.get("city")):
                return self._area_code(_text(address["city"]))
        return ""

    def _area_code(self, name: str) -> str:
        return self.settings.areas.get(name, name)

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
        for key, limit in (("latitude", 90), ("longitude", 180)):
            value = location.get(key)
            if value is None or value == "":
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float("nan")
            if not -limit <= number <= limit:
                self.issue(index, f"{where}.location.{key}".lstrip("."),
                           f"{value!r} is not a {key} in decimal degrees")


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


def taxonomy_terms(service: dict[str, Any]) -> Iterator[dict[str, str]]:
    """``{name, code}`` of each taxonomy term among the service's attributes."""
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict) and (_text(term.get("name")) or _text(term.get("code"))):
            yield {"name": _text(term.get("name")), "code": _text(term.get("code"))}


def cost_band(service: dict[str, Any]) -> str | None:
    """The cheapest way to attend: free, low (up to ``LOW_COST_UP_TO``) or paid."""
    amounts: list[float] = []
    for option in service.get("cost_options") or []:
        if not isinstance(option, dict):
            continue
        if re.search(r"\bfree\b", _text(option.get("option")).lower()):
            amounts.append(0.0)
        amount = _amount(option.get("amount"))
        if amount is not None:
            amounts.append(amount)
    fees = _text(service.get("fees_description")).lower()
    if not amounts and re.search(r"\bfree\b", fees) and not re.search(r"\bnot free\b", fees):
        amounts.append(0.0)
    if not amounts:
        return None
    cheapest = min(amounts)
    if cheapest <= 0:
        return CostBand.FREE.value
    return CostBand.LOW.value if cheapest <= LOW_COST_UP_TO else CostBand.PAID.value


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


#: Fields of an HSDS service that no assetmap record has: one is enough to tell them apart.
HSDS_SERVICE_FIELDS = frozenset({
    "service_at_locations", "status", "assured_date", "organization", "organization_id",
    "cost_options", "service_areas", "schedules", "attributes",
})


def hsds_services(document: Any) -> list[Any] | None:
    """The service records of an HSDS document, or None if it is not one."""
    records: Any = document
    if isinstance(document, dict):
        records = document.get("contents", document.get("services"))
    if not isinstance(records, list) or not records:
        return None
    first = records[0]
    if isinstance(first, dict) and "id" in first and HSDS_SERVICE_FIELDS & set(first):
        return records
    return None


def read_directory(services: list[Any], result: FileRead, mapping: dict[str, Any],
                   prefix: str | None = None) -> None:
    """Fill ``result`` with the asset and service tables of a list of HSDS services."""
    directory = Directory(result, Settings.from_mapping(mapping),
                          prefix if prefix is not None else f"{result.name}:")
    for index, service in enumerate(services):
        directory.add(index, service)
    result.tables.extend(table for table in (directory.services, directory.assets)
                         if table.rows)


def read_mapped_directory(mapping_path: Path, mapping: dict[str, Any], result: FileRead) -> None:
    """Read the directory files a mapping file (``format = "open-referral"``) names."""
    files = export_files(mapping_path, mapping.get("files"), result.name, result.issues)
    for path in files:
        try:
            services = hsds_services(json.loads(path.read_bytes().decode("utf-8-sig")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            result.issues.append(Issue(path.name, "", f"not readable JSON ({exc})"))
            continue
        if services is None:
            result.issues.append(Issue(path.name, "", "not an HSDS directory: expected a list "
                                                      "of services or {\"contents\": [...]}"))
            continue
        read_directory(services, result, mapping, prefix=f"{path.name}:")
    result.sha256 = combined_checksum([mapping_path, *files])
