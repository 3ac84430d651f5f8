"""The RDF namespaces the project mints and the standard ones rdflib lacks.

Standard vocabularies that ``rdflib.namespace`` ships (SKOS, ORG, PROV, SDO,
DCTERMS, QB, XSD …) are imported from there by the modules that use them;
only the project's own namespaces and NIF, Web Annotation and SKOS-XL, which
rdflib does not ship, are declared here.
"""

from __future__ import annotations

from rdflib import Namespace

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
