"""The one exception tree. Messages are for people: say what failed and what to do."""

from __future__ import annotations


class AssetmapError(Exception):
    """Root of every error assetmap raises on purpose.

    ``hint`` is a short next step shown by the CLI and pages after the message.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class StoreUnavailable(AssetmapError):
    """The store cannot be reached or the local Neo4j cannot start."""


class QueryError(AssetmapError):
    """A named query failed inside the store."""


class UnknownQuery(AssetmapError):
    """No file in ``cypher/`` has that name."""


class ConfigError(AssetmapError):
    """Settings that cannot be used (bad ``ASSETMAP_STORE``, missing credentials)."""
