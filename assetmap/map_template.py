"""The HTML document of the network map (a Jinja template, autoescaped).

Kept in a module rather than a data file so it ships with the package as code.
Self-contained: vis-network's script and styles are inlined from the installed pyvis
package; nothing here may name another host. Every value from the data arrives as
JSON inside the script (with <, > and & escaped) or through autoescaping.
"""

NETWORK_MAP_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<style>{{ vis_css|safe }}</style>
<script>{{ vis_js|safe }}</script>
<style>
  body { margin: 0; font-family: sans-serif; background: #ffffff; }
  #network-map { width: 100%; height: {{ height_px }}px; border: 1px solid #ddd; box-sizing: border-box; }
  #legend { font-size: 13px; padding: 6px 2px; line-height: 1.8; }
  #legend span.item { margin-right: 14px; white-space: nowrap; }
  #legend span.swatch { display: inline-block; width: 26px; height: 0; vertical-align: middle; margin-right: 4px; }
  #legend span.dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; vertical-align: middle; margin-right: 4px; }
</style>
</head>
<body>
<div id="network-map" role="img" aria-label="{{ aria_label }}"></div>
<div id="legend">
  {% for entry in legend %}
  <span class="item">{% if entry.line %}<span class="swatch" style="border-top: 4px {{ entry.line }} {{ entry.colour }}"></span>{% else %}<span class="dot" style="background: {{ entry.colour }}; border: {{ 4 if entry.ring else 0 }}px solid {{ entry.ring or entry.colour }}"></span>{% endif %}{{ entry.words }}</span>
  {% endfor %}
  <span class="item">line width = strength (1–5)</span>
</div>
<script>
  (function () {
    var nodes = new vis.DataSet({{ nodes_json|safe }});
    var edges = new vis.DataSet({{ edges_json|safe }});
    var container = document.getElementById("network-map");
    var network = new vis.Network(container, {nodes: nodes, edges: edges}, {{ options_json|safe }});
    // Nodes laid out in advance do not move, so nothing else fits the view to them.
    network.once("afterDrawing", function () {
      network.fit({animation: false});
      if (network.getScale() > 1.2) { network.moveTo({scale: 1.2, animation: false}); }
      document.body.setAttribute("data-drawn", "1");
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
  })();
</script>
</body>
</html>
"""
