"""Pictures of a selection: one self-contained interactive HTML page, or a static PNG.

The HTML page draws with vis-network (MIT/Apache-2.0), taken from the installed ``pyvis``
package (BSD) and written inline with its stylesheet, so the page needs no network when viewed
(no ``<script src>`` or ``<link href>``). Nodes are coloured by label with a legend, captioned
by name; hovering an edge shows its relationship type, hovering a node its properties. When the
network has been drawn the page records it in ``<body data-nodes=N data-drawn=yes>`` (and any
script error in ``data-errors``), which the tests read back from headless Chromium.

The PNG is drawn with matplotlib (Agg backend, no display needed).
"""

from __future__ import annotations

import html
import json
import os
import importlib.util
from pathlib import Path
from typing import Any

from graph.errors import UserError
from graph.schema import LABELS
from graph.selection import caption

VIS_VERSION = "vis-9.1.2"
COLOURS = {
    "Person": "#e15759",
    "Position": "#f28e2b",
    "Organization": "#4e79a7",
    "Meeting": "#59a14f",
    "Resolution": "#b07aa1",
    "Article": "#9c9c9c",
}
CAPTION_LIMIT = 40  # characters of a caption drawn on the canvas; the full name shows on hover
PHYSICS_LIMIT = 500  # above this many nodes the layout gets fewer stabilisation rounds

Graph = dict[str, list[dict[str, Any]]]


def _vis_assets() -> tuple[str, str]:
    spec = importlib.util.find_spec("pyvis")  # located, not imported (pyvis imports IPython)
    if spec is None or not spec.submodule_search_locations:
        raise UserError("the pyvis package is not installed (pip install pyvis): it provides vis-network")
    lib = Path(list(spec.submodule_search_locations)[0]) / "lib" / VIS_VERSION
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _short(text: str) -> str:
    return text if len(text) <= CAPTION_LIMIT else text[: CAPTION_LIMIT - 1] + "…"


def _tooltip(label: str, props: dict[str, Any]) -> str:
    lines = [label]
    for k, v in props.items():
        if k in ("search",) or v in (None, "", []):
            continue
        if isinstance(v, list):
            v = "; ".join(str(x) for x in v[:3]) + (" …" if len(v) > 3 else "")
        lines.append(f"{k}: {v}")
    return "\n".join(lines)  # vis-network shows a plain-text title with its line breaks


def vis_data(graph: Graph) -> dict[str, Any]:
    """Nodes and edges in vis-network's shape."""
    nodes = []
    for n in graph["nodes"]:
        label = n["labels"][0]
        name = caption(n)
        nodes.append({
            "id": n["id"],
            "label": _short(name),
            "title": _tooltip(f"{label}: {name}", n.get("properties") or {}),
            "group": label,
            "color": COLOURS.get(label, "#76b7b2"),
            "shape": "dot",
            "size": 14 if label in ("Person", "Organization") else 10,
        })
    present = {n["id"] for n in graph["nodes"]}
    edges = []
    for r in graph["relationships"]:
        if r["start"] in present and r["end"] in present:
            edges.append({"id": r["id"], "from": r["start"], "to": r["end"], "title": r["type"],
                          "arrows": "to", "color": {"color": "#bbbbbb", "highlight": "#333333"}})
    return {"nodes": nodes, "edges": edges}


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
{vis_css}
html, body {{ margin: 0; height: 100%; font-family: sans-serif; }}
#graph {{ position: absolute; inset: 0; }}
#legend {{ position: absolute; top: 8px; left: 8px; background: rgba(255,255,255,0.92); padding: 8px 12px;
  border: 1px solid #ccc; border-radius: 4px; font-size: 13px; z-index: 10; }}
#legend h1 {{ font-size: 14px; margin: 0 0 6px 0; }}
#legend .swatch {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px;
  vertical-align: middle; }}
