"""Which pages each role gets. A page a role may not use is not offered at all, and
each page checks the role again itself (a URL typed by hand lands on that check)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graph.model import Role
from graph.scope import Scope

PAGES_DIR = Path(__file__).resolve().parent / "screens"


def _page(file: str, title: str) -> st.Page:
    # No icons: the current page's icon becomes the favicon, which Streamlit fetches
    # from fonts.gstatic.com, and the pages load nothing from other hosts.
    return st.Page(PAGES_DIR / file, title=title, url_path=file.removesuffix(".py"))


def pages_for(scope: Scope | None) -> list[st.Page]:
    """The pages offered to this viewer, their main page first."""
    if scope is None:
        return [_page("sign_in.py", "Sign in")]
    person = _page("person.py", "Person")
    directory = _page("directory.py", "Directory")
    workbench = _page("workbench.py", "Work with the person")
    if scope.role is Role.PRACTITIONER:
        return [person, workbench, directory]
    if scope.role is Role.SERVICE_LEAD:
        return [_page("service.py", "Service"), person, workbench, directory,
                _page("import_data.py", "Import"),
                _page("audit_log.py", "Audit log")]
    if scope.role is Role.COMMISSIONER:
        return [_page("area.py", "Area"), directory]
    return [_page("sign_in.py", "Sign in")]
