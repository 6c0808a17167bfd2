"""The GraphStore protocol and what both backends share.

A store runs named queries from the catalogue (never query text from callers),
returns rows as plain dicts, and stamps every write with who made it and when:
write queries receive ``$actor`` and ``$at`` and must record them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from graph.catalogue import NamedQuery, load_query
from graph.errors import AssetmapError, QueryError

Row = dict[str, Any]
Params = Mapping[str, Any]

#: Rows per batch in ``write_batches``: big enough to amortise a round trip, small
#: enough that one batch's parameters stay well under a megabyte.
DEFAULT_BATCH_SIZE = 2000


@runtime_checkable
class GraphStore(Protocol):
    """What a store offers (``graph.neo4j_store.Neo4jStore``, local or external)."""

    backend: str

    @property
    def description(self) -> str:
        """Where the data lives, for status lines and error messages."""
        ...

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        """Run the named read query and return its rows."""
        ...

    def write(self, name: str, params: Params | None = None, *, actor: str) -> list[Row]:
        """Run the named write query as one all-or-nothing transaction."""
        ...

    def write_batches(
        self,
        name: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        actor: str,
        params: Params | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_batch: Callable[[int], None] | None = None,
    ) -> int:
        """Send ``rows`` as ``$rows`` in batches, one query (one transaction) each."""
        ...

    def ensure_schema(self) -> None:
        """Create this backend's constraints and indexes if they are missing."""
        ...

    def close(self) -> None:
        """Release connections (and stop a local server opened to be stopped on close)."""
        ...


def now_utc() -> str:
    """The ``$at`` stamp: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def query_for(name: str, mode: str) -> NamedQuery:
    """Load ``name`` and check it is used as declared (read vs write)."""
    query = load_query(name)
    if query.mode != mode:
        raise QueryError(f"query {name!r} is a {query.mode} query; it was run as a {mode}")
    return query


def write_params(params: Params | None, actor: str) -> dict[str, Any]:
    """Parameters for a write: the caller's plus ``actor`` and ``at``."""
    if not actor or not actor.strip():
        raise AssetmapError("every write needs an actor (who is making the change)")
    merged = dict(params or {})
    merged["actor"] = actor
    merged["at"] = now_utc()
    return merged


def check_parameters(query: NamedQuery, params: Params) -> None:
    """Fail before sending if the query needs a parameter the caller did not give."""
    missing = sorted(query.parameters - set(params))
    if missing:
        raise QueryError(f"query {query.name!r} needs parameter(s): {', '.join(missing)}")
    for key, value in params.items():
        problem = _unsendable(value)
        if problem:
            raise QueryError(f"query {query.name!r}: parameter {key!r} holds {problem}")


#: JSON's escape for NUL: ``\\u0000`` after an even run of backslashes (an odd run
#: would be an escaped backslash followed by the literal text "u0000").
_ESCAPED_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def _unsendable(value: Any) -> str:
    """What in ``value`` no backend can store faithfully ('' if nothing): NaN or infinity,
    or a NUL character (never meaningful in a care record: a sign of a corrupt file, and
    cut short by many of the tools records are exported to)."""
    # The C encoder walks an import batch's thousands of maps far faster than Python
    # recursion, refuses NaN and infinity itself, and writes NUL as a visible escape;
    # the walk below is only for what it cannot encode (or to be sure why it refused).
    try:
        encoded = json.dumps(value, allow_nan=False, check_circular=False)
    except (ValueError, TypeError, RecursionError):
        return "NaN or infinity" if _walk_non_finite(value) else ""
    return "a NUL character" if _ESCAPED_NUL.search(encoded) else ""


def _walk_non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, Mapping):
        return any(_walk_non_finite(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_walk_non_finite(item) for item in value)
    return False


def batches(rows: Sequence[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Consecutive slices of ``rows`` of at most ``size``."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])
