"""The one document object every pipeline component reads and annotates.

Like spaCy's ``Doc``, a :class:`Doc` owns the text exactly as read and every
annotation is a span of character offsets into it, so any component's output
can be checked with ``doc.text[span.start:span.end]``.  Components never edit
the text: they read ``doc.text`` or the same-length Simplified view
``doc.simplified`` (see :mod:`kg.text.script`) and append spans.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

#: The types of names (every mention type of the contract but FIGURE): what the thesaurus and the rules find.
NAME_TYPES = ("ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN")
#: The mention types of the annotation contract (``docs/annotation.md``).
ENTITY_TYPES = (*NAME_TYPES, "FIGURE")
#: The kinds of concepts: every name type, and INDICATOR (what figures measure: a concept, never a mention).
CONCEPT_CATEGORIES = (*NAME_TYPES, "INDICATOR")


@dataclass(slots=True)
class Span:
    """A typed mention ``text[start:end]``, linked to a concept once linked.

    ``source`` names the component that proposed it (``thesaurus``,
    ``title``, ``quote`` …); overlap resolution uses it to rank evidence and
    it makes debugging a wrong span a matter of reading one field.  ``name``
    is what linking named the concept by: the mention as the recognizer read
    it, without reposting noise (工业和信息化部 for 工業(yè)和信息化部).
    """

    start: int
    end: int
    label: str
    text: str
    concept: str | None = None
    source: str = ""
    name: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class Figure:
    """A reported quantity: the FIGURE span plus what it measures.

    ``value`` is in base units (15.92億 → 1592000000); ``unit`` keeps the unit
    or measure word in the document's own script (``%``, ``倍``, ``個百分點``,
    ``萬款`` → ``款``), or ``None`` for a bare multiplier.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    indicator: str | None = None
    period: str | None = None
    direction: str | None = None  # "increase" | "decrease" | None
    basis: str | None = None  # 同比, 環比, 兩年平均 … as written
    speaker: str | None = None  # PERSON concept whose turn it is in
    concept: str | None = None
    indicator_concept: str | None = None  # INDICATOR concept of ``indicator``


@dataclass(slots=True)
class Turn:
    """One speaker's turn in a transcript.

    ``start``/``end`` delimit what is said (after the heading line);
    ``heading_start``/``heading_end`` delimit the heading itself, so the
    heading's names can be annotated without belonging to the speech.
    """

    start: int
    end: int
    heading_start: int
    heading_end: int
    speaker: str
    person: str | None = None
    roles: list[str] = field(default_factory=list)
    org: str | None = None
    reporter: bool = False  # a journalist's question, attributed to the outlet


_Located = TypeVar("_Located", Span, Figure)
#: Greater than any end offset: ``(offset, _AFTER_ANY)`` sorts after every sentence that starts at ``offset``.
_AFTER_ANY = sys.maxsize


@dataclass
class Doc:
    """A document and all its annotations.

    ``simplified`` has exactly ``len(text)`` characters and the same
    character at each offset up to script, so rules written once against
    Simplified forms serve Traditional input too.  Inside a pipeline,
    ``text`` is the noise-free view of the input (:mod:`kg.text.cleaning`), and
    :meth:`moved_to` maps the offsets of ``sentences``, ``candidates``,
    ``ents``, ``figures`` and ``turns`` back to the input: a component
    must keep its offsets there, not in ``meta``, where nothing maps them.
    """

    text: str
    simplified: str
    id: str = "doc"
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[Span] = field(default_factory=list)
    ents: list[Span] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.simplified) != len(self.text):
            raise ValueError("the Simplified view must keep the text's length")

    @classmethod
    def from_text(cls, text: str, doc_id: str = "doc", meta: dict[str, Any] | None = None) -> Doc:
        """A fresh, unannotated document with its Simplified view and sentences."""
        from kg.text.script import simplified_view
        from kg.text.sentences import split_sentences

        return cls(text, simplified_view(text), id=doc_id, meta=dict(meta or {}), sentences=split_sentences(text))

    def moved_to(self, raw: str, to_raw: Callable[[int, int], tuple[int, int]]) -> Doc:
        """This document's annotations as offsets into ``raw``, of which ``text`` is a cleaned view.

        The pipeline recognizes on a view without reposting noise
        (:mod:`kg.text.cleaning`) but must answer in offsets into the text as
        read: ``to_raw`` maps each ``(start, end)`` of the view to ``raw``,
        and the ``text`` of every span and figure is re-read from ``raw``,
        so it is always ``raw[start:end]``.
        """
        from kg.text.script import simplified_view

        moved: dict[int, Span] = {}  # an entity is also a candidate: the same object, moved once

        def move_span(span: Span) -> Span:
            if id(span) not in moved:
                start, end = to_raw(span.start, span.end)
                moved[id(span)] = Span(start, end, span.label, raw[start:end], span.concept, span.source, span.name)
            return moved[id(span)]

        def move(item: _Located) -> _Located:
            start, end = to_raw(item.start, item.end)
            return replace(item, start=start, end=end, text=raw[start:end])

        def move_turn(turn: Turn) -> Turn:
            start, end = to_raw(turn.start, turn.end)
            heading_start, heading_end = to_raw(turn.heading_start, turn.heading_end)
            return replace(turn, start=start, end=end, heading_start=heading_start, heading_end=heading_end)

        return Doc(
            raw,
            simplified_view(raw),
            id=self.id,
            meta=self.meta,
            sentences=[to_raw(start, end) for start, end in self.sentences],
            candidates=[move_span(span) for span in self.candidates],
            ents=[move_span(span) for span in self.ents],
            figures=[move(figure) for figure in self.figures],
            turns=[move_turn(turn) for turn in self.turns],
        )

    def span(self, start: int, end: int, label: str, source: str, concept: str | None = None) -> Span:
        """Make a span over ``text[start:end]`` (the original script)."""
        return Span(start, end, label, self.text[start:end], concept, source)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` (the whole text if unsplit).

        Sentences are in order and disjoint, so a binary search finds it: the
        graph asks once per mention, and a report has thousands of both.
        """
        index = bisect_right(self.sentences, (offset, _AFTER_ANY)) - 1  # tuples compare in C: no key to call
        if index >= 0 and offset < self.sentences[index][1]:
            return self.sentences[index]
        return 0, len(self.text)

    def turn_of(self, offset: int) -> Turn | None:
        """The turn whose speech holds ``offset``, if any (turns are in order and disjoint)."""
        index = bisect_right(self.turns, offset, key=lambda turn: turn.start) - 1
        if index >= 0 and offset < self.turns[index].end:
            return self.turns[index]
        return None
