"""The benchmark harness at its smallest scale: it runs end to end and reports every
figure (the figures themselves are read in BENCHMARKS.md, never asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_FIGURES = {
    "import, validated end to end": True,  # True: reported beside its floor
    "person view p50": True,
    "person view p95": True,
    "service view (largest service)": False,
    "area coverage (whole area)": False,
    "isolation series, every client of the largest service": False,
    "person page rendered with AppTest": False,
}


@pytest.mark.slow
def test_harness_reports_every_figure_at_1k(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--scales", "1000", "--repeats", "1",
         "--persons", "20", "--no-markdown", "--results", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((tmp_path / "1000.json").read_text())
    figures = {figure["name"]: figure for figure in result["figures"]}
    assert set(figures) == set(EXPECTED_FIGURES)
    for name, has_floor in EXPECTED_FIGURES.items():
        assert figures[name]["value"]["median"] > 0, name
        assert (figures[name]["floor"] is not None) == has_floor, name
    assert result["rows"]["ties"] > 5000  # about ten ties a client at 1k
    assert result["memory"]["store_server_peak_mb"] > 0
    assert "| person view p95 | ms |" in done.stdout
