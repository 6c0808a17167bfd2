"""Two stores side by side: the results of two ``bench.run`` runs as one Markdown table.

    python -m bench.compare --left DIR --left-name FalkorDB --right DIR --right-name Neo4j

Each DIR holds ``<scale>.json`` files written by ``bench.run --results DIR``. For every
scale both runs measured, every figure is shown with both medians and the ratio
right / left (for rows/s a ratio above 1 means the right store is faster; for
seconds and milliseconds, below 1 does).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _load(folder: Path) -> dict[int, dict[str, Any]]:
    return {int(path.stem): json.loads(path.read_text()) for path in folder.glob("*.json")
            if path.stem.isdigit()}


def _median(figure: dict[str, Any] | None, key: str = "value") -> float | None:
    summary = (figure or {}).get(key)
    return None if summary is None else float(summary["median"])


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if unit == "rows/s" else f"{value:,.3f}" if unit == "s" else f"{value:,.1f}"


def _memory_row(name: str, key: str, left: dict[str, Any], right: dict[str, Any]) -> str:
    a, b = left["memory"].get(key), right["memory"].get(key)
    ratio = f"{b / a:.2f}" if a and b else "-"
    return f"| {name} | MB | {_fmt(a, 'MB')} | {_fmt(b, 'MB')} | {ratio} |"


def compare(left: dict[int, dict[str, Any]], right: dict[int, dict[str, Any]],
            left_name: str, right_name: str) -> str:
    """The side-by-side tables, one per scale both runs hold."""
    lines: list[str] = []
    for scale in sorted(set(left) & set(right)):
        a, b = left[scale], right[scale]
        lines += [f"### {scale:,} clients", "",
                  f"{left_name}: {a['store']}. {right_name}: {b['store']}. Repetitions: "
                  f"{a['repeats']} and {b['repeats']} (imports {a.get('import_repeats')} and "
                  f"{b.get('import_repeats')}).", "",
                  f"| figure | unit | {left_name} | {right_name} | ratio {right_name}/{left_name} |",
                  "|---|---|---|---|---|"]
        theirs = {figure["name"]: figure for figure in b["figures"]}
        for figure in a["figures"]:
            other = theirs.get(figure["name"])
            for label, key in (("", "value"), (" — floor", "floor")):
                x, y = _median(figure, key), _median(other, key)
                if x is None and y is None:
                    continue
                ratio = f"{y / x:.2f}" if x and y else "-"
                lines.append(f"| {figure['name']}{label} | {figure['unit']} | "
                             f"{_fmt(x, figure['unit'])} | {_fmt(y, figure['unit'])} | {ratio} |")
        lines.append(_memory_row("peak memory, store server", "store_server_peak_mb", a, b))
        lines.append(_memory_row("peak memory, Python importing", "python_import_peak_mb", a, b))
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--left", type=Path, required=True)
    parser.add_argument("--left-name", required=True)
    parser.add_argument("--right", type=Path, required=True)
    parser.add_argument("--right-name", required=True)
    args = parser.parse_args()
    print(compare(_load(args.left), _load(args.right), args.left_name, args.right_name))


if __name__ == "__main__":
    main()
