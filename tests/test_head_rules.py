"""Program, policy and plan names found by their heads, each class checked on sentences of different reports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.recognize.doc import Doc
from kg.recognize.heads import Known
from kg.recognize.names import ORGANIZATION_RULE, POLICY_RULE, PROGRAM_RULE
from kg.recognize.titles import PlanNameRecognizer


def names(rule, text: str) -> list[str]:
    return [span.text for span in rule(Doc.from_text(text)).candidates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # campaigns and battles: 攻坚战, 保卫战, 专项斗争, 学习教育, 督查 (GWR 2016, 2019, 2021, 2024 forms)
        ("坚决打好国有企业提质增效攻坚战。", ["国有企业提质增效攻坚战"]),
        ("深入推进扫黑除恶专项斗争，依法开展集中打击和专项斗争。", ["扫黑除恶专项斗争"]),
        ("扎实开展党史学习教育。", ["党史学习教育"]),
        ("深入开展国务院大督查，强化督查。", ["国务院大督查"]),
        # a quoted part stays inside the name; an unpaired quote does not start one
        ("推进“两学一做”学习教育常态化制度化。", ["“两学一做”学习教育"]),
        ("认真开展“不忘初心、牢记使命”主题教育。", ["“不忘初心、牢记使命”主题教育"]),
        ("实施“放心消费行动”，加强监管。", ["放心消费行动"]),
        # names listed with 、 share one head; a part with a head of its own is a name of its own
        ("全面开展蓝天、碧水、净土保卫战。", ["蓝天、碧水、净土保卫战"]),
        ("在载人航天、探月工程、深海工程等领域取得成果。", ["载人航天、探月工程", "深海工程"]),
        ("加大对教育、文化、医疗卫生、保障性安居工程等方面的投入。", ["保障性安居工程"]),
        # a count is no content of a name
        (
            "启动了产业基地公共服务能力提升工程等六个专项行动，新开工建设36项重点工程。",
            ["产业基地公共服务能力提升工程"],
        ),
        # before a program's head, a verb phrase holding a governing word is a clause (GWR 1978)
        ("我们就有把握再经过三个五年计划的努力，发展对外承包工程。", []),
        # a leading modifier belongs to the name
        ("实施制造业重点产业链高质量发展行动，着力补齐短板。", ["制造业重点产业链高质量发展行动"]),
        # coordinated consumer programmes sharing a head (GWR 2009, 2010, 2024)
        ("完善家电、汽车以旧换新和汽车、摩托车下乡政策。", ["家电、汽车以旧换新", "汽车、摩托车下乡"]),
        ("鼓励和推动消费品以旧换新，组织知识青年上山下乡。", ["消费品以旧换新"]),
        # pejoratives in scare quotes are no programs, however they are governed
        ("切实防止出现“半拉子”工程，严禁搞面子工程、形象工程。", []),
        # "activities" are campaigns only when they are creation, education or practice drives
        ("广泛开展群众性精神文明创建活动，依法打击各类违法犯罪活动。", ["群众性精神文明创建活动"]),
    ],
)
def test_program_heads(text, expected):
    assert names(PROGRAM_RULE, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深入开展“安全生产月”活动，依法打击各类违法犯罪活动。", ["“安全生产月”活动"]),
        ("积极开展学校体育活动，广泛开展全民健身活动，严禁从事经商活动。", []),
    ],
)
def test_other_activities_are_campaigns_only_when_named_by_a_quoted_part(text, expected):
    assert names(PROGRAM_RULE, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # strategies named with 战略 (GWR 2003, 2009, 2012, 2014 forms); counts and other compounds are not names
        ("深入实施科教兴国战略和可持续发展战略。", ["科教兴国战略", "可持续发展战略"]),
        ("实施“走出去”战略，对外投资增加。", ["“走出去”战略"]),
        ("加大实施中部地区崛起战略的力度。", ["中部地区崛起战略"]),
        ("推进“一带一路”建设、京津冀协同发展、长江经济带发展三大战略。", []),
        ("发展战略性新兴产业，抓住战略机遇期，紧扣国家发展战略。", []),
        # documents named without 《》: action plans, outlines, regulations, agreements
        ("制定并有序实施三大攻坚战三年行动方案。", ["三大攻坚战三年行动方案"]),
        ("认真贯彻公民道德建设实施纲要。", ["公民道德建设实施纲要"]),
        ("推动区域全面经济伙伴关系协定签署，完成中欧投资协定谈判。", ["区域全面经济伙伴关系协定", "中欧投资协定"]),
        ("推动签署中国—东盟自贸区3.0版升级协定。", ["中国—东盟自贸区3.0版升级协定"]),
        ("发布对外承包工程管理条例，理顺对外投资管理。", ["对外承包工程管理条例"]),
        ("制定出台农村集体土地征收补偿条例。", ["农村集体土地征收补偿条例"]),
        ("国务院将逐项制定具体实施方案，通过这个协定。", []),
        ("实施好投向领域负面清单管理。", []),
        # named lists and catalogues (GWR 2009, 2012, 2017, 2019)
        ("全面实行市场准入负面清单制度，大幅压缩外资准入负面清单。", ["市场准入负面清单", "外资准入负面清单"]),
        ("修订外商投资产业指导目录，将药品纳入国家医保目录。", ["外商投资产业指导目录", "国家医保目录"]),
    ],
)
def test_policy_heads(text, expected):
    assert names(POLICY_RULE, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("顺利完成了“八五”计划，“十五”计划开局良好。", ["“八五”计划", "“十五”计划"]),
        ("由于第一个五年计划的完成，我们有了基础。", ["第一个五年计划"]),
        ("批准国民经济和社会发展第十一个五年规划纲要。", ["国民经济和社会发展第十一个五年规划纲要"]),
        ("“十五”计划期间，计划经济体制逐步退出。", []),
    ],
)
def test_plans_by_period_or_ordinal(text, expected):
    assert names(PlanNameRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # generic bodies of every level are no names; named ones are (CPC 19th report, GWR 1978 forms)
        ("完善人大专门委员会设置，支持人大、政府、政协和法院、检察院依法依章程履行职能。", []),
        ("发挥人大及其常委会的作用，优化人大常委会和专门委员会组成人员结构，全国人大常委会审议。", ["全国人大常委会"]),
        ("人民公安机关、检察机关和人民法院，是专政的工具。", ["人民法院"]),
        # a company by its registered name, not a kind of company
        ("起诉深圳市某某科技有限公司，规范上市公司、保险公司和信托公司。", ["深圳市某某科技有限公司"]),
        ("上海证券交易所和北京证券交易所发布通知。", ["上海证券交易所", "北京证券交易所"]),
        ("发挥好行业协会商会作用，中国汽车工业协会发布数据。", ["中国汽车工业协会"]),
        # a governing word that only begins a word of the name is no boundary (对 in 对外)
        ("中共中央对外宣传办公室、国务院新闻办公室主任介绍。", ["中共中央对外宣传办公室", "国务院新闻办公室"]),
        ("澎湃新闻报导，法新社记者提问。", []),
        # a unit written with its parent, whatever the parent (总部, 秘书处, 分行); provinces' branches are no name
        ("工商银行北京分行、东盟秘书处，各省、自治区、直辖市分行。", ["工商银行北京分行", "东盟秘书处"]),
    ],
)
def test_organization_heads(text, expected):
    assert names(ORGANIZATION_RULE, text) == expected


def test_a_known_name_and_a_conjunction_end_where_the_next_name_starts():
    from kg.link.thesaurus import default_thesaurus
    from kg.recognize.dictionary import DictionaryMatcher

    doc = DictionaryMatcher(default_thesaurus())(Doc.from_text("抓好国家科技重大专项和国家重点研发计划重点专项实施。"))
    assert [s.text for s in PROGRAM_RULE(doc).candidates if s.source == "program-head"] == ["国家重点研发计划"]


def test_a_unit_written_with_its_parent_starts_at_the_parent(mini_thesaurus):
    from kg.recognize.dictionary import DictionaryMatcher

    text = "國務院新聞辦公室第五十二次主任會議確定國務院新聞辦公室新聞局局長。今天還有國務院新聞辦公室。"
    doc = ORGANIZATION_RULE(DictionaryMatcher(mini_thesaurus)(Doc.from_text(text)))
    found = {s.text for s in doc.candidates if s.source == "org-head"}
    assert found == {"國務院新聞辦公室新聞局", "國務院新聞辦公室"}


@given(st.lists(st.integers(0, 40), max_size=30), st.integers(-1, 41), st.integers(-1, 41))
def test_the_known_names_ending_within_a_stretch_are_those_a_scan_finds(ends, start, stop):
    known = Known({end: [max(0, end - 2)] for end in ends}, sorted(set(ends)))
    assert sorted(known.ends_within(start, stop)) == sorted({end for end in ends if start < end < stop})
