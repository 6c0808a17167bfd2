"""Property-based: whatever garbage a row holds, import never raises and never writes."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import RECORD_COLUMNS, RecordType
from graph.store import GraphStore
from ingest.importer import import_paths

from .helpers import ACTOR, AS_OF, snapshot

#: Cells drawn from values that are nearly right as well as plain noise.
NEAR_MISSES = st.sampled_from([
    "", " ", "yes", "no", "maybe", "2024-02-30", "2024-13-01", "31/12/2024", "nan", "inf",
    "-1", "0", "6", "1e309", "natural", "famly", "person", "asset", "service", "C1", "C1;C2",
    "a>b", "x@y", "shopping;cooking", "LSNS-6", "UCLA-3", "99", "\u00e9\u00e8", "=1+1",
    "<img src=x onerror=alert(1)>", "\"quoted\"", "line\nbreak",
])
CELLS = st.one_of(NEAR_MISSES, st.text(max_size=12))


@st.composite
def malformed_file(draw: st.DrawFn) -> tuple[RecordType, list[str], list[list[str]]]:
    record_type = draw(st.sampled_from(list(RecordType)))
    columns = list(RECORD_COLUMNS[record_type])
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if draw(st.integers(0, 4)) == 0:
        columns = [*columns, draw(st.text(min_size=1, max_size=8))]
    width = len(columns)
    rows = draw(st.lists(st.lists(CELLS, min_size=max(width - 2, 0), max_size=width + 1),
                         min_size=1, max_size=6))
    return record_type, columns, rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(malformed_file(), min_size=1, max_size=3))
def test_malformed_rows_never_raise_and_never_write(store: GraphStore, files) -> None:
    before = snapshot(store)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (record_type, columns, rows) in enumerate(files):
            path = Path(folder) / f"{record_type.value}_{number}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows(rows)
            paths.append(path)
        report = import_paths(store, paths, actor=ACTOR, as_of=AS_OF)
    if report.errors:
        assert report.outcome == "rejected"
        assert snapshot(store) == before
        assert all(": " in error for error in report.errors)
    else:
        assert report.outcome == "written"  # garbage that happens to be valid is fine
