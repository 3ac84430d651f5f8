"""Statements as text, one per line: N-Triples and N-Quads.

A document's shared statements travel as N-Triples text (a worker hands them
back, the cache keeps them), so merging those of many documents is done on
lines.  Turtle and TriG files of the same graph can differ in prefixes, order
and layout; their sorted N-Quads cannot: :func:`sorted_nquads` is what a test
compares when a refactoring or another build engine must leave the graph as
it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph

from kg.rdf.terms import PREFIXES

_FORMATS = {
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
}


def sorted_nquads(path: Path) -> list[str]:
    """Every statement of the RDF file ``path`` (TriG, Turtle or N-Quads) as an N-Quads line, sorted."""
    quads = pyoxigraph.parse(path=str(path), format=_FORMATS[path.suffix])
    return sorted(f"{quad} ." for quad in quads)


_PREF_LABEL = f"<{PREFIXES['skos']}prefLabel>"
_LANGUAGE_TAG = re.compile(r'"@([A-Za-z0-9-]+) \.\s*$')


def ntriples_lines(text: str) -> list[str]:
    """The statements of an N-Triples text, one per line, each ending in a newline.

    Lines end at ``\n`` only: ``str.splitlines`` would also cut at U+2028,
    U+0085 or ``\x1e``, which N-Triples leaves unescaped inside literals.
    """
    return [line + "\n" for line in text.split("\n") if line.strip()]


class SharedStatements:
    """The union of the shared N-Triples of documents, with one prefLabel per language: the first document's.

    Each document describes the concepts it mentions on its own, so a name
    minted from a Traditional form in one document and from a Simplified
    form in another could get two zh-Hant prefLabels; as within a document
    (:mod:`kg.rdf.document`), the first description wins, first in the order
    of the documents (their ``rank``), whatever order they are added in:
    a build adds each document as soon as it is extracted, and keeps only
    the union, which grows with the vocabulary, not with the corpus.
    """

    def __init__(self) -> None:
        self._kept: dict[str, None] = {}
        self._labels: dict[tuple[str, str], tuple[int, str]] = {}

    def add(self, statements: str, rank: int = 0) -> None:
        """Add the shared statements of the document at position ``rank`` in the corpus."""
        kept, labels = self._kept, self._labels
        for line in ntriples_lines(statements):
            subject, predicate, rest = line.split(" ", 2)
            if predicate == _PREF_LABEL:
                key = (subject, _language(rest))
                if key not in labels or rank < labels[key][0]:
                    labels[key] = (rank, line)
            else:
                kept[line] = None

    def lines(self) -> list[str]:
        """The statements kept: the others in the order first added, then the prefLabels."""
        return [*self._kept, *dict.fromkeys(line for _, line in self._labels.values())]


def _language(term: str) -> str:
    """The language tag that ends an N-Triples object (``"国务院"@zh-Hans .``), lowercased as BCP 47 compares."""
    match = _LANGUAGE_TAG.search(term)
    return match[1].lower() if match else ""
