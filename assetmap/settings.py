"""Settings, read from the environment (and an optional TOML file), and opening stores.

This is the one place that reads configuration and opens a store; pages and
commands ask here rather than reading ``os.environ`` themselves.

Environment:
    ASSETMAP_STORE     ``local:PATH`` (default ``local:~/.local/share/assetmap``): the local
                       Neo4j assetmap starts itself; or a ``neo4j://`` / ``bolt://`` URL
    ASSETMAP_NEO4J_HEAP_MB, ASSETMAP_NEO4J_PAGECACHE_MB   the local server's memory
    ASSETMAP_ACTOR     who is writing, recorded on every write (default: login name)
    ASSETMAP_CONFIG    a TOML file with an ``[analytics]`` table of thresholds
    NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE   for a Neo4j store
"""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from graph.errors import ConfigError
from graph.local_neo4j import ServerMemory
from graph.store import GraphStore

DEFAULT_DATA_DIR = Path("~/.local/share/assetmap")


@dataclass(frozen=True)
class AnalyticsSettings:
    """Thresholds the analyses use; each may be overridden in the TOML file."""

    over_reliance_paid_share: float = 0.8
    over_reliance_informal_ties_below: int = 2  # ... and fewer than this many natural/community ties
    missed_in_a_row_trigger: int = 2
    review_interval_days: int = 365
    only_connection_min_clients: int = 3
    trigger_window_days: int = 90  # review triggers look back this far (analytics.triggers)
    isolation_worsening_points: float = 10.0  # isolation score rise over 3 months that triggers


@dataclass(frozen=True)
class Settings:
    """Everything configurable, resolved once."""

    store: str = f"local:{DEFAULT_DATA_DIR}"
    actor: str = "unknown"
    neo4j_user: str = "neo4j"
    neo4j_password: str = field(default="", repr=False)
    neo4j_database: str = "neo4j"
    local_memory: ServerMemory = field(default_factory=ServerMemory)
    analytics: AnalyticsSettings = field(default_factory=AnalyticsSettings)

    @property
    def is_local(self) -> bool:
        return self.store.startswith("local:")

    @property
    def local_dir(self) -> Path:
        if not self.is_local:
            raise ConfigError(f"store {self.store!r} is not the local Neo4j")
        return Path(self.store.removeprefix("local:")).expanduser()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _analytics_from_toml(path: str) -> AnalyticsSettings:
    try:
        with open(path, "rb") as handle:
            table: dict[str, Any] = tomllib.load(handle).get("analytics", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"ASSETMAP_CONFIG {path}: {exc}") from exc
    known = set(AnalyticsSettings.__dataclass_fields__)
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown [analytics] setting(s): {', '.join(unknown)}",
                          hint=f"known: {', '.join(sorted(known))}")
    return replace(AnalyticsSettings(), **table)


def _store_from_env(env: Mapping[str, str]) -> str:
    store = env.get("ASSETMAP_STORE", "").strip() or f"local:{DEFAULT_DATA_DIR}"
    if store.startswith("embedded:"):
        raise ConfigError(
            f"ASSETMAP_STORE={store!r}: the embedded FalkorDB store was retired",
            hint=f"use local:{store.removeprefix('embedded:')} (a local Neo4j); to move old "
                 "data, export it with the previous release (`assetmap export csv`) and import")
    if not store.startswith(("local:", "neo4j://", "neo4j+s://", "bolt://", "bolt+s://")):
        raise ConfigError(
            f"ASSETMAP_STORE={store!r} is not understood",
            hint="use local:PATH, or a neo4j:// or bolt:// URL",
        )
    return store


def _megabytes(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 128:
        raise ConfigError(f"{name}={text!r} must be a whole number of MiB, at least 128")
    return int(text)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Resolve settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    store = _store_from_env(env)
    config = env.get("ASSETMAP_CONFIG", "")
    memory = ServerMemory(
        heap_mb=_megabytes(env, "ASSETMAP_NEO4J_HEAP_MB", ServerMemory.heap_mb),
        pagecache_mb=_megabytes(env, "ASSETMAP_NEO4J_PAGECACHE_MB", ServerMemory.pagecache_mb))
    return Settings(
        store=store,
        local_memory=memory,
        actor=env.get("ASSETMAP_ACTOR", "") or _default_actor(),
        neo4j_user=env.get("NEO4J_USER", "") or "neo4j",
        neo4j_password=env.get("NEO4J_PASSWORD", ""),
        neo4j_database=env.get("NEO4J_DATABASE", "") or "neo4j",
        analytics=_analytics_from_toml(config) if config else AnalyticsSettings(),
    )


@contextmanager
def opened_store(settings: Settings | None = None, *, stop_server_on_close: bool = False,
                 idle_seconds: int | None = None) -> Iterator[GraphStore]:
    """The configured store for the length of a ``with`` block, closed after."""
    store = open_store(settings, stop_server_on_close=stop_server_on_close,
                       idle_seconds=idle_seconds)
    try:
        yield store
    finally:
        store.close()


def open_store(settings: Settings | None = None, *, stop_server_on_close: bool = False,
               idle_seconds: int | None = None) -> GraphStore:
    """Open the configured store (starting the local Neo4j if it is the one and is not
    running). The schema is not touched: imports and ``assetmap store migrate`` create
    it, so a dashboard can run as a read-only database user. See ``Neo4jStore.local``
    for the flags."""
    settings = settings or load_settings()
    store: GraphStore
    if settings.is_local:
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore.local(settings.local_dir, memory=settings.local_memory,
                                 stop_server_on_close=stop_server_on_close,
                                 idle_seconds=idle_seconds)
    else:
        from graph.neo4j_store import Neo4jStore

        if not settings.neo4j_password:
            raise ConfigError("NEO4J_PASSWORD is not set", hint="export NEO4J_PASSWORD=...")
        store = Neo4jStore(settings.store, settings.neo4j_user, settings.neo4j_password,
                           settings.neo4j_database)
    return store
