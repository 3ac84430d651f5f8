"""The knowledge graph of the dev transcript, built from its gold annotations.

The helpers at the top (``gold_doc``, ``fixture_thesaurus``, ``simple_doc``)
are imported by ``test_netx`` and ``test_glossary`` too.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS

from kg.link.ids import concept_iri, mint_concept_id
from kg.link.linker import Linker
from kg.link.thesaurus import Thesaurus
from kg.rdf.graph import build_graph
from kg.rdf.namespaces import KG, NAMESPACES, document_iri
from kg.rdf.sparql import select
from kg.recognize.doc import Doc, Figure, Span, Turn
from kg.text.script import simplified_view
from kg.text.sentences import split_sentences

DATA = Path(__file__).parent / "data" / "graph"
DEV_DATA = Path(__file__).parent / "data" / "dev"
DEV = "scio-2021-04-20-miit-q1"
ONTOLOGY = Path(__file__).parent.parent / "ontology" / "kg.ttl"
HUANG = "person-huang_libin"


def gold_id(concept: str | None) -> str | None:
    """Gold ids (``org:miit``) in the linker's shape (``org-miit``)."""
    return concept.replace(":", "-") if concept else None


@cache
def gold() -> dict:
    return json.loads((DEV_DATA / f"{DEV}.gold.json").read_text(encoding="utf-8"))


def gold_doc() -> Doc:
    """The dev transcript with its gold entities, figures and turns, as the pipeline would leave it."""
    text = (DEV_DATA / f"{DEV}.txt").read_text(encoding="utf-8-sig")
    data = gold()
    doc = Doc(text, simplified_view(text), id=DEV, sentences=split_sentences(text))
    doc.meta = {"title": text.splitlines()[3], "date": "2021-04-21", "url": "https://www.gov.cn/"}
    doc.ents = [Span(e["start"], e["end"], e["type"], e["text"], gold_id(e["concept"])) for e in data["entities"]]
    figure_concepts = {(s.start, s.end): s.concept for s in doc.ents if s.label == "FIGURE"}
    linker = Linker(fixture_thesaurus())
    doc.figures = [
        Figure(
            f["start"], f["end"], f["text"], f["value"], f["unit"], f["indicator"], f["period"],
            speaker=gold_id(f["speaker"]), concept=figure_concepts.get((f["start"], f["end"])),
            indicator_concept=linker.indicator_concept(f["indicator"]) if f["indicator"] else None,
        )
        for f in data["figures"]
    ]  # fmt: skip
    doc.turns = [_turn(text, t) for t in data["turns"]]
    return doc


def _turn(text: str, t: dict) -> Turn:
    heading_end = text.rfind(":", 0, t["start"]) + 1
    heading_start = text.rfind("\n", 0, heading_end) + 1
    return Turn(
        t["start"], t["end"], heading_start, heading_end, t["speaker"],
        gold_id(t["person"]), list(t["roles"]), gold_id(t["org"]),
    )  # fmt: skip


@cache
def fixture_thesaurus() -> Thesaurus:
    return Thesaurus.from_files([DATA / "thesaurus.ttl"])


def simple_doc(doc_id: str, text: str, mentions: list[tuple[str, str, str]]) -> Doc:
    """A Simplified doc whose mentions are ``(surface, label, concept)``, found left to right."""
    doc = Doc(text, simplified_view(text), id=doc_id, sentences=split_sentences(text))
    position = 0
    for surface, label, concept in mentions:
        start = text.index(surface, position)
        doc.ents.append(doc.span(start, start + len(surface), label, "test", concept))
        position = start + len(surface)
    return doc


@pytest.fixture(scope="module")
def dev_graph() -> Graph:
    return build_graph([gold_doc()], fixture_thesaurus())


def roundtrip(graph: Graph) -> Graph:
    return Graph().parse(data=graph.serialize(format="turtle"), format="turtle")


def test_turtle_round_trips(dev_graph: Graph) -> None:
    parsed = roundtrip(dev_graph)
    assert len(parsed) == len(dev_graph) > 3000
    assert set(parsed) == set(dev_graph)


