"""Statements as text, one per line: N-Triples and N-Quads.

A document's statements travel as N-Triples text (a worker hands them back,
the cache keeps them, any store loads them fast), so what is done to them on
the way (splitting a document's own statements from the shared ones, merging
the shared statements of many documents) is done on lines.  Turtle and TriG
files of the same graph can differ in prefixes, order and layout; their
sorted N-Quads cannot: :func:`sorted_nquads` is what a test compares when a
refactoring or another build engine must leave the graph as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import URIRef
from rdflib.namespace import SKOS

_FORMATS = {
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
}


def sorted_nquads(path: Path) -> list[str]:
    """Every statement of the RDF file ``path`` (TriG, Turtle or N-Quads) as an N-Quads line, sorted."""
    quads = pyoxigraph.parse(path=str(path), format=_FORMATS[path.suffix])
    return sorted(f"{quad} ." for quad in quads)


_PREF_LABEL = SKOS.prefLabel.n3()
_LANGUAGE_TAG = re.compile(r'"@([A-Za-z0-9-]+) \.\s*$')


def ntriples_lines(text: str) -> list[str]:
    """The statements of an N-Triples text, one per line, each ending in a newline.

    Lines end at ``\n`` only: ``str.splitlines`` would also cut at U+2028,
    U+0085 or ``\x1e``, which N-Triples leaves unescaped inside literals.
    """
    return [line + "\n" for line in text.split("\n") if line.strip()]


def merge_shared(statements: Iterable[str]) -> list[str]:
    """The union of the shared N-Triples of several documents, in order, with one prefLabel per language.

    Each document describes the concepts it mentions on its own, so a name
    minted from a Traditional form in one document and from a Simplified
    form in another could get two zh-Hant prefLabels; as in
    :func:`add_concept`, the first description wins.
    """
    kept: dict[str, None] = {}
    labelled: set[tuple[str, str]] = set()
    for text in statements:
        for line in ntriples_lines(text):
            if line in kept:
                continue
            subject, predicate, rest = line.split(" ", 2)
            if predicate == _PREF_LABEL:
                language = _language(rest)
                if (subject, language) in labelled:
                    continue
                labelled.add((subject, language))
            kept[line] = None
    return list(kept)


def is_about(line: str, document: URIRef) -> bool:
    """Whether an N-Triples line's subject is ``document`` or a fragment of it (``…#char=3,5``)."""
    return line.startswith((f"<{document}>", f"<{document}#"))


def _language(term: str) -> str:
    """The language tag that ends an N-Triples object (``"国务院"@zh-Hans .``), lowercased as BCP 47 compares."""
    match = _LANGUAGE_TAG.search(term)
    return match[1].lower() if match else ""
