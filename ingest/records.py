"""Row models for the seven record types, and the columns each accepts.

Rows arrive from the readers as dicts of stripped, non-empty strings (a blank cell
is an absent key). Each type's row model is a ``TypedDict`` validated by pydantic
over the whole list at once (``TypeAdapter(list[...])``), which keeps validation in
pydantic-core rather than per-row Python; rules that span several columns live in
``ingest.rules``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated, Any, NotRequired

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    with_config,
)
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from graph.model import (
    ASSET_NOTE_COLUMNS,
    DIRECTORY_COLUMNS,
    INTRODUCTION_PLAN_COLUMNS,
    MEASURE_ITEM_COLUMNS,
    RECORD_COLUMNS,
    TIE_WORK_COLUMNS,
    AccessFeature,
    AgeBand,
    AssetCategory,
    ConnectionStatus,
    CostBand,
    DirectoryStatus,
    EventKind,
    Instrument,
    Quality,
    RecordType,
    Risk,
    SafeguardingControl,
    ServiceKind,
    SupportFunction,
    TargetType,
    TieKind,
)

LIST_SEPARATOR = ";"
TRUE_WORDS = frozenset({"yes", "true", "y"})
FALSE_WORDS = frozenset({"no", "false", "n"})


def split_list(value: Any) -> Any:
    """``"a; b;;c"`` -> ``["a", "b", "c"]``; lists pass through."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    return value


def split_lower_list(value: Any) -> Any:
    """Like ``split_list`` but lower-cased: free-text tags and interests must match."""
    items = split_list(value)
    if isinstance(items, list):
        return [item.lower() if isinstance(item, str) else item for item in items]
    return items


def parse_yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise PydanticCustomError("yes_no", "{value} is not yes/no/true/false", {"value": repr(value)})


def check_calendar_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "calendar_date", "{value} is not a real date", {"value": repr(value)}
        ) from None
    return value


#: Identifiers: no list separator, no characters used to build tie ids, no edge spaces.
Identifier = Annotated[
    str, StringConstraints(pattern=r"^[^;>@\s]([^;>@]*[^;>@\s])?$", max_length=100)
]
Code = Annotated[str, StringConstraints(max_length=100)]
Text = Annotated[str, StringConstraints(max_length=2000)]
IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    AfterValidator(check_calendar_date),
]
YesNo = Annotated[bool, BeforeValidator(parse_yes_no)]
Hours = Annotated[float, Field(ge=0, le=168, allow_inf_nan=False)]
PerMonth = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
Strength = Annotated[int, Field(ge=1, le=5)]
Score = Annotated[float, Field(allow_inf_nan=False)]
Age = Annotated[float, Field(ge=0, le=150, allow_inf_nan=False)]
IdList = Annotated[list[Identifier], BeforeValidator(split_list)]
TagList = Annotated[list[Code], BeforeValidator(split_lower_list)]
Functions = Annotated[list[SupportFunction], BeforeValidator(split_list)]
Risks = Annotated[list[Risk], BeforeValidator(split_list)]
AccessFeatures = Annotated[list[AccessFeature], BeforeValidator(split_list)]
Controls = Annotated[list[SafeguardingControl], BeforeValidator(split_list)]
ItemAnswers = Annotated[list[int], BeforeValidator(split_list)]

ROW_CONFIG = ConfigDict(extra="forbid", use_enum_values=True, str_strip_whitespace=True)


@with_config(ROW_CONFIG)
class PersonRow(TypedDict):
    person_id: Identifier
    client: NotRequired[YesNo]
    display_name: NotRequired[Text]
    area: NotRequired[Code]
    service: NotRequired[Identifier]
    practitioner: NotRequired[Identifier]
    needs: NotRequired[TagList]
    interests: NotRequired[TagList]
    access_needs: NotRequired[AccessFeatures]
    risks: NotRequired[Risks]
    functions_needed: NotRequired[Functions]
    age_band: NotRequired[AgeBand]
    start_date: NotRequired[IsoDate]


@with_config(ROW_CONFIG)
class TieRow(TypedDict):
    person_id: Identifier
    to_id: Identifier
    to_type: TargetType
    relationship: NotRequired[Text]
    kind: TieKind
    functions: NotRequired[Functions]
    hours_per_week: NotRequired[Hours]
    contacts_per_month: NotRequired[PerMonth]
    strength: NotRequired[Strength]
    quality: NotRequired[Quality]
    trusted: NotRequired[YesNo]
    since: NotRequired[IsoDate]
    until: NotRequired[IsoDate]
    status: NotRequired[ConnectionStatus]
    enabled_by: NotRequired[IdList]
    risk_flags: NotRequired[Risks]
    mitigations: NotRequired[Text]
    plan_contact: NotRequired[Text]
    plan_travel: NotRequired[Text]
    plan_adjustments: NotRequired[Text]
    plan_exit: NotRequired[Text]
    own_words: NotRequired[Text]
    end_reason: NotRequired[Text]
    plan_introduction: NotRequired[Text]
    plan_staff_role: NotRequired[Text]
    plan_boundaries: NotRequired[Text]
    plan_first_date: NotRequired[IsoDate]
    introduced_on: NotRequired[IsoDate]
    attending_on: NotRequired[IsoDate]
    lapsed_on: NotRequired[IsoDate]


