"""``assetmap export ...`` (see issue 6)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Export commands are added by the interop work; nothing to register yet."""
