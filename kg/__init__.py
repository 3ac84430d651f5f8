"""kg: a bilingual policy-term knowledge graph and glossary from Chinese government texts.

The Python API mirrors the command line:

>>> doc = kg.extract(text)            # recognize and link: a Doc with spans
>>> graph = kg.build_graph([doc])     # an rdflib.Graph (Turtle, SPARQL)
>>> view = kg.to_networkx(graph)      # a networkx.MultiDiGraph of concepts, speakers, documents

Every name is imported on first use: ``kg extract`` does not pay for the
graph layer, and ``kg build`` starts the process that drafts English before
it imports the recognizer (a quarter of a second), so that the two load
side by side on two cores (:mod:`kg.commands.build`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.rdf.graph import build_graph
    from kg.rdf.netx import to_networkx
    from kg.recognize.doc import Doc, Figure, Span, Turn
    from kg.recognize.pipeline import Pipeline, default_pipeline, extract

#: The module each public name comes from.
_LAZY = {
    "Doc": "kg.recognize.doc",
    "Figure": "kg.recognize.doc",
    "Span": "kg.recognize.doc",
    "Turn": "kg.recognize.doc",
    "Pipeline": "kg.recognize.pipeline",
    "default_pipeline": "kg.recognize.pipeline",
    "extract": "kg.recognize.pipeline",
    "build_graph": "kg.rdf.graph",
    "to_networkx": "kg.rdf.netx",
}

__all__ = ["Doc", "Figure", "Pipeline", "Span", "Turn", "build_graph", "default_pipeline", "extract", "to_networkx"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(globals().keys() | _LAZY.keys())
