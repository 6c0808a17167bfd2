"""The rooms' layer contract (DESIGN.md), checked over the import graph of every module.

Bottom to top: graph; ingest and analytics (independent of each other; analytics uses
graph.model and graph.frames only); assetmap; dashboards. Nothing imports upward and
there are no cycles. The benchmark sits beside the top and calls the views.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYER = {"graph": 0, "cypher": 0, "ingest": 1, "analytics": 1, "assetmap": 2,
         "dashboards": 3, "bench": 4}
ANALYTICS_MAY_USE = {"graph.model", "graph.frames"}


def imports_of(path: Path) -> set[str]:
    """Absolute imports of our own packages in one file (relative ones stay in a room)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in LAYER}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for room in LAYER for p in (ROOT / room).rglob("*.py")}
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for target in imports_of(path):
            # "from graph import reads" names the module graph.reads; keep known modules.
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in modules and target != name:
                edges[name].add(target)
    return edges


def violation(source: str, target: str) -> str | None:
    room, other = source.split(".")[0], target.split(".")[0]
    if LAYER[other] > LAYER[room]:
        return "imports upward"
    if {room, other} == {"ingest", "analytics"}:
        return "ingest and analytics are independent"
    if room == "analytics" and other == "graph" and target not in ANALYTICS_MAY_USE:
        return f"analytics may use only {sorted(ANALYTICS_MAY_USE)} of graph"
    if room == "bench" and target.startswith("assetmap.cli"):
        return "the bench calls the views, not the command line"
    return None


def test_no_module_imports_against_the_layers() -> None:
    problems = [f"{source} -> {target}: {reason}"
                for source, targets in sorted(import_graph().items())
                for target in sorted(targets)
                if (reason := violation(source, target))]
    assert problems == []


def test_the_rooms_import_each_other_without_cycles() -> None:
    graph = nx.DiGraph([(a, b) for a, targets in import_graph().items() for b in targets])
    assert list(nx.simple_cycles(graph)) == []


@pytest.mark.parametrize(("source", "target", "reason"), [
    ("graph.reads", "assetmap.views", "imports upward"),
    ("analytics.fit", "graph.reads", "analytics may use only"),
    ("analytics.fit", "ingest.rules", "independent"),
    ("bench.views", "assetmap.cli_analytics", "not the command line"),
])
def test_the_checker_catches_each_kind_of_breach(source: str, target: str, reason: str) -> None:
    found = violation(source, target)
    assert found is not None and reason in found
    assert violation("dashboards.session", "assetmap.views") is None
