"""The curated bilingual thesaurus: SKOS concepts loaded from ``ontology/thesaurus``.

Each concept has prefLabels in zh-Hans, zh-Hant and en, altLabels for
abbreviations, and a ``kg:category`` saying which mention type it yields
(``INDICATOR`` concepts name what figures measure and yield no mention).
The thesaurus is read once into plain dataclasses: the recognizer needs fast
label look-ups, not a graph.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.compiled import compiled
from kg.rdf.terms import CONCEPTS
from kg.recognize.doc import NAME_TYPES
from kg.text.script import to_simplified

if TYPE_CHECKING:
    from rdflib import Graph, Literal, URIRef

#: Where the ontology lives; ``KG_ONTOLOGY`` overrides it.
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY", Path(__file__).resolve().parents[2] / "ontology"))

#: Categories whose concepts are entity mentions (the rest, e.g. INDICATOR, are not).
MENTION_CATEGORIES = frozenset(NAME_TYPES)


@dataclass(frozen=True)
class Concept:
    """One thesaurus entry, with labels keyed by language tag."""

    id: str
    category: str
    pref: dict[str, str]
    alt: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()
    definition: str | None = None  # in English: the thesaurus's definitions are written in English
    source: str | None = None
    parent: str | None = None
    replaced_by: str | None = None  # the body that took over from a dissolved one (dcterms:isReplacedBy)
    english_status: str = "official"  # "draft" where the curators translated and no official rendering is documented
    unit: bool = False  # an org:OrganizationalUnit (a bureau or department of a larger body)
    ambiguous: bool = False

    def zh_forms(self) -> Iterator[str]:
        """Every Chinese surface form: pref, alt and hidden labels in any zh tag."""
        for lang, label in self.pref.items():
            if lang.lower().startswith("zh"):
                yield label
        for lang, labels in self.alt.items():
            if lang.lower().startswith("zh"):
                yield from labels
        yield from self.hidden


class Thesaurus:
    """Concepts by id, and a Simplified-form index of their Chinese labels."""

    def __init__(self, concepts: Iterable[Concept], index: dict[str, list[str]] | None = None) -> None:
        self.concepts: dict[str, Concept] = {c.id: c for c in concepts}
        self._index = _form_index(self.concepts.values()) if index is None else index

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    def lookup(self, form: str) -> list[Concept]:
        """Concepts having ``form`` (either script) as a Chinese label."""
        return [self.concepts[i] for i in self._index.get(surface_key(form), ())]

    def forms(self) -> dict[str, list[str]]:
        """Label key (:func:`surface_key`) → ids of the concepts that carry it."""
        return self._index

    @classmethod
    def from_graph(cls, graph: Graph) -> Thesaurus:
        return cls(_concepts(graph))

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Thesaurus:
        from rdflib import Graph  # only to compile the thesaurus: a run reads it compiled (default_thesaurus)

        graph = Graph()
        for path in paths:
            graph.parse(path, format="turtle")
        return cls.from_graph(graph)

    def to_data(self) -> tuple[list[tuple], dict[str, list[str]]]:
        """The thesaurus as plain data (tuples, dicts, strings) that :mod:`marshal` keeps: see :meth:`from_data`."""
        return [astuple(concept) for concept in self.concepts.values()], self._index

    @classmethod
    def from_data(cls, data: tuple[list[tuple], dict[str, list[str]]]) -> Thesaurus:
        """The thesaurus :meth:`to_data` gave, without parsing Turtle or folding a label again."""
        concepts, index = data
        return cls((Concept(*fields) for fields in concepts), index)


_MARKS = str.maketrans("", "", '“”「」『』《》〈〉"')


def surface_key(text: str) -> str:
    """The form a name is looked up by: Simplified, without quotation or title marks.

    Mentions exclude the marks (《政府工作报告》 → 政府工作报告), so a label
    written with them must match the name inside them.
    """
    return to_simplified(text).translate(_MARKS).strip()


def thesaurus_files(directory: Path | None = None) -> list[Path]:
    """The thesaurus's Turtle files, in a stable order."""
    return sorted(((directory or ONTOLOGY_DIR) / "thesaurus").glob("*.ttl"))


@cache
def default_thesaurus() -> Thesaurus:
    """The bundled thesaurus, read once per process.

    Parsing its Turtle with rdflib and folding every label to Simplified
    took 1.7 s, paid by every ``kg extract``; it is done once per version of
    the files (and of this module, which reads them) and kept compiled
    (:func:`kg.compiled.compiled`), which reads back in milliseconds.
    """
    files = thesaurus_files()
    data = compiled("thesaurus", [*files, Path(__file__)], lambda: Thesaurus.from_files(files).to_data())
    return Thesaurus.from_data(data)


def _form_index(concepts: Iterable[Concept]) -> dict[str, list[str]]:
    """Label key (:func:`surface_key`) → ids of the concepts that carry it, in the concepts' order."""
    index: dict[str, list[str]] = defaultdict(list)
    for concept in concepts:
        for form in concept.zh_forms():
            key = surface_key(form)
            if key and concept.id not in index[key]:
                index[key].append(concept.id)
    return dict(index)


def local_id(iri: URIRef | str) -> str:
    """The concept id of a concept IRI under ``KGC``."""
    text = str(iri)
    return text.removeprefix(CONCEPTS)


def _concepts(graph: Graph) -> Iterator[Concept]:
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

    from kg.rdf.namespaces import KG

    for iri in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        category = graph.value(iri, KG.category)
        if category is None:
            continue
        pref = {lit.language or "": str(lit) for lit in _literals(graph, iri, SKOS.prefLabel)}
        alt: dict[str, list[str]] = defaultdict(list)
        for lit in _literals(graph, iri, SKOS.altLabel):
            alt[lit.language or ""].append(str(lit))
        definitions = _literals(graph, iri, SKOS.definition)
        definition = next((str(d) for d in definitions if d.language == "en"), next(map(str, definitions), None))
        source = graph.value(iri, DCTERMS.source)
        parent = graph.value(iri, ORG.subOrganizationOf)
        successor = graph.value(iri, DCTERMS.isReplacedBy)
        yield Concept(
            id=local_id(iri),
            category=str(category).rsplit("#", 1)[-1],
            pref=pref,
            alt={lang: tuple(labels) for lang, labels in alt.items()},
            hidden=tuple(str(h) for h in _literals(graph, iri, SKOS.hiddenLabel)),
            definition=definition,
            source=str(source) if source is not None else None,
            parent=local_id(parent) if isinstance(parent, URIRef) else None,
            replaced_by=local_id(successor) if isinstance(successor, URIRef) else None,
            english_status=_english_status(graph, iri, pref),
            unit=(iri, RDF.type, ORG.OrganizationalUnit) in graph,
            ambiguous=bool(graph.value(iri, KG.ambiguous)),
        )


def _english_status(graph: Graph, iri: URIRef, pref: dict[str, str]) -> str:
    """``official`` unless the entry says otherwise (``kg:englishStatus "draft"``) or has no English."""
    from kg.rdf.namespaces import KG

    declared = graph.value(iri, KG.englishStatus)
    if declared is not None:
        return str(declared)
    return "official" if any(lang.lower().startswith("en") for lang in pref) else "missing"


def _literals(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    from rdflib import Literal

    return sorted(o for o in graph.objects(subject, predicate) if isinstance(o, Literal))
