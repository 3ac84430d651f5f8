"""Linking: one concept for every surface form of one thing.

Thesaurus matches arrive linked.  Every other mention is looked up in the
thesaurus by its text (either script, quotes removed), then — for a short
title such as 《指南》 or a bare 纲要 — tied to the most recent earlier title
it abbreviates, and otherwise given a concept minted from its Simplified
form, so the same unknown name links to the same concept in every document.
Figures get a concept per reported fact (value, unit and indicator), and
turns get their speaker's PERSON concept and organization.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from kg import regexes
from kg.link.ids import FIGURE_ID_PREFIX, mint_concept_id, safe_segment
from kg.link.thesaurus import Thesaurus, surface_key
from kg.recognize.component import declare
from kg.recognize.doc import Doc, Figure, Turn
from kg.text.script import to_simplified

_PARENTHETICAL_TAIL = ("(试行)", "（试行）", "(草案)", "（草案）")
#: What follows a reporter's outlet in a heading: 记者, and maybe the reporter's name.
_REPORTER_TAIL = regexes.compile(r"\s*(?:记者|記者).*$|^[问問]$")


@declare("link", ("concepts",))
class Linker:
    """Pipeline component: set ``concept`` (and ``name``) on every entity, figure and turn."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus
        # A name recurs in a document and across documents; its look-up (three script conversions) need not.
        self._name = lru_cache(maxsize=1 << 16)(self._look_up)

    def __call__(self, doc: Doc) -> Doc:
        titles: list[tuple[str, str]] = []  # (key, concept) of POLICY mentions so far
        for span in doc.ents:
            if span.label == "FIGURE":
                continue
            key, known, minted = self._name(span.text, span.label)
            span.name = span.text
            if span.concept is None:
                antecedent = _antecedent(key, titles) if span.label == "POLICY" and not known else None
                span.concept = known or antecedent or minted
            if span.label == "POLICY":
                titles.append((key, span.concept))
        facts = {(f.start, f.end): figure_concept(f) for f in doc.figures}
        for figure in doc.figures:
            figure.concept = facts[figure.start, figure.end]
            figure.indicator_concept = self.indicator_concept(figure.indicator) if figure.indicator else None
        for span in doc.ents:
            if span.label == "FIGURE":
                span.concept = facts.get((span.start, span.end), mint_concept_id("FIGURE", span.text))
        named = {surface_key(s.text): s.concept for s in doc.ents if s.label == "PERSON"}
        for turn in doc.turns:
            self._link_turn(doc, turn, named)
        for figure in doc.figures:
            turn = doc.turn_of(figure.start)
            figure.speaker = turn.person if turn else None
        return doc

    def indicator_concept(self, text: str) -> str:
        """The thesaurus's indicator named ``text``, else one minted from it."""
        curated = (c.id for c in self.thesaurus.lookup(text) if c.category == "INDICATOR")
        return next(curated, None) or mint_concept_id("INDICATOR", text)

    def _look_up(self, text: str, label: str) -> tuple[str, str | None, str]:
        """A mention's look-up key, its thesaurus concept of type ``label`` if any, and the concept minted from it."""
        key = surface_key(text)
        known = next((c.id for c in self.thesaurus.lookup(key) if c.category == label), None)
        return key, known, mint_concept_id(label, key)

    @staticmethod
    def _link_turn(doc: Doc, turn: Turn, named: dict[str, str | None]) -> None:
        """The turn's person and organization from the names in its heading.

        A speaker whose heading does not hold the name (an 答 turn, whose
        name the lead gives) is the person of that name in the text; a
        reporter's organization is the outlet the heading names, or one
        minted from it (湖南卫视记者), or none for a bare 记者 or 问.
        """
        inside = [s for s in doc.ents if turn.heading_start <= s.start and s.end <= turn.heading_end]
        persons = [s.concept for s in inside if s.label == "PERSON"]
        orgs = [s.concept for s in inside if s.label == "ORG"]
        if turn.reporter:
            outlet = surface_key(_REPORTER_TAIL.sub("", turn.speaker))
            turn.org = orgs[-1] if orgs else (mint_concept_id("ORG", outlet) if outlet else None)
            return
        turn.person = persons[-1] if persons else named.get(surface_key(turn.speaker))
        if turn.org is None and orgs:
            turn.org = orgs[0]


def _antecedent(short: str, titles: list[tuple[str, str]]) -> str | None:
    """The most recent longer title that ``short`` abbreviates (《指南》 → …准入管理指南(试行))."""
    for title, concept in reversed(titles):
        for tail in _PARENTHETICAL_TAIL:
            title = title.removesuffix(tail)
        if len(short) < len(title) and title.endswith(short):
            return concept
    return None


def figure_concept(figure: Figure) -> str:
    """One concept per reported fact: a repeated value of one indicator is one fact."""
    value = format(Decimal(repr(figure.value)).normalize(), "f")
    unit = to_simplified(figure.unit or "")
    indicator = to_simplified(figure.indicator or "")
    return FIGURE_ID_PREFIX + safe_segment(f"{value}{unit}-{indicator}")
