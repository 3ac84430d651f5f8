"""SPARQL with the project's prefixes, answers as plain Python values.

Callers (the glossary, the networkx view, the notebooks) deal in strings
and numbers, not rdflib terms, whichever store runs the query.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal
from rdflib.term import Node

from kg.rdf.namespaces import NAMESPACES


def select(graph: Graph, query: str, **bindings: Node) -> list[dict[str, Any]]:
    """Run a SPARQL SELECT with the project's prefixes; rows as plain Python values.

    IRIs become ``str``, literals their Python value (``Decimal``, ``int``,
    ``str`` …) and unbound variables ``None``, so callers deal in plain
    data, not rdflib terms.
    """
    result = graph.query(query, initNs=NAMESPACES, initBindings=bindings or None)
    names = [str(var) for var in result.vars or ()]
    return [{name: _plain(row[name]) for name in names} for row in result]


def _plain(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)
