"""Validate a table's rows with its pydantic row model, naming every bad cell.

The whole table goes through one ``TypeAdapter(list[Row])`` call; only when it
fails are the good rows separated from the bad (a rejected file is the slow path).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from graph.model import RecordType
from ingest.records import rows_adapter
from ingest.sources import Issue, Table
from ingest.vocabulary import RELATIONSHIP_TABLE, TABLE_OF_COLUMN, Vocabulary


@dataclass
class ValidTable:
    """The rows of a table that passed their row model, with their positions in it."""

    table: Table
    rows: list[dict[str, Any]]
    indices: Sequence[int]

    def location(self, position: int) -> str:
        """Location of ``rows[position]`` in the source file."""
        return self.table.location(self.indices[position])


def validate_table(table: Table, vocabulary: Vocabulary | None = None,
                   ) -> tuple[ValidTable, list[Issue]]:
    """Validate every row; return the good ones and an issue per bad cell. A term not
    in its closed list is told the closest terms of ``vocabulary`` (ours and the
    configured local ones) and the line that would map it."""
    adapter = rows_adapter(table.record_type)
    try:
        return ValidTable(table, adapter.validate_python(table.rows), range(len(table.rows))), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    vocabulary = vocabulary or Vocabulary()
    issues = [_issue(table, error, vocabulary) for error in errors]
    bad = {error["loc"][0] for error in errors}
    indices = [index for index in range(len(table.rows)) if index not in bad]
    good = adapter.validate_python([table.rows[index] for index in indices])
    return ValidTable(table, good, indices), issues


def _issue(table: Table, error: Any, vocabulary: Vocabulary) -> Issue:
    location = error["loc"]
    column = str(location[1]) if len(location) > 1 else ""
    reason = describe(error)
    vocabulary_table = TABLE_OF_COLUMN.get((table.record_type, column))
    if error["type"] == "enum" and vocabulary_table and isinstance(error.get("input"), str):
        reason = unknown_term(error, vocabulary_table, vocabulary)
    elif (error["type"] == "missing" and table.record_type == RecordType.TIES
          and column == "kind" and isinstance(error.get("input"), dict)
          and isinstance(relationship := error["input"].get("relationship"), str)):
        advice = vocabulary.unknown_term(RELATIONSHIP_TABLE, relationship)
        reason = f"required, or its relationship mapped to a kind: {advice}"
    return Issue(table.location(int(location[0])), column, reason)


def unknown_term(error: Any, vocabulary_table: str, vocabulary: Vocabulary) -> str:
    """A term not in its closed list: the closest terms and the line that maps it (the
    whole list of ours only when none is close)."""
    advice = vocabulary.unknown_term(vocabulary_table, error["input"])
    if advice.startswith("did you mean"):
        return f"{error['input']!r} is not allowed: {advice}"
    return f"{describe(error)}; {advice}"


def describe(error: Any) -> str:
    """A person-readable reason for one pydantic error."""
    kind, value, context = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        return "unknown column"
    if kind == "enum":
        return f"{value!r} is not allowed: expected {context.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if r"\d{4}" in str(context.get("pattern", "")):
            return f"{value!r} is not a date (YYYY-MM-DD)"
        return (f"{value!r} is not a usable id (no ';', '>' or '@'; "
                "no spaces at either end)")
    if kind == "string_too_long":
        return f"longer than {context.get('max_length')} characters"
    if kind in ("float_parsing", "float_type"):
        return f"{value!r} is not a number"
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{value!r} is not a whole number"
    if kind == "finite_number":
        return f"{value!r} is not a finite number"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{value} is below the lowest allowed value, {_bound(context)}"
    if kind in ("less_than_equal", "less_than"):
        return f"{value} is above the highest allowed value, {_bound(context)}"
    return str(error["msg"])


def _bound(context: dict[str, Any]) -> Any:
    return next(iter(context.values()), "")
