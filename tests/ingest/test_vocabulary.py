"""Issue 14.6: a case system's export in its own terms imports with a vocabulary file.

``data/case_system/local`` is a case system's export written by hand in its own words:
an instrument without its hyphen ("LSNS6"), local names for access needs ("Quiet
Room"), risks ("Falls Risk"), asset categories ("Lunch Club"), event and tie kinds
("DNA", "Statutory"), a relationship instead of a tie kind ("Daughter"), and no
``client`` column. ``data/case_system/ours`` is the same data in assetmap's terms;
``data/case_system/vocabulary.toml`` is the settings file that maps the first to the
second.
"""

from __future__ import annotations

import json
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from assetmap.cli_ingest import terms_mapped_lines
from assetmap.settings import load_settings
from graph.errors import ConfigError
from graph.model import RecordType
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from ingest.importer import TermsMapped, import_paths, validate_paths
from ingest.records import ROW_MODELS, required_columns
from ingest.vocabulary import CLOSED_COLUMNS, TABLE_OF_COLUMN, Vocabulary, load_vocabulary

from ..conftest import SessionGraph, local_store_env, run_cli
from .helpers import ACTOR, AS_OF, snapshot, write_csv

CASE_SYSTEM = Path(__file__).resolve().parent / "data" / "case_system"
LOCAL, OURS, VOCABULARY = CASE_SYSTEM / "local", CASE_SYSTEM / "ours", CASE_SYSTEM / "vocabulary.toml"
#: Stamped by each write: two imports of the same data differ only in these.
WRITE_STAMPS = ("updated_at", "created_at")


def without_write_stamps(store: GraphStore) -> dict[str, list[str]]:
    """The whole graph, less the time each node and relationship was written."""
    result = {}
    for part, lines in snapshot(store).items():
        rows = [json.loads(line) for line in lines]
        for row in rows:
            for stamp in WRITE_STAMPS:
                row["properties"].pop(stamp, None)
        result[part] = sorted(json.dumps(row, sort_keys=True) for row in rows)
    return result


def settings_file(tmp_path: Path, body: str) -> dict[str, str]:
    path = tmp_path / "assetmap.toml"
    path.write_text(body, encoding="utf-8")
    return {"ASSETMAP_CONFIG": str(path)}


def test_a_case_system_export_in_local_terms_stores_what_ours_would(
    store: GraphStore, session_graph: SessionGraph
) -> None:
    ours = import_paths(store, [OURS], actor=ACTOR, as_of=AS_OF)
    assert ours.ok, ours.errors
    assert ours.terms_mapped == []  # our own terms: nothing to map
    expected = without_write_stamps(store)
    session_graph.empty()

    vocabulary = load_settings({"ASSETMAP_CONFIG": str(VOCABULARY)}).vocabulary
    local = import_paths(store, [LOCAL], actor=ACTOR, as_of=AS_OF, vocabulary=vocabulary)

    assert local.ok, local.errors
    assert without_write_stamps(store) == expected
    # The comparison is not vacuous: C1 and C2 are clients (people.csv has no client
    # column, and a person is a client by default), C1 has quiet_space among her needs.
    clients = [json.loads(row)["properties"] for row in expected["nodes"] if '"Client"' in row]
    assert sorted(client["id"] for client in clients) == ["C1", "C2"]
    assert {"quiet_space", "wheelchair"} <= set(
        next(client for client in clients if client["id"] == "C1")["access_needs"])


