"""``assetmap export csv|graphml|report`` and ``assetmap import`` of a mapping file, run
as the real command line against the test's local Neo4j."""

from __future__ import annotations

from pathlib import Path

from graph.neo4j_store import Neo4jStore
from tests.conftest import run_cli

from .helpers import DATA

ROOT = Path(__file__).resolve().parents[2]




def test_import_a_study_then_export_every_form(store: Neo4jStore, tmp_path: Path) -> None:
    imported = run_cli(store, "import", str(DATA / "network_canvas" / "base"),
                   str(DATA / "network_canvas" / "study_graphml.toml"), "--as-of", "2025-09-10")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    csv_out = run_cli(store, "export", "csv", str(tmp_path / "csv"))
    graphml = run_cli(store, "export", "graphml", str(tmp_path / "edna.graphml"), "--person", "C-0001")
    report = run_cli(store, "export", "report", "C-0001", str(tmp_path / "edna.html"),
                 "--as-of", "2025-10-01")
    assert [csv_out.returncode, graphml.returncode, report.returncode] == [0, 0, 0], \
        csv_out.stderr + graphml.stderr + report.stderr
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "assets.csv", "events.csv", "knows.csv", "measures.csv", "people.csv", "services.csv",
        "ties.csv"]
    assert "Mo Ahmed" in (tmp_path / "edna.html").read_text(encoding="utf-8")
    missing = run_cli(store, "export", "report", "C-9999", str(tmp_path / "none.html"))
    assert missing.returncode == 1 and "no client 'C-9999'" in missing.stderr
