"""Each recognizer alone, on sentences of real press releases and work reports."""

from __future__ import annotations

import pytest

from kg.recognize.anaphora import DocumentAnaphora
from kg.recognize.dictionary import DictionaryMatcher
from kg.recognize.doc import Doc
from kg.recognize.names import ORGANIZATION_RULE, PROGRAM_RULE
from kg.recognize.persons import PersonRecognizer, looks_like_name
from kg.recognize.propagate import NamePropagator
from kg.recognize.quotes import QuoteRecognizer, is_formula
from kg.recognize.titles import PlanNameRecognizer, TitleRecognizer


def found(doc: Doc, label: str | None = None) -> list[str]:
    return [s.text for s in doc.candidates if label is None or s.label == label]


def test_dictionary_matches_both_scripts_and_abbreviations(mini_thesaurus):
    doc = DictionaryMatcher(mini_thesaurus)(Doc.from_text("工業和信息化部、工信部與工业和信息化部;國務院新聞辦公室"))
    assert [(s.text, s.concept) for s in doc.candidates] == [
        ("工業和信息化部", "org-miit"),
        ("工信部", "org-miit"),
        ("工业和信息化部", "org-miit"),
        ("國務院新聞辦公室", "org-scio"),  # the longest label, not 國務院
    ]


def test_dictionary_skips_indicators_and_split_latin_words(mini_thesaurus):
    doc = DictionaryMatcher(mini_thesaurus)(Doc.from_text("製造業採購經理指數(PMI)為51.9%"))
    assert doc.candidates == []


def test_titles_are_policies_without_the_marks(mini_thesaurus):
    text = "抓好《保障中小企業款項支付條例》宣傳貫徹落實,對《指南》進行修改。"
    assert found(TitleRecognizer(mini_thesaurus)(Doc.from_text(text)), "POLICY") == ["保障中小企業款項支付條例", "指南"]


def test_five_year_plan_names_keep_their_quotes():
    text = (
        "在“十四五”規劃和2035年遠景目標綱要中,加快編制“十四五”促進中小企業發展規劃。"
        "正在編制“十四五”及中長期製造業發展相關規劃。"
    )
    assert found(PlanNameRecognizer()(Doc.from_text(text))) == [
        "“十四五”規劃和2035年遠景目標綱要",
        "“十四五”促進中小企業發展規劃",
    ]


@pytest.mark.parametrize("phrase", ["三穩", "兩個強國", "十四五", "321", "四个全面", "雙輪驅動、協同發展"])
def test_formula_shapes(phrase):
    assert is_formula(phrase)


@pytest.mark.parametrize("phrase", ["操作系統", "面對面", "守門人", "一鍵呼入", "數字鴻溝", "深入實施製造強國戰略"])
def test_scare_quotes_are_not_formulas(phrase):
    assert not is_formula(phrase)


def test_quotes_propose_known_and_formula_slogans_only(mini_thesaurus):
    text = "紮實做好“六穩”工作,形成“三穩”態勢,提供“面對面”服務,出臺“專精特新”支持政策。"
    assert found(QuoteRecognizer(mini_thesaurus)(Doc.from_text(text))) == ["六穩", "三穩", "專精特新"]


def test_organization_heads_stop_at_governing_words():
    text = "聯合教育部開展招聘活動,會同財政部和教育部印發通知。圖為國家能源局局長。幹部和全部人員。"
    assert found(ORGANIZATION_RULE(Doc.from_text(text))) == ["教育部", "財政部", "教育部", "國家能源局"]


def test_media_outlets_by_head():
    text = "中國財經報記者:\n人民郵電報記者:\n香港紫荊雜誌記者:\n公開通報319款。"
    assert found(ORGANIZATION_RULE(Doc.from_text(text))) == ["中國財經報", "人民郵電報", "香港紫荊雜誌"]


def test_program_names_from_verb_to_head():
    text = (
        "啟動實施工業互聯網創新發展三年行動計劃,組織開展第三批服務型製造示範遴選。"
        "實施製造業強鏈補鏈工程和産業基礎再造工程。"
        "開展行業不正當競爭的專項整治行動。聯合教育部開展2021年全國中小企業網上百日招聘高校畢業生活動。"
    )
    assert found(PROGRAM_RULE(Doc.from_text(text))) == [
        "工業互聯網創新發展三年行動計劃",
        "服務型製造示範",
        "製造業強鏈補鏈工程",
        "産業基礎再造工程",
    ]  # the recruitment drive is a named activity the thesaurus knows; "activities" alone are not campaigns


def test_head_rule_yields_to_a_thesaurus_name_ending_at_the_same_head(mini_thesaurus):
    doc = DictionaryMatcher(mini_thesaurus)(Doc.from_text("今天還有工業和信息化部新聞發言人"))
    assert found(ORGANIZATION_RULE(doc)) == ["工業和信息化部", "工業和信息化部"]


def test_persons_from_captions_titles_and_editor_line(make):
    text = (
        "圖為新聞發佈會現場。(劉健 攝)\n"
        "請運行監測協調局局長黃利斌,新聞發言人、信息通信管理局局長趙志國介紹情況。"
        "首先感謝你的提問,李克強總理在近期主持召開座談會。剛才發言人簡單介紹了態勢。感謝黃局長。\n"
        "責任編輯:宋岩\n"
    )
    assert found(PersonRecognizer()(make(text))) == ["劉健", "宋岩", "黃利斌", "趙志國", "李克強"]


def test_person_from_a_speaker_heading(make):
    doc = PersonRecognizer()(make("新聞發言人 邢慧娜:\n\n大家好。\n\n新華社記者:\n\n謝謝。\n"))
    assert [(s.text, s.source) for s in doc.candidates] == [("邢慧娜", "person")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("黃利斌", True), ("歐陽修", True), ("習近平", True), ("簡單", True), ("發言人", False), ("我們", False)],
)
def test_looks_like_name_is_about_surnames(name, expected):
    from kg.text.script import to_simplified

    assert looks_like_name(to_simplified(name)) is expected


def test_propagation_finds_unmarked_occurrences(mini_thesaurus):
    doc = Doc.from_text("培育“小巨人”企業。國家級小巨人企業1000余家。")
    doc = QuoteRecognizer(mini_thesaurus)(doc)
    assert found(doc) == []  # 小巨人 has no formula shape and is not in the mini thesaurus
    doc = Doc.from_text("形成“三穩”態勢,三穩態勢持續。")
    doc = NamePropagator()(QuoteRecognizer(mini_thesaurus)(doc))
    assert sorted((s.start, s.text, s.source) for s in doc.candidates) == [
        (3, "三穩", "propagated"),
        (3, "三穩", "quote"),
        (9, "三穩", "propagated"),
    ]


def test_bare_document_noun_refers_back_to_a_title():
    doc = PlanNameRecognizer()(
        Doc.from_text("在“十四五”規劃和2035年遠景目標綱要中作出部署。為貫徹落實綱要部署,各項規劃要落實。")
    )
    doc = DocumentAnaphora()(doc)
    assert [(s.text, s.source) for s in doc.candidates] == [
        ("“十四五”規劃和2035年遠景目標綱要", "plan"),
        ("綱要", "anaphor"),
    ]
