"""A client's network as dated snapshots (interviews), and the tie history they give.

Each interview (a Network Canvas session) is a snapshot of one client's network on
one date: which supporters, assets and services it listed with what values, and
which supporters know each other. Snapshots are stored (``Interview`` nodes, see
docs/graph-model.md), so the history of a client can be rebuilt from all of them
whatever order and whatever runs they arrive in:

* a tie runs from the first snapshot that shows it with the same values (``since``)
  to the first later snapshot that lacks it or shows it changed (``until``); a change
  closes the tie and opens the next on that date, so there is one tie at a time per
  supporter and the values as of every interview stay on record;
* a KNOWS link runs from the first snapshot that links the pair to the snapshot after
  the last one that does ('' while that is the newest).

An interview's ``session`` identifies it: the same session read twice (its CSV and its
GraphML export, or a second import) is one snapshot; the newest read replaces the
stored one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.model import RecordType, TargetType
from ingest.records import SNAPSHOT_COLUMN
from ingest.sources import FileRead, Issue, Table

#: The ``source`` of a snapshot read from a Network Canvas export.
NETWORK_CANVAS = "network-canvas"
#: The ``source`` of a snapshot given as dated rows of a plain ties file.
TIES_FILE = "ties-file"


@dataclass(frozen=True)
class Where:
    """A place in an export file, printed as ``file:line``, or with ``pattern`` (a
    ``Table.location_format``, e.g. ``ties.json[{}]``); just ``file`` for line 0
    without a pattern: a snapshot read back from the store has no line."""

    file: str
    line: int
    pattern: str = ""

    @property
    def location_format(self) -> str:
        if self.pattern:
            return self.pattern
        escaped = self.file.replace("{", "{{").replace("}", "}}")
        return f"{escaped}:{{}}" if self.line else escaped

    def __str__(self) -> str:
        return self.location_format.format(self.line)


@dataclass
class TieValues:
    """What one snapshot says about one tie: the tie row (without dates) and where."""

    to_id: str
    row: dict[str, str]
    where: Where
    display_name: str = ""


@dataclass
class Snapshot:
    """One interview of one client, mapped: ties by target id and KNOWS pairs."""

    client: str
    session: str
    date: str
    where: Where
    ties: dict[str, TieValues] = field(default_factory=dict)
    pairs: dict[tuple[str, str], Where] = field(default_factory=dict)
    source: str = NETWORK_CANVAS

    @property
    def key(self) -> tuple[str, str]:
        return (self.client, self.session)

    def stored_ties(self) -> list[str]:
        """One JSON text per tie: the row as mapped and the name shown."""
        return sorted(json.dumps({"row": tie.row, "name": tie.display_name}, sort_keys=True)
                      for tie in self.ties.values())

    def stored_pairs(self) -> list[str]:
        return sorted(json.dumps(list(pair)) for pair in self.pairs)

    def same_answers(self, other: Snapshot) -> bool:
        return (self.date, self.stored_ties(), self.stored_pairs()) == (
            other.date, other.stored_ties(), other.stored_pairs())


def interview_id(client: str, session: str) -> str:
    """The stored Interview's key: one per client and session."""
    return f"{client}:{session}"


def snapshot_row(shot: Snapshot) -> dict[str, Any]:
    """The ``upsert_interviews`` row of a snapshot."""
    props = {"person_id": shot.client, "session": shot.session, "date": shot.date,
             "source": shot.source, "ties": shot.stored_ties(), "knows": shot.stored_pairs()}
    return {"id": interview_id(shot.client, shot.session), "person_id": shot.client,
            "row_hash": json.dumps(props, sort_keys=True), "props": props}


def stored_snapshot(row: dict[str, Any]) -> Snapshot:
    """A snapshot read back by ``ingest_client_interviews``."""
    where = Where(f"stored interview of {row['person_id']} on {row['date']} "
                  f"(session {row['session']})", 0)
    shot = Snapshot(str(row["person_id"]), str(row["session"]), str(row["date"]), where,
                    source=str(row.get("source") or NETWORK_CANVAS))
    for text in row.get("ties") or []:
        item = json.loads(text)
        tie_row = {str(k): str(v) for k, v in item["row"].items()}
        shot.ties[tie_row["to_id"]] = TieValues(tie_row["to_id"], tie_row, where,
                                                display_name=str(item.get("name", "")))
    for text in row.get("knows") or []:
        low, high = json.loads(text)
        shot.pairs[(str(low), str(high))] = where
    return shot


