"""Draft English for unknown terms: thesaurus parts, regular name patterns, CC-CEDICT glosses and pinyin."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.export.cedict import ATTRIBUTION, Cedict, Entry, default_cedict
from kg.export.english import (
    Drafted,
    EnglishDrafter,
    default_drafter,
    draft_all,
    join_words,
    number_word,
    ordinal,
    title_case,
)
from tests.test_graph import fixture_thesaurus


@pytest.fixture(scope="module")
def draft() -> EnglishDrafter:
    """A drafter over the graph tests' small thesaurus, so only its six concepts count as known."""
    return EnglishDrafter(fixture_thesaurus(), default_cedict())


@pytest.mark.parametrize(
    ("name", "category", "english", "basis"),
    [
        # a label of a thesaurus concept, in either script, even an abbreviation
        ("工業和信息化部", "ORG", "Ministry of Industry and Information Technology", "thesaurus"),
        ("工信部", "ORG", "Ministry of Industry and Information Technology", "thesaurus"),
        # X部 → Ministry of X, with X glossed; 国家X局 → National X Administration
        ("商务部", "ORG", "Ministry of Commercial Affairs", "pattern X部; CC-CEDICT gloss"),
        ("國家數據局", "ORG", "National Data Administration", "pattern 国家X局; CC-CEDICT gloss"),
        # five-year plans by their quoted period, with or without the quotes
        ("“十四五”規劃", "POLICY", "14th Five-Year Plan", "pattern “N五”X规划"),
        ("十四五规划纲要", "POLICY", "Outline of the 14th Five-Year Plan", "pattern “N五”X规划"),
        ("“九五”计划", "POLICY", "9th Five-Year Plan", "pattern “N五”X规划"),
        # campaigns (the 2021 work report's)
        (
            "國企改革三年行動", "PROGRAM", "three-year campaign on state-owned enterprise reform",
            "pattern XN年行动; CC-CEDICT gloss",
        ),
        # the People's Republic prefix and a parenthesized qualifier
        (
            "中华人民共和国著作权法", "POLICY", "Copyright Law of the People's Republic of China",
            "pattern 中华人民共和国X; pattern X法; CC-CEDICT gloss",
        ),
        # a known part inside a gloss keeps its curated English; a few words have the sense names use
        ("六稳政策", "SLOGAN", "six stabilities policy", "thesaurus; CC-CEDICT gloss"),
        ("全国新能源汽车", "PROGRAM", "national new energy car", "name sense; CC-CEDICT gloss"),
        ("321", "SLOGAN", "321", "as written"),
        # indicators as statistical bulletins write them
        ("全国移动电话用户总数", "INDICATOR", "total number of national mobile telephone user",
         "pattern X总数; name sense; CC-CEDICT gloss"),
        ("铁矿石均价", "INDICATOR", "average price of iron ore", "pattern X均价; CC-CEDICT gloss"),
        # persons: surname first and read as one, compound surnames, an apostrophe where syllables would run together
        ("黃利斌", "PERSON", "Huang Libin", "pinyin (CC-CEDICT)"),
        ("欧阳明高", "PERSON", "Ouyang Minggao", "pinyin (CC-CEDICT)"),
        ("王西安", "PERSON", "Wang Xi'an", "pinyin (CC-CEDICT)"),
        ("曾培炎", "PERSON", "Zeng Peiyan", "pinyin (CC-CEDICT)"),  # 曾 as a surname, not ceng
        ("单霁翔", "PERSON", "Shan Jixiang", "pinyin (CC-CEDICT)"),
    ],
)  # fmt: skip
def test_drafts(draft: EnglishDrafter, name: str, category: str, english: str, basis: str) -> None:
    result = draft(name, category)
    assert (result.text, result.basis) == (english, basis)


