"""bench.compare: two runs side by side, each figure's medians and their ratio."""

from __future__ import annotations

from bench.compare import compare


def run(store: str, rows_per_s: float, floor: float, seconds: float, peak: float) -> dict:
    return {"store": store, "repeats": 3, "import_repeats": 3,
            "memory": {"store_server_peak_mb": peak, "python_import_peak_mb": 200.0},
            "figures": [
                {"name": "import", "unit": "rows/s", "value": {"median": rows_per_s},
                 "floor": {"median": floor}},
                {"name": "service view", "unit": "s", "value": {"median": seconds},
                 "floor": None}]}


def test_ratios_are_right_over_left() -> None:
    table = compare({1000: run("A", 10_000, 12_500, 0.5, 100)},
                    {1000: run("B", 15_000, 20_000, 0.25, 400), 10_000: run("B", 1, 1, 1, 1)},
                    "A", "B")
    assert "| import | rows/s | 10,000 | 15,000 | 1.50 |" in table
    assert "| import — floor | rows/s | 12,500 | 20,000 | 1.60 |" in table
    assert "| service view | s | 0.500 | 0.250 | 0.50 |" in table
    assert "| peak memory, store server | MB | 100.0 | 400.0 | 4.00 |" in table
    assert "10,000 clients" not in table, "only scales both runs measured"
