"""A store loaded through every import route: the templates, a Network Canvas study, an
Open Referral UK directory, and a client whose recorded text looks like formulas and
markup."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.model import RecordType
from graph.neo4j_store import Neo4jStore
from ingest.importer import import_paths
from ingest.records import allowed_columns

from ..conftest import TEST_ACTOR

DATA = Path(__file__).resolve().parents[1] / "data"
TEMPLATES = Path(__file__).resolve().parents[2] / "ingest" / "templates"
HOSTILE = {
    "display_name": '=HYPERLINK("http://example.invalid","click")',
    "mitigations": "-1 carer on Sundays; @ the day centre",
    "notes": '+44 7700 900123 rang <img src="http://example.invalid/pixel.png">',
}


def write_table(path: Path, record_type: RecordType, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=allowed_columns(record_type))
        writer.writeheader()
        writer.writerows(rows)


def hostile_files(folder: Path) -> list[Path]:
    """A client whose recorded text looks like spreadsheet formulas."""
    folder.mkdir()
    write_table(folder / "people.csv", RecordType.PEOPLE, [
        {"person_id": "C-0009", "client": "yes", "display_name": HOSTILE["display_name"],
         "area": "Riverside", "practitioner": "PR-01"},
        {"person_id": "S-0009", "client": "no", "display_name": "'quoted name"}])
    write_table(folder / "ties.csv", RecordType.TIES, [
        {"person_id": "C-0009", "to_id": "S-0009", "to_type": "person", "kind": "natural",
         "functions": "check_in", "hours_per_week": "2.5", "since": "2024-01-01",
         "mitigations": HOSTILE["mitigations"]},
        {"person_id": "C-0009", "to_id": "A-001", "to_type": "asset", "kind": "community",
         "functions": "social", "since": "2023-05-01", "until": "2024-02-01"}])
    write_table(folder / "events.csv", RecordType.EVENTS, [
        {"person_id": "C-0009", "date": "2025-02-03", "kind": "contact", "other_id": "S-0009",
         "notes": HOSTILE["notes"]}])
    return [folder]


def load_everything(store: Neo4jStore, tmp_path: Path) -> None:
    sources = [TEMPLATES, DATA / "network_canvas" / "base", DATA / "network_canvas" /
               "study_csv.toml", DATA / "open_referral" / "directory.json",
               *hostile_files(tmp_path / "hostile")]
    for source in sources:  # one at a time, as people would, so ties get ended too
        report = import_paths(store, [source], actor=TEST_ACTOR, as_of="2025-12-01",
                              complete_network=True)
        assert report.ok, (source, report.errors)
