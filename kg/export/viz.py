"""Pictures of the knowledge graph: an interactive HTML page and a static PNG.

Both start from a small undirected view of the networkx graph of
:mod:`kg.rdf.netx` (:func:`relation_view`, :func:`speaker_view`,
:func:`ego_view`): drawing all of it would show a hairball of documents and
indicators.  Nodes are coloured by category; speakers (the people and
outlets who hold a turn) are diamonds.

The HTML inlines vis-network (``kg/static/vis-network.min.js``, from npm,
MIT or Apache-2.0) instead of loading it from a CDN, so the page works
offline, in a notebook's sandboxed iframe, and years from now.  The PNG is
drawn with matplotlib in "Noto Sans CJK SC" (Debian's ``fonts-noto-cjk``):
matplotlib's default font has no Chinese glyphs and silently draws empty
boxes, so a missing glyph is turned into :class:`FontMissingError`.
"""

from __future__ import annotations

import html
import io
import math
import warnings
from collections.abc import Iterable
from importlib.resources import files
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import KgError
from kg.export.inline import script_json
from kg.text.script import to_simplified

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe and Ito's colour-blind-safe palette, one colour per category.
CATEGORY_COLORS: dict[str, str] = {
    "PERSON": "#D55E00",
    "ORG": "#0072B2",
    "POLICY": "#009E73",
    "PROGRAM": "#CC79A7",
    "SLOGAN": "#E69F00",
    "INDICATOR": "#56B4E9",
}
#: Nodes of any other kind (documents).
OTHER_COLOR = "#999999"
#: The font face of the PNG; the Simplified Chinese face of the Noto CJK collection.
CJK_FAMILY = "Noto Sans CJK SC"
#: Fonts a browser tries for the HTML labels, the same face first.
BROWSER_FONTS = f"'{CJK_FAMILY}', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

_VIS_JS = "vis-network.min.js"
#: On-screen size in CSS pixels under which vis-network leaves a label undrawn (until one zooms in).
LABEL_THRESHOLD = 11
#: A hub (a node with this many neighbours or more) has its label this size on screen when the page opens.
HUB_DEGREE = 3
HUB_LABEL_PX = 14


class FontMissingError(KgError, RuntimeError):
    """The CJK font is not installed, so Chinese labels would be drawn as empty boxes."""


def relation_view(network: nx.MultiDiGraph, relations: Iterable[str]) -> nx.Graph:
    """The edges of ``network`` whose relation is one of ``relations``, as a simple undirected graph.

    Parallel edges of one pair are merged: ``weight`` is the sum of their
    weights (an unweighted relation such as ``member_of`` counts 1) and
    ``relations`` the sorted tuple of their relations.  A speaker naming
    themselves is no edge.  Nodes keep their attributes; ``speaker`` is
    true for the source of a ``said`` edge.
    """
    wanted = set(relations)
    view = nx.Graph()
    for source, target, relation, data in network.edges(keys=True, data=True):
        if relation not in wanted or source == target:
            continue
        for node in (source, target):
            view.add_node(node, **network.nodes[node])
        edge = view.get_edge_data(source, target, {"weight": 0, "relations": ()})
        view.add_edge(
            source,
            target,
            weight=edge["weight"] + data.get("weight", 1),
            relations=tuple(sorted({*edge["relations"], relation})),
        )
    speakers = {source for source, _, relation in network.edges(keys=True) if relation == "said"}
    for node, data in view.nodes(data=True):
        data["speaker"] = node in speakers
    return view


def speaker_view(network: nx.MultiDiGraph) -> nx.Graph:
    """Speakers, the terms they said and the organizations they belong to."""
    return relation_view(network, ("said", "member_of"))


def ego_view(
    network: nx.MultiDiGraph, center: str, radius: int = 1, relations: Iterable[str] = ("said", "cooccurs")
) -> nx.Graph:
    """``center`` and what lies within ``radius`` steps of it: by default who said it and what shares its sentences."""
    view = relation_view(network, relations)
    if center not in view:
        raise LookupError(f"{center} has no {'/'.join(sorted(set(relations)))} edge in this graph")
    return nx.ego_graph(view, center, radius=radius)


