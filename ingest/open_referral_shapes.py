"""Which Open Referral UK 3.0 / HSDS 3.0 API response a JSON document is, and its services.

The APIs answer in several shapes (HSDS 3.0 API reference; ORUK 3.0 profile):

* ``GET /services/{id}``: one service object, the only response that nests its
  ``service_at_locations`` with their ``location`` and its taxonomy (``attributes``);
* ``GET /services``: a page ``{"total_items", "total_pages", "page_number", "size",
  "first_page", "last_page", "empty", "contents": [...]}`` of services, shallow by the
  standard (often no taxonomy, no locations);
* ``GET /service_at_locations``: a page of service-at-location objects, each with its
  ``service`` and ``location`` nested (``GET /service_at_locations/{id}``: one of them);
* a plain list of either, or ``{"services": [...]}``.

``directory_shape`` turns each into a list of service objects (service-at-locations
grouped under their service) and says which shape it read; ``near_miss_hint`` names
what is needed for documents that are almost one of these (an ORUK 2.0 page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Fields of an HSDS service that no assetmap record has: one is enough to tell them apart.
HSDS_SERVICE_FIELDS = frozenset({
    "service_at_locations", "status", "assured_date", "organization", "organization_id",
    "cost_options", "service_areas", "schedules", "attributes", "service_taxonomys",
})
#: The keys of an HSDS 3.0 API page besides ``contents``.
PAGE_FIELDS = frozenset({"total_items", "total_pages", "page_number", "size", "first_page",
                         "last_page", "empty"})
#: The keys of an Open Referral UK 2.0 page (Spring Data style), which 3.0 replaced.
ORUK2_PAGE_FIELDS = frozenset({"content", "number", "totalElements", "totalPages",
                               "numberOfElements", "first", "last"})


@dataclass
class Shape:
    """A recognised response: its services, what it was, and whether it is the whole feed
    (a page of several is not: its feed cannot withdraw what it does not list)."""

    description: str
    services: list[Any] = field(default_factory=list)
    page_number: int | None = None
    total_pages: int | None = None

    @property
    def complete(self) -> bool:
        return self.total_pages is None or self.total_pages <= 1


def _is_at_location(record: Any) -> bool:
    if not isinstance(record, dict) or "id" not in record:
        return False
    if isinstance(record.get("service"), dict):
        return True
    return {"service_id", "location_id"} <= set(record) and "status" not in record


def _is_service(record: Any) -> bool:
    return (isinstance(record, dict) and "id" in record and not _is_at_location(record)
            and bool(HSDS_SERVICE_FIELDS & set(record)))


def services_of_at_locations(items: list[Any]) -> list[Any]:
    """Service objects from service-at-location objects: each service once (its first
    appearance), with every place it is offered as one of its ``service_at_locations``."""
    services: dict[str, dict[str, Any]] = {}
    result: list[Any] = []
    for item in items:
        if not isinstance(item, dict):
            result.append(item)  # named as a bad record by the reader
            continue
        nested = item.get("service")
        service = dict(nested) if isinstance(nested, dict) else {}
        service_id = str(service.get("id") or item.get("service_id") or "").strip()
        service.setdefault("id", service_id)
        at_location = {key: value for key, value in item.items() if key != "service"}
        if service_id in services:
            services[service_id]["service_at_locations"].append(at_location)
            continue
        service["service_at_locations"] = [at_location]
        services[service_id] = service
        result.append(service)
    return result


def _whole_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def directory_shape(document: Any) -> Shape | None:
    """The services of an ORUK / HSDS 3.0 response and which shape it was, or None.

    >>> page = {"total_items": 1, "total_pages": 1, "page_number": 1, "contents": [
    ...     {"id": "sal-1", "service": {"id": "s-1", "status": "active"}, "location": {}}]}
    >>> shape = directory_shape(page)
    >>> shape.description, [s["id"] for s in shape.services]
    ('a /service_at_locations page (page 1 of 1, 1 item)', ['s-1'])
    >>> directory_shape({"id": "s-2", "status": "active"}).description
    'a single service (GET /services/{id})'
    """
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        records, total_pages = document["contents"], _whole_number(document.get("total_pages"))
        page_number = _whole_number(document.get("page_number"))
        where = (f"page {page_number or '?'} of {total_pages if total_pages is not None else '?'}"
                 f", {len(records)} item{'s' if len(records) != 1 else ''}")
        if records and all(_is_at_location(record) for record in records):
            return Shape(f"a /service_at_locations page ({where})",
                         services_of_at_locations(records), page_number, total_pages)
        if not records or _is_service(records[0]):
            return Shape(f"a /services page ({where})", records, page_number, total_pages)
        return None
    if isinstance(document, dict) and isinstance(document.get("services"), list):
        records = document["services"]
        if records and _is_service(records[0]):
            return Shape(f"a list of {len(records)} services", records)
        return None
    if _is_service(document):
        return Shape("a single service (GET /services/{id})", [document])
    if _is_at_location(document):
        return Shape("a single service at location (GET /service_at_locations/{id})",
                     services_of_at_locations([document]))
    if isinstance(document, list) and document:
        if all(_is_at_location(record) for record in document):
            return Shape(f"a list of {len(document)} services at locations",
                         services_of_at_locations(document))
        if _is_service(document[0]):
            return Shape(f"a list of {len(document)} services", document)
    return None


def near_miss_hint(document: Any) -> str | None:
    """One line naming what is needed when ``document`` is almost a directory response.

    >>> near_miss_hint({"number": 0, "totalElements": 3, "content": []})  # doctest: +ELLIPSIS
    'an Open Referral UK 2.0 page (content, number, totalElements): assetmap reads ...'
    """
    if isinstance(document, dict) and isinstance(document.get("content"), list) and (
            ORUK2_PAGE_FIELDS - {"content"}) & set(document):
        return ("an Open Referral UK 2.0 page (content, number, totalElements): assetmap reads "
                "the ORUK / HSDS 3.0 API (contents, total_items, page_number); fetch the "
                "3.0 endpoints (/services/{id}, /services, /service_at_locations) instead")
    if isinstance(document, dict) and PAGE_FIELDS & set(document) and "contents" not in document:
        return ("an API page without contents: an ORUK / HSDS 3.0 page lists its services "
                "under \"contents\"")
    return None