</style>
</head>
<body data-nodes="0" data-drawn="no" data-errors="">
<div id="graph"></div>
<div id="legend"><h1>{title}</h1>{legend}<div>{counts}</div></div>
<script>
window.addEventListener("error", function (e) {{
  document.body.dataset.errors = (document.body.dataset.errors + " " + e.message).trim();
}});
</script>
<script>
{vis_js}
</script>
<script>
(function () {{
  var data = {data};
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {{
    nodes: {{ font: {{ size: 12 }} }},
    edges: {{ smooth: false, width: 1 }},
    interaction: {{ hover: true, tooltipDelay: 100 }},
    layout: {{ randomSeed: 7, improvedLayout: data.nodes.length <= 150 }},
    physics: {{ enabled: true, solver: "forceAtlas2Based",
               stabilization: {{ enabled: true, iterations: {iterations}, fit: true }} }}
  }};
  var network = new vis.Network(document.getElementById("graph"), {{ nodes: nodes, edges: edges }}, options);
  network.once("stabilizationIterationsDone", function () {{
    network.setOptions({{ physics: {{ enabled: false }} }});  // laid out: hold still (nodes can be dragged)
  }});
  network.once("afterDrawing", function (ctx) {{
    var canvas = ctx.canvas, pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data, painted = 0;
    for (var i = 3; i < pixels.length; i += 4) {{ if (pixels[i] > 0) painted++; }}
    document.body.dataset.nodes = String(network.body.nodeIndices.length);
    document.body.dataset.edges = String(network.body.edgeIndices.length);
    document.body.dataset.painted = String(painted);
    document.body.dataset.drawn = "yes";
  }});
  network.redraw();  // draw once now (not only on the next animation frame)
  window.partykgNetwork = network;
}})();
</script>
</body>
</html>
"""


def render_html(graph: Graph, title: str = "partykg") -> str:
    """The page as a string: every script and style inline."""
    vis_js, vis_css = _vis_assets()
    data = vis_data(graph)
    counts: dict[str, int] = {}
    for n in graph["nodes"]:
        counts[n["labels"][0]] = counts.get(n["labels"][0], 0) + 1
    legend = "".join(
        f'<div class="entry" data-label="{label}"><span class="swatch" style="background:{COLOURS[label]}"></span>'
        f"{label} ({counts[label]})</div>"
        for label in LABELS
        if counts.get(label)
    )
    many = len(data["nodes"]) > PHYSICS_LIMIT
    return PAGE.format(
        title=html.escape(title),
        vis_css=vis_css,
        vis_js=vis_js,
        legend=legend,
        counts=f"{len(data['nodes'])} nodes, {len(data['edges'])} relationships; hover for details",
        data=_script_json(data),
        iterations=100 if many else 300,
    )


def write_html(graph: Graph, out: str | os.PathLike[str], title: str = "partykg") -> Path:
    path = Path(out)
    _write(path, lambda: path.write_text(render_html(graph, title), encoding="utf-8"))
    return path


def write_png(graph: Graph, out: str | os.PathLike[str], title: str = "partykg", label_limit: int = 60) -> Path:
    """A static picture: nodes coloured by label, a legend, names on the best-connected nodes
    (all of them when there are at most ``label_limit`` nodes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from graph.exporters import to_networkx

    G = to_networkx(graph)
    simple = nx.Graph(G)
    n = simple.number_of_nodes()
    iterations = 50 if n <= 1000 else 15
    pos = nx.spring_layout(simple, seed=7, iterations=iterations) if n else {}
    size = 8 if n <= 100 else 12 if n <= 1000 else 16
    fig, ax = plt.subplots(figsize=(size, size * 0.75), dpi=120)
    try:
        ax.set_axis_off()
        ax.set_title(title)
        ax.margins(x=0.15, y=0.05)  # room for the captions of nodes at the edge
        nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#cccccc", width=0.6 if n > 200 else 1.0)
        labels_present = [label for label in LABELS if any(G.nodes[v]["label"] == label for v in G)]
        for label in labels_present:
            members = [v for v in G if G.nodes[v]["label"] == label]
            nx.draw_networkx_nodes(simple, pos, nodelist=members, ax=ax, node_color=COLOURS[label],
                                   node_size=60 if n <= 200 else 12)
        named = sorted(simple, key=lambda v: -simple.degree(v))[:label_limit]
        nx.draw_networkx_labels(simple, pos, labels={v: _short(str(G.nodes[v]["name"])) for v in named}, ax=ax,
                                font_size=7)
        handles = [Line2D([], [], marker="o", linestyle="", color=COLOURS[label], label=label)
                   for label in labels_present]
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=True)
        path = Path(out)
        _write(path, lambda: fig.savefig(path, format="png", bbox_inches="tight"))
    finally:
        plt.close(fig)
    return path


def write_picture(graph: Graph, out: str | os.PathLike[str], title: str = "partykg") -> Path:
    """HTML or PNG, by the file's extension."""
    suffix = Path(out).suffix.lower()
    if suffix in (".html", ".htm"):
        return write_html(graph, out, title)
    if suffix == ".png":
        return write_png(graph, out, title)
    raise UserError(f"{out}: --out must end in .html or .png")


def _write(path: Path, write: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror or exc})") from None