@with_config(ROW_CONFIG)
class KnowsRow(TypedDict):
    a_id: Identifier
    b_id: Identifier
    since: NotRequired[IsoDate]
    until: NotRequired[IsoDate]


@with_config(ROW_CONFIG)
class AssetRow(TypedDict):
    asset_id: Identifier
    name: Text
    category: AssetCategory
    area: NotRequired[Code]
    tags: NotRequired[TagList]
    accessibility: NotRequired[AccessFeatures]
    cost: NotRequired[CostBand]
    schedule: NotRequired[Text]
    transport: NotRequired[Text]
    access_notes: NotRequired[Text]
    safeguarding: NotRequired[Controls]
    safeguarding_notes: NotRequired[Text]
    approved: NotRequired[YesNo]
    last_reviewed: NotRequired[IsoDate]
    review_due: NotRequired[IsoDate]
    status: NotRequired[DirectoryStatus]
    minimum_age: NotRequired[Age]
    maximum_age: NotRequired[Age]
    feed: NotRequired[Code]


@with_config(ROW_CONFIG)
class ServiceRow(TypedDict):
    service_id: Identifier
    name: Text
    kind: ServiceKind
    category: NotRequired[Code]
    area: NotRequired[Code]
    status: NotRequired[DirectoryStatus]
    minimum_age: NotRequired[Age]
    maximum_age: NotRequired[Age]
    feed: NotRequired[Code]


@with_config(ROW_CONFIG)
class EventRow(TypedDict):
    person_id: Identifier
    date: IsoDate
    kind: EventKind
    other_id: NotRequired[Identifier]
    notes: NotRequired[Text]


@with_config(ROW_CONFIG)
class MeasureRow(TypedDict):
    person_id: Identifier
    date: IsoDate
    instrument: Instrument
    score: Score
    items: NotRequired[ItemAnswers]


ROW_MODELS: dict[RecordType, type] = {
    RecordType.PEOPLE: PersonRow,
    RecordType.TIES: TieRow,
    RecordType.KNOWS: KnowsRow,
    RecordType.ASSETS: AssetRow,
    RecordType.SERVICES: ServiceRow,
    RecordType.EVENTS: EventRow,
    RecordType.MEASURES: MeasureRow,
}

#: Columns a file may carry beyond the minimum: the introduction plan on ties, access
#: notes on assets, and a directory entry's status, ages and feed on assets and services.
OPTIONAL_COLUMNS: dict[RecordType, tuple[str, ...]] = {
    RecordType.PEOPLE: ("start_date",),
    RecordType.TIES: INTRODUCTION_PLAN_COLUMNS + TIE_WORK_COLUMNS,
    RecordType.ASSETS: ASSET_NOTE_COLUMNS + DIRECTORY_COLUMNS,
    RecordType.SERVICES: DIRECTORY_COLUMNS,
    RecordType.MEASURES: MEASURE_ITEM_COLUMNS,
}


#: Columns a file may leave out altogether because a blank means their default: a
#: person is a client unless ``client`` says no (a case system's export lists clients).
COLUMNS_WITH_DEFAULT: dict[RecordType, tuple[str, ...]] = {RecordType.PEOPLE: ("client",)}


def required_columns(record_type: RecordType) -> tuple[str, ...]:
    """The columns a file's header must name: the minimum ones, less those with a default."""
    defaulted = COLUMNS_WITH_DEFAULT.get(record_type, ())
    return tuple(name for name in RECORD_COLUMNS[record_type] if name not in defaulted)


def allowed_columns(record_type: RecordType) -> tuple[str, ...]:
    """Every column a file of this type may hold, in template order."""
    return RECORD_COLUMNS[record_type] + OPTIONAL_COLUMNS.get(record_type, ())


@cache
def rows_adapter(record_type: RecordType) -> TypeAdapter[list[dict[str, Any]]]:
    """The validator of a whole list of rows of one type (built once)."""
    return TypeAdapter(list[ROW_MODELS[record_type]])  # type: ignore[valid-type]


def column_key(name: str) -> str:
    """Header matching ignores case, spaces, underscores and hyphens."""
    return "".join(ch for ch in name.lower() if ch not in " _-\t")


#: The column that makes a ties row part of a dated snapshot of its client's network
#: (``ingest.history``): read, then taken out before the rows are validated, so it is
#: in no template or export.
SNAPSHOT_COLUMN = "as_of"


@cache
def canonical_columns(record_type: RecordType) -> dict[str, str]:
    """``column_key(name) -> name`` for every column a file of the type may hold."""
    snapshot = (SNAPSHOT_COLUMN,) if record_type == RecordType.TIES else ()
    return {column_key(name): name for name in allowed_columns(record_type) + snapshot}


def record_type_named(name: str) -> RecordType | None:
    """The record type a file stem or sheet name names: ``ties``, ``Ties_2025``, ``people-north``."""
    lowered = name.strip().lower()
    for record_type in RecordType:
        if lowered == record_type.value:
            return record_type
        if lowered.startswith(record_type.value) and lowered[len(record_type.value)] in "_-. ":
            return record_type
    return None


def record_type_of_header(columns: list[str]) -> RecordType | None:
    """The one record type whose minimum columns all appear in ``columns``, if any."""
    keys = {column_key(column) for column in columns}
    matches = [
        record_type for record_type in RecordType
        if {column_key(name) for name in required_columns(record_type)} <= keys
    ]
    return matches[0] if len(matches) == 1 else None
