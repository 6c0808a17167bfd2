"""Reading never changes data silently: the checks every reader shares.

* **Text encoding**: CSV, JSON and TOML files are UTF-8 (a UTF-8 byte-order mark is
  fine). Anything else gets one error naming the first line that is not UTF-8,
  rather than one garbled value, or one error, per row.
* **JSON**: a key twice in one object, ``NaN``/``Infinity``, a number too long for
  Python (more than 4,300 digits) and nesting deeper than Python can follow are errors
  (``load_json``); each JSON value must be of the kind its column holds
  (``json_cell``): true/false only in yes/no columns, numbers only in number columns.
* **Ids** are put in Unicode normal form C (``é`` typed as ``e`` + combining accent is
  the same id as ``é``), and refused when they hold a character that does not show —
  control characters (newline, bell, ...), zero-width characters, bidirectional marks,
  spaces other than the plain one — or mix Latin letters with Cyrillic or Greek ones
  (``С-0001`` with a Cyrillic ``С`` looks exactly like ``C-0001``): ``id_problem``.
* **Numbers** are plain decimals: ASCII digits, an optional leading ``-`` and an
  optional ``.`` with digits after it. ``1_0``, ``1e3``, ``+1``, ``.5`` and
  non-ASCII digits such as ``١٢`` are refused here (``number_problem``), where Python
  and pydantic would have read some of them as other numbers; text that is no number
  at all (``0x10``, ``lots``) is left to the row model, which refuses it too.
* **Cells** longer than ``ImportLimits.max_cell_chars`` are refused (and dropped, so
  the value is never echoed back).

``check_table`` applies the row checks to every table any reader produced.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import unicodedata
from decimal import Decimal
from typing import Any

from ingest.limits import ImportLimits
from ingest.records import allowed_columns
from ingest.sources import Issue, Table

#: Columns holding one id, and a list of ids (``graph.model`` / ``ingest.records``;
#: tests/ingest/test_strict.py checks these against the row models).
ID_COLUMNS = frozenset({"person_id", "to_id", "a_id", "b_id", "asset_id", "service_id",
                        "service", "practitioner", "other_id"})
ID_LIST_COLUMNS = frozenset({"enabled_by"})
NUMBER_COLUMNS = frozenset({"hours_per_week", "contacts_per_month", "strength", "score"})
YES_NO_COLUMNS = frozenset({"client", "trusted", "approved"})
LIST_COLUMNS = frozenset({"needs", "interests", "access_needs", "risks", "functions_needed",
                          "functions", "enabled_by", "risk_flags", "tags", "accessibility",
                          "safeguarding"})

PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Characters that do not show, named as the refusal says them.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
BIDI_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Scripts whose letters look like Latin ones (A/А/Α, C/С, O/О/Ο, P/Р/Ρ ...).
LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
#: Cyrillic and Greek letters drawn like a Latin letter: an id written only with these
#: (and digits or signs), such as ``С-0001`` with a Cyrillic Es, reads as a Latin id.
LATIN_LOOK_ALIKES = frozenset(
    "АВЕКМНОРСТХЅІЈҮаеорсухѕіјһԁ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοι"  # Greek
)


# -- encoding -------------------------------------------------------------------


def encoding_problem(data: bytes) -> tuple[int, str] | None:
    """``(line, reason)`` if ``data`` is not UTF-8 text; None if it is.

    >>> encoding_problem("Zoë\\n".encode())
    >>> encoding_problem("a\\nZoë\\n".encode("latin-1"))
    (2, 'not UTF-8 (byte 0xEB; latin-1 or Windows-1252?) — save the file as UTF-8')
    >>> encoding_problem("a,b\\n".encode("utf-16"))
    (1, 'UTF-16 text, not UTF-8 — save the file as UTF-8')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        return 1, "UTF-16 text, not UTF-8 — save the file as UTF-8"
    if data.isascii():  # the usual case, checked without decoding
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        return line, (f"not UTF-8 (byte 0x{byte:02X}; latin-1 or Windows-1252?) — "
                      "save the file as UTF-8")
    return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of plain text is NUL."""
    head = data[:64]
    if len(head) < 4:
        return False
    return not any(head[1::2]) or not any(head[0::2])


# -- JSON -----------------------------------------------------------------------


class RepeatedKeys(dict[str, Any]):
    """A JSON object that named some key more than once (``repeated``); the last
    value is kept, but the object is refused."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in result and key not in repeated:
            repeated.append(key)
        result[key] = value
    if not repeated:
        return result
    marked = RepeatedKeys(result)
    marked.repeated = repeated
    return marked


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(text: str) -> Any:
    """Parse JSON, marking objects with a repeated key (``RepeatedKeys``).

    Raises ``ValueError`` with a person-readable reason for anything that is not
    plain JSON, including nesting too deep and integers too long to read.

    >>> load_json('{"a": 1, "a": 2}').repeated
    ['a']
    >>> load_json('[NaN]')
    Traceback (most recent call last):
    ...
    ValueError: NaN is not a JSON number
    """
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        if "digits" in str(exc):
            raise ValueError("a number has more than 4,300 digits") from None
        raise


