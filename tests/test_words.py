"""Word boundaries: names never start or end inside a word of the text (sentences from the work reports)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.recognize.dictionary import DictionaryMatcher
from kg.recognize.doc import Doc
from kg.recognize.names import ORGANIZATION_RULE, PROGRAM_RULE
from kg.text.words import WordBoundaries, default_boundaries


def cuts(sentence: str, name: str) -> bool:
    start = sentence.index(name)
    return default_boundaries().cuts(sentence, start, start + len(name))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("社会融资规模平稳增长。", "稳增长"),  # 平稳 is a word (GWR 2015, 2018)
        ("加强军队和公安、国家安全部门建设。", "国家安全部"),  # 部门 (GWR 1993, 1997)
        ("要加强审计、监察部门的监督。", "监察部"),
        ("实施高等教育综合改革试点，优化学科结构。", "教育综合改革试点"),  # 高等教育 (GWR 2024)
        ("各级革命委员会是我国无产阶级专政的权力机构。", "级革命委员会"),  # 各级 (GWR 1978)
        ("总体要求是：高举旗帜。", "求是"),  # a magazine's name inside 要求是
        ("由于第一个五年计划的完成，我国工业有了基础。", "于第一个五年计划"),  # 由于 (GWR 1958, 1959)
        ("党政机关不再从事经商活动。", "事经商活动"),  # 从事 (GWR 1999, 2000)
    ],
)
def test_a_span_inside_a_word_cuts_it(sentence, name):
    assert cuts(sentence, name)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("会同工信部制定方案。", "工信部"),  # 同工 is a word, but 会同 binds tighter
        ("经国务院批准，设立试验区。", "国务院"),
        ("澎湃新闻记者：请问发言人。", "澎湃新闻"),  # the outlet ends inside the compound 新闻记者
        ("加快天然林保护工程建设。", "天然林保护工程"),  # … and a program before 工程建设
        ("推进京津冀协同发展。", "京津冀协同发展"),
        ("为企业和个人减税降费约1.3万亿元。", "减税降费"),
    ],
)
def test_a_name_between_words_stands(sentence, name):
    assert not cuts(sentence, name)


def test_the_matcher_tries_a_shorter_label_when_the_longest_cuts_a_word(mini_thesaurus):
    counts = {"平": 100, "稳": 100, "增": 100, "长": 100, "平稳": 1000, "增长": 1000, "稳增长": 10}
    matcher = DictionaryMatcher(mini_thesaurus, WordBoundaries.from_counts(counts))
    assert matcher(Doc.from_text("經濟平穩增長")).candidates == []
    assert [s.text for s in matcher(Doc.from_text("工業和信息化部、工信部")).candidates] == ["工業和信息化部", "工信部"]


def test_head_rules_keep_names_whole():
    text = "发展对外承包工程和劳务合作，加强国家安全部门建设，启动国家服务业综合改革试点。"
    doc = PROGRAM_RULE(ORGANIZATION_RULE(Doc.from_text(text)))
    assert [s.text for s in doc.candidates] == ["国家服务业综合改革试点"]


@given(st.text(alphabet="平稳增长国务院工信部会同和、。ab1 ", max_size=30), st.data())
def test_edges_at_the_ends_of_the_text_or_beside_non_han_characters_always_stand(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = default_boundaries()
    edges_free = all(
        at in (0, len(text)) or not ("\u4e00" <= text[at - 1] <= "\u9fff" and "\u4e00" <= text[at] <= "\u9fff")
        for at in (start, end)
    )
    if edges_free:
        assert not words.cuts(text, start, end)
    else:
        assert isinstance(words.cuts(text, start, end), bool)


def test_labels_with_quotes_inside_are_found_with_them_in_either_style():
    from kg.link.thesaurus import default_thesaurus
    from kg.recognize.dictionary import DictionaryMatcher

    matcher = DictionaryMatcher(default_thesaurus())
    text = "推进“两学一做”学习教育常态化，「兩學一做」學習教育，“十四五”时期。"
    found = [(s.text, s.label) for s in matcher(Doc.from_text(text)).candidates]
    assert ("“两学一做”学习教育", "PROGRAM") in found and ("「兩學一做」學習教育", "PROGRAM") in found
    assert all("时期" not in name for name, _ in found)  # a period is not part of the plan's formula
