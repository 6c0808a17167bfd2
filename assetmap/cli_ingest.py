"""``assetmap import`` and the demo data generator (see issue 3)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Ingest commands are added by the ingest work; nothing to register yet."""


def load_demo_if_empty(settings: object, *, people: int, seed: int) -> bool:
    """Generate and import the demo area when the store holds no clients.

    Returns True if data was loaded. (The generator arrives with issue 3.)
    """
    return False