def repeated_keys(value: Any) -> list[str]:
    """The keys an object parsed by ``load_json`` repeats (none for anything else)."""
    return list(value.repeated) if isinstance(value, RepeatedKeys) else []


def number_text(value: int | float) -> str:
    """A spreadsheet or JSON number as a plain decimal (never ``1e-05``).

    >>> number_text(2.5), number_text(4.0), number_text(1e-05), number_text(10)
    ('2.5', '4', '0.00001', '10')
    """
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return repr(value)  # "nan"/"inf": refused as not a plain decimal
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text else text
    return str(value)


def json_cell(column: str, value: Any) -> tuple[str | None, str]:
    """A JSON value as the cell text of ``column``, or ``(None, reason)``.

    >>> json_cell("person_id", True)
    (None, 'true/false where an id or text is expected: write it in quotes')
    >>> json_cell("strength", 4), json_cell("trusted", False), json_cell("needs", ["a", "b"])
    (('4', ''), ('no', ''), ('a;b', ''))
    """
    if value is None:
        return "", ""
    if isinstance(value, str):
        return value.strip(), ""
    if isinstance(value, bool):
        if column in YES_NO_COLUMNS:
            return ("yes" if value else "no"), ""
        return None, "true/false where an id or text is expected: write it in quotes"
    if isinstance(value, (int, float)):
        if column in NUMBER_COLUMNS:
            return number_text(value), ""
        return None, "a number where an id or text is expected: write it in quotes"
    if isinstance(value, list) and column in LIST_COLUMNS:
        if all(isinstance(item, str) for item in value):
            return ";".join(item.strip() for item in value), ""
        return None, "a list here holds text items only"
    return None, "must be text, a number, true/false or a list of those"


# -- ids and numbers ------------------------------------------------------------------


def id_problem(text: str) -> str:
    """Why ``text`` (already in NFC) cannot be an id; '' if it can.

    >>> id_problem("C-0001"), id_problem("Zoë-1")
    ('', '')
    >>> id_problem("C-0001\\u200b")
    "'C-0001\\\\u200b' holds a zero-width character (U+200B)"
    >>> id_problem("\\u0421-0001")  # a Cyrillic capital Es
    "'С-0001' is written in Cyrillic letters that look Latin: type it in Latin letters"
    >>> id_problem("\\u0421VC-1")
    "'СVC-1' mixes Cyrillic and Latin letters (look-alikes?)"
    """
    if text.isascii():
        bad = ASCII_CONTROL.search(text)
        return f"{text!r} holds a control character (U+{ord(bad.group()):04X})" if bad else ""
    for char in text:
        kind = _invisible_kind(char)
        if kind:
            return f"{text!r} holds {kind} (U+{ord(char):04X})"
    scripts = sorted({script for char in text if char.isalpha()
                      for script in LOOK_ALIKE_SCRIPTS
                      if unicodedata.name(char, "").startswith(script + " ")})
    if len(scripts) > 1:
        return f"{text!r} mixes {' and '.join(s.title() for s in scripts)} letters (look-alikes?)"
    letters = [char for char in text if char.isalpha()]
    if scripts and scripts != ["LATIN"] and all(char in LATIN_LOOK_ALIKES for char in letters):
        return (f"{text!r} is written in {scripts[0].title()} letters that look Latin: "
                "type it in Latin letters")
    return ""