def ordered_history(new: list[Snapshot], stored: list[Snapshot],
                    issues: list[Issue]) -> dict[str, list[Snapshot]]:
    """Per client with a new snapshot, all its snapshots (stored and new) by date.

    A session read twice in one import must give the same answers; a session already
    stored is replaced by the new read. Two sessions of one client on one day are an
    issue (the network on that day would be ambiguous).
    """
    sessions: dict[str, dict[str, Snapshot]] = {}
    for shot in stored:
        sessions.setdefault(shot.client, {})[shot.session] = shot
    seen: dict[tuple[str, str], Snapshot] = {}
    for shot in new:
        first = seen.get(shot.key)
        if first is not None:
            if not first.same_answers(shot):
                issues.append(Issue(str(shot.where), "session", f"session {shot.session} "
                                    f"is read again with other answers (first at "
                                    f"{first.where}): import one export of it"))
            continue
        seen[shot.key] = shot
        sessions.setdefault(shot.client, {})[shot.session] = shot
    history: dict[str, list[Snapshot]] = {}
    for client in sorted({shot.client for shot in seen.values()}):
        ordered = sorted(sessions[client].values(), key=lambda shot: (shot.date, shot.session))
        kept: list[Snapshot] = []
        for shot in ordered:
            if kept and kept[-1].date == shot.date:
                later, other = (shot, kept[-1]) if shot.key in seen else (kept[-1], shot)
                issues.append(Issue(str(later.where), "sessionStart", f"a second interview "
                                    f"of {client} on {shot.date} (the other at "
                                    f"{other.where}): keep one per day"))
                continue
            kept.append(shot)
        history[client] = kept
    return history


def new_snapshots(new: list[Snapshot]) -> list[Snapshot]:
    """Each session once (the first read of it)."""
    unique: dict[tuple[str, str], Snapshot] = {}
    for shot in new:
        unique.setdefault(shot.key, shot)
    return list(unique.values())


def tie_periods(snapshots: list[Snapshot]) -> Iterator[tuple[TieValues, str, str]]:
    """(tie, since, until) over dated snapshots of one client: a tie lasts while later
    snapshots show it unchanged; ``until`` is '' while it lasts to the newest.

    >>> where = Where("x.csv", 2)
    >>> tie = TieValues("S-1", {"to_id": "S-1", "kind": "natural"}, where)
    >>> shots = [Snapshot("C-1", "a", "2025-01-01", where, ties={"S-1": tie}),
    ...          Snapshot("C-1", "b", "2025-06-01", where, ties={"S-1": tie}),
    ...          Snapshot("C-1", "c", "2025-09-01", where)]
    >>> [(since, until) for _, since, until in tie_periods(shots)]
    [('2025-01-01', '2025-09-01')]
    """
    open_ties: dict[str, tuple[TieValues, str]] = {}
    for shot in snapshots:
        for to_id in list(open_ties):
            tie, since = open_ties[to_id]
            current = shot.ties.get(to_id)
            if current is None or current.row != tie.row:
                del open_ties[to_id]
                yield tie, since, shot.date
        for to_id, tie in shot.ties.items():
            if to_id not in open_ties:
                open_ties[to_id] = (tie, shot.date)
    for tie, since in open_ties.values():
        yield tie, since, ""


def knows_periods(snapshots: list[Snapshot]) -> Iterator[tuple[tuple[str, str], Where, str, str]]:
    """(pair, where, since, until): from the first snapshot linking the pair to the
    snapshot after the last one that does ('' if that is the newest)."""
    first: dict[tuple[str, str], tuple[Where, str]] = {}
    last_index: dict[tuple[str, str], int] = {}
    for index, shot in enumerate(snapshots):
        for pair, where in shot.pairs.items():
            first.setdefault(pair, (where, shot.date))
            last_index[pair] = index
    for pair, (where, since) in first.items():
        after = last_index[pair] + 1
        yield pair, where, since, snapshots[after].date if after < len(snapshots) else ""


class Tables:
    """Record rows grouped into one ``Table`` per (file, record type), so each row's
    location is the export line it came from."""

    def __init__(self) -> None:
        self.tables: dict[tuple[str, RecordType], Table] = {}

    def add(self, record_type: RecordType, where: Where, row: dict[str, str]) -> None:
        key = (where.file, record_type)
        if key not in self.tables:
            self.tables[key] = Table(where.file, record_type,
                                     location_format=where.location_format)
        table = self.tables[key]
        table.rows.append({column: value for column, value in row.items() if value})
        table.positions.append(where.line)


@dataclass
class History:
    """What an import's snapshots give: the record tables of every client they touch
    (rebuilt from all the client's snapshots), the snapshots to store, and per client
    the ids of the ties and KNOWS pairs the history holds (the derived ones it no
    longer yields are dropped)."""

    tables: list[Table] = field(default_factory=list)
    to_store: list[Snapshot] = field(default_factory=list)
    tie_ids: dict[str, list[str]] = field(default_factory=dict)
    pairs: dict[str, list[list[str]]] = field(default_factory=dict)

    def derived_ties(self) -> set[str]:
        return {tie for ids in self.tie_ids.values() for tie in ids}

    def derived_pairs(self) -> set[tuple[str, str]]:
        return {(low, high) for pairs in self.pairs.values() for low, high in pairs}


def tie_id(row: dict[str, str]) -> str:
    """The id ``ingest.rules`` gives the tie row (``<person_id>><to_id>@<since>``)."""
    return f"{row['person_id']}>{row['to_id']}@{row.get('since', '')}"


