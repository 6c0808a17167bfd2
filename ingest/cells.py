"""Spreadsheet formula injection: escaping exported cells, and undoing it on import.

A cell that starts with ``= + - @`` or a tab can run as a formula when a CSV file is
opened in a spreadsheet (OWASP "CSV injection"). Export prefixes such a cell with
``'``, which spreadsheets show as text; import removes that prefix again.

The escaping is reversible for every value: a value that already starts with ``'``
followed by a trigger character (or a second ``'``) is escaped too, so
``unescape_formula(escape_formula(text)) == text`` always holds.
"""

from __future__ import annotations

FORMULA_TRIGGERS = frozenset("=+-@\t")
ESCAPE = "'"


def _needs_prefix(text: str) -> bool:
    if not text:
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    return text[0] == ESCAPE and len(text) > 1 and (text[1] in FORMULA_TRIGGERS or text[1] == ESCAPE)


def escape_formula(text: str) -> str:
    """``text`` safe to open in a spreadsheet: ``=1+1`` -> ``'=1+1``."""
    return ESCAPE + text if _needs_prefix(text) else text


def unescape_formula(text: str) -> str:
    """Undo ``escape_formula``: ``'=1+1`` -> ``=1+1``; other text is returned as it is."""
    if text.startswith(ESCAPE) and _needs_prefix(text[1:]):
        return text[1:]
    return text
