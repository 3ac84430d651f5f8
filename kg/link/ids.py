"""Identifiers: concept ids for names and safe IRIs for any string.

A concept id is the local name of the concept's IRI under ``KGC``.  For a
thesaurus concept it is the curated one (``org-miit``); for a name the
thesaurus does not know it is minted from the name's Simplified form, so the
same name gets the same id in every document, either script, every run.
"""

from __future__ import annotations

from rdflib import URIRef

from kg.rdf.namespaces import KGC
from kg.text.script import to_simplified

_SAFE_PUNCTUATION = frozenset("-._~")


def safe_segment(text: str, keep: str = "") -> str:
    """Percent-encode every character of ``text`` that is not a letter, digit or ``-._~``.

    Letters and digits include CJK ideographs: IRIs (RFC 3987) allow them and
    Turtle writes them as they are, so ``kgc:org-新闻办网站`` stays readable,
    while spaces, quotes, brackets and control characters can never break
    an IRI or the Turtle that holds it.
    """
    out = []
    for ch in text:
        if (ch.isalnum() and ch.isprintable()) or ch in _SAFE_PUNCTUATION or ch in keep:
            out.append(ch)
        else:
            out.append("".join(f"%{byte:02X}" for byte in ch.encode("utf-8")))
    return "".join(out)


def mint_concept_id(label: str, name: str) -> str:
    """The deterministic concept id of an unknown ``name`` of type ``label``."""
    return f"{label.lower()}-{safe_segment(to_simplified(name))}"


def concept_iri(concept_id: str) -> URIRef:
    """The IRI of a concept id, safe whatever the id holds (a minted id's ``%XX`` escapes are kept)."""
    return KGC[safe_segment(concept_id, keep="%")]
