"""A store that cannot be reached ends the page with one plain sentence: no traceback,
and nothing about the server (address, driver message) for an ordinary user to see."""

from __future__ import annotations

import socket

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboards.session import NOT_CONFIGURED, STORE_DOWN

from .conftest import APP, RUN_TIMEOUT_S, all_text


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("demo", ["1", ""])
def test_an_unreachable_store_says_so_in_one_sentence(monkeypatch: pytest.MonkeyPatch,
                                                      demo: str) -> None:
    port = closed_port()
    monkeypatch.setenv("ASSETMAP_STORE", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-a-real-password")
    monkeypatch.setenv("ASSETMAP_DEMO", demo)
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    assert not at.exception
    if demo:  # the demo selector reads the store before any page
        assert [e.value for e in at.error] == [STORE_DOWN]
    else:  # signing in reads nothing, so it still says how to sign in
        assert "Sign-in is not configured" in all_text(at)
    assert str(port) not in all_text(at)


def test_settings_that_cannot_be_used_say_so_without_details(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSETMAP_STORE", "ftp://secret-host.example/data")
    monkeypatch.setenv("ASSETMAP_DEMO", "1")
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    assert not at.exception
    assert [e.value for e in at.error] == [NOT_CONFIGURED]
    assert "secret-host" not in all_text(at)
