"""The query catalogue: every ``cypher/<name>.cypher`` file, loaded by name.

Each file holds one query under a header of ``//`` comment lines::

    // Returns: one row per ... (what the columns mean)
    // Parameters: $person_id (string), $as_of (YYYY-MM-DD)
    // Mode: read            (or: write — then it must stamp $actor and $at)
    // Person-level: scoped  (or: aggregate, or: system — see PERSON_LEVELS)
    // Example: {"person_id": "P001", "as_of": "2025-01-31"}

The example parameters let the test suite execute every query on the real server.
Schema statements (constraints and indexes) live apart, in ``cypher/schema/neo4j.cypher``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from graph.errors import UnknownQuery

Mode = Literal["read", "write"]

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_HEADER_FIELD = re.compile(r"^//\s*(Returns|Parameters|Mode|Person-level|Example)\s*:\s*(.*)$",
                           re.IGNORECASE)

#: What a query's rows say about people, declared in its header and checked by the tests:
#: ``scoped``: person-level rows, filtered by the one scope predicate
#: (``graph.scope.SCOPE_PREDICATE``); ``aggregate``: no person-level data at all;
#: ``system``: the importer's and the audit log's own work, run for the writer.
PERSON_LEVELS = ("scoped", "aggregate", "system")


@dataclass(frozen=True)
class NamedQuery:
    """One query of the catalogue."""

    name: str
    text: str
    mode: Mode
    returns: str
    parameters_doc: str
    example: dict[str, Any] = field(default_factory=dict)
    person_level: str = ""

    @property
    def parameters(self) -> frozenset[str]:
        """The ``$parameters`` the query body uses."""
        return frozenset(_PARAMETER.findall(self.body))

    @property
    def body(self) -> str:
        """The query without its header comments."""
        lines = self.text.splitlines()
        return "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()


def _cypher_dir() -> resources.abc.Traversable:
    return resources.files("cypher")


def _parse(name: str, text: str) -> NamedQuery:
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        match = _HEADER_FIELD.match(line)
        if match:
            header[match.group(1).lower()] = match.group(2).strip()
    mode = header.get("mode", "").lower()
    if mode not in ("read", "write"):
        raise UnknownQuery(f"cypher/{name}.cypher: header needs '// Mode: read' or '// Mode: write'")
    example = json.loads(header["example"]) if header.get("example") else {}
    return NamedQuery(
        name=name,
        text=text,
        mode=mode,  # type: ignore[arg-type]
        returns=header.get("returns", ""),
        parameters_doc=header.get("parameters", ""),
        example=example,
        person_level=header.get("person-level", "").lower(),
    )


@cache
def load_query(name: str) -> NamedQuery:
    """Return the named query; raise ``UnknownQuery`` if no file has that name."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise UnknownQuery(f"query names are lower_snake_case, got {name!r}")
    source = _cypher_dir() / f"{name}.cypher"
    if not source.is_file():
        raise UnknownQuery(f"no query named {name!r} in cypher/", hint="see cypher/*.cypher")
    return _parse(name, source.read_text(encoding="utf-8"))


def query_names() -> list[str]:
    """Names of every query in the catalogue, sorted."""
    return sorted(
        entry.name.removesuffix(".cypher")
        for entry in _cypher_dir().iterdir()
        if entry.name.endswith(".cypher")
    )


def all_queries() -> list[NamedQuery]:
    """Every query in the catalogue."""
    return [load_query(name) for name in query_names()]


def schema_file_text() -> str:
    """The raw text of ``cypher/schema/neo4j.cypher``."""
    return (_cypher_dir() / "schema" / "neo4j.cypher").read_text(encoding="utf-8")


def schema_statements() -> list[str]:
    """The schema's statements, comments removed."""
    lines = [
        line for line in schema_file_text().splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]
    return [statement.strip() for statement in "\n".join(lines).split(";") if statement.strip()]
