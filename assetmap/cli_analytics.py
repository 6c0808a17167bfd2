"""``assetmap person``, ``service`` and ``area`` (see issue 4)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Analytics commands are added by the analytics work; nothing to register yet."""
