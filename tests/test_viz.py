"""Views, HTML and PNG of the dev transcript's graph (built from its gold annotations)."""

from __future__ import annotations

import json
import re
import struct
import warnings
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import font_manager
from matplotlib.figure import Figure

from kg.export import viz
from kg.rdf.graph import build_graph
from kg.rdf.netx import to_networkx
from kg.text.html import PageProblem, parse_page
from tests.test_graph import fixture_thesaurus, gold_doc

ZJTX = "kgc:slogan-zjtx"  # 专精特新 in the fixture thesaurus
HUANG = "kgc:person-huang_libin"
MIIT = "kgc:org-miit"
TITLE = "专精特新 · specialized, refined, distinctive and innovative"


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    return to_networkx(build_graph([gold_doc()], fixture_thesaurus()))


class _Page(HTMLParser):
    """The parts of a page that matter here: tags with their attributes, and the text of each script."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def json_data(self) -> dict:
        (text,) = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        return json.loads(text)


def test_speaker_view_merges_said_and_member_of(network: nx.MultiDiGraph) -> None:
    view = viz.speaker_view(network)
    said = network.get_edge_data(HUANG, MIIT, key="said")["weight"]
    assert view.edges[HUANG, MIIT] == {"weight": said + 1, "relations": ("member_of", "said")}
    assert {relation for *_, relations in view.edges(data="relations") for relation in relations} == {
        "member_of",
        "said",
    }
    speakers = {source for source, _, key in network.edges(keys=True) if key == "said"}
    assert {node for node, speaker in view.nodes(data="speaker") if speaker} == speakers
    assert view.nodes[HUANG]["label_en"] == "Huang Libin" and view.nodes[MIIT]["category"] == "ORG"
    assert nx.number_of_selfloops(view) == 0
    assert not any(kind == "document" for _, kind in view.nodes(data="kind"))


def test_ego_view_of_a_slogan_is_who_said_it_and_what_shares_its_sentences(network: nx.MultiDiGraph) -> None:
    ego = viz.ego_view(network, ZJTX)
    said_by = {source for source, _, key in network.in_edges(ZJTX, keys=True) if key == "said"}
    shares = {
        other
        for source, target, key in network.edges(keys=True)
        if key == "cooccurs" and ZJTX in (source, target)
        for other in (source, target)
        if other != ZJTX
    }
    assert set(ego[ZJTX]) == said_by | shares
    assert HUANG in said_by and "kgc:slogan-little_giant" in shares
    assert ego.edges[ZJTX, HUANG]["weight"] == network.get_edge_data(HUANG, ZJTX, key="said")["weight"] == 5
    assert ego.edges[ZJTX, "kgc:slogan-little_giant"] == {"weight": 3, "relations": ("cooccurs",)}
    assert set(ego) == {ZJTX} | said_by | shares


def test_lookups_by_label_and_their_errors(network: nx.MultiDiGraph) -> None:
    assert viz.node_by_label(network, "專精特新") == viz.node_by_label(network, "专精特新") == ZJTX
    assert viz.node_by_label(network, "Huang Libin") == HUANG
    with pytest.raises(LookupError, match="no node is labelled '不存在'"):
        viz.node_by_label(network, "不存在")
    with pytest.raises(LookupError, match="kgd:"):
        viz.ego_view(network, next(node for node, kind in network.nodes(data="kind") if kind == "document"))


def test_html_is_self_contained_and_carries_the_view(network: nx.MultiDiGraph) -> None:
    view = viz.ego_view(network, ZJTX)
    page = viz.vis_html(view, "专精特新 <ego>", center=ZJTX)
    parsed = _Page(page)
    assert not [attrs for tag, attrs in parsed.tags if attrs.get("src") or attrs.get("href")]
    assert not re.findall(r"url\((?![\"']?data:)", page) and "@import" not in page  # only inline images
    assert any("@version 10.1.5" in text and "vis-network" in text for _, text in parsed.scripts)
    assert "<title>专精特新 &lt;ego&gt;</title>" in page
    with pytest.raises(PageProblem, match=r"a page kg wrote \(kg viz\), not a document"):  # saved among inputs
        parse_page(page)
    data = parsed.json_data()
    nodes = {node["id"]: node for node in data["graph"]["nodes"]}
    assert set(nodes) == set(view)
    assert nodes[ZJTX]["label"] == "专精特新" and nodes[ZJTX]["fixed"] is True
    assert nodes[HUANG]["shape"] == "diamond" and nodes[HUANG]["title"].startswith("Huang Libin\nPERSON")
    assert all(nodes[node]["color"] == viz.CATEGORY_COLORS[category] for node, category in view.nodes(data="category"))
    edges = {frozenset((edge["from"], edge["to"])): edge for edge in data["graph"]["edges"]}
    assert len(edges) == view.number_of_edges()
    assert edges[frozenset((ZJTX, HUANG))]["value"] == 5


@given(st.text())
def test_any_label_survives_the_page_and_cannot_end_its_script(label: str) -> None:
    view = nx.Graph()
    view.add_node("a", label_zh=label, label_en=label, category="SLOGAN", count=1)
    view.add_node("b", label_zh="六稳", category="SLOGAN", count=2)
    view.add_edge("a", "b", weight=1, relations=("cooccurs",))
    page = viz.vis_html(view, title=label)
    nodes = {node["id"]: node for node in _Page(page).json_data()["graph"]["nodes"]}
    assert nodes["a"]["label"] == (label or "a")
    assert nodes["a"]["title"].startswith(label)


@given(st.text())
def test_iframe_holds_the_page_exactly(page: str) -> None:
    (frame,) = [attrs for tag, attrs in _Page(viz.iframe(page)).tags if tag == "iframe"]
    assert frame["srcdoc"] == page and frame["sandbox"] == "allow-scripts"


def test_png_draws_chinese_labels_with_the_cjk_font(network: nx.MultiDiGraph) -> None:
    view = viz.ego_view(network, ZJTX)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyph, no font fallback, nothing else either
        png = viz.png_bytes(viz.draw(view, TITLE, center=ZJTX))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1200, 900)
    assert png == viz.png_bytes(viz.draw(view, TITLE, center=ZJTX))


def test_a_glyph_missing_from_the_font_is_an_error_not_a_box() -> None:
    figure = Figure()
    figure.text(0.5, 0.5, "专精特新", fontfamily="DejaVu Sans")
    with pytest.raises(viz.FontMissingError, match="fonts-noto-cjk"):
        viz.png_bytes(figure)


def test_cjk_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    without = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", without)
    assert viz.cjk_font() == "Noto Sans CJK SC"


def test_no_cjk_font_at_all_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    without = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", without)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *args, **kwargs: [])
    with pytest.raises(viz.FontMissingError) as error:
        viz.cjk_font()
    assert "\n" not in str(error.value) and "fonts-noto-cjk" in str(error.value)


_LABELS_ON_SCREEN = """
const boxes = [];
for (const [id, node] of Object.entries(network.body.nodes)) {
  const label = node.labelModule;
  if (!label.visible() || !label.size.width) continue;
  const topLeft = network.canvasToDOM({ x: label.size.left, y: label.size.top });
  const bottomRight = network.canvasToDOM(
    { x: label.size.left + label.size.width, y: label.size.top + label.size.height });
  boxes.push({ id, px: label.fontOptions.size * network.getScale(),
               left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y });
}
return boxes;
"""


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]


def test_a_large_star_opens_with_readable_labels_that_do_not_overlap(tmp_path) -> None:
    """The examples' speaker view (76 nodes, one speaker with 60 terms) drew every label at 6 px, on top of each
    other (issue 15): it opens with the hubs' labels readable, the leaves' shown as one zooms in."""
    from selenium.webdriver.support.ui import WebDriverWait

    import kg
    from kg.text.inputs import iter_sources
    from tests.browser import chromium

    docs = [
        kg.extract(source.text, source.doc_id, source.meta)
        for source in iter_sources([Path(__file__).parent.parent / "examples"])
    ]
    view = viz.speaker_view(kg.to_networkx(kg.build_graph(docs)))
    assert len(view) > 60 and max(degree for _, degree in view.degree) > 40
    page = tmp_path / "speakers.html"
    page.write_text(viz.vis_html(view, "speakers"), encoding="utf-8")
    with chromium(1280, 800) as driver:
        driver.get(page.as_uri())
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.ready"))
        shown = driver.execute_script(_LABELS_ON_SCREEN)
        hubs = {node for node, degree in view.degree if degree >= viz.HUB_DEGREE}
        assert {box["id"] for box in shown} == hubs  # the hubs' labels, and only theirs, at first
        assert all(box["px"] >= viz.HUB_LABEL_PX - 0.5 for box in shown)
        assert _overlapping(shown) == []
        speaker = max(view.degree, key=lambda pair: pair[1])[0]
        driver.execute_script(
            "const at = network.getPositions([arguments[0]])[arguments[0]];"
            "network.moveTo({scale: network.getScale() * 3, position: at})",
            speaker,
        )
        zoomed = driver.execute_script(_LABELS_ON_SCREEN)
        on_screen = [
            box for box in zoomed if box["right"] > 0 and box["left"] < 1280 and box["bottom"] > 0 and box["top"] < 800
        ]
        leaves = [box for box in on_screen if box["id"] not in hubs]
        assert len(leaves) >= 10 and all(box["px"] >= viz.LABEL_THRESHOLD - 1 for box in on_screen)
        assert len(_overlapping(leaves)) <= len(leaves) // 10  # zoomed in, the star's leaves stand apart
