"""Statements about a whole corpus, aggregated from its documents.

Co-occurrence counts and each concept's mention and document counts span
documents, so they are computed once per build from what each document
reports (:func:`kg.rdf.document.cooccurrences`, :func:`kg.rdf.document.usage`)
and written to the default graph with the build itself, a PROV activity.
``kg:mentionCount`` is the one count of a term every reader (the glossary,
the networkx view, the named queries) uses.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.link.ids import concept_iri
from kg.rdf.namespaces import KG, KGC, KGD, new_graph


def usage_totals(per_document: Iterable[Mapping[str, int]]) -> dict[str, tuple[int, int]]:
    """``concept → (mentions, documents)`` over a corpus, from each document's :func:`usage`."""
    mentions: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for counts in per_document:
        mentions.update(counts)
        documents.update(counts.keys())
    return {concept: (mentions[concept], documents[concept]) for concept in mentions}


def add_usage(graph: Graph, totals: Mapping[str, tuple[int, int]]) -> None:
    """Record each concept's corpus-wide mention and document counts.

    They are computed once per build, like the co-occurrence counts, so that
    the glossary query reads one value per concept instead of counting every
    mention of the corpus.
    """
    for concept, (mentions, documents) in sorted(totals.items()):
        iri = concept_iri(concept)
        graph.set((iri, KG.mentionCount, Literal(mentions, datatype=XSD.integer)))
        graph.set((iri, KG.documentCount, Literal(documents, datatype=XSD.integer)))


def add_cooccurrences(graph: Graph, counts: Mapping[tuple[str, str], int]) -> None:
    """Add ``counts`` to the graph's ``kg:Cooccurrence`` nodes (creating them as needed)."""
    for (first, second), count in sorted(counts.items()):
        first, second = sorted((first, second))
        node = KGC[f"cooccurrence/{first}/{second}"]
        previous = graph.value(node, KG["count"])
        total = count + (previous.toPython() if isinstance(previous, Literal) else 0)
        graph.set((node, KG["count"], Literal(total, datatype=XSD.integer)))
        graph.add((node, RDF.type, KG.Cooccurrence))
        graph.add((node, KG["term"], concept_iri(first)))
        graph.add((node, KG["term"], concept_iri(second)))


def add_build_activity(graph: Graph, documents: Iterable[URIRef], generated_at: datetime | None = None) -> URIRef:
    """Record the build as a PROV activity that used ``documents``.

    Its IRI is a digest of the documents' IRIs, so rebuilding the same
    corpus names the same activity.
    """
    documents = sorted(set(documents))
    digest = hashlib.sha256("\n".join(documents).encode()).hexdigest()[:16]
    run = KGD[f"build/{digest}"]
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal("kg graph build", lang="en")))
    for document in documents:
        graph.add((run, PROV.used, document))
    if generated_at is not None:
        graph.add((run, PROV.endedAtTime, Literal(generated_at)))
    return run


def corpus_statements(
    pairs: Mapping[tuple[str, str], int],
    documents: Iterable[URIRef],
    generated_at: datetime | None = None,
    totals: Mapping[str, tuple[int, int]] | None = None,
) -> str:
    """The corpus-wide statements as N-Triples: co-occurrence and usage counts, and the build activity."""
    graph = new_graph()
    add_cooccurrences(graph, pairs)
    add_usage(graph, totals or {})
    add_build_activity(graph, documents, generated_at)
    return graph.serialize(format="nt")