def node_by_label(network: nx.Graph, label: str) -> str:
    """The key of the first node whose Chinese (either script) or English label is ``label``."""
    wanted = {label, to_simplified(label)}
    for node, data in network.nodes(data=True):
        if data.get("label_zh") in wanted or data.get("label_en") == label:
            return node
    raise LookupError(f"no node is labelled {label!r}")


def vis_data(view: nx.Graph, center: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The nodes and edges of ``view`` as vis-network items: label in Chinese, English and counts on hover.

    A ``center`` (an ego) is pinned in the middle and its own edges are
    drawn darker than those between its neighbours.
    """
    nodes = []
    for node, data in sorted(view.nodes(data=True), key=itemgetter(0)):
        item = {
            "id": node,
            "label": _label(node, data),
            "title": _hover(node, data),
            "value": data.get("count") or 1,
            "color": _color(data),
            "shape": "diamond" if data.get("speaker") else "dot",
            "font": {"size": label_size(view.degree(node))},
            "hub": view.degree(node) >= HUB_DEGREE or node == center,
        }
        if node == center:
            item.update(x=0, y=0, fixed=True, borderWidth=3, font={"size": 24}, scaling={"label": {"enabled": False}})
        nodes.append(item)
    edges = [
        {
            "from": source,
            "to": target,
            "value": data.get("weight", 1),
            "title": f"{' + '.join(data.get('relations', ()))} × {data.get('weight', 1)}",
            "dashes": data.get("relations") == ("member_of",),
            "color": {"color": _edge_color(center, source, target)},
        }
        for source, target, data in sorted(view.edges(data=True), key=itemgetter(0, 1))
    ]
    return {"nodes": nodes, "edges": edges}


def vis_html(view: nx.Graph, title: str, height: str = "640px", *, center: str | None = None) -> str:
    """A self-contained HTML page drawing ``view`` with vis-network: no network access needed to open it.

    ``center`` pins an ego network's center in the middle (:func:`vis_data`).
    """
    categories = sorted({data.get("category") for _, data in view.nodes(data=True)} - {None})
    legend = "".join(
        f'<span><i style="background:{CATEGORY_COLORS.get(c, OTHER_COLOR)}"></i>{html.escape(c)}</span>'
        for c in categories
    )
    if any(data.get("speaker") for _, data in view.nodes(data=True)):
        legend += "<span><b>◆</b>speaker</span>"
    return _PAGE.format(
        title=html.escape(title),
        fonts=BROWSER_FONTS,
        height=html.escape(height),
        legend=legend,
        script=_vis_script(),
        data=script_json({"graph": vis_data(view, center), "options": _vis_options(), "labels": {"hub": HUB_LABEL_PX}}),
    )


def iframe(page: str, height: str = "680px") -> str:
    """``page`` inside an ``<iframe srcdoc>``, the way to show a whole page in a notebook cell.

    Jupyter, VS Code and nbviewer run scripts in an iframe's document but
    not always in a cell's HTML; the sandbox keeps the page from touching
    the notebook.
    """
    return (
        f'<div><iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{html.escape(height)};border:0"></iframe></div>'
    )


def cjk_font() -> str:
    """The family name of the CJK font matplotlib will use, after checking it is installed.

    matplotlib caches the list of system fonts the first time it runs; a
    font installed since then is added from the system's font folders.
    """
    from matplotlib import font_manager

    if not _has_family(font_manager, CJK_FAMILY):
        for path in font_manager.findSystemFonts():
            if "NotoSansCJK" in path:
                font_manager.fontManager.addfont(path)
    if not _has_family(font_manager, CJK_FAMILY):
        raise FontMissingError(
            f"the font {CJK_FAMILY!r} is not installed: install Debian's fonts-noto-cjk (`make test` does)"
        )
    return CJK_FAMILY


def draw(view: nx.Graph, title: str = "", *, center: str | None = None, seed: int = 7) -> Figure:
    """A matplotlib figure of ``view`` with Chinese labels under the nodes.

    With a ``center`` (an ego network) the center sits in the middle with
    its neighbours on a circle around it; otherwise a seeded spring layout
    places the nodes, so the same view gives the same picture.  The figure
    is made without pyplot, so it neither opens a window nor shows twice in
    a notebook: render it with :func:`png_bytes`.
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    font = cjk_font()
    figure = Figure(figsize=(10, 7.5), layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.margins(0.12)
    if center in view:
        positions = nx.shell_layout(view, [[center], sorted(set(view) - {center})])
    else:
        positions = nx.spring_layout(view, k=1.6 / math.sqrt(max(len(view), 1)), seed=seed)
    edges = list(view.edges(data="weight", default=1))
    nx.draw_networkx_edges(
        view,
        positions,
        edgelist=[(source, target) for source, target, _ in edges],
        ax=axes,
        width=[_edge_width(center, source, target, weight) for source, target, weight in edges],
        edge_color=[_edge_color(center, source, target) for source, target, _ in edges],
    )
    for shape, speaker in (("o", False), ("D", True)):
        nodes = [node for node, data in view.nodes(data=True) if bool(data.get("speaker")) == speaker]
        nx.draw_networkx_nodes(
            view,
            positions,
            nodelist=nodes,
            ax=axes,
            node_shape=shape,
            node_size=[(2.5 if node == center else 1) * _area(view.nodes[node]) for node in nodes],
            node_color=[_color(view.nodes[node]) for node in nodes],
            edgecolors="white",
            linewidths=1.0,
        )
    heights = [y for _, y in positions.values()]
    below = 0.035 * ((max(heights) - min(heights)) or 1)
    for node, (x, y) in positions.items():
        axes.text(
            x,
            y - below,
            _label(node, view.nodes[node]),
            fontfamily=font,
            fontsize=13 if node == center else 10,
            fontweight="bold" if node == center else "normal",
            horizontalalignment="center",
            verticalalignment="top",
        )
    categories = sorted({data.get("category") for _, data in view.nodes(data=True)} - {None})
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, color=CATEGORY_COLORS.get(c, OTHER_COLOR), label=c)
        for c in categories
    ]
    handles.append(Line2D([], [], marker="D", linestyle="", markersize=8, color="#555555", label="speaker"))
    axes.legend(handles=handles, loc="lower left", frameon=False, prop={"family": font})
    if title:
        axes.set_title(title, fontfamily=font, fontsize=14)
    return figure


