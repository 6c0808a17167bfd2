"""Putting recorded text (names, notes, file names) on a page as text, never markup.

Streamlit renders headings, captions and labels as Markdown: a name such as
``![x](http://elsewhere/x.png)`` would fetch from another host and ``:red[...]`` would
restyle the page. ``md_text`` escapes every character Markdown gives meaning to, so
the name shows exactly as recorded. Raw HTML is never enabled on any page.
"""

from __future__ import annotations

import re

from assetmap.wording import PERCENT_COLUMN_FORMAT, percent, percent_points

__all__ = ["PERCENT_COLUMN_FORMAT", "md_text", "percent", "percent_points"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def md_text(value: object) -> str:
    """``value`` as Markdown that displays literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")

