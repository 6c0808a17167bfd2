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
UNKNOWN_KIND_COLOUR = "#999999"
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


def build_network(nodes: list[MapNode], ties: list[MapTie]) -> Network:
    """A pyvis ``Network`` with our styling: client fixed at the centre, colour by
    kind, width by strength, strained ties dashed, single points of failure ringed."""
    network = Network(height=f"{MAP_HEIGHT_PX}px", width="100%", cdn_resources="in_line")
    for node in nodes:
        network.add_node(node.id, **_node_style(node))
    known = {node.id for node in nodes}
    for tie in ties:
        if tie.source in known and tie.target in known:
            network.add_edge(tie.source, tie.target, **_tie_style(tie))
    network.set_options(json.dumps(_OPTIONS))
    return network


def _node_style(node: MapNode) -> dict[str, Any]:
    fill = CLIENT_COLOUR if node.is_client else KIND_COLOURS.get(node.kind, UNKNOWN_KIND_COLOUR)
    style: dict[str, Any] = {
        "label": node.label, "title": node.detail or node.label, "shape": "dot",
        "size": 26 if node.is_client else 16,
        "color": {"background": fill, "border": fill},
        "borderWidth": 2, "font": {"size": 14, "color": "#222222"},
    }
    if node.is_client:
        style.update(x=0, y=0, fixed=True, physics=False)
    if node.single_point:
        style["color"] = {"background": fill, "border": SPOF_COLOUR,
                          "highlight": {"background": fill, "border": SPOF_COLOUR}}
        style["borderWidth"] = 5
        style["shapeProperties"] = {"borderDashes": False}
    return style


def _tie_style(tie: MapTie) -> dict[str, Any]:
    colour = KIND_COLOURS.get(tie.kind, "#BBBBBB")
    width = WIDTH_PER_STRENGTH * float(tie.strength) if tie.strength else 1.0
    # vis-network: True draws dashes; a [dash, gap] list draws the dotted planned line.
    dashes: bool | list[int] = [2, 6] if tie.planned else bool(tie.strained)
    return {"color": colour, "width": width, "dashes": dashes,
            "title": tie.detail or tie.kind or "knows"}


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


def render_map(nodes: list[MapNode], ties: list[MapTie], *, aria_label: str) -> str:
    """The whole map as one HTML document, with nothing loaded from elsewhere."""
    network = build_network(nodes, ties)
    node_data, edge_data, _heading, _height, _width, options = network.get_network_data()
    vis_js, vis_css = _vis_assets()
    return _TEMPLATE.render(
        vis_js=vis_js, vis_css=vis_css, height_px=MAP_HEIGHT_PX, aria_label=aria_label,
        nodes_json=script_safe_json(node_data), edges_json=script_safe_json(edge_data),
        options_json=script_safe_json(json.loads(options)),
        kind_colours=[(label(kind, TieKind), colour) for kind, colour in KIND_COLOURS.items()],
        spof_colour=SPOF_COLOUR,
    )


def map_height(with_legend: bool = True) -> int:
    """Height to give the component so map and legend show without scrolling."""
    return MAP_HEIGHT_PX + (70 if with_legend else 10)