def test_qualifiers_in_parentheses(draft: EnglishDrafter) -> None:
    guide = draft("汽车产品准入指南(試行)", "POLICY")
    assert guide.text.startswith("Guidelines for ") and guide.text.endswith(" (Trial)")
    plan = draft("新能源汽車産業發展規劃(2021—2035年)", "POLICY")
    assert plan.text == "New Energy Car Industry Development Plan (2021–2035)"
    assert draft("制造业经理指数(PMI)", "INDICATOR").text.endswith("(PMI)")


@pytest.mark.parametrize(
    ("name", "category", "reason"),
    [
        # what issue 15 saw as word salad: a count, a clause and unknown single characters
        ("8项行动", "PROGRAM", "项 is a single character with no reliable gloss"),
        ("用户实现了携号转网", "INDICATOR", "实现 is a verb ('to achieve'): a clause, not a name"),
        ("APP侵害用戶權益專項整治行動", "PROGRAM", "侵害 is a verb ('to encroach on'): a clause, not a name"),
        ("穩六穩", "SLOGAN", "稳 is a single character with no reliable gloss"),
        # and Chinese left in the English
        ("三北", "PROGRAM", "三北 has no usable CC-CEDICT sense"),
        ("紐約原油期貨", "INDICATOR", "期货 has no usable CC-CEDICT sense"),
        ("进口铁矿石均价", "INDICATOR", "进口 is a verb ('to import'): a clause, not a name"),
    ],
)  # fmt: skip
def test_no_draft_rather_than_word_salad(draft: EnglishDrafter, name: str, category: str, reason: str) -> None:
    result = draft(name, category)
    assert (result.text, result.basis, result.drafted) == ("", reason, False)


def test_a_hidden_label_is_drafted_as_if_unknown() -> None:
    from kg.export.english import default_drafter

    drafter = default_drafter()
    assert drafter("国家数据局", "ORG").basis == "thesaurus"
    blind = drafter("国家数据局", "ORG", hidden=frozenset({"国家数据局"}))
    assert (blind.text, blind.basis) == ("National Data Administration", "pattern 国家X局; CC-CEDICT gloss")


def test_the_bundled_thesaurus_knows_more() -> None:
    from kg.export.english import default_drafter

    assert default_drafter()("十四五规划", "POLICY").basis == "thesaurus"
    assert default_drafter()("国民经济和社会发展第十四个五年规划和2035年远景目标纲要（草案）", "POLICY").text == (
        "Outline of the 14th Five-Year Plan for National Economic and Social Development and the Long-Range "
        "Objectives Through the Year 2035 of the People's Republic of China (Draft)"
    )


