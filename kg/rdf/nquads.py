"""Statements as text, one per line: N-Triples and N-Quads.

A document's shared statements travel as N-Triples text (a worker hands them
back, the cache keeps them), so merging those of many documents is done on
lines (:mod:`kg.rdf.union`).  Turtle and TriG files of the same graph can differ in prefixes, order
and layout; their sorted N-Quads cannot: :func:`sorted_nquads` is what a test
compares when a refactoring or another build engine must leave the graph as
it was.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

_FORMATS = {
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
}


def sorted_nquads(path: Path) -> list[str]:
    """Every statement of the RDF file ``path`` (TriG, Turtle or N-Quads) as an N-Quads line, sorted."""
    quads = pyoxigraph.parse(path=str(path), format=_FORMATS[path.suffix])
    return sorted(f"{quad} ." for quad in quads)
