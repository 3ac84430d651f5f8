"""Throughput of kg.export.viz on the bundled examples: the HTML page and the PNG of the notebooks' views.

Run: ``.venv/bin/python bench/viz.py`` (needs the ``notebooks`` extra and the CJK font).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

import kg
from kg.export import viz
from kg.text.inputs import InputError, iter_sources

EXAMPLES = Path(__file__).parent.parent / "examples"


def per_call(work: Callable[[], object], seconds: float = 2.0) -> float:
    """Mean seconds per call of ``work``, over at least ``seconds`` and 3 calls."""
    calls, start = 0, time.perf_counter()
    while calls < 3 or time.perf_counter() - start < seconds:
        work()
        calls += 1
    return (time.perf_counter() - start) / calls


def size(view: nx.Graph) -> str:
    return f"{len(view)} nodes, {view.number_of_edges()} edges"


def main() -> None:
    docs = []
    for source in iter_sources([EXAMPLES]):
        if isinstance(source, InputError):
            raise SystemExit(f"bench: {source}")
        docs.append(kg.extract(source.text, source.doc_id, source.meta))
    network = kg.to_networkx(kg.build_graph(docs))
    speakers = viz.speaker_view(network)
    center = viz.node_by_label(network, "专精特新")
    ego = viz.ego_view(network, center)
    page = viz.vis_html(speakers, "speakers")
    print(f"vis_html  speakers ({size(speakers)}): {per_call(lambda: viz.vis_html(speakers, 'speakers')) * 1e3:.1f} ms")
    print(f"          one page: {len(page.encode()) / 1e3:.0f} kB, vis-network included")
    for name, view, focus in (("ego", ego, center), ("speakers", speakers, None)):
        seconds = per_call(lambda view=view, focus=focus: viz.png_bytes(viz.draw(view, center=focus)))
        print(f"draw+png  {name} ({size(view)}): {seconds * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
