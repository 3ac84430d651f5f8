"""Settle overlapping candidates into the document's entities.

The annotation contract keeps the longest name and drops whatever it
contains, whatever the type (an ORG inside a PROGRAM name is not a mention of
its own).  So candidates are taken longest first; among candidates of equal
extent the more reliable evidence wins (a curated thesaurus entry over a
bracketed title over a head-word guess): the rank each component declares
(:mod:`kg.recognize.component`).
"""

from __future__ import annotations

from kg.link.thesaurus import Thesaurus
from kg.recognize.component import declare, rank_of
from kg.recognize.doc import Doc, Span


def _order(span: Span) -> tuple[int, int, int]:
    return (-span.length, rank_of(span.source), span.start)


@declare("resolve", ("ents",))
def resolve_overlaps(doc: Doc) -> Doc:
    """Pipeline component: choose non-overlapping entities from ``doc.candidates``."""
    taken = bytearray(len(doc.text))
    chosen: list[Span] = []
    for span in sorted(doc.candidates, key=_order):
        if span.length > 0 and not any(taken[span.start : span.end]):
            taken[span.start : span.end] = b"\x01" * span.length
            chosen.append(span)
    doc.ents = sorted(chosen, key=lambda s: (s.start, s.end))
    kept = {(s.start, s.end) for s in doc.ents if s.label == "FIGURE"}
    doc.figures = [f for f in doc.figures if (f.start, f.end) in kept]
    return doc


@declare("org-compound", ("ORG",))
class OrganizationCompounds:
    """Pipeline component: join an organization and the unit or brand that follows it.

    ``中央广播电视总台`` + ``央视`` and ``国务院新闻办`` + ``新闻局`` are each one
    longer name: the longest-name rule applies to the compound.  It is the
    second part's concept when the thesaurus says that part belongs to the
    first (央视 is a brand of the CMG); otherwise linking mints one.
    """

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus

    def __call__(self, doc: Doc) -> Doc:
        merged: list[Span] = []
        for span in doc.ents:
            previous = merged[-1] if merged else None
            if previous and previous.label == span.label == "ORG" and previous.end == span.start:
                concept = self._concept(previous, span)
                merged[-1] = doc.span(previous.start, span.end, "ORG", self.declaration.name, concept)
            else:
                merged.append(span)
        doc.ents = merged
        return doc

    def _concept(self, whole: Span, part: Span) -> str | None:
        concept = self.thesaurus.concepts.get(part.concept or "")
        return part.concept if concept and concept.parent and concept.parent == whole.concept else None