def _invisible_kind(char: str) -> str:
    if char in ZERO_WIDTH:
        return "a zero-width character"
    if char in BIDI_MARKS:
        return "a bidirectional mark"
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):
        return "a control character"
    if category == "Zs" and char != " ":
        return "a space other than the plain space"
    if category in ("Cf", "Co", "Cs", "Cn"):
        return "a character that does not show"
    return ""


def number_problem(text: str) -> str:
    """Why ``text`` is refused as a number although Python could read it as one (it is
    not a plain decimal); '' for a plain decimal, and for text that is no number at
    all, which the row model refuses in its own words (``'lots' is not a number``).

    >>> [number_problem(text) for text in ("4", "-2.5", "01", "lots", "nan")]
    ['', '', '', '', '']
    >>> number_problem("1_0")
    "'1_0' is not a plain decimal number (digits, an optional '-' and '.')"
    """
    if PLAIN_DECIMAL.fullmatch(text) or not _reads_as_number(text):
        return ""
    return f"{text!r} is not a plain decimal number (digits, an optional '-' and '.')"


def _reads_as_number(text: str) -> bool:
    """Whether Python reads ``text`` as a finite number (``1_0``, ``1e3``, ``١٢``...)."""
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


# -- tables -----------------------------------------------------------------------------


def check_table(table: Table, limits: ImportLimits, issues: list[Issue]) -> None:
    """Check every row of ``table`` in place: over-long cells and refused numbers are
    dropped (each with an issue), ids are NFC-normalised and refused ids reported (the
    id is kept, so references to it do not report it again)."""
    columns = allowed_columns(table.record_type)
    ids = [column for column in columns if column in ID_COLUMNS]
    id_lists = [column for column in columns if column in ID_LIST_COLUMNS]
    numbers = [column for column in columns if column in NUMBER_COLUMNS]
    longest = limits.max_cell_chars
    for index, row in enumerate(table.rows):
        if max(map(len, row.values()), default=0) > longest:
            _drop_long_cells(table, index, row, longest, issues)
        for column in ids:
            value = row.get(column)
            # The usual id is plain ASCII without control characters: one scan in C.
            if isinstance(value, str) and (not value.isascii() or ASCII_CONTROL.search(value)):
                _check_id(table, index, row, column, issues)
        for column in id_lists:
            if column in row:
                _check_id(table, index, row, column, issues, is_list=True)
        for column in numbers:
            value = row.get(column)
            if isinstance(value, str) and (reason := number_problem(value)):
                issues.append(Issue(table.location(index), column, reason))
                del row[column]


def _drop_long_cells(table: Table, index: int, row: dict[str, Any], longest: int,
                     issues: list[Issue]) -> None:
    for column, value in list(row.items()):
        if isinstance(value, str) and len(value) > longest:
            issues.append(Issue(table.location(index), column,
                                f"{len(value):,} characters: a cell may hold at most "
                                f"{longest:,}"))
            del row[column]


def _check_id(table: Table, index: int, row: dict[str, Any], column: str,
              issues: list[Issue], *, is_list: bool = False) -> None:
    value = row[column]
    if not isinstance(value, str):
        return
    if not value.isascii():
        value = row[column] = unicodedata.normalize("NFC", value)
    items = value.split(";") if is_list else [value]
    for item in items:
        reason = id_problem(item.strip())
        if reason:
            issues.append(Issue(table.location(index), column, reason))
            return
