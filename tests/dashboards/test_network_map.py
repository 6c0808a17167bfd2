"""The map document: self-contained, and names travel as data, never as markup."""

from __future__ import annotations

import re

from assetmap.network_map import MapNode, MapTie, _vis_assets, render_map, script_safe_json

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def hostile_map() -> str:
    """The map document without vis-network's own inlined script and styles."""
    vis_js, vis_css = _vis_assets()
    html = render_map(
        [MapNode("P1", HOSTILE, is_client=True, detail=HOSTILE),
         MapNode("S1", "Neighbour", kind="natural", single_point=True)],
        [MapTie("P1", "S1", "natural", 4, strained=True, detail=HOSTILE)],
        aria_label=f"Support network of {HOSTILE}",
    )
    assert vis_js in html and vis_css in html, "vis-network is inlined"
    return html.replace(vis_js, "").replace(vis_css, "")


def test_names_cannot_break_out_of_the_script() -> None:
    html = hostile_map()
    assert HOSTILE not in html
    assert "<img" not in html
    assert html.count("<script") == 2  # vis-network itself and the map's own script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html


def test_nothing_is_loaded_from_another_host() -> None:
    html = hostile_map()
    # every tag attribute that loads something must be local (inline or absent)
    loaders = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", html)
    assert loaders == []
    assert "http" not in html


def test_ties_carry_kind_colour_strength_width_and_dashes() -> None:
    html = hostile_map()
    assert '"dashes": true' in html
    assert '"width": 6.4' in html
    assert '"borderWidth": 5' in html  # the single point of failure is ringed


def test_script_safe_json_round_trips() -> None:
    import json

    value = {"name": HOSTILE, "amp": "a & b", "line": "\u2028"}
    assert json.loads(script_safe_json(value)) == value
