"""Integrity checks for the curated bilingual SKOS thesaurus in ``ontology/thesaurus``."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import opencc
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.namespaces import KG, KGC
from kg.thesaurus import Thesaurus, local_id, thesaurus_files

DCTERMS, ORG, RDF, SKOS = ns.DCTERMS, ns.ORG, ns.RDF, ns.SKOS
CATEGORIES = {"ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "INDICATOR"}
ID_PREFIX = {
    "ORG": "org-",
    "PERSON": "person-",
    "POLICY": "policy-",
    "PROGRAM": "program-",
    "SLOGAN": "slogan-",
    "INDICATOR": "indicator-",
}
ID_RE = re.compile(r"[a-z]+-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
PREF_TAGS = ("zh-Hans", "zh-Hant", "en")


@cache
def graph() -> Graph:
    g = Graph()
    for path in thesaurus_files():
        g.parse(path, format="turtle")
    return g


@cache
def thesaurus() -> Thesaurus:
    return Thesaurus.from_files(thesaurus_files())


def concepts() -> list[URIRef]:
    return sorted(s for s in graph().subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))


def category(iri: URIRef) -> str:
    value = graph().value(iri, KG.category)
    assert value is not None, f"{iri} has no kg:category"
    return str(value).rsplit("#", 1)[-1]


def literals(iri: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in graph().objects(iri, predicate) if isinstance(o, Literal)]


def test_files_exist_and_parse_separately() -> None:
    files = thesaurus_files()
    names = {p.name for p in files}
    assert "scheme.ttl" in names
    assert len(files) >= 8
    for path in files:
        g = Graph()
        g.parse(path, format="turtle")
        assert len(g) > 0, path


def test_every_concept_has_the_three_preflabels_once() -> None:
    problems = []
    for iri in concepts():
        tags = Counter(lit.language for lit in literals(iri, SKOS.prefLabel))
        if any(tags[t] != 1 for t in PREF_TAGS) or set(tags) - set(PREF_TAGS):
            problems.append((local_id(iri), dict(tags)))
        for lit in literals(iri, SKOS.prefLabel):
            if not str(lit).strip() or str(lit) != str(lit).strip():
                problems.append((local_id(iri), f"blank or padded label {lit!r}"))
    assert not problems, problems[:20]


def test_every_concept_has_category_definition_source_and_scheme() -> None:
    problems = []
    for iri in concepts():
        cid = local_id(iri)
        cat = category(iri)
        if cat not in CATEGORIES:
            problems.append((cid, f"category {cat}"))
        defs = [d for d in literals(iri, SKOS.definition) if d.language == "en"]
        if len(defs) != 1 or not str(defs[0]).strip() or "\n" in str(defs[0]):
            problems.append((cid, "needs exactly one one-line en definition"))
        sources = list(graph().objects(iri, DCTERMS.source))
        if not sources or not all(isinstance(s, URIRef) and str(s).startswith("http") for s in sources):
            problems.append((cid, "needs a dcterms:source IRI"))
        if (iri, SKOS.inScheme, KGC.thesaurus) not in graph():
            problems.append((cid, "not in scheme"))
    assert not problems, problems[:20]


def test_ids_are_ascii_prefixed_and_unique_across_files() -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for path in thesaurus_files():
        g = Graph()
        g.parse(path, format="turtle")
        for iri in g.subjects(RDF.type, SKOS.Concept):
            cid = local_id(iri)
            if cid in seen:
                duplicates.append((cid, seen[cid], path.name))
            seen[cid] = path.name
    assert not duplicates, duplicates
    problems = []
    for iri in concepts():
        cid = local_id(iri)
        if not str(iri).startswith(str(KGC)) or not cid.isascii() or not ID_RE.fullmatch(cid):
            problems.append(cid)
        elif not cid.startswith(ID_PREFIX[category(iri)]):
            problems.append((cid, category(iri)))
    assert not problems, problems


def test_category_specific_types() -> None:
    problems = []
    for iri in concepts():
        cat = category(iri)
        types = set(graph().objects(iri, RDF.type))
        if cat == "ORG":
            if not types & {ORG.FormalOrganization, ORG.OrganizationalUnit}:
                problems.append((local_id(iri), "ORG needs an org: type"))
            if ORG.OrganizationalUnit in types and graph().value(iri, ORG.subOrganizationOf) is None:
                problems.append((local_id(iri), "unit without org:subOrganizationOf"))
        elif cat == "PERSON" and ns.SDO.Person not in types:
            problems.append((local_id(iri), "PERSON needs schema:Person"))
    assert not problems, problems


def test_links_point_to_known_concepts() -> None:
    known = set(concepts())
    problems = []
    for prop in (ORG.subOrganizationOf, ORG.memberOf, DCTERMS.isReplacedBy, DCTERMS.replaces):
        for s, o in graph().subject_objects(prop):
            if o not in known:
                problems.append((local_id(s), str(prop), str(o)))
    assert not problems, problems


def test_dates_are_gyears_in_order() -> None:
    problems = []
    for iri in concepts():
        dates = {}
        for prop in (ns.SDO.foundingDate, ns.SDO.dissolutionDate):
            value = graph().value(iri, prop)
            if value is None:
                continue
            if not isinstance(value, Literal) or value.datatype != ns.XSD.gYear:
                problems.append((local_id(iri), f"{prop} not xsd:gYear"))
                continue
            dates[prop] = int(str(value))
        if len(dates) == 2 and dates[ns.SDO.foundingDate] > dates[ns.SDO.dissolutionDate]:
            problems.append((local_id(iri), "founded after dissolution"))
        # a replaced formal body must say when it ended, unless it lives on as a nameplate
        replaced_open = (
            graph().value(iri, DCTERMS.isReplacedBy) is not None
            and ns.SDO.dissolutionDate not in dates
            and (iri, RDF.type, ORG.FormalOrganization) in graph()
        )
        if replaced_open and "nameplate" not in str(graph().value(iri, SKOS.definition)):
            problems.append((local_id(iri), "replaced without dissolution date"))
    assert not problems, problems


def test_shared_zh_labels_within_a_category_are_flagged_ambiguous() -> None:
    by_label: dict[tuple[str, str], set[str]] = defaultdict(set)
    th = thesaurus()
    for concept in th.concepts.values():
        for form in concept.zh_forms():
            by_label[(concept.category, form)].add(concept.id)
    problems = [
        (cat, form, sorted(ids))
        for (cat, form), ids in by_label.items()
        if len(ids) > 1 and not all(th[i].ambiguous for i in ids)
    ]
    assert not problems, problems


def test_zh_hant_preflabel_is_opencc_s2t_or_excepted() -> None:
    converter = opencc.OpenCC("s2t")
    problems = []
    for iri in concepts():
        pref = {lit.language: str(lit) for lit in literals(iri, SKOS.prefLabel)}
        if converter.convert(pref["zh-Hans"]) == pref["zh-Hant"]:
            continue
        reasons = [r for r in literals(iri, KG.hantException) if str(r).strip()]
        if not reasons:
            problems.append((local_id(iri), pref["zh-Hans"], pref["zh-Hant"]))
    assert not problems, problems


def test_zh_labels_look_chinese_and_en_labels_latin() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    problems = []
    for iri in concepts():
        for lit in literals(iri, SKOS.prefLabel):
            if lit.language.startswith("zh") and not han.search(str(lit)):
                problems.append((local_id(iri), str(lit)))
            if lit.language == "en" and han.search(str(lit)):
                problems.append((local_id(iri), str(lit)))
    assert not problems, problems


def test_loader_sees_every_concept() -> None:
    th = thesaurus()
    assert len(th) == len(concepts())
    assert th.lookup("工信部")[0].id == "org-miit"
    assert th.lookup("國新辦")[0].id == "org-scio"
    assert th["org-miit-omcb"].parent == "org-miit"
    assert th["org-cctv"].parent == "org-cmg"


@pytest.mark.parametrize(
    ("form", "concept_id"),
    [
        ("国务院新闻办", "org-scio"),
        ("发改委", "org-ndrc"),
        ("党中央", "org-cpc-cc"),
        ("央视", "org-cctv"),
        ("央广", "org-cnr"),
        ("六稳", "slogan-six-stabilities"),
        ("双碳", "slogan-dual-carbon"),
        ("十四五规划纲要", "policy-14th-fyp-outline"),
        ("PMI", "indicator-pmi"),
        ("黃利斌", "person-huang-libin"),
        ("华春莹", "person-hua-chunying"),
        ("工业互联网创新发展三年行动计划", "program-iiot-action-plan"),
        ("APP专项整治", "program-app-rights-campaign"),
        ("中小企業劃型標準", "policy-sme-size-standard"),
        ("5G应用“扬帆”行动计划", "program-5g-sailing"),
        ("移动电话普及率", "indicator-mobile-penetration"),
        # as transcripts on gov.cn write titles: ASCII parentheses, and the Traditional gateway's Taiwan words
        ("新能源汽车产业发展规划(2021—2035年)", "policy-nev-plan"),
        ("智慧網聯汽車生産企業及産品準入管理指南(試行)", "policy-icv-access-guide"),
        ("軟體業務收入", "indicator-software-revenue"),
    ],
)
def test_key_surface_forms(form: str, concept_id: str) -> None:
    assert concept_id in {c.id for c in thesaurus().lookup(form)}


def test_officials_belong_to_organizations() -> None:
    """Every official of persons-officials.ttl is org:memberOf an ORG concept: whose spokesperson is speaking."""
    g = Graph().parse(next(p for p in thesaurus_files() if p.name == "persons-officials.ttl"), format="turtle")
    people = set(g.subjects(RDF.type, ns.SDO.Person))
    assert len(people) >= 40
    th = thesaurus()
    orphans = [local_id(p) for p in people if not list(g.objects(p, ORG.memberOf))]
    not_orgs = [local_id(o) for o in g.objects(None, ORG.memberOf) if th[local_id(o)].category != "ORG"]
    assert (orphans, not_orgs) == ([], [])


def test_replacement_links_are_symmetric_enough() -> None:
    g = graph()
    ended = {s for s in g.subjects(ns.SDO.dissolutionDate, None)}
    missing = [local_id(s) for s in ended if g.value(s, DCTERMS.isReplacedBy) is None]
    # bodies simply abolished are rare; most have a successor
    assert len(missing) <= 3, missing


def test_counts() -> None:
    cats = Counter(category(iri) for iri in concepts())
    assert sum(cats.values()) >= 1000, cats
    assert cats["SLOGAN"] >= 200, cats
    assert cats["ORG"] >= 150, cats
    assert cats["PERSON"] >= 100, cats
    assert cats["POLICY"] >= 150, cats
    assert cats["PROGRAM"] >= 85, cats
    assert cats["INDICATOR"] >= 100, cats


def test_labels_are_names_not_phrases_around_names():
    """A label with a title (李克强总理) or a governing verb (实施…战略) would put them inside mentions."""
    from kg.script import to_simplified
    from kg.thesaurus import default_thesaurus

    title = re.compile(r"(总理|主席|总书记|书记|委员长|同志)$")
    verb = re.compile(r"^(加快构建|构建|加快建设|加快|全面推进|深入实施|实施|推进|推动|坚持|贯彻|落实)")
    offending = []
    for concept in default_thesaurus().concepts.values():
        forms = {to_simplified(form) for form in concept.zh_forms()}
        for form in forms:
            match = verb.match(form)
            if (concept.category == "PERSON" and title.search(form)) or (match and form[match.end() :] in forms):
                offending.append((concept.id, form))
    assert offending == []


def test_caption_credits_link_to_photographers_only_when_scio_prints_their_english() -> None:
    """劉健 is credited on SCIO's English pages ("Photo by Liu Jian/China SCIO"), 宋岩 on none that could be found."""
    from kg import extract

    doc = extract("圖為新聞發佈會現場。(劉健 攝)\n\n圖為記者提問。(宋岩 攝)\n")
    linked = {span.text: span.concept for span in doc.ents if span.label == "PERSON"}
    assert linked == {"劉健": "person-liu-jian-scio", "宋岩": "person-宋岩"}
    credited = thesaurus()["person-liu-jian-scio"]
    assert (credited.pref["en"], credited.english_status) == ("Liu Jian", "official")
    assert credited.source.startswith("http://english.scio.gov.cn/")
    assert "person-宋岩" not in thesaurus().concepts
