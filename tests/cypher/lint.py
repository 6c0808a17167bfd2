"""Run Neo4j's Cypher linter (``tools/cypher_lint.mjs`` under node) over query texts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from graph.model import LABELS, RELATIONSHIP_TYPES

ROOT = Path(__file__).resolve().parents[2]
LINTER = ROOT / "tools" / "cypher_lint.mjs"
LINTER_PACKAGE = ROOT / "node_modules" / "@neo4j-cypher" / "language-support"


def linter_missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not LINTER_PACKAGE.is_dir():
        return "the Cypher linter is not installed: run `npm ci` (make test does)"
    return None


def lint(texts: dict[str, str]) -> dict[str, list[dict]]:
    """Diagnostics per name. Labels and types are checked against graph.model."""
    request = {
        "schema": {"labels": list(LABELS), "relationshipTypes": list(RELATIONSHIP_TYPES)},
        "queries": [{"name": name, "text": text} for name, text in texts.items()],
    }
    done = subprocess.run(
        ["node", str(LINTER)], input=json.dumps(request), capture_output=True, text=True,
        cwd=ROOT, timeout=300, check=True,
    )
    return json.loads(done.stdout)


def is_undefined_parameter(diagnostic: dict) -> bool:
    """The one notice we accept: the linter cannot know our $parameters."""
    message = diagnostic["message"]
    return message.startswith("Parameter $") and message.endswith(" is not defined.")
