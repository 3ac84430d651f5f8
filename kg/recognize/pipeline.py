"""The recognizer: small components run in order over one :class:`~kg.recognize.doc.Doc`.

``text → structure → propose (thesaurus, rules, figures) → propagate →
resolve → link``.  Each component is a callable ``Doc → Doc`` that can be
run and tested alone, and declares its name, what it assigns and its rank
(:mod:`kg.recognize.component`); :func:`default_pipeline` is the one place
the standard components are registered, in order.  A component of one's own
joins a pipeline with :meth:`Pipeline.add`.

Components read a view of the text with what a Chinese recognizer should
not see cut out (pinyin glosses, ticker widgets, zero-width characters,
English-only lines, broken lines: :mod:`kg.text.cleaning`); the Doc a
pipeline returns holds the text as given and offsets into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from kg.link.linker import Linker
from kg.link.thesaurus import Thesaurus, default_thesaurus
from kg.recognize.anaphora import DocumentAnaphora
from kg.recognize.component import Component, DeclarationError, declaration_of
from kg.recognize.dictionary import DictionaryMatcher
from kg.recognize.doc import Doc
from kg.recognize.events import PressConferenceFinder
from kg.recognize.figures import recognize_figures
from kg.recognize.names import ORGANIZATION_RULE, POLICY_RULE, PROGRAM_RULE
from kg.recognize.persons import PersonRecognizer
from kg.recognize.propagate import NamePropagator
from kg.recognize.quotes import QuoteRecognizer
from kg.recognize.resolve import OrganizationCompounds, resolve_overlaps
from kg.recognize.titles import PlanNameRecognizer, TitleRecognizer
from kg.recognize.turns import ReporterOutlets, TurnSegmenter
from kg.text.cleaning import clean


class Pipeline:
    """An ordered list of declared components turning text into an annotated :class:`Doc`."""

    def __init__(self, components: Iterable[Component]) -> None:
        self.components: list[Component] = []
        for component in components:
            self.add(component)

    @property
    def names(self) -> list[str]:
        """The components' declared names, in order."""
        return [declaration_of(component).name for component in self.components]

    def add(self, component: Component, *, before: str | None = None, after: str | None = None) -> None:
        """Insert a declared component: last, or just before or after the component of that name."""
        name = declaration_of(component).name
        if name in self.names:
            raise DeclarationError(f"the pipeline already has a component named {name!r}")
        if before is not None and after is not None:
            raise ValueError("give before or after, not both")
        anchor = before if before is not None else after
        if anchor is None:
            self.components.append(component)
            return
        if anchor not in self.names:
            raise DeclarationError(f"the pipeline has no component named {anchor!r}")
        self.components.insert(self.names.index(anchor) + (after is not None), component)

    def __call__(self, text: str, doc_id: str = "doc", meta: Mapping[str, Any] | None = None) -> Doc:
        view = clean(text)
        doc = Doc.from_text(view.text, doc_id, dict(meta or {}))
        for component in self.components:
            proposed = len(doc.candidates)
            doc = component(doc) or doc
            _check_sources(component, doc.candidates[proposed:])
        return doc.moved_to(text, view.to_raw) if view.cuts else doc


def _check_sources(component: Component, proposed: list) -> None:
    """A component proposes spans under its own declared name only: overlap resolution ranks them by it."""
    name = declaration_of(component).name
    strays = {span.source for span in proposed if span.source != name}
    if strays:
        raise DeclarationError(f"component {name!r} proposed spans as {sorted(strays)}, not as its declared name")


def default_pipeline(thesaurus: Thesaurus | None = None) -> Pipeline:
    """The standard recognizer over ``thesaurus`` (the bundled one by default)."""
    thesaurus = thesaurus or default_thesaurus()
    return Pipeline(
        [
            TurnSegmenter(thesaurus),
            DictionaryMatcher(thesaurus),
            TitleRecognizer(thesaurus),
            PlanNameRecognizer(),
            QuoteRecognizer(thesaurus),
            PersonRecognizer(),
            ORGANIZATION_RULE,
            PROGRAM_RULE,
            POLICY_RULE,
            ReporterOutlets(),
            DocumentAnaphora(),
            recognize_figures,
            NamePropagator(),
            resolve_overlaps,
            OrganizationCompounds(thesaurus),
            Linker(thesaurus),
            PressConferenceFinder(),
        ]
    )


@cache
def _shared_pipeline() -> Pipeline:
    return default_pipeline()


def extract(text: str, doc_id: str = "doc", meta: Mapping[str, Any] | None = None) -> Doc:
    """Recognize and link every mention, figure and turn of ``text`` with the bundled thesaurus."""
    return _shared_pipeline()(text, doc_id, meta)
