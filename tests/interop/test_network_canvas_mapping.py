"""The Network Canvas mapping, without a store: value tables for contacts, hours and
relationship, numbers only when declared, one identity per alter, self-loops warned,
and every interview dated by its own session."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ingest.formats import read_file
from ingest.importer import validate_paths
from ingest.sources import FileRead

REPEAT = Path(__file__).resolve().parents[1] / "data" / "network_canvas" / "repeat"
MAPPING = """format = "network-canvas"
files = ["*.csv"]
knows_edge_types = ["knows"]

[cases]
ann = "C-0101"
bea = "C-0102"

[node_types.Person]
identify_by = "{identify_by}"
name = "name"
kind = "natural"
contacts_variable = "contact_freq"
{extra}
"""
EGO_HEADER = ["networkCanvasEgoUUID", "networkCanvasCaseID", "networkCanvasSessionID",
              "networkCanvasProtocolName", "sessionStart", "sessionFinish", "sessionExported"]
EDGE_HEADER = ["edgeID", "from", "to", "networkCanvasEgoUUID", "networkCanvasUUID",
               "networkCanvasSourceUUID", "networkCanvasTargetUUID"]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_session(folder: Path, case: str, session: str, start: str,
                  alters: list[tuple[str, str]], edges: tuple[tuple[int, int], ...] = ()
                  ) -> str:
    """One session's CSV export: ``alters`` are (name, contact_freq), uuids ``<session>-n``
    in order; ``edges`` join alters by index. Returns the file prefix."""
    prefix, ego = f"{case}_{session}", f"ego-{session}"
    write_csv(folder / f"{prefix}_ego.csv", EGO_HEADER,
              [[ego, case, session, "Review", start, "", ""]])
    write_csv(folder / f"{prefix}_attributeList_Person.csv",
              ["nodeID", "networkCanvasEgoUUID", "networkCanvasUUID", "name", "contact_freq"],
              [[str(n + 1), ego, f"{session}-{n + 1}", name, freq]
               for n, (name, freq) in enumerate(alters)])
    write_csv(folder / f"{prefix}_edgeList_knows.csv", EDGE_HEADER,
              [[str(n + 1), str(a + 1), str(b + 1), ego, f"edge-{n + 1}",
                f"{session}-{a + 1}", f"{session}-{b + 1}"] for n, (a, b) in enumerate(edges)])
    return prefix


def mapping(folder: Path, identify_by: str = "name", extra: str = "") -> Path:
    path = folder / "study.toml"
    path.write_text(MAPPING.format(identify_by=identify_by, extra=extra), encoding="utf-8")
    return path


def clients(folder: Path) -> Path:
    """The two clients the study's cases map to (outside the export's folder)."""
    (folder / "base").mkdir()
    (folder / "base" / "people.json").write_text(json.dumps([  # JSON: other keys are blank
        {"person_id": "C-0101", "client": "yes", "display_name": "Ann"},
        {"person_id": "C-0102", "client": "yes", "display_name": "Bea"}]), encoding="utf-8")
    return folder / "base"


def ties(read: FileRead) -> list[dict[str, str]]:
    return sorted((row for table in read.tables if table.record_type == "ties"
                   for row in table.rows), key=lambda row: (row["person_id"], row["since"]))


CONTACTS_TABLE = """
[node_types.Person.contacts]
Daily = 30
Weekly = 4
"""


def test_value_tables_give_contacts_hours_and_relationship() -> None:
    read = read_file(REPEAT / "frank.toml")
    assert read.issues == []
    rows = {(row["contacts_per_month"], row.get("hours_per_week", ""), row["relationship"],
             row["since"]) for row in ties(read)}
    # Ann "Daily" -> 30 and "dtr" -> daughter; Carol "Daily", "10 to 20" -> 30, 15 then
    # "Weekly", "Under 5" -> 4, 2.5; Dev's free-text relationship is kept whole, comma-free
    # or not; Lily "Monthly" -> 1; Pete "Weekly", "nbr" -> 4, neighbour.
    assert rows == {("30", "", "daughter", "2025-02-11"),
                    ("30", "15", "home carer", "2025-02-11"),
                    ("4", "2.5", "home carer", "2025-08-19"),
                    ("4", "", "friend from the lunch club", "2025-08-19"),
                    ("1", "", "granddaughter", "2025-02-11"),
                    ("4", "", "neighbour", "2025-02-11")}


def test_a_number_is_used_only_when_the_variable_is_declared_numeric(tmp_path: Path) -> None:
    prefix = write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z",
                           [("Jo", "3"), ("Kit", "Weekly")])
    errors = validate_paths([clients(tmp_path), mapping(tmp_path, extra=CONTACTS_TABLE)]).errors
    # "3" is neither in the table nor declared a number: named with its variable.
    assert errors == [
        f"{prefix}_attributeList_Person.csv:2: contact_freq: '3' is not in "
        "[node_types.Person.contacts] and contact_freq is not declared numeric: add '3' = "
        "<contacts a month> to that table, or numeric = [\"contact_freq\"] to "
        "[node_types.Person] if its answers are contacts a month"]
    declared = mapping(tmp_path, extra='numeric = ["contact_freq"]\n' + CONTACTS_TABLE)
    read = read_file(declared)
    assert read.issues == []
    # Jo's "3" is taken as 3 a month; Kit's "Weekly" still comes from the table: 4.
    assert sorted(row["contacts_per_month"] for row in ties(read)) == ["3", "4"]


def test_an_answer_missing_from_the_table_is_named(tmp_path: Path) -> None:
    prefix = write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z",
                           [("Jo", "Fortnightly")])
    errors = validate_paths([clients(tmp_path), mapping(tmp_path, extra=CONTACTS_TABLE)]).errors
    assert len(errors) == 1
    assert errors[0].startswith(f"{prefix}_attributeList_Person.csv:2: contact_freq: "
                                "'Fortnightly' is not in [node_types.Person.contacts]")


def test_a_table_value_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z", [("Jo", "Daily")])
    errors = validate_paths([clients(tmp_path), mapping(tmp_path, extra=CONTACTS_TABLE.replace(
        "Weekly = 4", 'Weekly = "four"'))]).errors
    assert errors == ["study.toml: node_types.Person.contacts.Weekly: 'four' is not a number"]


def test_two_alters_with_one_name_are_an_error_naming_both_rows(tmp_path: Path) -> None:
    prefix = write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z",
                           [("Jo Smith", "Daily"), ("Kit", "Daily"), ("jo  smith", "Weekly")])
    errors = validate_paths([clients(tmp_path), mapping(tmp_path, extra=CONTACTS_TABLE)]).errors
    # Rows 2 and 4 of the attribute list: the same name once case and spacing are set aside.
    assert errors == [
        f"{prefix}_attributeList_Person.csv:4: name: 'jo  smith' is also the name of "
        f"{prefix}_attributeList_Person.csv:2 in this interview: two alters cannot be one "
        "supporter (tell them apart, or set identify_by = \"uuid\")"]
    read = read_file(mapping(tmp_path, identify_by="uuid", extra=CONTACTS_TABLE))
    assert read.issues == []
    assert len(ties(read)) == 3  # Jo, Kit and the other Jo: three supporters


def test_a_self_loop_is_a_warning_and_left_out(tmp_path: Path) -> None:
    prefix = write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z",
                           [("Jo", "Daily"), ("Kit", "Daily")], edges=((0, 0), (0, 1)))
    report = validate_paths([clients(tmp_path), mapping(tmp_path, extra=CONTACTS_TABLE)])
    assert report.ok, report.errors
    assert report.warnings == [f"{prefix}_edgeList_knows.csv:2: a 'knows' edge from an "
                               "alter to itself (a self-loop) is left out"]
    assert report.counts["knows"] == 1  # Jo-Kit only


def test_clients_interviewed_on_different_days_each_get_their_own_date(tmp_path: Path) -> None:
    write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z", [("Jo", "Daily")])
    write_session(tmp_path, "bea", "s2", "1746093600000", [("Kit", "Weekly")])  # 2025-05-01
    read = read_file(mapping(tmp_path, extra=CONTACTS_TABLE))
    assert read.issues == []
    assert [(row["person_id"], row["since"]) for row in ties(read)] == [
        ("C-0101", "2025-04-01"), ("C-0102", "2025-05-01")]


def test_two_sessions_of_one_client_on_one_day_are_refused(tmp_path: Path) -> None:
    write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z", [("Jo", "Daily")])
    write_session(tmp_path, "ann", "s2", "2025-04-01T15:00:00Z", [("Kit", "Daily")])
    errors = validate_paths([clients(tmp_path), mapping(tmp_path, extra=CONTACTS_TABLE)]).errors
    assert errors == ["ann_s2_ego.csv:2: sessionStart: a second interview of C-0101 on "
                      "2025-04-01 (the other at ann_s1_ego.csv:2): keep one per day"]


def test_a_dated_ties_row_takes_its_dates_from_the_snapshots(tmp_path: Path) -> None:
    (tmp_path / "ties.json").write_text(json.dumps([
        {"person_id": "C-0101", "to_id": "S-1", "to_type": "person", "kind": "natural",
         "as_of": "2025-03-01", "since": "2020-01-01"},
        {"person_id": "C-0101", "to_id": "S-2", "to_type": "person", "kind": "natural",
         "as_of": "March"}]), encoding="utf-8")
    errors = validate_paths([clients(tmp_path), tmp_path / "ties.json"]).errors
    assert errors == [
        "ties.json:[0]: since: leave blank in a dated row (2025-03-01): a tie's since and "
        "until come from its client's dates",
        "ties.json:[1]: as_of: 'March' is not a date (YYYY-MM-DD)"]


def test_an_export_without_its_mapping_gets_a_hint(tmp_path: Path) -> None:
    write_session(tmp_path, "ann", "s1", "2025-04-01T10:00:00Z", [("Jo", "Daily")])
    (tmp_path / "ann.graphml").write_text("<graphml/>", encoding="utf-8")
    errors = validate_paths([tmp_path / "ann_s1_ego.csv", tmp_path / "ann.graphml"]).errors
    needed = ("import it through a mapping file (format = \"network-canvas\", files = [...]) "
              "that says which client each case is and what each node type means: see "
              "docs/import-format.md, \"Network Canvas\"")
    assert errors == [f"ann_s1_ego.csv: a file of a Network Canvas CSV export: {needed}",
                      f"ann.graphml: a GraphML file (a Network Canvas export?): {needed}"]
