"""SKOS export: a Turtle concept scheme that re-parses and that Skosify, Skosmos's checker, finds clean."""

from __future__ import annotations

import io
import logging

import pytest
import skosify
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.export.rows import GlossaryRow, glossary_rows
from kg.export.skos import GLOSSARY_SCHEME, type_collection, write_skos
from kg.export.writer import ExportOptions
from kg.link.ids import concept_iri
from kg.rdf.graph import build_graph
from kg.rdf.namespaces import KG
from tests.test_graph import fixture_thesaurus, gold_doc


@pytest.fixture(scope="module")
def dev_rows() -> list[GlossaryRow]:
    return glossary_rows(build_graph([gold_doc()], fixture_thesaurus()))


def skos_of(rows: list[GlossaryRow], **options) -> Graph:
    buffer = io.StringIO()
    write_skos(rows, buffer, ExportOptions(**options))
    return Graph().parse(data=buffer.getvalue(), format="turtle")


@pytest.fixture(scope="module")
def scheme(dev_rows: list[GlossaryRow]) -> Graph:
    return skos_of(dev_rows)


def skosify_warnings(graph: Graph, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        skosify.skosify(graph, label_lang="en", eliminate_redundancy=False)
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_scheme_reparses_with_every_concept_as_a_top_concept(dev_rows: list[GlossaryRow], scheme: Graph) -> None:
    concepts = set(scheme.subjects(RDF.type, SKOS.Concept))
    assert concepts == {concept_iri(row.id) for row in dev_rows}
    assert (GLOSSARY_SCHEME, RDF.type, SKOS.ConceptScheme) in scheme
    assert set(scheme.objects(GLOSSARY_SCHEME, SKOS.hasTopConcept)) == concepts
    assert all((c, SKOS.inScheme, GLOSSARY_SCHEME) in scheme for c in concepts)


def test_skosify_finds_nothing_to_fix(scheme: Graph, caplog: pytest.LogCaptureFixture) -> None:
    assert skosify_warnings(scheme, caplog) == []


def test_skosify_would_catch_broken_labels(scheme: Graph, caplog: pytest.LogCaptureFixture) -> None:
    broken = Graph()
    for triple in scheme:
        broken.add(triple)
    miit = concept_iri("org-miit")
    broken.add((miit, SKOS.prefLabel, Literal("MIIT ministry", lang="en")))
    broken.add((miit, SKOS.altLabel, Literal("工业和信息化部", lang="zh-Hans")))
    warnings = skosify_warnings(broken, caplog)
    assert any("more than one prefLabel@en" in w for w in warnings)
    assert any("both prefLabel and altLabel" in w for w in warnings)


def test_labels_definitions_and_status(scheme: Graph) -> None:
    miit = concept_iri("org-miit")
    labels = {(label.language, str(label)) for label in scheme.objects(miit, SKOS.prefLabel)}
    assert labels == {
        ("zh-Hans", "工业和信息化部"),
        ("zh-Hant", "工業和信息化部"),
        ("en", "Ministry of Industry and Information Technology"),
    }
    assert {str(label) for label in scheme.objects(miit, SKOS.altLabel)} == {"工信部", "MIIT"}
    assert str(scheme.value(miit, SKOS.definition)).startswith("The State Council ministry")
    assert str(scheme.value(miit, KG.englishStatus)) == "official"
    assert scheme.value(miit, SKOS.editorialNote) is None


def test_draft_english_is_marked_and_credited(dev_rows: list[GlossaryRow], scheme: Graph) -> None:
    draft = next(row for row in dev_rows if row.english_status == "draft")
    concept = concept_iri(draft.id)
    assert str(scheme.value(concept, KG.englishStatus)) == "draft"
    assert "not an official translation" in str(scheme.value(concept, SKOS.editorialNote))
    assert (concept, SKOS.prefLabel, Literal(draft.en, lang="en")) in scheme
    assert "CC BY-SA 4.0" in str(scheme.value(GLOSSARY_SCHEME, DCTERMS.rights))


def test_types_are_collections_of_their_concepts(dev_rows: list[GlossaryRow], scheme: Graph) -> None:
    collections = set(scheme.subjects(RDF.type, SKOS.Collection))
    assert {str(scheme.value(c, SKOS.notation)) for c in collections} == {row.type for row in dev_rows}
    for row in dev_rows:
        members = {c for c in collections if (c, SKOS.member, concept_iri(row.id)) in scheme}
        assert members == {type_collection(scheme, row.type)}
    org = type_collection(scheme, "ORG")
    assert {str(label) for label in scheme.objects(org, SKOS.prefLabel)} >= {"organization", "机构"}


def test_languages_can_be_chosen(dev_rows: list[GlossaryRow]) -> None:
    graph = skos_of(dev_rows, languages=["zh-Hans"])
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    languages = {
        label.language for c in concepts for p in (SKOS.prefLabel, SKOS.altLabel) for label in graph.objects(c, p)
    }
    assert languages == {"zh-Hans"}
    assert not list(graph.subjects(KG.englishStatus, None)) and (GLOSSARY_SCHEME, DCTERMS.rights, None) not in graph
