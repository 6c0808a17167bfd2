"""Every example in the analytics docstrings runs and gives the answer it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import analytics

MODULES = sorted(info.name for info in pkgutil.iter_modules(analytics.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"analytics.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_public_modules_have_examples() -> None:
    for name in ("network", "resilience", "reliance", "isolation", "triggers", "fit", "coverage",
                 "service"):
        module = importlib.import_module(f"analytics.{name}")
        assert doctest.DocTestFinder().find(module), name
        assert sum(len(t.examples) for t in doctest.DocTestFinder().find(module)) >= 2, name
