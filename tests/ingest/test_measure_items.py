"""Item answers of a measure in a file go through the same rule as the workbench's form."""

from __future__ import annotations

from pathlib import Path

from ingest.importer import validate_paths

from .helpers import write_csv

COLUMNS = ["person_id", "date", "instrument", "score", "items"]


def test_items_must_add_up_to_the_score(tmp_path: Path) -> None:
    write_csv(tmp_path, "people.csv", [{"person_id": "C-1", "client": "yes"}])
    write_csv(tmp_path, "measures.csv", [
        # 2+1+1+3+2+0 = 9: good.
        {"person_id": "C-1", "date": "2026-01-01", "instrument": "LSNS-6", "score": "9",
         "items": "2;1;1;3;2;0"},
        # 1+1+1 = 3, not 4.
        {"person_id": "C-1", "date": "2026-01-01", "instrument": "UCLA-3", "score": "4",
         "items": "1;1;1"},
    ], COLUMNS)
    report = validate_paths([tmp_path])
    assert report.errors == ["measures.csv:3: items: the items add up to 3, not the score 4"]