_NAME = st.text(
    alphabet=st.sampled_from(
        "工业信息化部国家局专项行动规划十四五“”（）()、,·-=@ABC123\t\x00 黄利斌中华人民共和国法草案试行"
    ),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(_NAME, st.sampled_from(["ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "INDICATOR"]))
def test_any_name_gets_a_one_line_draft_that_says_how(draft: EnglishDrafter, name: str, category: str) -> None:
    result = draft(name, category)
    assert result.text == result.text.strip() and result.text.isprintable()
    assert result.basis and "\n" not in result.basis
    assert not re.search("[\u3400-\u9fff]", result.text)  # never Chinese in the English


def test_cedict_senses_are_short_translations() -> None:
    cedict = default_cedict()
    assert cedict.gloss("赋能") == "empower"  # "(neologism c. 2019) to empower"
    assert cedict.gloss("信息化") == "informatization"  # its explanation in parentheses is dropped
    assert cedict.gloss("和") == "and"  # variants and the surname He are passed over
    assert cedict.gloss("不是一个词") is None
    assert cedict.surname("黄") is not None and cedict.surname("利") is not None and cedict.surname("斌") is None
    assert cedict.reading("斌") == "bin"


_FIELD = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
_SENSES = st.lists(_FIELD, max_size=3).map(tuple)
_ENTRY = st.builds(Entry, st.sampled_from(["黄", "部", "工业"]), _FIELD, _FIELD, _SENSES)


@given(st.lists(_ENTRY, max_size=8))
def test_a_dictionary_gives_back_each_headwords_entries_as_given(entries: list[Entry]) -> None:
    cedict = Cedict(entries)
    for word in ("黄", "部", "工业"):
        given_entries = [entry for entry in entries if entry.simplified == word]
        assert cedict.lookup(word) == sorted(given_entries, key=lambda entry: entry.proper)
        assert (word in cedict) == bool(given_entries)


def test_a_dictionary_refuses_an_entry_holding_the_marks_it_packs_with() -> None:
    with pytest.raises(ValueError, match="control character"):
        Cedict([Entry("黄", "黃", "huang2", ("yellow\x1dgreen",))])


def test_a_dictionary_of_entries_prefers_common_words_to_names() -> None:
    cedict = Cedict(
        [
            Entry("黄", "黃", "Huang2", ("surname Huang",)),
            Entry("黄", "黃", "huang2", ("yellow", "pornographic")),
            Entry("部", "部", "bu4", ("CL:個|个[ge4]", "(bound form) ministry")),
        ]
    )
    assert [entry.proper for entry in cedict.lookup("黄")] == [False, True]
    assert (cedict.gloss("黄"), cedict.gloss("部"), cedict.reading("黄")) == ("yellow", "ministry", "huang")
    assert Entry("绿", "綠", "lu:4", ("green",)).syllables() == ["lü"]


def test_attribution_names_the_dictionary_and_its_licence() -> None:
    assert "CC-CEDICT" in ATTRIBUTION and "CC BY-SA 4.0" in ATTRIBUTION


@pytest.mark.parametrize(
    ("number", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                         (13, "13th"), (14, "14th"), (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th")],
)  # fmt: skip
def test_ordinals(number: int, text: str) -> None:
    assert ordinal(number) == text


def test_words_titles_and_spacing() -> None:
    assert (number_word(3), number_word(10), number_word(14)) == ("three", "ten", "14")
    assert title_case("ministry of industry and the Internet") == "Ministry of Industry and the Internet"
    assert title_case("of mice and men") == "Of Mice and Men"
    assert join_words(["“", "little", "giant", "”", "company", "、", "SME", "（", "PMI", "）"]) == (
        '"little giant" company, SME (PMI)'
    )


def test_drafts_made_ahead_are_the_drafts_made_when_asked() -> None:
    """A build drafts its unnamed concepts in a forked copy of itself (kg.export.english.draft_all); a name it
    did not foresee is drafted when asked, and both give what the default drafter gives."""
    names = [("商务部", "ORG"), ("黃利斌", "PERSON"), ("项", "PROGRAM")]
    made = draft_all(names[:2])
    drafted = Drafted(made)
    for name, category in names:
        assert drafted(name, category) == default_drafter()(name, category)
    assert set(made) == set(names[:2])
    assert drafted("项", "PROGRAM").text == "" and "single character" in drafted("项", "PROGRAM").basis


def test_a_document_reports_the_names_without_english_that_the_glossary_drafts(dev_doc) -> None:
    """What a build drafts ahead: the concepts the thesaurus lacks but figures, each by the zh-Hans prefLabel its
    glossary row is drafted from."""
    import io

    from kg.link.thesaurus import default_thesaurus
    from kg.rdf.document import write_document

    thesaurus = default_thesaurus()
    written = write_document(dev_doc, thesaurus, io.StringIO())
    minted = {cid: category for cid, category in written.categories.items() if cid not in thesaurus.concepts}
    labels = dict(re.findall(r'<[^>]*/concept/([^>]+)> <[^>]*prefLabel> "([^"]+)"@zh-Hans', written.shared))
    expected = {(labels[cid], category) for cid, category in minted.items() if category != "FIGURE"}
    assert written.unnamed and set(written.unnamed) == expected