def test_the_report_names_every_cell_the_vocabulary_changed() -> None:
    vocabulary = load_vocabulary(str(VOCABULARY))
    report = validate_paths([LOCAL], vocabulary=vocabulary)
    assert report.errors == []
    mapped = {(term.table, term.local): (term.ours, term.by, term.cells)
              for term in report.terms_mapped}
    # Worked from the files in data/case_system/local, one cell each:
    assert mapped == {
        # people.csv: C1 "Quiet Room; Wheelchair User", C2 "BSL Interpreter" (the table)
        ("access_needs", "Quiet Room"): ("quiet_space", "vocabulary", 1),
        ("access_needs", "Wheelchair User"): ("wheelchair", "vocabulary", 1),
        ("access_needs", "BSL Interpreter"): ("bsl", "vocabulary", 1),
        # C1 "Falls Risk", C2 "Financial-Abuse; Lone Travel": Financial-Abuse is our
        # financial_abuse spelt with a capital and a hyphen, no table needed
        ("risks", "Falls Risk"): ("falls", "vocabulary", 1),
        ("risks", "Financial-Abuse"): ("financial_abuse", "spelling", 1),
        ("risks", "Lone Travel"): ("travel_alone", "vocabulary", 1),
        ("functions_needed", "Shopping"): ("shopping", "spelling", 1),
        ("functions_needed", "Lifts"): ("transport", "vocabulary", 1),
        ("age_band", "65 - 74"): ("65-74", "spelling", 1),
        # assets.csv
        ("category", "Lunch Club"): ("food", "vocabulary", 1),
        ("category", "Befriending Scheme"): ("peer_support", "vocabulary", 1),
        ("accessibility", "Step Free Access"): ("step_free", "vocabulary", 1),
        ("accessibility", "Quiet Room"): ("quiet_space", "vocabulary", 1),
        ("accessibility", "Hearing Loop"): ("hearing_loop", "spelling", 1),
        ("cost", "No Charge"): ("free", "vocabulary", 1),
        ("cost", "Free"): ("free", "spelling", 1),
        ("safeguarding", "DBS Checked"): ("dbs_checked", "spelling", 1),
        ("safeguarding", "Staff-Present"): ("staff_present", "spelling", 1),
        ("safeguarding", "Named Lead"): ("named_lead", "spelling", 1),
        # services.csv
        ("service_kind", "Statutory"): ("professional", "vocabulary", 1),
        # ties.csv: the first tie has no kind; its relationship "Daughter" gives natural
        ("relationship", "Daughter"): ("natural", "vocabulary", 1),
        ("tie_kind", "Community Group"): ("community", "vocabulary", 1),
        ("tie_kind", "Statutory"): ("professional", "vocabulary", 1),
        ("functions", "Lifts"): ("transport", "vocabulary", 1),
        ("functions", "Social"): ("social", "spelling", 1),
        ("functions", "Advice"): ("advice", "spelling", 1),
        ("quality", "Positive"): ("positive", "spelling", 1),
        ("status", "Attending"): ("attending", "spelling", 1),
        ("risk_flags", "Falls Risk"): ("falls", "vocabulary", 1),
        # events.csv and measures.csv: LSNS6 and "ucla 3" are our instruments unhyphenated
        ("event_kind", "DNA"): ("missed", "vocabulary", 1),
        ("event_kind", "Phone Call"): ("contact", "vocabulary", 1),
        ("instrument", "LSNS6"): ("LSNS-6", "spelling", 1),
        ("instrument", "ucla 3"): ("UCLA-3", "spelling", 1),
    }


def test_without_the_vocabulary_the_local_terms_are_refused_with_the_line_to_add() -> None:
    errors = validate_paths([LOCAL]).errors
    # Our own terms in another spelling need no table: LSNS6 is not among the problems.
    assert not any("LSNS6" in error for error in errors)
    # "Quiet Room" shares the word "quiet" with quiet_space; "Wheelchair User" contains
    # wheelchair; "Daughter" is close to nothing, so the line has a placeholder.
    assert ("people.csv:2: access_needs: 'Quiet Room' is not allowed: did you mean "
            "'quiet_space'? add to [vocabulary.access_needs]: \"Quiet Room\" = \"quiet_space\""
            in errors)
    assert ("people.csv:2: access_needs: 'Wheelchair User' is not allowed: did you mean "
            "'wheelchair'? add to [vocabulary.access_needs]: \"Wheelchair User\" = \"wheelchair\""
            in errors)
    assert ("ties.csv:2: kind: required, or its relationship mapped to a kind: "
            "add to [vocabulary.relationship]: Daughter = \"<one of our terms>\"" in errors)


