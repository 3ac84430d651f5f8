"""Where everything in the graph is named: the namespaces, the one prefix map and the IRIs of documents.

Standard vocabularies that ``rdflib.namespace`` ships (SKOS, ORG, PROV, SDO,
DCTERMS, QB, XSD …) are used from there; only the project's own namespaces
and NIF, Web Annotation and SKOS-XL, which rdflib does not ship, are
declared here.  :data:`NAMESPACES` is the one prefix map every written graph
binds and every SPARQL query may use.  IRIs are minted from ids and offsets,
never from counters or blank nodes, so the same documents give the same
triples on every run.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

BASE = "https://w3id.org/cnpolicy/"

#: Classes and properties of the project's ontology (``ontology/kg.ttl``).
KG = Namespace(BASE + "ontology#")
#: Concepts: thesaurus entries and concepts minted for unknown names.
KGC = Namespace(BASE + "concept/")
#: Documents, and below a document its mentions, figures and turns.
KGD = Namespace(BASE + "doc/")

#: NLP Interchange Format 2.0 core, for mentions as offsets into a document.
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
#: W3C Web Annotation vocabulary.
OA = Namespace("http://www.w3.org/ns/oa#")
#: Internationalization Tag Set 2.0 in RDF: ``itsrdf:taIdentRef`` links a NIF mention to what it names.
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
#: SKOS eXtension for Labels.
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")

#: Prefixes bound on every graph the project writes.
PREFIXES = {"kg": KG, "kgc": KGC, "kgd": KGD, "nif": NIF, "itsrdf": ITSRDF, "oa": OA, "skosxl": SKOSXL}

#: Every prefix a written graph binds and every SPARQL query may use.
NAMESPACES: dict[str, Namespace] = {
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "schema": Namespace(str(SDO)),
    "dcterms": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    **PREFIXES,
}


def new_graph() -> Graph:
    """An empty graph with the project's and the standard prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


_SAFE_PUNCTUATION = frozenset("-._~")


def safe_segment(text: str, keep: str = "") -> str:
    """Percent-encode every character of ``text`` that is not a letter, digit or ``-._~``.

    Letters and digits include CJK ideographs: IRIs (RFC 3987) allow them and
    Turtle writes them as they are, so ``kgc:org-新闻办网站`` stays readable,
    while spaces, quotes, brackets and control characters can never break
    an IRI or the Turtle that holds it.
    """
    out = []
    for ch in text:
        if (ch.isalnum() and ch.isprintable()) or ch in _SAFE_PUNCTUATION or ch in keep:
            out.append(ch)
        else:
            out.append("".join(f"%{byte:02X}" for byte in ch.encode("utf-8")))
    return "".join(out)


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document; any id is made safe, so ``>`` or spaces cannot break it."""
    return KGD[safe_segment(doc_id)]


def offset_iri(doc_id: str, start: int, end: int, kind: str = "char") -> URIRef:
    """An IRI for ``text[start:end]`` under its document, NIF style (``#char=10,14``)."""
    return URIRef(f"{document_iri(doc_id)}#{kind}={start},{end}")


def category_iri(category: str) -> URIRef:
    """The ``kg:`` individual of a mention or concept category (``kg:ORG``)."""
    return KG[safe_segment(category)]
