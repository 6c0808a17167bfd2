"""Issue 15, point 8: the map reads at a glance. A layout that stays put, the person's
name in their own box, long names wrapped, a legend for every colour and line style,
and the what-if choice drawn in black."""

from __future__ import annotations

import json
import re

import networkx as nx

from assetmap.network_map import (
    KIND_COLOURS,
    KNOWS_COLOUR,
    SPOF_COLOUR,
    UNKNOWN_KIND_COLOUR,
    WHAT_IF_COLOUR,
    MapNode,
    MapTie,
    _vis_assets,
    legend_entries,
    render_map,
    wrapped,
)
from assetmap.person_rows import map_positions


def history(order: list[str]) -> nx.MultiGraph:
    """P1 tied to S1, S2 and A1; S1 knows S2 and C9 (a second-degree contact)."""
    graph = nx.MultiGraph(ego="P1")
    for node in order:
        graph.add_node(node)
    for target in ("S1", "S2", "A1"):
        graph.add_edge("P1", target)
    graph.add_edge("S1", "S2")
    graph.add_edge("S1", "C9")
    return graph


def test_the_layout_is_the_same_on_every_run_and_in_any_order() -> None:
    first = map_positions(history(["P1", "S1", "S2", "A1", "C9"]))
    again = map_positions(history(["C9", "A1", "S2", "S1", "P1"]))
    assert first == again
    assert first["P1"] == (0.0, 0.0)  # the person at the centre
    assert set(first) == {"P1", "S1", "S2", "A1", "C9"}
    # spread out: every other node at least a node's width (40 px) from the person
    assert all(abs(x) + abs(y) > 40 for node, (x, y) in first.items() if node != "P1")


def _map(what_if: str | None = None) -> dict[str, dict]:
    """The map's nodes and edges as vis-network receives them, by id."""
    vis_js, vis_css = _vis_assets()
    html = render_map(
        [MapNode("P1", "Ann Example", is_client=True, position=(0, 0)),
         MapNode("S1", "Riverside Community Garden Club", kind="community",
                 position=(120.0, -40.0)),
         MapNode("S2", "Ned", kind="natural", single_point=True, position=(-90.0, 60.0)),
         MapNode("C9", "someone a supporter knows")],
        [MapTie("P1", "S1", "community", 2), MapTie("P1", "S2", "natural", 3),
         MapTie("S2", "C9")],
        aria_label="map", what_if=what_if).replace(vis_js, "").replace(vis_css, "")
    nodes = json.loads(re.search(r"new vis.DataSet\((\[.*?\])\);", html).group(1))
    edges = json.loads(re.findall(r"new vis.DataSet\((\[.*?\])\);", html)[1])
    return {"html": html, **{n["id"]: n for n in nodes},
            **{f"{e['from']}-{e['to']}": e for e in edges}}


def test_placed_nodes_stay_where_the_layout_put_them() -> None:
    drawn = _map()
    assert (drawn["S1"]["x"], drawn["S1"]["y"], drawn["S1"]["fixed"]) == (120.0, -40.0, True)
    assert drawn["S1"]["physics"] is False
    assert "x" not in drawn["C9"]  # no position given: physics places it


def test_the_persons_name_sits_in_their_own_box_and_long_names_wrap() -> None:
    drawn = _map()
    assert drawn["P1"]["shape"] == "box" and drawn["P1"]["label"] == "Ann Example"
    # 31 characters, wrapped at 18 on spaces: "Riverside" + " Community" would be 19
    assert drawn["S1"]["label"] == "Riverside\nCommunity Garden\nClub"
    assert drawn["S1"]["title"] == "Riverside Community Garden Club"  # the tooltip whole
    assert drawn["S2"]["font"]["strokeColor"] == "#ffffff"  # names outlined over lines
    assert wrapped("Ned") == "Ned"


def test_the_what_if_choice_is_drawn_in_black() -> None:
    plain, chosen = _map(), _map(what_if="S2")
    assert plain["S2"]["color"]["border"] == SPOF_COLOUR
    assert chosen["S2"]["color"]["border"] == WHAT_IF_COLOUR and chosen["S2"]["borderWidth"] == 7
    assert chosen["P1-S2"]["color"] == WHAT_IF_COLOUR
    assert plain["P1-S2"]["color"] == KIND_COLOURS["natural"]
    assert chosen["S2-C9"]["color"] == KNOWS_COLOUR  # a KNOWS link is never the what-if tie
    assert WHAT_IF_COLOUR not in json.dumps([plain[k] for k in ("S1", "S2", "P1-S2")])


def test_every_colour_and_line_style_has_its_legend_entry() -> None:
    drawn = _map(what_if="S2")
    html = drawn["html"]
    colours = {entry.colour for entry in legend_entries()} | {e.ring for e in legend_entries()}
    used = {KNOWS_COLOUR, UNKNOWN_KIND_COLOUR, SPOF_COLOUR, WHAT_IF_COLOUR,
            *KIND_COLOURS.values()}
    assert used <= colours
    legend = html[html.index('<div id="legend">'):]
    for words in ("know each other", "someone a supporter knows", "strained",
                  "proposed introduction", "single point of failure", "the what-if choice",
                  "the person", "paid care", "community group"):
        assert words in legend, words
    assert "dashed" in legend and "dotted" in legend
    assert f"4px solid {KNOWS_COLOUR}" in legend