def test_an_unknown_term_is_told_the_closest_of_ours_and_of_the_local_terms(
    tmp_path: Path,
) -> None:
    vocabulary = Vocabulary({"access_needs": {"quiet_room": "quiet_space"},
                             "tie_kind": {"family_member": "natural"}})
    people = write_csv(tmp_path, "people.csv", [
        {"person_id": "C1", "client": "yes", "access_needs": "quiet rooms; guide dog"}])
    ties = write_csv(tmp_path, "ties.csv", [
        {"person_id": "C1", "to_id": "S1", "to_type": "person", "kind": "family membr"},
        {"person_id": "C1", "to_id": "S2", "to_type": "person", "kind": "comunity"}])
    errors = validate_paths([people, ties], vocabulary=vocabulary).errors
    assert errors == [
        # "quiet rooms" contains the local term quiet_room (key "quietroom") and shares
        # "quiet" with quiet_space; the line maps it to what quiet_room maps to.
        "people.csv:2: access_needs: 'quiet rooms' is not allowed: did you mean 'quiet_room' "
        "(mapped to 'quiet_space') or 'quiet_space'? "
        'add to [vocabulary.access_needs]: "quiet rooms" = "quiet_space"',
        # "guide dog" is near nothing: the whole list, and a line to complete
        "people.csv:2: access_needs: 'guide dog' is not allowed: expected 'step_free', "
        "'wheelchair', 'accessible_toilet', 'hearing_loop', 'bsl', 'large_print', "
        "'easy_read', 'quiet_space', 'seating', 'parking' or 'carer_welcome'; "
        'add to [vocabulary.access_needs]: "guide dog" = "<one of our terms>"',
        # a misspelt local term: difflib finds family_member (familymembr ~ familymember)
        "ties.csv:2: kind: 'family membr' is not allowed: did you mean 'family_member' "
        "(mapped to 'natural')? "
        'add to [vocabulary.tie_kind]: "family membr" = "natural"',
        # a misspelt term of ours
        "ties.csv:3: kind: 'comunity' is not allowed: did you mean 'community'? "
        'add to [vocabulary.tie_kind]: comunity = "community"',
    ]


def test_the_same_rows_as_json_and_xlsx_are_mapped_too(tmp_path: Path) -> None:
    vocabulary = Vocabulary({"event_kind": {"DNA": "missed"}})
    people = [{"person_id": "C1"}]  # no client column: a client
    events = [{"person_id": "C1", "date": "2026-02-01", "kind": "dna"}]
    measures = [{"person_id": "C1", "date": "2026-02-01", "instrument": "lsns6", "score": 12}]
    (tmp_path / "export.json").write_text(json.dumps(
        {"people": people, "events": events, "measures": measures}))
    workbook = Workbook()
    for number, (name, rows) in enumerate((("people", people), ("events", events),
                                           ("measures", measures))):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = name
        header = required_columns(RecordType(name))  # a sheet names its columns
        sheet.append(list(header))
        for row in rows:
            sheet.append([row.get(column) for column in header])
    workbook.save(tmp_path / "export.xlsx")
    for name in ("export.json", "export.xlsx"):
        report = validate_paths([tmp_path / name], vocabulary=vocabulary)
        assert report.errors == [], name
        assert report.terms_mapped == [
            TermsMapped("event_kind", "dna", "missed", "vocabulary", 1),
            TermsMapped("instrument", "lsns6", "LSNS-6", "spelling", 1),
        ], name


@pytest.mark.parametrize(("body", "problem"), [
    # a target that is not ours: the file, the table and the key are named
    ('[vocabulary.access_needs]\nquiet_room = "quiet_spaces"\n',
     '[vocabulary.access_needs] quiet_room = "quiet_spaces": "quiet_spaces" is not one of '
     "our access_needs terms; did you mean 'quiet_space'?"),
    ('[vocabulary.category]\n"Lunch Club" = "lunch"\n',
     '[vocabulary.category] "Lunch Club" = "lunch": "lunch" is not one of our category terms'),
    ('[vocabulary.relationship]\ndaughter = "family"\n',
     '[vocabulary.relationship] daughter = "family": "family" is not one of our '
     "tie_kind terms"),
    ('[vocabulary.instrument]\nlubben = 6\n',
     '[vocabulary.instrument] lubben = 6: 6 is not one of our instrument terms'),
    # a table that is no closed-list column
    ('[vocabulary.acess_needs]\nquiet_room = "quiet_space"\n',
     "[vocabulary.acess_needs] is not a closed-list column; did you mean "
     "[vocabulary.access_needs]?"),
    ('[vocabulary.kind]\nstatutory = "professional"\n',
     "[vocabulary.kind]: kind is a column of ties, services and events"),
    # our own term cannot be made to mean another
    ('[vocabulary.tie_kind]\nPaid = "professional"\n',
     "[vocabulary.tie_kind] Paid: 'Paid' is our own term 'paid'; it cannot mean another"),
    # one local term (case, spaces, hyphens, underscores ignored) mapped two ways
    ('[vocabulary.risks]\nfalls_risk = "falls"\n"Falls Risk" = "wandering"\n',
     '[vocabulary.risks] "Falls Risk": the same term as falls_risk'),
])
def test_a_bad_vocabulary_is_refused_when_the_settings_load(tmp_path: Path, body: str,
                                                            problem: str) -> None:
    env = settings_file(tmp_path, body)
    with pytest.raises(ConfigError) as refused:
        load_settings(env)
    assert str(refused.value).startswith(f"{env['ASSETMAP_CONFIG']}: ")
    assert problem in str(refused.value)


