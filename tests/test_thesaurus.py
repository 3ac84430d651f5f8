"""Integrity checks for the curated bilingual SKOS thesaurus in ``ontology/thesaurus``."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache

import opencc
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.link.ids import FIGURE_ID_PREFIX
from kg.link.thesaurus import Concept, Thesaurus, local_id, thesaurus_files
from kg.rdf.namespaces import KG, KGC

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
        elif not cid.startswith(ID_PREFIX[category(iri)]) or cid.startswith(FIGURE_ID_PREFIX):
            problems.append((cid, category(iri)))  # a build's glossary leaves out concepts named like figures'
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
    assert th["org-gatt"].replaced_by == "org-wto"
    assert th["org-wto"].replaced_by is None


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
    from kg.link.thesaurus import default_thesaurus
    from kg.text.script import to_simplified

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


# ---------------------------------------------------------------- the annotation conventions (ANNOTATION.md)


def zh_forms_simplified(concept) -> set[str]:
    from kg.text.script import to_simplified

    return {to_simplified(form) for form in concept.zh_forms()}


def forms_where(keep: Callable[[Concept, str], bool]) -> list[tuple[str, str]]:
    """``(concept id, Simplified form)`` of every label of the thesaurus that ``keep`` keeps."""
    return [(c.id, form) for c in thesaurus().concepts.values() for form in zh_forms_simplified(c) if keep(c, form)]


def unquoted(form: str) -> str:
    return re.sub(r"[“”「」]", "", form)


def test_named_strategies_with_zhanlue_are_policy_and_without_it_slogan() -> None:
    """乡村振兴战略 is POLICY, 乡村振兴 SLOGAN: no label ending in 战略 outside POLICY, and the two are skos:related."""
    th = thesaurus()
    misplaced = forms_where(lambda c, form: form.endswith("战略") and c.category != "POLICY")
    assert misplaced == []
    unrelated = []
    for policy in (c for c in th.concepts.values() if c.category == "POLICY"):
        for form in zh_forms_simplified(policy):
            if not form.endswith("战略"):
                continue
            for bare in th.lookup(unquoted(form[: -len("战略")])):
                if bare.category == "SLOGAN" and (KGC[policy.id], SKOS.related, KGC[bare.id]) not in graph():
                    unrelated.append((policy.id, bare.id))
    assert unrelated == []


@pytest.mark.parametrize(
    ("bare", "strategy"),
    [
        ("乡村振兴", "乡村振兴战略"),
        ("创新驱动发展", "创新驱动发展战略"),
        ("京津冀协同发展", "京津冀协同发展战略"),
        ("西部大开发", "西部大开发战略"),
        ("制造强国", "制造强国战略"),
        ("走出去", "“走出去”战略"),
        ("军民融合", "军民融合发展战略"),
    ],
)
def test_strategy_pairs(bare: str, strategy: str) -> None:
    assert [c.category for c in thesaurus().lookup(bare)] == ["SLOGAN"]
    assert [c.category for c in thesaurus().lookup(strategy)] == ["POLICY"]


@pytest.mark.parametrize("bare", ["中部崛起", "东北振兴", "长江经济带发展", "区域协调发展战略"])
def test_regional_strategies_follow_the_zhanlue_rule(bare: str) -> None:
    expected = "POLICY" if bare.endswith("战略") else "SLOGAN"
    assert [c.category for c in thesaurus().lookup(bare)] == [expected]


CAMPAIGN_HEADS = ("攻坚战", "保卫战", "专项斗争", "学习教育", "主题教育", "试验区", "综合试点", "大督查")


def test_campaigns_battles_and_pilot_zones_are_programs() -> None:
    """…攻坚战, …保卫战, …专项斗争, …学习教育 and pilot zones are PROGRAM, whatever file they live in."""
    wrong = [
        (c.id, form, c.category)
        for c in thesaurus().concepts.values()
        for form in zh_forms_simplified(c)
        if form.endswith(CAMPAIGN_HEADS) and c.category not in ("PROGRAM", "POLICY", "ORG")
    ]
    assert wrong == []
    for form in ("三大攻坚战", "蓝天保卫战", "扫黑除恶专项斗争", "“两学一做”学习教育", "自由贸易试验区", "自贸试验区"):
        assert [c.category for c in thesaurus().lookup(form)] == ["PROGRAM"], form


#: What follows a formula without being part of it (稳中求进工作总基调, 中央八项规定精神, “三个代表”重要思想).
GENERIC_TAILS = (
    "工作总基调", "总基调", "总方针", "精神", "要求", "重要思想", "的理念", "理念", "思想", "总体布局", "战略布局",
    "奋斗目标", "目标", "问题", "改革", "制度", "管理制度", "体制", "政策", "建设", "倡议", "企业", "时期", "期间",
)  # fmt: skip


def test_slogan_and_program_labels_carry_no_generic_tail() -> None:
    """A label that is another label of the same concept plus a generic tail would put the tail inside mentions."""
    offending = []
    for concept in thesaurus().concepts.values():
        if concept.category not in ("SLOGAN", "PROGRAM"):
            continue
        forms = {unquoted(form) for form in zh_forms_simplified(concept)}
        for form in forms:
            if form.endswith(("精神", "总基调", "总方针", "时期", "期间")):
                offending.append((concept.id, form))
            for tail in GENERIC_TAILS:
                if form.endswith(tail) and form[: -len(tail)] in forms:
                    offending.append((concept.id, form))
    assert offending == []


#: Words that govern a formula or hold it (建设制造强国, 打好三大攻坚战, 全体人民共同富裕, 党的自我革命).
GOVERNING = re.compile(
    r"^(建设|加快|推进|推动|实施|全面实施|深入实施|坚持|坚定|增强|打好|打赢|共建|贯彻|落实|防止|不搞|一体推进|"
    r"稳步扩大|努力争取|实行|提高|使|全体人民|党的)"
)


#: Official names that begin with such a word: a document title and a campaign's own name.
OFFICIAL_NAMES = {"打赢蓝天保卫战三年行动计划", "党的群众路线教育实践活动", "建设有中国特色社会主义"}


def test_slogan_and_program_labels_start_with_no_governing_verb_or_holder() -> None:
    offending = forms_where(
        lambda c, form: (
            c.category in ("SLOGAN", "PROGRAM")
            and GOVERNING.match(unquoted(form)) is not None
            and form not in OFFICIAL_NAMES
        )
    )
    assert offending == []


#: Settled in ANNOTATION.md and the dev notes: stances, verb lists, stock phrases, metaphors in scare quotes.
NOT_SLOGANS = [
    "积极的财政政策", "稳健的货币政策", "适度宽松的货币政策", "更加积极的财政政策",
    "稳增长、调结构、推改革", "稳增长", "调结构", "去杠杆", "去产能", "惠民生", "防风险",
    "高质量发展", "改革开放", "生态文明建设", "自主创新", "又好又快发展", "社会主义市场经济", "依法治国",
    "党风廉政建设", "统筹发展和安全", "外防输入、内防反弹", "共商共建共享", "大水漫灌",
]  # fmt: skip


@pytest.mark.parametrize("form", NOT_SLOGANS)
def test_stances_verb_lists_and_stock_phrases_are_not_slogans(form: str) -> None:
    assert "SLOGAN" not in {c.category for c in thesaurus().lookup(form)}


@pytest.mark.parametrize(
    ("spelled_out", "concept_id"),
    [
        ("去产能、去库存、去杠杆、降成本、补短板", "slogan-five-tasks-2015"),
        ("稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期", "slogan-six-stabilities"),
        ("简政放权、放管结合、优化服务", "slogan-fangguanfu"),
    ],
)
def test_a_spelled_out_numbered_formula_shares_its_short_forms_concept(spelled_out: str, concept_id: str) -> None:
    assert [c.id for c in thesaurus().lookup(spelled_out)] == [concept_id]


def test_no_slogan_is_a_macro_policy_stance() -> None:
    stances = forms_where(lambda c, form: c.category == "SLOGAN" and form.endswith("政策"))
    assert stances == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # written in the form of the reports' sentences
        ("坚持稳中求进工作总基调，统筹推进各项工作。", [("SLOGAN", "稳中求进")]),
        ("大力实施乡村振兴战略，促进农民增收。", [("POLICY", "乡村振兴战略")]),
        ("加快建设制造强国，发展先进制造业。", [("SLOGAN", "制造强国")]),
        ("扎实推进京津冀协同发展和长江经济带发展。", [("SLOGAN", "京津冀协同发展"), ("SLOGAN", "长江经济带发展")]),
        ("继续打好三大攻坚战，巩固蓝天保卫战成果。", [("PROGRAM", "三大攻坚战"), ("PROGRAM", "蓝天保卫战")]),
        ("深入开展扫黑除恶专项斗争。", [("PROGRAM", "扫黑除恶专项斗争")]),
        ("严格落实中央八项规定精神。", [("POLICY", "中央八项规定")]),
        ("坚持去产能、去库存、去杠杆、降成本、补短板。", [("SLOGAN", "去产能、去库存、去杠杆、降成本、补短板")]),
    ],
)
def test_report_sentences_yield_the_conventional_spans(sentence: str, expected: list[tuple[str, str]]) -> None:
    from kg import extract

    found = [(span.label, span.text) for span in extract(sentence).ents if span.label != "FIGURE"]
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "继续实施积极的财政政策和稳健的货币政策。",
        "统筹稳增长、促改革、调结构、惠民生、防风险。",
        "推动高质量发展，坚定不移推进改革开放。",
    ],
)
def test_report_sentences_with_stances_and_verb_lists_yield_no_slogan(sentence: str) -> None:
    from kg import extract

    assert [span.text for span in extract(sentence).ents if span.label == "SLOGAN"] == []


# ---------------------------------------------------------------- international organizations and standing forums


def test_international_organizations_have_english_a_source_and_a_founding_year() -> None:
    path = next(p for p in thesaurus_files() if p.name == "organizations-international.ttl")
    g = Graph().parse(path, format="turtle")
    orgs = sorted(set(g.subjects(RDF.type, SKOS.Concept)))
    assert len(orgs) >= 70
    problems = []
    for iri in orgs:
        english = [lit for lit in g.objects(iri, SKOS.prefLabel) if isinstance(lit, Literal) and lit.language == "en"]
        source = g.value(iri, DCTERMS.source)
        if str(g.value(iri, KG.category)).rsplit("#", 1)[-1] != "ORG" or not english:
            problems.append((local_id(iri), "ORG with an English prefLabel"))
        if not (isinstance(source, URIRef) and str(source).startswith("http")):
            problems.append((local_id(iri), "source"))
        if g.value(iri, ns.SDO.foundingDate) is None:
            problems.append((local_id(iri), "founding year"))
    assert problems == []


@pytest.mark.parametrize(
    ("form", "concept_id"),
    [
        ("联合国", "org-un"),
        ("安理会", "org-unsc"),
        ("世卫组织", "org-who"),
        ("世贸组织", "org-wto"),
        ("WTO", "org-wto"),
        ("二十国集团", "org-g20"),
        ("亚太经合组织", "org-apec"),
        ("上合组织", "org-sco"),
        ("金砖国家", "org-brics"),
        ("東盟", "org-asean"),
        ("亚投行", "org-aiib"),
        ("金砖国家新开发银行", "org-ndb"),
        ("博鳌亚洲论坛", "org-bfa"),
        ("中非合作论坛", "org-focac"),
        ("中阿合作论坛", "org-casf"),
        ("澜湄合作", "org-lmc"),
        ("欧佩克", "org-opec"),
    ],
)
def test_international_short_forms(form: str, concept_id: str) -> None:
    assert [c.id for c in thesaurus().lookup(form)] == [concept_id]


def test_meetings_and_summits_are_not_organizations_but_the_organizations_inside_them_are() -> None:
    from kg import extract

    sentence = "举办博鳌亚洲论坛年会、上合组织青岛峰会，出席二十国集团领导人峰会、金砖国家领导人会晤和亚欧首脑会议。"
    orgs = [span.text for span in extract(sentence).ents if span.label == "ORG"]
    assert orgs == ["博鳌亚洲论坛", "上合组织", "二十国集团", "金砖国家"]
    for meeting in ("亚欧首脑会议", "二十国集团领导人峰会", "上合组织青岛峰会", "东亚峰会"):
        assert thesaurus().lookup(meeting) == []


# ---------------------------------------------------------- State Council bodies, public institutions, departments


@pytest.mark.parametrize(
    ("form", "concept_id"),
    [
        ("上交所", "org-sse"),
        ("北交所", "org-bse"),
        ("广州期货交易所", "org-gfex"),
        ("国开行", "org-cdb"),
        ("中国科协", "org-cast"),
        ("国家语委", "org-slc"),
        ("中国疾控中心", "org-china-cdc"),
        ("国铁集团", "org-china-railway"),
        ("大气环境司", "org-mee-air"),
        ("生态环境部大气环境司", "org-mee-air"),
        ("中国人民银行金融市场司", "org-pboc-market"),
        ("人民银行货币政策司", "org-pboc-monetary"),
        ("市场监管总局反垄断执法一司", "org-samr-antimonopoly1"),
        ("国家卫健委妇幼健康司", "org-nhc-maternal"),
        ("人社部养老保险司", "org-mohrss-pension"),
        ("外交部新闻司", "org-mfa-info"),
    ],
)
def test_bodies_and_departments_short_forms(form: str, concept_id: str) -> None:
    assert [c.id for c in thesaurus().lookup(form)] == [concept_id]


@pytest.mark.parametrize(
    "generic", ["办公厅", "法规司", "国际合作司", "人事司", "综合司", "新闻司", "宣传司", "财务司"]
)
def test_department_names_many_ministries_share_are_labels_only_with_their_ministry(generic: str) -> None:
    assert thesaurus().lookup(generic) == []


def test_a_department_written_with_its_ministry_is_one_name() -> None:
    from kg import extract

    doc = extract("生态环境部大气环境司负责人介绍情况，国家卫健委妇幼健康司司长回答提问。")
    assert [(span.label, span.text) for span in doc.ents] == [
        ("ORG", "生态环境部大气环境司"),
        ("ORG", "国家卫健委妇幼健康司"),
    ]


# ---------------------------------------------------------------- strategies, campaigns and programs of the reports


def test_action_plans_and_projects_are_programs() -> None:
    """ANNOTATION.md's PROGRAM heads: an action plan (…行动计划) or a project (…工程) is PROGRAM, not POLICY."""
    heads = ("行动计划", "工程")
    wrong = [
        (c.id, c.pref["zh-Hans"])
        for c in thesaurus().concepts.values()
        if re.sub(r"[（(][^）)]*[）)]$", "", c.pref["zh-Hans"]).endswith(heads) and c.category != "PROGRAM"
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("form", "category"),
    [
        ("兴边富民行动", "PROGRAM"),
        ("文化惠民工程", "PROGRAM"),
        ("国务院大督查", "PROGRAM"),
        ("党史学习教育", "PROGRAM"),
        ("国家自主创新示范区", "PROGRAM"),
        ("跨境电商综合试验区", "PROGRAM"),
        ("大气污染防治行动计划", "PROGRAM"),
        ("“互联网+”行动", "PROGRAM"),
        ("市场多元化战略", "POLICY"),
        ("区域发展总体战略", "POLICY"),
        ("区域全面经济伙伴关系协定", "POLICY"),
        ("RCEP", "POLICY"),
        ("以质取胜", "SLOGAN"),
        ("两基", "SLOGAN"),
        ("互联网+政务服务", "SLOGAN"),
    ],
)
def test_report_terms_are_typed_by_the_conventions(form: str, category: str) -> None:
    assert [c.category for c in thesaurus().lookup(form)] == [category]


def test_no_organization_label_names_a_class_of_departments() -> None:
    """工业和信息化部门 (the industry departments of every level) is a generic body, not the ministry's name."""
    generic = forms_where(lambda c, form: c.category == "ORG" and form.endswith("部门"))
    assert generic == []
