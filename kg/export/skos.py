"""The glossary as a SKOS concept scheme in Turtle, for thesaurus managers (Skosmos, VocBench).

The scheme holds the glossary's concepts under their graph IRIs, so the
file links back to the knowledge graph:

- ``skos:prefLabel`` in zh-Hans, zh-Hant and en, ``skos:altLabel`` for the
  abbreviations and variants, ``skos:definition`` in English;
- every concept is a top concept of the scheme (the glossary is flat);
- each term type is a ``skos:Collection`` (labelled from the ontology's
  category labels) whose members are the concepts of that type;
- ``kg:englishStatus`` says whether the English is official or a draft;
  a draft also carries a ``skos:editorialNote`` saying how it was composed
  and that it is not an official translation;
- the context sentence is a ``skos:example``, and its document (under its
  graph IRI) ``dcterms:isReferencedBy`` the concept.

Concepts are SKOS-valid as Skosify (the Skosmos team's SKOS checker)
understands it: one prefLabel per language, prefLabel and altLabel disjoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.export.cedict import ATTRIBUTION
from kg.export.rows import LANGUAGES, GlossaryRow, type_labels
from kg.export.writer import DEFAULTS, ExportOptions
from kg.link.ids import concept_iri, safe_segment
from kg.rdf.namespaces import KG, KGC, category_iri, document_iri, new_graph

#: The scheme an exported glossary is.
GLOSSARY_SCHEME = KGC["glossary"]


def glossary_scheme(
    rows: Sequence[GlossaryRow], *, languages: Sequence[str] = LANGUAGES, title: str = "kg glossary"
) -> Graph:
    """A graph holding ``rows`` as a SKOS concept scheme with one collection per type."""
    graph = new_graph()
    graph.add((GLOSSARY_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((GLOSSARY_SCHEME, SKOS.prefLabel, Literal(title, lang="en")))
    graph.add((GLOSSARY_SCHEME, DCTERMS.title, Literal(title, lang="en")))
    if any(row.english_status == "draft" for row in rows) and "en" in languages:
        graph.add((GLOSSARY_SCHEME, DCTERMS.rights, Literal(ATTRIBUTION, lang="en")))
    for row in rows:
        concept = _add_concept(graph, row, languages)
        graph.add((type_collection(graph, row.type), SKOS.member, concept))
    return graph


def write_skos(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """Write ``rows`` as a Turtle SKOS concept scheme."""
    handle.write(glossary_scheme(rows, languages=options.languages, title=options.title).serialize(format="turtle"))


def type_collection(graph: Graph, category: str) -> URIRef:
    """The collection of the concepts of ``category`` (``ORG``), labelled from the ontology."""
    collection = KGC[f"glossary/{safe_segment(category)}"]
    if (collection, RDF.type, SKOS.Collection) not in graph:
        graph.add((collection, RDF.type, SKOS.Collection))
        labels = type_labels().get(category) or {"en": category}
        for lang, label in sorted(labels.items()):
            graph.add((collection, SKOS.prefLabel, Literal(label, lang=lang or None)))
        graph.add((collection, SKOS.notation, Literal(category)))
    return collection


def _add_concept(graph: Graph, row: GlossaryRow, languages: Sequence[str]) -> URIRef:
    concept = concept_iri(row.id)
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, GLOSSARY_SCHEME))
    graph.add((concept, SKOS.topConceptOf, GLOSSARY_SCHEME))
    graph.add((GLOSSARY_SCHEME, SKOS.hasTopConcept, concept))
    graph.add((concept, KG.category, category_iri(row.type)))
    for lang in languages:
        if row.label(lang):
            graph.add((concept, SKOS.prefLabel, Literal(row.label(lang), lang=lang)))
        for label in (*row.abbreviations(lang), *row.variants(lang)):
            graph.add((concept, SKOS.altLabel, Literal(label, lang=lang)))
    if "en" in languages:
        graph.add((concept, KG.englishStatus, Literal(row.english_status)))
        if row.definition:
            graph.add((concept, SKOS.definition, Literal(row.definition, lang="en")))
        if row.english_status == "draft":
            note = f"The English label is a draft, not an official translation; {row.english_note}."
            graph.add((concept, SKOS.editorialNote, Literal(note, lang="en")))
        elif row.english_status == "untranslated":
            note = f"No English label: {row.english_note.removeprefix('no draft: ')}."
            graph.add((concept, SKOS.editorialNote, Literal(note, lang="en")))
    if row.source:
        graph.add((concept, DCTERMS.source, URIRef(row.source) if "://" in row.source else Literal(row.source)))
    if row.context:
        graph.add((concept, SKOS.example, Literal(row.context)))
        graph.add((concept, DCTERMS.isReferencedBy, document_iri(row.context_document)))
    return concept
