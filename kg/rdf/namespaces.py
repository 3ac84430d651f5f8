"""Where everything in the graph is named: the namespaces, the one prefix map and the IRIs of documents.

Standard vocabularies that ``rdflib.namespace`` ships (SKOS, ORG, PROV, SDO,
DCTERMS, QB, XSD …) are used from there; the project's own namespaces and
NIF, Web Annotation and SKOS-XL, which rdflib does not ship, are declared
here as rdflib namespaces of the IRIs :mod:`kg.rdf.terms` holds as text (the
build writes statements as text, without rdflib).  :data:`NAMESPACES` is the
one prefix map every written graph binds and every SPARQL query may use.
IRIs are minted from ids and offsets (:mod:`kg.rdf.terms`), never from
counters or blank nodes, so the same documents give the same triples on
every run.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef

from kg.rdf import terms
from kg.rdf.terms import safe_segment

__all__ = [
    "BASE", "ITSRDF", "KG", "KGC", "KGD", "NAMESPACES", "NIF", "OA", "PREFIXES", "SKOSXL",
    "category_iri", "document_iri", "new_graph", "offset_iri", "safe_segment",
]  # fmt: skip

BASE = terms.BASE

#: Classes and properties of the project's ontology (``ontology/kg.ttl``).
KG = Namespace(terms.ONTOLOGY)
#: Concepts: thesaurus entries and concepts minted for unknown names.
KGC = Namespace(terms.CONCEPTS)
#: Documents, and below a document its mentions, figures and turns.
KGD = Namespace(terms.DOCUMENTS)

#: NLP Interchange Format 2.0 core, for mentions as offsets into a document.
NIF = Namespace(terms.PREFIXES["nif"])
#: W3C Web Annotation vocabulary.
OA = Namespace(terms.PREFIXES["oa"])
#: Internationalization Tag Set 2.0 in RDF: ``itsrdf:taIdentRef`` links a NIF mention to what it names.
ITSRDF = Namespace(terms.PREFIXES["itsrdf"])
#: SKOS eXtension for Labels.
SKOSXL = Namespace(terms.PREFIXES["skosxl"])

#: Prefixes bound on every graph the project writes.
PREFIXES = {"kg": KG, "kgc": KGC, "kgd": KGD, "nif": NIF, "itsrdf": ITSRDF, "oa": OA, "skosxl": SKOSXL}

#: Every prefix a written graph binds and every SPARQL query may use (the IRIs are :data:`kg.rdf.terms.PREFIXES`).
NAMESPACES: dict[str, Namespace] = {prefix: Namespace(namespace) for prefix, namespace in terms.PREFIXES.items()}


def new_graph() -> Graph:
    """An empty graph with the project's and the standard prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document; any id is made safe, so ``>`` or spaces cannot break it."""
    return URIRef(terms.document_iri(doc_id))


def offset_iri(doc_id: str, start: int, end: int, kind: str = "char") -> URIRef:
    """An IRI for ``text[start:end]`` under its document, NIF style (``#char=10,14``)."""
    return URIRef(terms.offset_iri(terms.document_iri(doc_id), start, end, kind))


def category_iri(category: str) -> URIRef:
    """The ``kg:`` individual of a mention or concept category (``kg:ORG``)."""
    return URIRef(terms.category_iri(category))