def build_history(new: list[Snapshot], stored: list[Snapshot], issues: list[Issue]) -> History:
    """The history of every client with a snapshot in ``new``, from those and ``stored``."""
    result, tables = History(to_store=new_snapshots(new)), Tables()
    for client, snapshots in ordered_history(new, stored, issues).items():
        ties, pairs = _add_client_rows(tables, snapshots)
        result.tie_ids[client], result.pairs[client] = ties, pairs
    result.tables = list(tables.tables.values())
    return result


def _add_client_rows(tables: Tables,
                     snapshots: list[Snapshot]) -> tuple[list[str], list[list[str]]]:
    latest_name: dict[str, TieValues] = {}
    for shot in snapshots:
        for to_id, tie in shot.ties.items():
            # A ties file names no one: its supporters come from a people file.
            if tie.row["to_type"] == TargetType.PERSON.value and shot.source == NETWORK_CANVAS:
                latest_name[to_id] = tie
    for to_id, tie in latest_name.items():
        tables.add(RecordType.PEOPLE, tie.where, {"person_id": to_id, "client": "no",
                                                   "display_name": tie.display_name})
    tie_ids, pairs = [], []
    for tie, since, until in tie_periods(snapshots):
        row = {**tie.row, "since": since, "until": until}
        tables.add(RecordType.TIES, tie.where, row)
        tie_ids.append(tie_id(row))
    for (low, high), where, since, until in knows_periods(snapshots):
        tables.add(RecordType.KNOWS, where, {"a_id": low, "b_id": high, "since": since,
                                             "until": until})
        pairs.append([low, high])
    return tie_ids, pairs


#: ``stored_of(clients)``: the stored snapshots of those clients.
StoredSnapshots = Callable[[list[str]], list[Snapshot]]


def _snapshot_date(text: str) -> bool:
    try:
        return len(text) == 10 and bool(date.fromisoformat(text))
    except ValueError:
        return False


def take_dated_ties(read: FileRead, issues: list[Issue], as_of: str | None) -> None:
    """Move the dated rows of ``read``'s ties tables (an ``as_of`` cell, or every row
    when ``as_of`` is given) into snapshots: one per client and date, the whole network
    of that client on that date."""
    shots: dict[tuple[str, str], Snapshot] = {}
    for table in read.tables:
        if table.record_type != RecordType.TIES or (
                as_of is None and not any(SNAPSHOT_COLUMN in row for row in table.rows)):
            continue
        kept = [(row, position) for row, position in zip(table.rows, table.positions,
                                                         strict=True)
                if not (row.get(SNAPSHOT_COLUMN) or as_of)]
        for row, position in zip(table.rows, table.positions, strict=True):
            day = row.get(SNAPSHOT_COLUMN) or as_of
            if day:
                where = Where(table.source, position, table.location_format)
                _dated_tie(where, dict(row), day, shots, issues)
        table.rows = [row for row, _ in kept]
        table.positions = type(table.positions)("q", (position for _, position in kept))
    read.snapshots.extend(shots.values())


def _dated_tie(where: Where, row: dict[str, str], day: str,
               shots: dict[tuple[str, str], Snapshot], issues: list[Issue]) -> None:
    location = str(where)
    row.pop(SNAPSHOT_COLUMN, None)
    for column in ("since", "until"):
        if row.get(column):
            issues.append(Issue(location, column, f"leave blank in a dated row ({day}): a "
                                "tie's since and until come from its client's dates"))
    if not _snapshot_date(day):
        issues.append(Issue(location, SNAPSHOT_COLUMN, f"{day!r} is not a date (YYYY-MM-DD)"))
        return
    if not row.get("person_id") or not row.get("to_id"):
        return  # validation names the missing column
    client = row["person_id"]
    shot = shots.setdefault((client, day), Snapshot(client, f"{TIES_FILE}-{day}", day, where,
                                                    source=TIES_FILE))
    shot.ties[row["to_id"]] = TieValues(row["to_id"], row, where)


def apply_history(reads: list[FileRead], issues: list[Issue],
                  stored_of: StoredSnapshots | None, as_of: str | None = None) -> History | None:
    """Rebuild the tables of every read that brought snapshots from all snapshots of
    their clients (those reads, plus the stored ones ``stored_of`` returns), so an
    interview placed before or between stored ones, or read twice, gives one history.
    Dated ties rows (``as_of``, or all ties rows when ``as_of`` is given) become
    snapshots first. The rebuilt tables go to the first read with snapshots; None when
    no read brought any."""
    interview_reads = [read for read in reads if read.snapshots]
    for read in reads:
        if not read.snapshots:
            take_dated_ties(read, issues, as_of)
    carriers = [read for read in reads if read.snapshots]
    if not carriers:
        return None
    new: list[Snapshot] = [shot for read in carriers for shot in read.snapshots]
    stored = stored_of(sorted({shot.client for shot in new})) if stored_of else []
    problems: list[Issue] = []
    history = build_history(new, stored, problems)
    # The readers already named the problems of their own snapshots: say each once.
    issues.extend(problem for problem in problems if problem not in issues)
    for read in interview_reads:
        read.tables = []  # all of an interview read's tables came from its snapshots
    carriers[0].tables.extend(history.tables)
    return history
