"""Stage 4, graph: the documents as RDF in standard vocabularies, stored and queried.

One prefix map and the IRIs of documents (:mod:`kg.rdf.namespaces`), the
statements of a document (:mod:`kg.rdf.document`) and of a corpus
(:mod:`kg.rdf.aggregates`), statements as text (:mod:`kg.rdf.nquads`), the
graph of the Python API (:mod:`kg.rdf.graph`), the Oxigraph store
(:mod:`kg.rdf.store`), SPARQL (:mod:`kg.rdf.sparql`) with the named queries
(:mod:`kg.rdf.query`), SHACL validation (:mod:`kg.rdf.validate`) and the
networkx view (:mod:`kg.rdf.netx`).
"""
