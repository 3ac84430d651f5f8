"""Stage 4, graph: the documents as RDF in standard vocabularies, stored and queried.

One prefix map (:mod:`kg.rdf.namespaces`), the statements of a document
(:mod:`kg.rdf.graph`), the Oxigraph store (:mod:`kg.rdf.store`), SPARQL with
the named queries (:mod:`kg.rdf.query`), SHACL validation
(:mod:`kg.rdf.validate`) and the networkx view (:mod:`kg.rdf.netx`).
"""
