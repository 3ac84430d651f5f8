"""Identifiers: concept ids for names and safe IRIs for any string.

A concept id is the local name of the concept's IRI under ``KGC``.  For a
thesaurus concept it is the curated one (``org-miit``); for a name the
thesaurus does not know it is minted from the name's Simplified form, so the
same name gets the same id in every document, either script, every run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.rdf import terms
from kg.rdf.terms import safe_segment
from kg.text.script import to_simplified

if TYPE_CHECKING:
    from rdflib import URIRef

#: What the id of a figure's concept starts with: each reported fact is a concept of its own
#: (:func:`kg.link.linker.figure_concept`), so they grow with the documents read, not with the vocabulary.
FIGURE_ID_PREFIX = "figure-"


def mint_concept_id(label: str, name: str) -> str:
    """The deterministic concept id of an unknown ``name`` of type ``label``."""
    return f"{label.lower()}-{safe_segment(to_simplified(name))}"


def concept_iri(concept_id: str) -> URIRef:
    """The IRI of a concept id, safe whatever the id holds (a minted id's ``%XX`` escapes are kept)."""
    from rdflib import URIRef  # rdflib is loaded by what makes graphs, not by the linker that mints ids

    return URIRef(terms.concept_iri(concept_id))
