"""A networkx view of the knowledge graph, for graph algorithms and drawing.

The view is read from the RDF graph with SPARQL, not converted triple by
triple: literals, offsets and labels would swamp a network with nodes that
are not things.  Nodes are concepts (terms, persons, organizations,
indicators) and documents; edges are the relations worth a walk, each with
an integer ``weight`` where it counts something:

* ``said`` — speaker → term, weight = mentions in the speaker's turns;
* ``cooccurs`` — term → term, weight = sentences naming both (one edge per
  pair, from the smaller key to the larger);
* ``mentions`` — document → term, weight = mentions in the document;
* ``reported`` — speaker → indicator, weight = figures reported;
* ``member_of`` — person → organization, with the ``roles`` held there.

Node keys are compact IRIs (``kgc:org-miit``, ``kgd:scio-…``) and every
edge's key is its relation, so ``G.edges(keys=True, data=True)`` reads well.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Graph

from kg.rdf.namespaces import KGC, KGD
from kg.rdf.sparql import select

#: Concepts that are networks' nodes: every categorized concept but figures, with the build's count of
#: its mentions (``kg:mentionCount``, :mod:`kg.rdf.aggregates`; none for a concept never mentioned).
_CONCEPTS = """
SELECT ?node ?category ?label_zh ?label_en (COALESCE(?mentions, 0) AS ?count) WHERE {
    ?node kg:category ?category FILTER(?category != kg:FIGURE)
    OPTIONAL { ?node skos:prefLabel ?label_zh FILTER(langMatches(lang(?label_zh), "zh-Hans")) }
    OPTIONAL { ?node skos:prefLabel ?label_en FILTER(langMatches(lang(?label_en), "en")) }
    OPTIONAL { ?node kg:mentionCount ?mentions }
} ORDER BY ?node
"""

_DOCUMENTS = """
SELECT ?node ?id ?title WHERE {
    ?node a nif:Context ; dcterms:identifier ?id .
    OPTIONAL { ?node dcterms:title ?title }
} ORDER BY ?node
"""

#: Weighted relations: each query yields ?source ?target ?weight.
_WEIGHTED = {
    "said": """
        SELECT ?source ?target (COUNT(DISTINCT ?mention) AS ?weight) WHERE {
            ?mention kg:inTurn/prov:wasAssociatedWith ?source ; itsrdf:taIdentRef ?target .
            ?target kg:category ?category FILTER(?category != kg:FIGURE)
        } GROUP BY ?source ?target ORDER BY ?source ?target""",
    "cooccurs": """
        SELECT ?source ?target ?weight WHERE {
            ?pair a kg:Cooccurrence ; kg:term ?source, ?target ; kg:count ?weight
            FILTER(STR(?source) < STR(?target))
        } ORDER BY ?source ?target""",
    "mentions": """
        SELECT ?source ?target (COUNT(DISTINCT ?mention) AS ?weight) WHERE {
            ?mention nif:referenceContext ?source ; itsrdf:taIdentRef ?target .
            ?target kg:category ?category FILTER(?category != kg:FIGURE)
        } GROUP BY ?source ?target ORDER BY ?source ?target""",
    "reported": """
        SELECT ?source ?target (COUNT(DISTINCT ?observation) AS ?weight) WHERE {
            ?observation a schema:Observation ; prov:wasAttributedTo ?source ; schema:variableMeasured ?target .
        } GROUP BY ?source ?target ORDER BY ?source ?target""",
}

_MEMBERSHIPS = """
SELECT ?person ?org ?role WHERE {
    ?person org:memberOf ?org .
    OPTIONAL {
        ?membership org:member ?person ; org:organization ?org ; org:role/skos:prefLabel ?role
        FILTER(langMatches(lang(?role), "zh-Hans"))
    }
}
"""


def node_key(iri: str) -> str:
    """The compact key of a node's IRI (``kgc:org-miit``); other IRIs are kept whole."""
    for prefix, namespace in (("kgc", KGC), ("kgd", KGD)):
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Concepts and documents as nodes, the relations of the module docstring as keyed edges."""
    network = nx.MultiDiGraph()
    for row in select(graph, _CONCEPTS):
        network.add_node(
            node_key(row["node"]),
            kind="concept",
            iri=row["node"],
            category=row["category"].rsplit("#", 1)[-1],
            label_zh=row["label_zh"],
            label_en=row["label_en"],
            count=row["count"],
        )
    for row in select(graph, _DOCUMENTS):
        network.add_node(node_key(row["node"]), kind="document", iri=row["node"], id=row["id"], title=row["title"])
    for relation, query in _WEIGHTED.items():
        for row in select(graph, query):
            network.add_edge(
                node_key(row["source"]), node_key(row["target"]), key=relation, relation=relation, weight=row["weight"]
            )
    for (person, org), roles in _memberships(graph).items():
        network.add_edge(person, org, key="member_of", relation="member_of", roles=roles)
    return network


def cooccurrence_graph(graph: Graph) -> nx.Graph:
    """The undirected term co-occurrence network, ``weight`` = sentences naming both terms."""
    network = to_networkx(graph)
    terms = nx.Graph()
    for source, target, data in network.edges(data=True):
        if data["relation"] == "cooccurs":
            terms.add_node(source, **network.nodes[source])
            terms.add_node(target, **network.nodes[target])
            terms.add_edge(source, target, weight=data["weight"])
    return terms


def _memberships(graph: Graph) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each (person, organization) pair with the sorted roles the person holds there."""
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select(graph, _MEMBERSHIPS):
        held = roles[node_key(row["person"]), node_key(row["org"])]
        if row["role"]:
            held.add(row["role"])
    return {pair: tuple(sorted(held)) for pair, held in sorted(roles.items())}
