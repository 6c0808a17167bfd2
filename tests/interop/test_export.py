"""Exports: CSV export -> import recreates the graph exactly (formula-looking text
included), cells are escaped against formula injection, GraphML carries kinds and dates,
and exports are scoped."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import AssetmapError
from graph.export_reads import export_records
from graph.model import RecordType, Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest.cells import escape_formula
from ingest.export import export_csv, export_graphml
from ingest.importer import import_paths

from ..conftest import TEST_ACTOR, SessionGraph, harness_read
from .helpers import HOSTILE, load_everything

SYSTEM = Scope.system(TEST_ACTOR)
#: Who and when: stamped by each write, so they differ between two imports by design.
STAMPS = frozenset({"created_by", "created_at", "updated_by", "updated_at", "row_hash"})
LOG_LABELS = frozenset({"ImportRun", "AuditEntry"})
#: The export carries the ties and links Network Canvas interviews were rebuilt into,
#: not the stored interviews themselves (docs/import-format.md, "Export"): their
#: provenance is what a round trip does not keep.
INTERVIEW_PROVENANCE = ({"Interview"}, "HAS_INTERVIEW", "from_interviews")


def graph_contents(store: Neo4jStore) -> tuple[list, list]:
    """Every node and relationship with its properties, less the write stamps, logs and
    interview provenance."""
    labels, link, mark = INTERVIEW_PROVENANCE

    def plain(properties: dict) -> list:
        return sorted((key, repr(value)) for key, value in properties.items()
                      if key not in STAMPS and key != mark)

    nodes = sorted((sorted(row["labels"]), plain(row["properties"]))
                   for row in harness_read(store, "snapshot_nodes")
                   if not (LOG_LABELS | labels) & set(row["labels"]))
    relationships = sorted((row["type"], row["from_key"], row["to_key"], plain(row["properties"]))
                           for row in harness_read(store, "snapshot_relationships")
                           if row["from_key"] and not str(row["from_key"]).startswith("run-")
                           and row["type"] != link)
    return nodes, relationships


def test_export_then_import_recreates_the_graph(store: Neo4jStore, session_graph: SessionGraph,
                                                tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    files = export_csv(store, SYSTEM, tmp_path / "export")
    original = graph_contents(store)
    session_graph.empty()  # one user database: the copy goes where the original was
    report = import_paths(store, files, actor="someone-else", as_of="2030-01-01")
    assert report.ok, report.errors
    copy = graph_contents(store)
    assert len(original[0]) > 20 and len(original[1]) > 20
    assert copy == original
    again = export_csv(store, SYSTEM, tmp_path / "again")
    assert [path.read_bytes() for path in again] == [path.read_bytes() for path in files]


def test_exported_cells_are_escaped_and_read_back(store: Neo4jStore, tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    folder = tmp_path / "export"
    export_csv(store, SYSTEM, folder)
    text = (folder / "people.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text and ",=HYPERLINK(" not in text
    assert ",''quoted name," not in text and ",'quoted name," in text  # not a trigger
    ties = (folder / "ties.csv").read_text(encoding="utf-8")
    assert ",'-1 carer on Sundays; @ the day centre," in ties
    events = list(csv.DictReader((folder / "events.csv").open(encoding="utf-8")))
    assert [row["notes"] for row in events if row["person_id"] == "C-0009"] == \
        ["'" + HOSTILE["notes"]]
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t")], path


def test_escaping_round_trips_any_text() -> None:
    from ingest.cells import unescape_formula

    for text in ("=1+1", "+44", "-", "@x", "\tx", "'=x", "''", "'", "plain", "", "'a"):
        assert unescape_formula(escape_formula(text)) == text
        assert escape_formula(text)[:1] not in ("=", "+", "-", "@", "\t")


def test_graphml_of_a_client_carries_kinds_and_dates(store: Neo4jStore, tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    path = export_graphml(store, SYSTEM, tmp_path / "edna.graphml", person_id="C-0001")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes["C-0001"]["node_type"] == "client"
    ties = [data for _a, _b, data in graph.edges(data=True) if data["relation"] == "TIE"]
    assert {data["kind"] for data in ties} == {"natural", "paid", "community"}
    sue = [d for a, b, d in graph.edges(data=True) if graph.nodes[b].get("display_name") ==
           "Sue Patel"]
    assert [(d["since"], d["until"]) for d in sue] == [("2025-03-04", "2025-09-10")]
    assert "C-0009" not in graph  # another client's network stays out


def test_graphml_of_an_area_holds_its_clients_only(store: Neo4jStore, tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    path = export_graphml(store, SYSTEM, tmp_path / "area.graphml", area="Riverside")
    graph = nx.read_graphml(path, force_multigraph=True)
    clients = sorted(n for n, d in graph.nodes(data=True) if d["node_type"] == "client")
    assert clients == ["C-0001", "C-0009"]
    with pytest.raises(AssetmapError):
        export_graphml(store, SYSTEM, tmp_path / "none.graphml", area="Nowhere")


def test_exports_are_scoped(store: Neo4jStore, tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    assert export_records(store, None) is None
    assert export_records(store, Scope("c", Role.COMMISSIONER)) is None
    other = export_records(store, Scope("p", Role.PRACTITIONER, "PR-99"))
    assert other is not None and other.clients == set() and other.rows(RecordType.TIES) == []
    own = export_records(store, Scope("p", Role.PRACTITIONER, "PR-01"))
    assert own is not None and own.clients == {"C-0001", "C-0009"}


def test_cells_with_line_breaks_survive_the_csv_writer(tmp_path: Path) -> None:
    """Issue 13: a lone carriage return went out unquoted and broke the re-import."""
    from ingest.export import write_csv_tables

    texts = ["lone\rreturn", "line\nfeed", "both\r\nends", 'quote " here', "plain"]
    rows = [{"person_id": f"P-{i}", "display_name": text} for i, text in enumerate(texts)]
    (path,) = write_csv_tables(tmp_path, {RecordType.PEOPLE: rows})
    with path.open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert [row["display_name"] for row in read] == texts


def test_graphml_holds_control_characters_as_visible_escapes(tmp_path: Path) -> None:
    """Issue 13: a control character made the GraphML invalid XML, with exit 0."""
    from ingest.export import _graphml_value, xml_safe

    graph = nx.MultiDiGraph()
    graph.add_node(xml_safe("C-\x071"), display_name=_graphml_value("Bell\x07 Name"),
                   needs=_graphml_value(["tab\tok", "nul\x00"]))
    path = tmp_path / "hostile.graphml"
    nx.write_graphml(graph, path, named_key_ids=True)
    read = nx.read_graphml(path)
    assert read.nodes["C-\\u00071"]["display_name"] == "Bell\\u0007 Name"
    assert read.nodes["C-\\u00071"]["needs"] == "tab\tok;nul\\u0000"