def test_a_target_in_another_spelling_is_stored_as_ours(tmp_path: Path) -> None:
    settings = load_settings(settings_file(
        tmp_path, '[analytics]\n\n[vocabulary.instrument]\nlubben = "lsns 6"\n'))
    assert settings.vocabulary.tables == {"instrument": {"lubben": "LSNS-6"}}


def closed_columns_of_the_row_models() -> set[tuple[str, str]]:
    """(record type, column) of every row-model column typed with one of our enums."""
    found = set()
    for record_type, model in ROW_MODELS.items():
        for column, hint in typing.get_type_hints(model, include_extras=True).items():
            if any(isinstance(part, type) and issubclass(part, StrEnum)
                   for part in _parts(hint)):
                found.add((record_type.value, column))
    return found


def _parts(hint: Any) -> list[Any]:
    parts = [hint]
    for arg in typing.get_args(hint):
        parts.extend(_parts(arg))
    return parts


def test_every_closed_list_column_has_a_vocabulary_table() -> None:
    # If a new enum column were added to a row model without a table, this would fail.
    columns = {(record_type.value, column) for record_type, column in TABLE_OF_COLUMN}
    assert columns == closed_columns_of_the_row_models()
    assert len(CLOSED_COLUMNS) == 19  # 17, and the directory status of assets and services


def test_the_command_line_summary_states_the_mapping() -> None:
    from ingest.importer import ImportReport, Outcome

    report = ImportReport(run_id="run-1", actor=ACTOR, outcome=Outcome.WRITTEN, dry_run=False,
                          as_of=AS_OF, started_at="", terms_mapped=[
                              TermsMapped("access_needs", "Quiet Room", "quiet_space",
                                          "vocabulary", 3),
                              TermsMapped("instrument", "LSNS6", "LSNS-6", "spelling", 2)])
    # 3 + 2 = 5 cells
    assert terms_mapped_lines(report) == [
        "vocabulary: 5 cell(s) written in our terms:",
        "  [vocabulary.access_needs] 'Quiet Room' -> quiet_space (3 cell(s), by vocabulary)",
        "  [vocabulary.instrument] 'LSNS6' -> LSNS-6 (2 cell(s), by spelling)",
    ]


def test_the_command_line_reads_the_vocabulary_from_assetmap_config(
    store: Neo4jStore, tmp_path: Path
) -> None:
    assert store.local_dir is not None
    env = {**local_store_env(store.local_dir), "ASSETMAP_CONFIG": str(VOCABULARY)}
    done = run_cli(store, "import", str(LOCAL), "--dry-run", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    # 33 terms, one cell each (test_the_report_names_every_cell_the_vocabulary_changed)
    assert "vocabulary: 33 cell(s) written in our terms:" in done.stdout
    assert "  [vocabulary.instrument] 'LSNS6' -> LSNS-6 (1 cell(s), by spelling)" in done.stdout
    bad = {**env, **settings_file(tmp_path, '[vocabulary.cost]\nno_charge = "nothing"\n')}
    refused = run_cli(store, "import", str(LOCAL), "--dry-run", env=bad)
    assert refused.returncode != 0
    assert '[vocabulary.cost] no_charge = "nothing"' in refused.stdout + refused.stderr
