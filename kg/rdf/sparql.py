"""SPARQL with the project's prefixes, answers as plain Python values.

Callers (the glossary, the networkx view, the notebooks) deal in strings
and numbers, not rdflib terms, whichever store runs the query.  On a graph
whose store is Oxigraph (:func:`kg.rdf.store.rdflib_view`) the query is
handed to Oxigraph directly and its answers read without making an rdflib
term for each value: the rows of the glossary and the glossary page took
4 s through rdflib on the Government Work Reports, most of it spent making
terms that were turned into strings at once.  An Oxigraph store itself
(a build's vocabulary store) is queried the same way, without an rdflib
view around it.  The values are the same: what rdflib's
``Literal.toPython`` gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.batches import batched
from kg.rdf.namespaces import NAMESPACES
from kg.rdf.terms import XSD

_STRING = XSD + "string"
#: What ``Literal.toPython`` gives for the datatypes Oxigraph stores most (it stores every integer type as integer).
_CONVERSIONS = {XSD + "integer": int, XSD + "decimal": Decimal, XSD + "boolean": lambda value: value in ("true", "1")}
_PREFIXES = {prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}


#: How many answers :func:`select_each` takes from Oxigraph at once.
ANSWERS_AT_ONCE = 10_000

#: What :func:`select` queries: an rdflib graph, or an Oxigraph store as one graph (the union of its graphs).
Queryable = Graph | ox.Store


def select(graph: Queryable, query: str, **bindings: Node) -> list[dict[str, Any]]:
    """Run a SPARQL SELECT with the project's prefixes; rows as plain Python values.

    IRIs become ``str``, literals their Python value (``Decimal``, ``int``,
    ``str`` …) and unbound variables ``None``, so callers deal in plain
    data, not rdflib terms.  An Oxigraph store is queried as it is, which
    needs neither rdflib's SPARQL nor ``oxrdflib`` (a build's glossary:
    :mod:`kg.export.corpus`).
    """
    return list(select_each(graph, query, **bindings))


def select_each(graph: Queryable, query: str, **bindings: Node) -> Iterator[dict[str, Any]]:
    """:func:`select`'s rows one at a time (from Oxigraph, taken :data:`ANSWERS_AT_ONCE` at a time): a caller
    that keeps little of each row (the glossary of a vocabulary of hundreds of thousands of terms) never holds
    them all.  The query is run, and a bad one refused, at the call."""
    if isinstance(graph, ox.Store):
        return _select_oxigraph(graph, query, bindings)
    store = oxigraph_store(graph)
    if store is not None and getattr(graph, "default_union", False):
        return _select_oxigraph(store, query, bindings)
    result = graph.query(query, initNs=NAMESPACES, initBindings=bindings or None)
    names = [str(var) for var in result.vars or ()]
    return ({name: _plain(row[name]) for name in names} for row in result)


def oxigraph_store(graph: Graph) -> ox.Store | None:
    """The Oxigraph store behind an rdflib graph of the ``oxrdflib`` plugin, if it is one."""
    inner = getattr(graph.store, "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


def oxigraph_select(
    store: ox.Store, query: str, prefixes: Mapping[str, str], bindings: Mapping[str, Node] | None = None
) -> tuple[list[str], ox.QuerySolutions]:
    """The SELECT ``query`` as rdflib has Oxigraph run it for a dataset of union default graph (``oxrdflib``):
    its variables' names and its solutions, whose terms are read directly rather than made rdflib terms."""
    solutions = store.query(
        query,
        use_default_graph_as_union=True,
        prefixes=prefixes,
        substitutions={ox.Variable(name): _to_oxigraph(value) for name, value in (bindings or {}).items()},
    )
    if not isinstance(solutions, ox.QuerySolutions):
        raise ValueError("only SELECT queries are read this way")
    return [variable.value for variable in solutions.variables], solutions


def _select_oxigraph(store: ox.Store, query: str, bindings: dict[str, Node]) -> Iterator[dict[str, Any]]:
    """The query as rdflib has Oxigraph run it, its answers read directly as plain values."""
    names, solutions = oxigraph_select(store, query, _PREFIXES, bindings)
    values: dict[tuple[str, str], Any] = {}  # typed literals (counts, dates …) recur: each is converted once

    def plain(term: object) -> Any:
        if term is None:
            return None
        if type(term) is not ox.Literal or term.language:
            return term.value  # type: ignore[attr-defined]
        datatype = term.datatype.value
        if datatype == _STRING:
            return term.value
        key = (term.value, datatype)
        if key not in values:
            values[key] = literal_value(*key)
        return values[key]

    # the engine's answers are taken a batch at a time: taken one by one between a caller's work on each, the
    # glossary's rows of 118,000 terms took 30 s rather than 22 (the two evict each other from the caches)
    batches = batched(solutions, ANSWERS_AT_ONCE)
    return (dict(zip(names, map(plain, solution), strict=True)) for batch in batches for solution in batch)


def literal_value(lexical: str, datatype: str) -> Any:
    """The Python value :func:`select` gives for a typed literal: what rdflib's ``Literal.toPython`` gives."""
    if datatype == _STRING:
        return lexical
    convert = _CONVERSIONS.get(datatype)
    if convert is not None:
        return convert(lexical)
    return Literal(lexical, datatype=URIRef(datatype)).toPython()


def _to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _STRING)))
    return ox.NamedNode(str(term))


def _plain(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)
