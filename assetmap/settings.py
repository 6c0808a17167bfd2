"""Settings, read from the environment (and an optional TOML file), and opening stores.

This is the one place that reads configuration and opens a store; pages and
commands ask here rather than reading ``os.environ`` themselves.

Environment:
    ASSETMAP_STORE     ``local:PATH`` (default ``local:~/.local/share/assetmap``): the local
                       Neo4j assetmap starts itself; or a ``neo4j://`` / ``bolt://`` URL
    ASSETMAP_NEO4J_HEAP_MB, ASSETMAP_NEO4J_PAGECACHE_MB   the local server's memory
    ASSETMAP_ACTOR     who is writing, recorded on every write (default: login name)
    ASSETMAP_CONFIG    a TOML file with an ``[analytics]`` table of thresholds,
                       ``[vocabulary.<column>]`` tables of local terms (``ingest.vocabulary``)
                       and an ``[import]`` table of import limits (``ingest.limits``)
    ASSETMAP_TODAY     the day figures are worked for (default: today)
    NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE   for a Neo4j store
"""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from analytics.thresholds import Thresholds
from graph.errors import ConfigError
from graph.local_neo4j import ServerMemory
from graph.store import GraphStore
from ingest.limits import ImportLimits
from ingest.vocabulary import Vocabulary, load_vocabulary

DEFAULT_DATA_DIR = Path("~/.local/share/assetmap")


#: The thresholds' one model lives in analytics (which may not import this module).
AnalyticsSettings = Thresholds

#: Every environment variable assetmap reads, and what it means (the README's settings
#: table lists exactly these; tests/assetmap/test_settings.py checks).
ENVIRONMENT: dict[str, str] = {
    "ASSETMAP_STORE": "local:PATH (default local:~/.local/share/assetmap), neo4j://... or bolt://...",
    "ASSETMAP_NEO4J_HEAP_MB": "the local server's Java heap in MiB (default 1024)",
    "ASSETMAP_NEO4J_PAGECACHE_MB": "the local server's page cache in MiB (default 512)",
    "ASSETMAP_ACTOR": "who is writing, recorded on every write (default: your login)",
    "ASSETMAP_CONFIG": "a TOML file whose [analytics] table overrides thresholds, whose "
                       "[vocabulary.<column>] tables map local terms to ours on import and "
                       "whose [import] table sets the import limits",
    "ASSETMAP_TODAY": "the day figures are worked for, YYYY-MM-DD (default: today); "
                      "`assetmap demo` sets it to the demo area's last day",
    "NEO4J_USER": "an external Neo4j's user (default neo4j)",
    "NEO4J_PASSWORD": "an external Neo4j's password",
    "NEO4J_DATABASE": "an external Neo4j's database (default neo4j)",
    "ASSETMAP_ROLES": "a TOML file mapping each user's e-mail to a role (assetmap.roles)",
    "ASSETMAP_DEMO": "1 replaces sign-in with a 'viewing as' selector; never on real data",
    "JAVA_HOME": "the Java the local server runs on (default: java on the PATH; 17 or later)",
    "ASSETMAP_NEO4J_CACHE": "where the launcher is built (default ~/.cache/assetmap/...)",
}


#: Introduction-plan items a community connection needs before it may move to
#: introduced (issue 15): who makes contact, how the person is introduced, travel, and
#: the fall-back and exit plan. An organisation sets its own in ``[workbench]``.
DEFAULT_REQUIRED_PLAN_ITEMS: tuple[str, ...] = (
    "plan_contact", "plan_introduction", "plan_travel", "plan_exit",
)
#: Where a safeguarding concern goes, shown beside the form that records one.
DEFAULT_ESCALATION_ROUTE = (
    "Tell your team's safeguarding lead today and raise a safeguarding concern with the "
    "local authority's adult safeguarding team (Care Act 2014 s.42). If anyone is in "
    "immediate danger, call 999.")


