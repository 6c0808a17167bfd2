"""docs/definitions.md defines every figure the views publish: each key of the person,
service and area JSON (at any depth) has an entry, written as the key in backticks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from assetmap.cli_analytics import area_report_on, person_report_on, service_report_on
from assetmap.settings import AnalyticsSettings
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

from ..conftest import WORKED_AREA_AS_OF

DEFINITIONS = Path(__file__).resolve().parents[2] / "docs" / "definitions.md"


def keys_of(value: Any) -> set[str]:
    """Every dictionary key in a JSON value, at any depth."""
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys_of(item)}
    if isinstance(value, list):
        return {key for item in value for key in keys_of(item)}
    return set()


def defined_terms() -> set[str]:
    return set(re.findall(r"`([a-z_0-9]+)`", DEFINITIONS.read_text(encoding="utf-8")))


def test_keys_of_is_recursive() -> None:
    assert keys_of({"a": [{"b": 1}, {"c": {"d": 2}}]}) == {"a", "b", "c", "d"}


@pytest.mark.parametrize("view", ["person", "service", "area"])
def test_every_published_key_has_a_definition(worked_area: Neo4jStore, view: str) -> None:
    system, limits = Scope.system("definitions-test"), AnalyticsSettings()
    published = {
        "person": lambda: person_report_on(worked_area, system, limits, "C-1", WORKED_AREA_AS_OF),
        "service": lambda: service_report_on(worked_area, system, limits, "SVC-A",
                                             WORKED_AREA_AS_OF),
        "area": lambda: area_report_on(worked_area, system, limits, "", WORKED_AREA_AS_OF),
    }[view]()
    assert sorted(keys_of(published) - defined_terms()) == []
