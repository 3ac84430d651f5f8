"""The recognizer: small components run in order over one :class:`~kg.recognize.doc.Doc`.

``text → structure → propose (thesaurus, rules, figures) → propagate →
resolve → link``.  Each component is a callable ``Doc → Doc`` that can be
run and tested alone; :func:`default_pipeline` wires them to one thesaurus.

Components read a view of the text with what a Chinese recognizer should
not see cut out (pinyin glosses, ticker widgets, zero-width characters,
English-only lines: :mod:`kg.text.cleaning`); the Doc a pipeline returns holds
the text as given and offsets into it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from kg.link.linker import Linker
from kg.link.thesaurus import Thesaurus, default_thesaurus
from kg.recognize.anaphora import DocumentAnaphora
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

#: A component annotates the Doc it is given; it may return it (to chain) or return None.
Component = Callable[[Doc], Doc | None]


class Pipeline:
    """An ordered list of components turning text into an annotated :class:`Doc`."""

    def __init__(self, components: Sequence[Component]) -> None:
        self.components = list(components)

    def __call__(self, text: str, doc_id: str = "doc", meta: Mapping[str, Any] | None = None) -> Doc:
        view = clean(text)
        doc = Doc.from_text(view.text, doc_id, dict(meta or {}))
        for component in self.components:
            doc = component(doc) or doc
        return doc.moved_to(text, view.to_raw) if view.cuts else doc


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