class WorkbenchSettings(BaseModel):
    """The organisation's rules for the practitioner's workbench (``[workbench]`` in the
    ``ASSETMAP_CONFIG`` file)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    required_plan_items: tuple[str, ...] = Field(
        default=DEFAULT_REQUIRED_PLAN_ITEMS,
        description="introduction-plan items required before a connection is introduced")
    escalation_route: str = Field(default=DEFAULT_ESCALATION_ROUTE,
                                  description="the organisation's safeguarding escalation route")


class Settings(BaseModel):
    """Everything configurable, resolved once (``load_settings``)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    store: str = Field(default=f"local:{DEFAULT_DATA_DIR}", description=ENVIRONMENT["ASSETMAP_STORE"])
    actor: str = Field(default="unknown", description=ENVIRONMENT["ASSETMAP_ACTOR"])
    neo4j_user: str = Field(default="neo4j", description=ENVIRONMENT["NEO4J_USER"])
    neo4j_password: SecretStr = Field(default=SecretStr(""), description=ENVIRONMENT["NEO4J_PASSWORD"])
    neo4j_database: str = Field(default="neo4j", description=ENVIRONMENT["NEO4J_DATABASE"])
    local_memory: ServerMemory = Field(default_factory=ServerMemory,
                                       description="heap and page cache of the local server")
    analytics: Thresholds = Field(default_factory=Thresholds,
                                  description=ENVIRONMENT["ASSETMAP_CONFIG"])
    today_override: date | None = Field(default=None, description=ENVIRONMENT["ASSETMAP_TODAY"])
    vocabulary: Vocabulary = Field(default_factory=Vocabulary,
                                   description="the organisation's terms for our closed lists "
                                               "([vocabulary.<column>] in ASSETMAP_CONFIG)")
    import_limits: ImportLimits = Field(
        default_factory=ImportLimits,
        description="file, cell and XLSX bounds of an import and of a dashboard upload "
                    "(the [import] table of ASSETMAP_CONFIG; docs/import-format.md)")
    workbench: WorkbenchSettings = Field(default_factory=WorkbenchSettings,
                                         description="[workbench] in ASSETMAP_CONFIG")

    def today(self) -> date:
        """The day the pages and commands work figures for (``ASSETMAP_TODAY``, else the
        real date): a demo area is a snapshot, and reads as of its own last day."""
        return self.today_override or date.today()

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


def _analytics_from_toml(path: str) -> Thresholds:
    try:
        with open(path, "rb") as handle:
            table: dict[str, Any] = tomllib.load(handle).get("analytics", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"ASSETMAP_CONFIG {path}: {exc}") from exc
    known = set(Thresholds.model_fields)
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown [analytics] setting(s): {', '.join(unknown)}",
                          hint=f"known: {', '.join(sorted(known))}")
    try:
        return Thresholds.model_validate(table)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
                             for error in exc.errors())
        raise ConfigError(f"{path}: [analytics] {problems}") from None


def _workbench_from_toml(path: str) -> WorkbenchSettings:
    try:
        with open(path, "rb") as handle:
            table: dict[str, Any] = tomllib.load(handle).get("workbench", {})
        return WorkbenchSettings.model_validate(table)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"ASSETMAP_CONFIG {path}: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
                             for error in exc.errors())
        raise ConfigError(f"{path}: [workbench] {problems}") from None


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
        neo4j_password=SecretStr(env.get("NEO4J_PASSWORD", "")),
        neo4j_database=env.get("NEO4J_DATABASE", "") or "neo4j",
        analytics=_analytics_from_toml(config) if config else Thresholds(),
        workbench=_workbench_from_toml(config) if config else WorkbenchSettings(),
        today_override=_day(env, "ASSETMAP_TODAY"),
        vocabulary=load_vocabulary(config) if config else Vocabulary(),
        import_limits=_import_limits_from_toml(config) if config else ImportLimits(),
    )


def _import_limits_from_toml(path: str) -> ImportLimits:
    """The ``[import]`` table of the config file: ``max_file_mb``, ``max_cell_chars``,
    ``max_xlsx_unpacked_mb``, ``max_shared_strings_mb`` (each optional)."""
    try:
        with open(path, "rb") as handle:
            table: dict[str, Any] = tomllib.load(handle).get("import", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"ASSETMAP_CONFIG {path}: {exc}") from exc
    try:
        return ImportLimits.model_validate(table)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
                             for error in exc.errors())
        raise ConfigError(f"{path}: [import] {problems}",
                          hint=f"known: {', '.join(ImportLimits.model_fields)}") from None


def _day(env: Mapping[str, str], name: str) -> date | None:
    text = env.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{name}={text!r} is not a date", hint="use YYYY-MM-DD") from None


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

        password = settings.neo4j_password.get_secret_value()
        if not password:
            raise ConfigError("NEO4J_PASSWORD is not set", hint="export NEO4J_PASSWORD=...")
        store = Neo4jStore(settings.store, settings.neo4j_user, password,
                           settings.neo4j_database)
    return store