def test_every_figure_of_huang_libin_has_its_indicator_and_period(dev_graph: Graph) -> None:
    rows = select(
        dev_graph,
        """SELECT ?begin ?value ?indicator ?period WHERE {
            ?obs a schema:Observation ; prov:wasAttributedTo ?speaker ; schema:value ?value ;
                 prov:wasDerivedFrom/nif:beginIndex ?begin .
            OPTIONAL { ?obs schema:variableMeasured/skos:prefLabel ?indicator
                       FILTER(langMatches(lang(?indicator), "zh-Hant")) }
            OPTIONAL { ?obs kg:period ?period }
        }""",
        speaker=concept_iri(HUANG),
    )
    found = {(r["begin"], r["value"], r["indicator"], r["period"]) for r in rows}
    expected = {
        (f["start"], Decimal(str(f["value"])), f["indicator"], f["period"])
        for f in gold()["figures"]
        if f["speaker"] == "person:huang_libin"
    }
    assert len(expected) == 46
    assert found == expected


def test_short_and_full_names_point_to_one_concept(dev_graph: Graph) -> None:
    rows = select(
        dev_graph,
        """SELECT DISTINCT ?concept ?en WHERE {
            ?m nif:anchorOf ?anchor ; itsrdf:taIdentRef ?concept .
            ?concept skos:prefLabel ?en FILTER(lang(?en) = "en")
            FILTER(?anchor IN ("工信部", "工業和信息化部"))
        }""",
    )
    assert rows == [{"concept": str(concept_iri("org-miit")), "en": "Ministry of Industry and Information Technology"}]


def test_concepts_have_at_most_one_pref_label_per_language(dev_graph: Graph) -> None:
    rows = select(
        dev_graph,
        """SELECT ?c ?lang (COUNT(?l) AS ?n) WHERE { ?c skos:prefLabel ?l BIND(lang(?l) AS ?lang) }
           GROUP BY ?c ?lang HAVING (COUNT(?l) > 1)""",
    )
    assert rows == []


def test_thesaurus_and_extracted_concepts_are_labelled_differently(dev_graph: Graph) -> None:
    miit = concept_iri("org-miit")
    assert dev_graph.value(miit, KG.englishStatus) == Literal("official")
    assert (miit, SKOS.altLabel, Literal("MIIT", lang="en")) in dev_graph
    assert dev_graph.value(miit, KG.category) == KG.ORG
    # the parent organization is described, though never mentioned under that id
    assert dev_graph.value(concept_iri("org-state_council"), SKOS.prefLabel) is not None
    assert (miit, ORG.subOrganizationOf, concept_iri("org-state_council")) in dev_graph
    minted = concept_iri("org-xinhua")  # not in the fixture thesaurus
    labels = {lit.language: str(lit) for lit in dev_graph.objects(minted, SKOS.prefLabel)}
    assert set(labels) == {"zh-Hans", "zh-Hant"}
    assert dev_graph.value(minted, KG.englishStatus) == Literal("missing")


def test_a_dissolved_body_links_to_its_successor_which_is_described() -> None:
    from rdflib.namespace import DCTERMS

    from kg.link.thesaurus import default_thesaurus

    doc = simple_doc("gatt", "中国申请恢复关贸总协定缔约国地位。", [("关贸总协定", "ORG", "org-gatt")])
    graph = build_graph([doc], default_thesaurus())
    wto = concept_iri("org-wto")
    assert (concept_iri("org-gatt"), DCTERMS.isReplacedBy, wto) in graph
    assert graph.value(wto, KG.category) == KG.ORG
    assert Literal("World Trade Organization", lang="en") in set(graph.objects(wto, SKOS.prefLabel))


def test_only_used_thesaurus_concepts_unless_asked(dev_graph: Graph) -> None:
    unused = concept_iri("policy-unused")
    assert (unused, RDF.type, SKOS.Concept) not in dev_graph
    full = build_graph([gold_doc()], fixture_thesaurus(), include_thesaurus=True)
    assert (unused, RDF.type, SKOS.Concept) in full


