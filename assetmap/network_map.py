"""The person's network as a pyvis (vis-network) map, rendered as one self-contained
HTML document for ``st.components.v1.html``.

Self-contained because the dashboard must work on a locked-down network: pyvis's own
template pulls vis-network and Bootstrap from CDNs, so the map is rendered with our
template, which inlines vis-network's script and styles from the installed pyvis
package. Names reach the browser only as JSON data (drawn on a canvas, tooltips set
as text by vis-network 9), never as markup.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, select_autoescape
from pyvis.network import Network

from assetmap.map_template import NETWORK_MAP_TEMPLATE
from graph.model import TieKind, label

#: Colour-blind-safe (Okabe-Ito) colours, one per kind of tie.
KIND_COLOURS: dict[str, str] = {
    TieKind.NATURAL.value: "#009E73",
    TieKind.COMMUNITY.value: "#E69F00",
    TieKind.PROFESSIONAL.value: "#0072B2",
    TieKind.PAID.value: "#CC79A7",
}
SPOF_COLOUR = "#D55E00"
CLIENT_COLOUR = "#333333"
#: Someone met only as a supporter's acquaintance (no tie of their own to the person).
UNKNOWN_KIND_COLOUR = "#999999"
#: The line between two supporters who know each other.
KNOWS_COLOUR = "#BBBBBB"
#: The what-if choice: ringed and drawn in black, a colour no kind of tie uses.
WHAT_IF_COLOUR = "#000000"
#: Names longer than this are wrapped onto further lines (at spaces).
LABEL_WRAP_CHARS = 18
MAP_HEIGHT_PX = 520
#: vis-network line width for strength 1..5.
WIDTH_PER_STRENGTH = 1.6

_VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
_TEMPLATE = Environment(
    autoescape=select_autoescape(default=True, default_for_string=True),
).from_string(NETWORK_MAP_TEMPLATE)


@dataclass(frozen=True)
class MapNode:
    """One node: the client, or someone/something they are tied to."""

    id: str
    label: str
    kind: str = ""  # the tie kind that joins it to the client; "" for the client
    is_client: bool = False
    single_point: bool = False
    detail: str = ""  # tooltip text
    #: Where the node is drawn (pixels from the person at 0, 0), fixed there; None
    #: lets vis-network's physics place it.
    position: tuple[float, float] | None = None


@dataclass(frozen=True)
class MapTie:
    """One line: a tie from the client, or a KNOWS link between supporters."""

    source: str
    target: str
    kind: str = ""  # "" for KNOWS links between supporters
    strength: float | None = None
    strained: bool = False
    planned: bool = False  # a proposed introduction: drawn dotted, not yet support
    detail: str = ""


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and styles, read once per process from the pyvis package."""
    return ((_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
            (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"))


def script_safe_json(value: Any) -> str:
    """JSON that cannot end a ``<script>`` element or open a comment inside it."""
    text = json.dumps(value, ensure_ascii=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def wrapped(name: str) -> str:
    """A name on lines of at most ``LABEL_WRAP_CHARS`` characters (a longer word stays
    whole), so a long name does not run across its neighbours.

    >>> wrapped("Riverside Community Garden Club")
    'Riverside\\nCommunity Garden\\nClub'
    """
    return "\n".join(textwrap.wrap(name, LABEL_WRAP_CHARS, break_long_words=False)) or name


def build_network(nodes: list[MapNode], ties: list[MapTie], *,
                  what_if: str | None = None) -> Network:
    """A pyvis ``Network`` with our styling: client fixed at the centre, colour by
    kind, width by strength, strained ties dashed, single points of failure ringed,
    the ``what_if`` node (and its tie) drawn in black."""
    network = Network(height=f"{MAP_HEIGHT_PX}px", width="100%", cdn_resources="in_line")
    for node in nodes:
        network.add_node(node.id, **_node_style(node, chosen=node.id == what_if))
    known = {node.id for node in nodes}
    for tie in ties:
        if tie.source in known and tie.target in known:
            network.add_edge(tie.source, tie.target,
                             **_tie_style(tie, chosen=what_if is not None and tie.kind != ""
                                          and what_if in (tie.source, tie.target)))
    network.set_options(json.dumps(_OPTIONS))
    return network


#: Labels keep a white outline, so a line passing behind a name never runs through it.
_LABEL_FONT = {"size": 14, "color": "#222222", "strokeWidth": 5, "strokeColor": "#ffffff"}


def _node_style(node: MapNode, *, chosen: bool = False) -> dict[str, Any]:
    fill = CLIENT_COLOUR if node.is_client else KIND_COLOURS.get(node.kind, UNKNOWN_KIND_COLOUR)
    style: dict[str, Any] = {
        "label": wrapped(node.label), "title": node.detail or node.label, "shape": "dot",
        "size": 16, "color": {"background": fill, "border": fill},
        "borderWidth": 2, "font": dict(_LABEL_FONT),
    }
    if node.position is not None:
        style.update(x=round(node.position[0], 1), y=round(node.position[1], 1),
                     fixed=True, physics=False)
    if node.is_client:
        # The person's name inside their own box, drawn over the lines that start there.
        style.update(shape="box", x=0, y=0, fixed=True, physics=False, margin=10,
                     title=f"{node.label}\n{node.detail or 'the person'}",
                     font={"size": 16, "color": "#ffffff", "bold": True})
    if node.single_point:
        style["color"] = {"background": fill, "border": SPOF_COLOUR,
                          "highlight": {"background": fill, "border": SPOF_COLOUR}}
        style["borderWidth"] = 5
        style["shapeProperties"] = {"borderDashes": False}
    if chosen:
        style["color"] = {"background": fill, "border": WHAT_IF_COLOUR,
                          "highlight": {"background": fill, "border": WHAT_IF_COLOUR}}
        style["borderWidth"] = 7
        style["size"] = 22
        style["font"] = {**_LABEL_FONT, "bold": True}
        style["title"] = f"{style['title']}\n(the what-if choice)"
    return style


def _tie_style(tie: MapTie, *, chosen: bool = False) -> dict[str, Any]:
    colour = WHAT_IF_COLOUR if chosen else KIND_COLOURS.get(tie.kind, KNOWS_COLOUR)
    width = WIDTH_PER_STRENGTH * float(tie.strength) if tie.strength else 1.0
    # vis-network: True draws dashes; a [dash, gap] list draws the dotted planned line.
    dashes: bool | list[int] = [2, 6] if tie.planned else bool(tie.strained)
    return {"color": colour, "width": width, "dashes": dashes,
            "title": tie.detail or tie.kind or "knows"}


@dataclass(frozen=True)
class LegendEntry:
    """One item of the legend: a ``line`` (colour, CSS border style, px) or a ``dot``
    (fill, ring colour), and its words."""

    words: str
    colour: str
    line: str = ""  # "solid", "dashed", "dotted" for a line; "" for a dot
    ring: str = ""


def legend_entries() -> list[LegendEntry]:
    """Every colour and line style the map uses, in words: a test checks each style
    ``_node_style``/``_tie_style`` can draw has its entry."""
    return [
        LegendEntry("the person", CLIENT_COLOUR),
        *(LegendEntry(label(kind, TieKind), colour, line="solid")
          for kind, colour in KIND_COLOURS.items()),
        LegendEntry("someone a supporter knows (no tie of their own)", UNKNOWN_KIND_COLOUR),
        LegendEntry("know each other", KNOWS_COLOUR, line="solid"),
        LegendEntry("strained", "#555555", line="dashed"),
        LegendEntry("proposed introduction (not yet support)", "#555555", line="dotted"),
        LegendEntry("single point of failure", "#ffffff", ring=SPOF_COLOUR),
        LegendEntry("the what-if choice", WHAT_IF_COLOUR, line="solid", ring=WHAT_IF_COLOUR),
    ]


_OPTIONS: dict[str, Any] = {
    "physics": {
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -6000, "springLength": 140,
                      "avoidOverlap": 0.3},
        "stabilization": {"iterations": 150, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120},
    "edges": {"smooth": False},
}


def render_map(nodes: list[MapNode], ties: list[MapTie], *, aria_label: str,
               what_if: str | None = None) -> str:
    """The whole map as one HTML document, with nothing loaded from elsewhere; the
    ``what_if`` node (the tie chosen in the what-if) highlighted."""
    network = build_network(nodes, ties, what_if=what_if)
    node_data, edge_data, _heading, _height, _width, options = network.get_network_data()
    vis_js, vis_css = _vis_assets()
    return _TEMPLATE.render(
        vis_js=vis_js, vis_css=vis_css, height_px=MAP_HEIGHT_PX, aria_label=aria_label,
        nodes_json=script_safe_json(node_data), edges_json=script_safe_json(edge_data),
        options_json=script_safe_json(json.loads(options)),
        legend=legend_entries(),
    )


def map_height(with_legend: bool = True) -> int:
    """Height to give the component so map and legend show without scrolling."""
    return MAP_HEIGHT_PX + (100 if with_legend else 10)
