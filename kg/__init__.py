"""kg: a bilingual policy-term knowledge graph and glossary from Chinese government texts.

The Python API mirrors the command line:

>>> doc = kg.extract(text)            # recognize and link: a Doc with spans
>>> graph = kg.build_graph([doc])     # an rdflib.Graph (Turtle, SPARQL)
>>> view = kg.to_networkx(graph)      # a networkx.MultiDiGraph of concepts, speakers, documents

The graph functions are imported on first use, so ``kg extract`` does not pay
for the graph layer.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from kg.recognize.doc import Doc, Figure, Span, Turn
from kg.recognize.pipeline import Pipeline, default_pipeline, extract

_LAZY = {"build_graph": "kg.rdf.graph", "to_networkx": "kg.rdf.netx"}

__all__ = ["Doc", "Figure", "Pipeline", "Span", "Turn", "build_graph", "default_pipeline", "extract", "to_networkx"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