def test_indicator_comes_from_the_thesaurus_or_is_minted(dev_graph: Graph) -> None:
    rows = select(
        dev_graph,
        "SELECT DISTINCT ?indicator WHERE { ?obs schema:variableMeasured ?indicator }",
    )
    indicators = {r["indicator"] for r in rows}
    assert str(concept_iri("indicator-industrial_value_added")) in indicators
    assert str(concept_iri(mint_concept_id("INDICATOR", "電信業務總量"))) in indicators


def test_speaker_said_what_is_mentioned_in_their_turns(dev_graph: Graph) -> None:
    huang_turns = [(t["start"], t["end"]) for t in gold()["turns"] if t["person"] == "person:huang_libin"]
    expected = {
        str(concept_iri(gold_id(e["concept"])))
        for e in gold()["entities"]
        if e["type"] != "FIGURE" and any(s <= e["start"] < end for s, end in huang_turns)
    }
    rows = select(dev_graph, "SELECT ?term WHERE { ?speaker kg:said ?term }", speaker=concept_iri(HUANG))
    assert {r["term"] for r in rows} == expected


def test_memberships_are_w3c_org_posts(dev_graph: Graph) -> None:
    rows = select(
        dev_graph,
        """SELECT ?org ?role WHERE {
            ?m a org:Membership ; org:member ?person ; org:organization ?org ; org:role/skos:prefLabel ?role
            FILTER(lang(?role) = "zh-Hant")
        }""",
        person=concept_iri(HUANG),
    )
    assert {(r["org"], r["role"]) for r in rows} == {
        (str(concept_iri("org-miit")), "新聞發言人"),
        (str(concept_iri("org-miit")), "運行監測協調局局長"),
    }


def test_reporter_turn_is_associated_with_the_outlet(dev_graph: Graph) -> None:
    rows = select(
        dev_graph,
        "SELECT ?agent WHERE { ?turn a kg:Turn ; rdfs:label ?label ; prov:wasAssociatedWith ?agent }",
        label=Literal("經濟日報記者", lang="zh-Hant"),
    )
    assert rows == [{"agent": str(concept_iri("org-economic_daily"))}]


def test_mentions_are_nif_strings_of_the_document(dev_graph: Graph) -> None:
    doc = gold_doc()
    rows = select(
        dev_graph,
        "SELECT ?b ?e ?anchor WHERE { ?m a nif:Phrase ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor }",
    )
    assert len(rows) == len(doc.ents)
    assert all(doc.text[r["b"] : r["e"]] == r["anchor"] for r in rows)


def test_cooccurrence_is_counted_per_sentence_and_summed_over_documents() -> None:
    mentions = [
        ("工信部", "ORG", "org-miit"),
        ("国务院", "ORG", "org-state_council"),
        ("六稳", "SLOGAN", "slogan-six_stabilities"),
        ("3%", "FIGURE", "fig-1"),
        ("国务院", "ORG", "org-state_council"),
        ("六稳", "SLOGAN", "slogan-six_stabilities"),
        ("工信部", "ORG", "org-miit"),
    ]
    text = "工信部和国务院落实六稳,增长3%。国务院强调六稳。工信部说明。"
    docs = [simple_doc(name, text, mentions) for name in ("a", "b")]
    graph = build_graph(docs, fixture_thesaurus())
    rows = select(
        graph, "SELECT ?x ?y ?n WHERE { ?c a kg:Cooccurrence ; kg:term ?x, ?y ; kg:count ?n FILTER(STR(?x) < STR(?y)) }"
    )
    counts = {(r["x"].rsplit("/", 1)[-1], r["y"].rsplit("/", 1)[-1]): r["n"] for r in rows}
    assert counts == {
        ("org-miit", "org-state_council"): 2,
        ("org-miit", "slogan-six_stabilities"): 2,
        ("org-state_council", "slogan-six_stabilities"): 4,
    }