def png_bytes(figure: Figure, dpi: int = 120) -> bytes:
    """Render ``figure`` as PNG; a glyph missing from its fonts raises :class:`FontMissingError`."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing", category=UserWarning)
        try:
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
        except UserWarning as warning:
            raise FontMissingError(f"{warning}; install Debian's fonts-noto-cjk (`make test` does)") from None
    return buffer.getvalue()


def _has_family(font_manager: Any, family: str) -> bool:
    return any(entry.name == family for entry in font_manager.fontManager.ttflist)


def _area(data: dict[str, Any]) -> float:
    """A node's marker area in points², growing with the square root of its mentions."""
    return 160 + 90 * math.sqrt(data.get("count") or 1)


def _label(node: str, data: dict[str, Any]) -> str:
    return data.get("label_zh") or data.get("title") or data.get("label_en") or node


def _hover(node: str, data: dict[str, Any]) -> str:
    english = data.get("label_en") or "(no English label yet)"
    kind = data.get("category") or data.get("kind") or ""
    count = data.get("count")
    mentions = f", {count} mention{'s' if count != 1 else ''}" if count is not None else ""
    return f"{english}\n{kind}{mentions}\n{node}"


def _edge_color(center: str | None, source: str, target: str) -> str:
    """Grey; darker for an ego's own edges, lighter for those between its neighbours."""
    if center is None:
        return "#bbbbbb"
    return "#777777" if center in (source, target) else "#e3e3e3"


