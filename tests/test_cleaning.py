"""kg.text.cleaning: reposting noise is cut from the recognizer's view, and offsets map back to the text as read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.recognize.pipeline import extract
from kg.text.cleaning import _HAN, _SYLLABLE, NOISE, Cut, clean

#: A repost of a MIIT press release as mirror sites serve it: pinyin glosses, a ticker widget, a zero-width space.
REPOST = (
    "工業(yè)和信息化部新聞發言人黃利斌表示，一季度工業機器人(19.920, -0.20, -0.99%)產量同比增長"
    "24.5%。國務院新聞辦\u200b公室舉行發佈會，重（zhòng）點推進“專精特新”中小企業發展。"
)


def test_pinyin_tickers_and_invisible_characters_are_cut() -> None:
    view = clean(REPOST)
    assert view.text == (
        "工業和信息化部新聞發言人黃利斌表示，一季度工業機器人產量同比增長24.5%。"
        "國務院新聞辦公室舉行發佈會，重點推進“專精特新”中小企業發展。"
    )
    assert [(REPOST[cut.start : cut.end], cut.kind) for cut in view.cuts] == [
        ("(yè)", "pinyin"),
        ("(19.920, -0.20, -0.99%)", "ticker"),
        ("\u200b", "invisible"),
        ("（zhòng）", "pinyin"),
    ]


def test_text_without_noise_is_its_own_view() -> None:
    text = "國內生產總值(GDP)增長(a)6.8%，指數為(101.2, 99.8)。Zhongguo (zhōngguó) 中國"
    view = clean(text)
    assert view.text is text and view.cuts == ()
    assert view.to_raw(3, 9) == (3, 9)


def test_several_syllables_and_full_width_brackets_are_one_gloss() -> None:
    raw = "中國（zhōng guó）製造，行(háng)業"
    view = clean(raw)
    assert view.text == "中國製造，行業"
    assert view.cuts == (Cut(2, 13, "pinyin"), Cut(17, 23, "pinyin"))
    assert [raw[cut.start : cut.end] for cut in view.cuts] == ["（zhōng guó）", "(háng)"]


def test_a_span_keeps_the_noise_inside_it_and_drops_the_noise_at_its_edges() -> None:
    view = clean(REPOST)
    miit = view.text.index("工業和信息化部")
    start, end = view.to_raw(miit, miit + 7)
    assert REPOST[start:end] == "工業(yè)和信息化部"
    robot = view.text.index("工業機器人")
    start, end = view.to_raw(robot, robot + 5)
    assert REPOST[start:end] == "工業機器人"  # the ticker after it is not part of it
    scio = view.text.index("國務院新聞辦公室")
    assert REPOST[slice(*view.to_raw(scio, scio + 8))] == "國務院新聞辦\u200b公室"


def test_empty_spans_stay_empty() -> None:
    view = clean("工業(yè)和")
    assert view.to_raw(2, 2) == (6, 6)  # at 和, after the gloss
    assert view.to_raw(0, 0) == (0, 0)
    assert view.to_raw(3, 3) == (7, 7)


def test_the_pipeline_recognizes_through_the_noise_and_answers_in_raw_offsets() -> None:
    doc = extract(REPOST, "repost")
    assert doc.text == REPOST
    found = {(span.text, span.label, span.concept) for span in doc.ents}
    assert ("工業(yè)和信息化部", "ORG", "org-miit") in found
    assert ("國務院新聞辦\u200b公室", "ORG", "org-scio") in found
    assert all(REPOST[span.start : span.end] == span.text for span in doc.ents)
    assert [(f.text, f.value, f.indicator) for f in doc.figures] == [("24.5%", 24.5, "工業機器人產量")]
    assert all(REPOST[f.start : f.end] == f.text for f in doc.figures)
    assert all(0 <= start < end <= len(REPOST) for start, end in doc.sentences)


def test_a_transcript_with_noise_keeps_its_turns_on_the_raw_text() -> None:
    text = "黃利斌：\n工業(yè)和信息化部將推進“專精特新”。\n新華社記者：\n請問工業(yè)和信息化部有何考慮？\n"
    doc = extract(text, "turns")
    assert [(turn.speaker, text[turn.start : turn.end]) for turn in doc.turns] == [
        ("黃利斌", "工業(yè)和信息化部將推進“專精特新”。"),
        ("新華社記者", "請問工業(yè)和信息化部有何考慮？"),
    ]
    assert [text[turn.heading_start : turn.heading_end] for turn in doc.turns] == ["黃利斌：", "新華社記者："]


_PIECES = st.sampled_from(
    [
        "工業",
        "和",
        "信息化部",
        "(yè)",
        "（zhòng）",
        "(19.920, -0.20, -0.99%)",
        "\u200b",
        "\ufeff",
        "(GDP)",
        "24.5%",
        "。",
    ]
)


@given(st.lists(_PIECES, max_size=12).map("".join), st.data())
def test_every_clean_span_maps_to_a_raw_slice_that_cleans_back_to_it(raw: str, data: st.DataObject) -> None:
    view = clean(raw)
    removed = "".join(raw[cut.start : cut.end] for cut in view.cuts)
    assert len(view.text) + len(removed) == len(raw)
    start = data.draw(st.integers(0, len(view.text)))
    end = data.draw(st.integers(start, len(view.text)))
    raw_start, raw_end = view.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
    inside = [cut for cut in view.cuts if raw_start <= cut.start and cut.end <= raw_end]
    kept = "".join(raw[i] for i in range(raw_start, raw_end) if not any(cut.start <= i < cut.end for cut in inside))
    assert kept == view.text[start:end]
    if start < end:  # a non-empty span starts and ends on characters the recognizer saw
        assert not any(cut.start <= raw_start < cut.end or cut.start < raw_end <= cut.end for cut in view.cuts)


#: The patterns that need a Han character before them, written the plain way, with the look behind first.
_PLAIN = {
    "pinyin": re.compile(rf"(?<=[{_HAN}])[(（] ?{_SYLLABLE}(?: {_SYLLABLE})* ?[)）]"),
    "linebreak": re.compile(rf"(?<=[{_HAN}])\r?\n[ \t\u3000]*(?=[{_HAN}])"),
}


#: What the two patterns look for and what stands around it: Han or not, brackets, syllables, line breaks.
_AROUND_NOISE = st.sampled_from(
    ["業", "a", "。", " ", "\u3000", "\r", "\n", "\r\n", "(yè)", "（zhòng guó）", "( yè )", "(GDP)"]
)


@settings(max_examples=1000)
@given(st.lists(_AROUND_NOISE, max_size=8).map("".join))
def test_the_patterns_that_look_back_match_what_their_plain_forms_match(raw: str) -> None:
    for kind, plain in _PLAIN.items():
        assert [m.span() for m in NOISE[kind].finditer(raw)] == [m.span() for m in plain.finditer(raw)]


#: A sentence-aligned bilingual transcript: each Chinese line followed by its English.
BILINGUAL = (
    "黃利斌：\n"
    "一季度，規模以上工業增加值同比增長24.5%。\n"
    "In the first quarter, industrial value added grew 24.5% year on year.\n"
    "我們將繼續做好“六穩”工作。\n"
    "We will keep ensuring stability on six fronts.\n"
    "新華社記者：\n"
    "Xinhua News Agency:\n"
    "請問工業和信息化部有何考慮？\n"
    "What does MIIT plan?\n"
)


def test_the_english_lines_of_a_bilingual_transcript_are_left_to_the_text() -> None:
    view = clean(BILINGUAL)
    assert [BILINGUAL[cut.start : cut.end] for cut in view.cuts if cut.kind == "latin"] == [
        "In the first quarter, industrial value added grew 24.5% year on year.",
        "We will keep ensuring stability on six fronts.",
        "Xinhua News Agency:",
        "What does MIIT plan?",
    ]
    assert view.text.count("\n") == BILINGUAL.count("\n")  # the lines stay lines
    doc = extract(BILINGUAL, "bilingual")
    assert [(f.text, f.indicator) for f in doc.figures] == [("24.5%", "規模以上工業增加值")]
    assert doc.figures[0].start == BILINGUAL.index("24.5%")  # the Chinese one, not its translation
    huang, reporter = doc.turns
    assert "In the first quarter" in BILINGUAL[huang.start : huang.end]  # inside a turn, the English stays in it
    assert BILINGUAL[reporter.start : reporter.end] == "請問工業和信息化部有何考慮？"
    assert {span.text for span in doc.ents} == {"黃利斌", "24.5%", "六穩", "新華社", "工業和信息化部"}


def test_a_line_with_any_chinese_is_kept_whole() -> None:
    text = "APP侵害用戶權益專項整治行動\n5G\nGDP增長6.8%\n2021-04-20 10:00\n"
    assert clean(text).text == text


@pytest.mark.parametrize(
    ("raw", "clean_text"),
    [
        ("政府工作报\n告\n", "政府工作报告\n"),  # a line break inside a word (the bundled 2021 report)
        ("政府工作報\n　　告", "政府工作報告"),  # either script, the next line's indent with it
        ("（二）加快建设创新型国家\n创新是引领发展的第一动力", "（二）加快建设创新型国家\n创新是引领发展的第一动力"),
        ("黄利斌:\n女士们", "黄利斌:\n女士们"),
        ("政府工作报\n\n告", "政府工作报\n\n告"),  # a blank line is a paragraph break
    ],
)
def test_a_line_break_is_cut_only_inside_a_word(raw, clean_text):
    view = clean(raw)
    assert view.text == clean_text
    for cut in view.cuts:
        assert raw[cut.start : cut.end].strip(" \t\u3000\r") == "\n"


def test_a_name_broken_over_two_lines_is_one_mention_of_the_text_as_read():
    raw = "2021年3月5日\n政府工作报\n告\n各位代表：国务院决定实施。"
    policy = next(span for span in extract(raw).ents if span.label == "POLICY")
    assert (policy.text, raw[policy.start : policy.end], policy.concept) == (
        "政府工作报\n告",
        "政府工作报\n告",
        "policy-gwr",
    )
