"""What every source of records shares (a leaf module: it imports no other reader).

A source reads one file into a ``FileRead``: record ``Table`` s of raw string rows,
each row with its location, and the ``Issue`` s it found. The plain readers
(``ingest.readers``) and the interop sources (``ingest.network_canvas``,
``ingest.open_referral``) all fill the same shapes; ``ingest.formats`` picks the
source of each file.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from graph.model import RecordType

__all__ = ["DirectoryFeed", "FileChanged", "FileRead", "Issue", "RowStream", "Table", "combined_checksum",
           "export_files"]


class FileChanged(ValueError):
    """A streamed file's bytes are not those validated: it changed between two reads."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name, self.reason = name, reason


class RowStream(Protocol):
    """The rows of a table too big to hold, read again from their file on demand."""

    def chunks(self, issues: list[Issue]) -> Iterator[Table]:
        """The rows in chunks, each a table of its own; problems go to ``issues``.
        Raises ``FileChanged`` if the file is not the one first read."""

    def check_unchanged(self) -> None:
        """Raise ``FileChanged`` if the file is not the one first read."""


class Issue(NamedTuple):
    """One problem, printed as ``location: column: reason`` (or ``location: reason``)."""

    location: str
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return f"{self.location}: {self.column}: {self.reason}"
        return f"{self.location}: {self.reason}"


@dataclass
class Table:
    """The rows of one record type from one file (or one sheet, or one JSON key)."""

    source: str
    record_type: RecordType
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Line, sheet row or record index of each row, in ``location_format``.
    positions: array[int] = field(default_factory=lambda: array("q"))
    location_format: str = "{}"
    #: A table too big to hold (``ingest.streaming``): its rows are never kept here;
    #: its stream reads them again, in chunks that are tables of their own.
    stream: RowStream | None = None
    #: How many rows the stream gave when it was first read (the rows it stands for).
    streamed_rows: int = 0

    @property
    def size(self) -> int:
        """Its rows: those held, or those its stream gave."""
        return len(self.positions) + self.streamed_rows

    def location(self, index: int) -> str:
        """Where ``rows[index]`` came from, e.g. ``people.csv:7``."""
        return self.location_format.format(self.positions[index])


@dataclass
class DirectoryFeed:
    """A directory feed read in full or in part: its name, the asset and service ids it
    lists, and whether every page of it was read (only then may it withdraw what it no
    longer lists)."""

    name: str
    ids: list[str] = field(default_factory=list)
    complete: bool = True
    #: The page numbers read, when the feed came as API pages.
    pages: set[int] = field(default_factory=set)


@dataclass
class FileRead:
    """What reading one file produced."""

    path: Path
    name: str
    sha256: str = ""
    tables: list[Table] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    #: Worth saying but not wrong (they never stop an import): a self-loop left out, a
    #: field assetmap does not store.
    warnings: list[Issue] = field(default_factory=list)
    #: Dated snapshots of clients' networks (interviews): the importer rebuilds each
    #: client's tie history from them and the stored ones, replacing this read's tables.
    #: (``ingest.history.Snapshot``; not named here, as that module imports this leaf.)
    snapshots: list[Any] = field(default_factory=list)
    #: What an interop source recognised the file as ("a /services page"), else "".
    shape: str = ""
    feeds: list[DirectoryFeed] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(table.size for table in self.tables)


def export_files(mapping_path: Path, patterns: Any, name: str,
                 issues: list[Issue]) -> list[Path]:
    """The export files the mapping's ``files`` globs name, relative to the mapping."""
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not patterns:
        issues.append(Issue(name, "files", "list the export files (globs relative to "
                                           "this file)"))
        return []
    found: list[Path] = []
    for pattern in patterns:
        if Path(str(pattern)).is_absolute():
            issues.append(Issue(name, "files", f"{pattern!r}: give globs relative to this file"))
            continue
        matches = sorted(path for path in mapping_path.parent.glob(str(pattern))
                         if path.is_file())
        if not matches:
            issues.append(Issue(name, "files", f"{pattern!r} matches no file"))
        found.extend(matches)
    return found


def combined_checksum(paths: Iterable[Path]) -> str:
    """One sha256 over the mapping and every export file it read, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
