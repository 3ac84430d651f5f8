"""Person names from credits, bylines, editor lines and titles, whatever the surname.

The lines are written for these tests in the forms press releases and
transcripts print them (the names are invented).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.recognize.doc import Doc
from kg.recognize.persons import _CREDITS, PersonRecognizer, is_name, looks_like_name
from kg.recognize.pipeline import extract
from kg.recognize.surnames import COMPOUND_SURNAMES, SURNAMES, has_surname
from kg.text.script import to_simplified


def persons(text: str) -> list[str]:
    """The PERSON candidates the recognizer proposes in ``text``, in order, as written."""
    doc = PersonRecognizer()(Doc.from_text(text))
    return [doc.text[s.start : s.end] for s in sorted(doc.candidates, key=lambda s: s.start)]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("國新辦舉行發佈會。中國網 宗曉超 攝\n", ["宗曉超"]),  # outlet, spaces, no brackets
        ("图为发布会现场。中国政府网 陈竞 摄", ["陈竞"]),  # at the end of the text
        ("大会发言人回答记者提问。新华社记者 高一洁 摄\n", ["高一洁"]),
        ("图为记者提问。新华网/中国政府网 翟子赫摄\n", ["翟子赫"]),  # no space before 摄
        ("会议现场。（新华社记者 李学然、鞠平 摄）", ["李学然", "鞠平"]),  # two photographers
        ("▼发言人答问。（图／记者任以芳攝）", ["任以芳"]),  # credit after 记者 and a slash
        ("记者会现场（中评社 海涵摄）", ["海涵"]),  # a rare surname, outlet inside the brackets
        ("(劉健 攝)", ["劉健"]),
        ("圖為工人在港口裝運化肥。唐克 攝(新華社發)\n", ["唐克"]),  # after the caption, before its agency
    ],
)
def test_photo_credits(line, names):
    assert persons(line) == names


def test_a_photo_being_taken_is_not_a_credit():
    assert persons("图为记者在现场拍摄\n") == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("人民网北京7月10日电 （记者 乔雪岭）10日，海关总署发布数据。", ["乔雪岭"]),
        ("新华社北京3月18日电(记者曹嘉玥、许可)外交部发言人答记者问。", ["曹嘉玥", "许可"]),
        ("本报北京5月6日电（记者 蔺若岚 訾明远）国务院新闻办今天举行发布会。", ["蔺若岚", "訾明远"]),
        ("（北京＝新华社记者／张玉薇）", ["张玉薇"]),
        ("本报记者 王冬梅\n", ["王冬梅"]),  # a byline line of its own
        ("红星新闻记者 胡伊文 吴阳 北京报道\n", ["胡伊文", "吴阳"]),  # the dateline is no name
        ("責任編輯:宋岩\n", ["宋岩"]),
        ("（责编：乔雪岭、刘阳）", ["乔雪岭", "刘阳"]),
        ("每经编辑 赵庆\n", ["赵庆"]),
    ],
)
def test_bylines_and_editor_lines(line, names):
    assert persons(line) == names


#: Texts shaped as credits, bylines and editor lines are (an opening, a word, names, a close), with other words
#: in the word's place and pieces of them around.
_CREDIT_SHAPED = st.tuples(
    st.sampled_from(["", "（", "(", "\n", "。", "本报", "新华社"]),
    st.sampled_from(["记者", "通讯员", "摄", "摄影", "责任编辑", "责编", "编辑", "编", "本报", "图为", ""]),
    st.sampled_from(["", " ", "：", "／", "　"]),
    st.sampled_from(["王冬梅", "乔雪岭、王冬梅", "王冬梅 乔雪岭"]),
    st.sampled_from(["", " ", "摄", " 摄", "编辑", "记者"]),
    st.sampled_from(["", "）", ")", "\n", "。"]),
).map("".join)


@settings(max_examples=500)
@given(st.lists(_CREDIT_SHAPED, min_size=1, max_size=3).map("".join))
def test_a_credit_pattern_matches_only_a_text_that_holds_a_word_it_needs(text):
    # the recognizer searches a text with a pattern only if it holds one of these words
    for pattern, needed in _CREDITS:
        assert pattern.search(text) is None or any(word in text for word in needed)


def test_an_anonymous_author_is_not_a_person():
    assert persons("作者：佚名\n") == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("国家统计局新闻发言人、国民经济综合统计司司长毛盛勇18日表示，经济运行平稳。", ["毛盛勇"]),
        ("国家统计局总经济师阚立平也出席了发布会。", ["阚立平"]),  # a rare surname
        ("海关总署综合统计司一级巡视员佘志宏介绍，加工贸易降幅收窄。", ["佘志宏"]),
        ("会上，综合司副司长冼卓然在回答提问时说。", ["冼卓然"]),
        ("外交部发言人毛宁主持例行记者会。", ["毛宁"]),  # a two-character name before 主持
        ("谢谢主持人。请毛盛勇司长发布。", ["毛盛勇"]),  # a name before a title, after 请
        ("感谢亓官文远副主任，", ["亓官文远"]),  # a compound surname
        ("李克強總理在近期主持召開座談會。", ["李克強"]),
        # before more of what people do (将, 从, 做, 除了 …); two characters only if they are no common word
        ("大会新闻发言人王国庆将向中外媒体介绍有关情况。", ["王国庆"]),
        ("大會發言人婁勤儉除了對流程進行說明。", ["婁勤儉"]),
        ("国务院秘书长罗干将对此作说明。", ["罗干"]),
        ("办公室主任王晨介绍2011年度各项工作进展情况。", ["王晨"]),
    ],
)
def test_names_next_to_titles(sentence, names):
    assert persons(sentence) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "感謝黃局長。",  # a bare surname with a title
        "剛才發言人簡單介紹了態勢。",  # a word after a title
        "时任国务院总理出席会议。",
        "加强食品药品安全监管，严厉查处长春长生公司等问题疫苗案件。",  # 处长 inside 查处长春
        "切实发挥职工代表大会、居民委员会和村民委员会的作用。",
        "谢谢主持人。",
        "周总理强调说，要坚持自力更生。",
        "中国高度赞赏联合国秘书长安南为和平解决争端所作的努力。",
        "我国和德意志民主共和国两国总理的会谈公报。",
        "同时，主任同时表示，将加大力度。",
        "副主任同时将出席会议，发言人简单介绍情况。",
    ],
)
def test_no_name_where_a_title_meets_an_ordinary_word(sentence):
    assert persons(sentence) == []


def test_a_title_known_to_the_thesaurus_is_no_name(mini_thesaurus):
    from kg.recognize.dictionary import DictionaryMatcher

    doc = DictionaryMatcher(mini_thesaurus)(Doc.from_text("工业和信息化部部长金壮龙出席。"))
    doc = PersonRecognizer()(doc)
    assert [s.text for s in doc.candidates if s.label == "PERSON"] == ["金壮龙"]


def test_persons_through_the_pipeline_traditional_news_story():
    text = (
        "新華社北京3月18日電（記者 訾明遠 宓芳）國家統計局新聞發言人、國民經濟綜合統計司司長冼卓然18日表示，"
        "前兩個月國民經濟運行總體平穩。冼卓然說，工業生產加快。國家統計局總經濟師闞立平也出席了發佈會。\n"
        "圖為發佈會現場。中國網 鄢春林 攝\n"
        "（責編：逄海燕、仝曉東）\n"
    )
    doc = extract(text, "news")
    found = [(s.start, s.end) for s in doc.ents if s.label == "PERSON"]
    expected = []
    for name in ("訾明遠", "宓芳", "冼卓然", "冼卓然", "闞立平", "鄢春林", "逄海燕", "仝曉東"):
        start = text.index(name, expected[-1][1] if expected else 0)
        expected.append((start, start + len(name)))
    assert found == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("黃利斌", True), ("歐陽修", True), ("訾明遠", True), ("亓官文遠", True), ("發言人", False), ("時任", False)],
)
def test_looks_like_name_knows_rare_surnames_and_keeps_out_words(name, expected):
    assert looks_like_name(to_simplified(name)) is expected


def test_a_heading_or_credit_name_needs_no_surname():
    assert is_name("乔布") and not has_surname("嘿嘿嘿")
    assert is_name("阿不都·热依木")  # a transcribed name
    assert not is_name("主持人") and not is_name("各位") and not is_name("女士们")


def test_the_inventory_is_complete_not_common():
    assert {"束", "蔺", "訾", "冼", "佘", "逄", "仝", "亓", "阚", "宓"} <= SURNAMES
    assert {"欧阳", "亓官", "司马", "东方", "上官"} <= COMPOUND_SURNAMES


_GIVEN = st.text(alphabet="明远若岚卓然春林海燕晓东志宏立平文", min_size=1, max_size=2)


@given(
    surname=st.sampled_from(sorted(SURNAMES)), given_name=_GIVEN, outlet=st.sampled_from(["中国网", "新华社记者", ""])
)
def test_any_credit_name_is_found_exactly(surname, given_name, outlet):
    name = surname + given_name
    text = f"图为发布会现场。{outlet} {name} 摄\n"
    start = text.index(f" {name} ") + 1
    doc = PersonRecognizer()(Doc.from_text(text))
    assert [(s.start, s.end) for s in doc.candidates] == [(start, start + len(name))]


def test_a_reporter_named_in_a_heading_is_a_person_and_the_turn_stays_the_outlets():
    text = "发言人王超主持记者会。\n中新社记者 梁晓辉：请问大会议程如何安排？\n王超：谢谢。\n"
    doc = extract(text, "reporter")
    assert [s.text for s in doc.ents if s.label == "PERSON"] == ["王超", "梁晓辉", "王超"]
    turn = doc.turns[0]
    assert (turn.speaker, turn.person, turn.reporter) == ("中新社记者 梁晓辉", None, True)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # names listed with a person the thesaurus knows are persons too (a leadership list, a delegation)
        ("出席座谈会的还有李强、王沪宁、蔡奇、丁薛祥等同志。", ["王沪宁", "蔡奇"]),
        ("揭批刘少奇、林彪、特别是“四人帮”的罪行。", ["林彪"]),  # 特别是 begins with a common word
    ],
)
def test_names_listed_with_a_known_person(text, names):
    found = [span.text for span in extract(text).ents if span.label == "PERSON"]
    assert [name for name in found if name in names] == names
    assert not {"特别是", "等同志"} & set(found)


def test_a_surname_and_title_that_are_one_word_have_no_name_before_them():
    assert persons("全国各族人民高举毛主席的伟大旗帜，周总理指出。") == []
