"""The ontology declares every kg: term the code, the queries and the thesaurus use, bilingually."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

import kg
from kg.link.thesaurus import ONTOLOGY_DIR, thesaurus_files
from kg.rdf.document import EXTRACTED_SCHEME
from kg.rdf.graph import build_graph
from kg.rdf.namespaces import KG, category_iri
from kg.rdf.validate import SHAPES_FILE
from kg.recognize.doc import ENTITY_TYPES

PACKAGE = Path(kg.__file__).parent
KG_TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def declared(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(KG)}


def kg_terms(graph: Graph) -> set[URIRef]:
    """Every IRI of the kg: namespace in any position of ``graph``."""
    return {node for triple in graph for node in triple if isinstance(node, URIRef) and node.startswith(KG)}


def terms_in_code() -> set[URIRef]:
    """``KG.name`` and ``KG["name"]`` anywhere in the package, found in its syntax trees, not by grep."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "KG":
                found.add(KG[node.attr])
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "KG"
                and isinstance(node.slice, ast.Constant)
            ):
                found.add(KG[node.slice.value])
    return found


def terms_in_queries() -> set[URIRef]:
    return {
        KG[name]
        for path in (PACKAGE / "rdf" / "queries").glob("*.rq")
        for name in re.findall(r"\bkg:(\w+)", path.read_text(encoding="utf-8"))
    }


def test_every_kg_term_has_english_and_chinese_labels_and_a_comment(ontology):
    terms = declared(ontology)
    assert len(terms) >= 20
    for term in terms:
        labels = {lit.language for lit in ontology.objects(term, RDFS.label) if isinstance(lit, Literal)}
        assert {"en", "zh-Hans", "zh-Hant"} <= labels, (
            f"{term} lacks a label in { ({'en', 'zh-Hans', 'zh-Hant'} - labels) }"
        )
        comments = [lit for lit in ontology.objects(term, RDFS.comment) if isinstance(lit, Literal)]
        assert any(c.language == "en" and len(c) > 20 for c in comments), f"{term} has no English comment"
        assert set(ontology.objects(term, RDF.type)) & KG_TERM_TYPES, f"{term} is not a class, property or individual"


def test_properties_say_what_they_link(ontology):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert (prop, RDFS.domain, None) in ontology and (prop, RDFS.range, None) in ontology, prop


def test_every_kg_term_in_use_is_declared(ontology, shapes, dev_doc):
    thesaurus = Graph()
    for path in thesaurus_files():
        thesaurus.parse(path, format="turtle")
    built = build_graph([dev_doc])
    in_use = {
        "the package": terms_in_code(),
        "the named queries": terms_in_queries(),
        "the thesaurus": kg_terms(thesaurus),
        "a built graph": kg_terms(built),
        "the shapes": kg_terms(shapes),
        "the categories": {category_iri(label) for label in (*ENTITY_TYPES, "INDICATOR")},
    }
    assert KG.category in in_use["the package"] and KG["count"] in in_use["the package"]
    for where, terms in in_use.items():
        assert terms - declared(ontology) == set(), f"used in {where} but not declared in ontology/kg.ttl"


def test_shapes_list_the_categories_of_the_ontology(ontology, shapes):
    categories = set(ontology.subjects(RDF.type, KG.Category))
    lists: dict[URIRef, list[set]] = {KG.category: [], KG.mentionType: []}
    for shape in shapes.subjects(SH["in"], None):
        path = shapes.value(shape, SH.path)
        if path in lists:
            lists[path].append(set(Collection(shapes, shapes.value(shape, SH["in"]))))
    assert max(lists[KG.category], key=len) == categories
    assert all(listed <= categories for listed in lists[KG.category])
    assert lists[KG.mentionType] == [{category_iri(label) for label in ENTITY_TYPES}]


def test_shapes_are_valid_shacl(shapes):
    """The shapes graph conforms to the W3C's SHACL-for-SHACL shapes (pySHACL's meta_shacl check)."""
    import pyshacl

    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_rule_of_the_shapes_explains_itself(shapes):
    """Each property shape and SPARQL constraint of a targeted shape has an English sh:message for the report."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    rules = [
        rule
        for shape in {s for t in targets for s in shapes.subjects(t, None)}
        for link in (SH.property, SH.sparql)
        for rule in shapes.objects(shape, link)
    ]
    assert len(rules) > 30
    for rule in rules:
        messages = [m for m in shapes.objects(rule, SH.message) if isinstance(m, Literal) and m.language == "en"]
        assert messages, f"{rule.n3(shapes.namespace_manager)} has no English sh:message"


def test_the_scheme_of_extracted_concepts_is_labelled(ontology):
    assert {lit.language for lit in ontology.objects(EXTRACTED_SCHEME, SKOS.prefLabel)} == {"en", "zh-Hans", "zh-Hant"}