def _edge_width(center: str | None, source: str, target: str, weight: int) -> float:
    """Line width in points, growing with the log of the weight; thin between an ego's neighbours."""
    if center is not None and center not in (source, target):
        return 0.5
    return 0.8 + math.log2(weight)


def _color(data: dict[str, Any]) -> str:
    return CATEGORY_COLORS.get(data.get("category") or "", OTHER_COLOR)


def _vis_script() -> str:
    return files("kg").joinpath("static", _VIS_JS).read_text(encoding="utf-8")


def label_size(degree: int) -> int:
    """A node's label size in CSS pixels at zoom 1: a hub's is larger, so that a star's center reads first.

    14 px for a leaf, growing with the log of the degree to 40 px, so that
    the hubs of a view fitted in the page are still over
    :data:`LABEL_THRESHOLD` on screen when the leaves are not.
    """
    return 14 if degree <= 2 else min(40, round(14 + 4 * math.log2(degree)))


def _vis_options() -> dict[str, Any]:
    """vis-network's options: labels sized by degree and hidden while smaller than :data:`LABEL_THRESHOLD` on screen.

    A speaker's star of 60 terms, fitted in the page, would otherwise draw
    every leaf's label at 6 px, on top of each other; so at the first view
    only the hubs' labels show (the page sizes them for the zoom that fits
    the view, :data:`HUB_LABEL_PX` on screen), and the leaves' appear as one
    zooms in (their names are also on hover).  Strong repulsion spreads the
    leaves of a star apart.
    """
    return {
        "nodes": {
            "font": {"face": BROWSER_FONTS, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            "scaling": {
                "min": 10,
                "max": 36,
                "label": {"enabled": False, "drawThreshold": LABEL_THRESHOLD, "maxVisible": 30},
            },
        },
        "edges": {"color": {"color": "#c8c8c8", "highlight": "#555555"}, "scaling": {"min": 1, "max": 8}},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 110, "avoidOverlap": 1},
            "stabilization": {"iterations": 600},
        },
        "layout": {"randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 100},
    }


_PAGE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="generator" content="kg viz">
<title>{title}</title>
<style>
body {{ margin: 0; font-family: {fonts}; color: #222; }}
header {{ padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; }}
header h1 {{ font-size: 16px; margin: 0 12px 0 0; }}
header span {{ font-size: 13px; display: inline-flex; align-items: center; gap: 5px; }}
header i {{ width: 11px; height: 11px; border-radius: 50%; display: inline-block; }}
header b {{ color: #555; font-size: 12px; }}
#network {{ height: {height}; border-top: 1px solid #e4e4e4; }}
div.vis-tooltip {{ white-space: pre-line; font-family: {fonts}; }}
</style>
<script>{script}</script>
</head>
<body>
<header><h1>{title}</h1>{legend}</header>
<div id="network"></div>
<script type="application/json" id="kg-graph">{data}</script>
<script>
const given = JSON.parse(document.getElementById("kg-graph").textContent);
const nodes = new vis.DataSet(given.graph.nodes);
const network = new vis.Network(
  document.getElementById("network"), {{ nodes, edges: new vis.DataSet(given.graph.edges) }}, given.options,
);
network.once("stabilizationIterationsDone", () => {{
  network.setOptions({{ physics: false }});
  network.fit({{ maxZoomLevel: 1 }});
  // the hubs' labels readable at the zoom that shows everything; the others appear as one zooms in
  const scale = network.getScale();
  nodes.update(given.graph.nodes.filter((node) => node.hub).map((node) => (
    {{ id: node.id, font: {{ size: Math.max(node.font.size, given.labels.hub / scale) }} }})));
  document.body.dataset.ready = "true";
}});
</script>
</body>
</html>
"""
