"""The knowledge graph of annotated documents, as rdflib sees it: the Python API's graph.

Both functions go the corpus's one way (:func:`kg.corpus.assemble`): each
document's statements (:mod:`kg.rdf.document`), merged with the others', and
the corpus-wide ones (:mod:`kg.rdf.aggregates`); they differ only in how the
result is held.  :func:`build_graph` gives one graph, the union of all;
:func:`build_dataset` a dataset with a named graph per document, as
``kg build`` writes ``graph.trig``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rdflib import Dataset, Graph, URIRef

from kg.corpus import Assembly, assemble, document_result
from kg.link.thesaurus import Thesaurus, default_thesaurus
from kg.rdf.document import add_concept
from kg.rdf.namespaces import NAMESPACES, new_graph
from kg.recognize.doc import Doc


def build_graph(
    docs: Iterable[Doc],
    thesaurus: Thesaurus | None = None,
    *,
    include_thesaurus: bool = False,
    generated_at: datetime | None = None,
) -> Graph:
    """The knowledge graph of ``docs``, all in one graph.

    Only concepts that occur are described, unless ``include_thesaurus``
    asks for every thesaurus concept (for publishing the vocabulary with
    its usage).  ``generated_at`` stamps the build activity; it is not read
    from the clock so that the same input serializes to the same bytes.
    """
    assembly = _assembly(docs, thesaurus, include_thesaurus, generated_at)
    graph = new_graph()
    for statements in (*assembly.graphs.values(), assembly.default):
        graph.parse(data=statements, format="nt")
    return graph


def build_dataset(
    docs: Iterable[Doc], thesaurus: Thesaurus | None = None, *, generated_at: datetime | None = None
) -> Dataset:
    """The knowledge graph of ``docs`` as an RDF dataset with a named graph per document.

    Each document's own statements are in the named graph of its IRI; the
    default graph holds the shared vocabulary, the co-occurrence counts and
    the build.  Queries see the union of all graphs, so the SPARQL that runs
    on :func:`build_graph`'s graph gives the same answers here.
    """
    assembly = _assembly(docs, thesaurus, False, generated_at)
    dataset = Dataset(default_union=True)
    for prefix, namespace in NAMESPACES.items():
        dataset.bind(prefix, namespace, override=True)
    for iri, statements in assembly.graphs.items():
        dataset.graph(URIRef(iri)).parse(data=statements, format="nt")
    dataset.default_graph.parse(data=assembly.default, format="nt")
    return dataset


def _assembly(
    docs: Iterable[Doc], thesaurus: Thesaurus | None, include_thesaurus: bool, generated_at: datetime | None
) -> Assembly:
    thesaurus = default_thesaurus() if thesaurus is None else thesaurus
    results = [document_result(doc, thesaurus=thesaurus) for doc in docs]
    extra = [_thesaurus_statements(thesaurus)] if include_thesaurus else []
    return assemble(results, generated_at=generated_at, shared=extra)


def _thesaurus_statements(thesaurus: Thesaurus) -> str:
    """Every thesaurus concept's description, as N-Triples."""
    graph = Graph(store="SimpleMemory", bind_namespaces="none")
    for concept_id in sorted(thesaurus.concepts):
        add_concept(graph, concept_id, thesaurus[concept_id].category, thesaurus)
    return graph.serialize(format="nt")