HOSTILE_ID = 'a>b "c"\\d\x00e #f <g>'
HOSTILE_TEXT = '他说:"=cmd|\' /C calc\'!A0"\\n\x00\x1b\x7f\u2028反斜杠\\结尾\n"""三引号"""。'


def hostile_doc() -> Doc:
    doc = simple_doc(HOSTILE_ID, HOSTILE_TEXT, [])
    for surface, label in (("\"=cmd|' /C calc'!A0\"\\n\x00", "POLICY"), ('"""三引号"""', "SLOGAN")):
        start = HOSTILE_TEXT.index(surface)
        doc.ents.append(doc.span(start, start + len(surface), label, "test", mint_concept_id(label, surface)))
    start = HOSTILE_TEXT.index("反斜杠")
    doc.figures.append(Figure(start, start + 3, "反斜杠", 1e16, '"%\\', 'x"\\y\x07', "一\n季度", speaker="person-某"))
    doc.turns.append(Turn(0, len(HOSTILE_TEXT), 0, 0, "记者\x00", None, ["角色\n>"], "org-renmin"))
    doc.meta = {"title": 'T"\\\x01', "date": "not a date", "url": 'http://example.org/a b"<>{}|\\^`'}
    return doc


def test_hostile_text_and_ids_still_reparse() -> None:
    graph = build_graph([hostile_doc()], fixture_thesaurus(), generated_at=datetime(2021, 4, 21, 10, 28))
    assert set(roundtrip(graph)) == set(graph)
    assert Literal(HOSTILE_TEXT) in set(graph.objects())
    (value,) = graph.objects(predicate=NAMESPACES["schema"]["value"])
    assert (str(value), value.toPython()) == ("10000000000000000.0", Decimal("1e16"))
    assert str(document_iri(HOSTILE_ID)).endswith("/a%3Eb%20%22c%22%5Cd%00e%20%23f%20%3Cg%3E")


def test_build_is_deterministic_and_timestamp_only_when_given() -> None:
    first = build_graph([gold_doc()], fixture_thesaurus())
    second = build_graph([gold_doc()], fixture_thesaurus())
    assert set(first) == set(second)
    assert not select(first, "SELECT ?t WHERE { ?run prov:endedAtTime ?t }")
    stamped = build_graph([gold_doc()], fixture_thesaurus(), generated_at=datetime(2021, 4, 21))
    assert len(select(stamped, "SELECT ?t WHERE { ?run a prov:Activity ; prov:used ?d ; prov:endedAtTime ?t }")) == 1


def test_ontology_declares_every_kg_term_used(dev_graph: Graph) -> None:
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    used = {t for triple in dev_graph for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    categories = {KG[c] for c in ("ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "FIGURE", "INDICATOR")}
    for term in used | categories | {KG.ambiguous, KG.hantException}:
        langs = {lit.language for lit in ontology.objects(term, RDFS.label)}
        assert {"en", "zh-Hans"} <= langs, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_a_minted_concept_is_labelled_without_reposting_noise() -> None:
    import kg

    doc = kg.extract("會同中國鋼鐵工業協(xié)會開展調研。", "noisy")
    (span,) = [s for s in doc.ents if s.label == "ORG"]
    assert "(xié)" in span.text
    graph = build_graph([doc])
    labels = {str(o) for o in graph.objects(concept_iri(span.concept), SKOS.prefLabel)}
    assert labels == {"中国钢铁工业协会", "中國鋼鐵工業協會"}


def test_usage_counts_equal_the_mentions_counted_one_by_one() -> None:
    import kg

    docs = [kg.extract("工信部表示,工信部和財政部將聯合開展。", "a"), kg.extract("工業和信息化部發佈通知。", "b")]
    graph = build_graph(docs)
    miit = concept_iri("org-miit")
    counted = select(graph, "SELECT (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?c }", c=miit)[0]["n"]
    assert counted == 3
    assert graph.value(miit, KG.mentionCount).toPython() == 3
    assert graph.value(miit, KG.documentCount).toPython() == 2
