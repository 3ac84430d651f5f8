"""Speaker headings become turns with roles, organization and inherited roles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

TRANSCRIPT = """國務院新聞辦公室于2021年4月20日舉行新聞發佈會。

國務院新聞辦新聞局副局長、新聞發言人 邢慧娜:

各位記者朋友們,大家下午好。

工業和信息化部新聞發言人、運行監測協調局局長 黃利斌:

一季度規模以上工業增加值同比增長24.5%。

邢慧娜:

下面大家可以提問。

中央廣播電視總臺央視記者:

請問工業經濟的發展趨勢?

黃利斌:

謝謝你的提問。

【我要糾錯】責任編輯:宋岩
"""


def test_each_heading_opens_a_turn(make):
    doc = make(TRANSCRIPT)
    assert [t.speaker for t in doc.turns] == ["邢慧娜", "黃利斌", "邢慧娜", "中央廣播電視總臺央視記者", "黃利斌"]
    assert [doc.text[t.start : t.end] for t in doc.turns] == [
        "各位記者朋友們,大家下午好。",
        "一季度規模以上工業增加值同比增長24.5%。",
        "下面大家可以提問。",
        "請問工業經濟的發展趨勢?",
        "謝謝你的提問。",  # the footer is not part of the last turn
    ]


def test_full_heading_gives_roles_and_the_leading_organization(make):
    first, second = make(TRANSCRIPT).turns[:2]
    assert first.roles == ["新聞局副局長", "新聞發言人"] and first.org == "org-scio"
    assert second.roles == ["新聞發言人", "運行監測協調局局長"] and second.org == "org-miit"


def test_short_heading_inherits_roles_and_org(make):
    turns = make(TRANSCRIPT).turns
    assert turns[2].roles == turns[0].roles and turns[2].org == "org-scio"
    assert turns[4].roles == turns[1].roles and turns[4].org == "org-miit"


def test_reporter_heading(make):
    reporter = make(TRANSCRIPT).turns[3]
    assert reporter.reporter and reporter.roles == ["記者"] and reporter.person is None


def test_prose_with_a_colon_is_not_a_heading(make):
    doc = make("遵循這一視角,下面我們共同分享一下一季度工業經濟運行的一些情況:\n\n一是主要指標保持在合理區間。\n")
    assert doc.turns == []


def test_heading_without_space_splits_name_after_the_title(make):
    doc = make("工業和信息化部新聞發言人黃利斌：\n\n謝謝。\n")
    assert [(t.speaker, t.roles, t.org) for t in doc.turns] == [("黃利斌", ["新聞發言人"], "org-miit")]


def test_gold_turns_of_the_dev_transcript(dev_doc, dev_gold):
    predicted = [(t.start, t.end, t.speaker, sorted(t.roles)) for t in dev_doc.turns]
    expected = [(t["start"], t["end"], t["speaker"], sorted(t["roles"])) for t in dev_gold["turns"]]
    assert predicted == expected


def test_an_address_to_the_audience_is_not_a_speaker(make):
    doc = make("各位代表：\n\n本届政府履行职责已经一年。\n")
    assert doc.turns == []


# Every heading style of the press-conference transcripts read for issue 12, in lines written for these tests.


def speakers(doc) -> list[tuple[str, list[str], str | None, str]]:
    """``(speaker, roles, org, first words said)`` of each turn."""
    return [(t.speaker, t.roles, t.org, doc.text[t.start : t.end][:4]) for t in doc.turns]


def test_a_name_alone_with_the_speech_on_its_line_vouched_by_the_lead(make):
    doc = make(
        "工業和信息化部新聞發言人黃利斌主持發佈會。\n黃利斌：女士們，下午好。\n法新社記者：請問增速如何？\n黃利斌：謝謝。\n"
    )
    assert speakers(doc) == [
        ("黃利斌", ["新聞發言人"], "org-miit", "女士們，"),
        ("法新社記者", ["記者"], None, "請問增速"),  # the mini thesaurus does not know 法新社: linking mints it
        ("黃利斌", ["新聞發言人"], "org-miit", "謝謝。"),
    ]


def test_a_name_alone_no_document_vouches_for_is_no_heading(make):
    doc = make("原煤：全年產量增長2.9%。\n水泥：全年產量下降0.7%。\n")
    assert doc.turns == []


def test_a_transcript_printed_on_one_line(make):
    doc = make(
        "國新辦今天舉行發佈會，工業和信息化部新聞發言人黃利斌介紹有關情況。文字實錄如下： "
        "黃利斌：各位記者朋友：大家好。下面請提問。 新華社記者：請問工業增速如何？ 黃利斌：一季度增長較快。"
    )
    assert [(s, r, o, w) for s, r, o, w in speakers(doc)] == [
        ("黃利斌", ["新聞發言人"], "org-miit", "各位記者"),  # 各位記者朋友： is an address, not a heading
        ("新華社記者", ["記者"], None, "請問工業"),
        ("黃利斌", ["新聞發言人"], "org-miit", "一季度增"),
    ]


def test_bracketed_headings_with_the_role_inside_and_without_colon(make):
    doc = make(
        "[工業和信息化部運行監測協調局局長 黃利斌]一季度工業增長較快。\n"
        "【中央廣播電視總臺央視記者】：請問趨勢如何？\n"
        "[黃利斌]總體向好。\n"
    )
    assert speakers(doc) == [
        ("黃利斌", ["運行監測協調局局長"], "org-miit", "一季度工"),
        ("中央廣播電視總臺央視記者", ["記者"], None, "請問趨勢"),
        ("黃利斌", ["運行監測協調局局長"], "org-miit", "總體向好"),
    ]


def test_roles_and_org_from_the_introduction_colleagues_share_the_org(make):
    doc = make(
        "國務院新聞辦公室舉行新聞發佈會，請工業和信息化部新聞發言人、運行監測協調局局長黃利斌，"
        "新聞發言人、信息通信管理局局長趙志國介紹情況，並答記者問。\n\n"
        "黃利斌：\n\n一季度工業增長較快。\n\n新華社記者：\n\n請問5G建設進展如何？\n\n趙志國：5G基站已超過80萬個。\n"
    )
    assert speakers(doc) == [
        ("黃利斌", ["新聞發言人", "運行監測協調局局長"], "org-miit", "一季度工"),
        ("新華社記者", ["記者"], None, "請問5G"),
        ("趙志國", ["新聞發言人", "信息通信管理局局長"], "org-miit", "5G基站"),
    ]


def test_roles_from_a_photo_caption(make):
    doc = make(
        "圖為工業和信息化部新聞發言人黃利斌。（徐想 攝）\n\n"
        "黃利斌：\n\n謝謝大家。\n\n香港紫荊雜誌記者：\n\n請問前景如何？\n"
    )
    assert speakers(doc)[0] == ("黃利斌", ["新聞發言人"], "org-miit", "謝謝大家")


def test_reporters_of_any_outlet_and_a_bare_reporter(make):
    doc = make(
        "主持人：請提問。\n彭博社記者：第一個問題。\n某某電視記者：第二個問題。\n《北京日報》記者：第三個問題。\n"
        "總臺CGTN記者：第四個問題。\n記者：第五個問題。\n"
    )
    assert [(t.speaker, t.reporter, t.roles) for t in doc.turns] == [
        ("主持人", False, ["主持人"]),
        ("彭博社記者", True, ["記者"]),
        ("某某電視記者", True, ["記者"]),
        ("《北京日報》記者", True, ["記者"]),
        ("總臺CGTN記者", True, ["記者"]),
        ("記者", True, ["記者"]),
    ]


def test_the_news_lead_before_the_transcript_has_no_turns(make):
    doc = make(
        "本報訊 黃利斌：一季度工業增長較快。這是記者今天從發佈會上獲悉的。以下為發佈會全文實錄：\n\n"
        "黃利斌：\n\n女士們、先生們，下午好。\n\n新華社記者：\n\n請問增速如何？\n"
    )
    assert [(t.speaker, doc.text[t.start : t.start + 4]) for t in doc.turns] == [
        ("黃利斌", "女士們、"),
        ("新華社記者", "請問增速"),
    ]


def test_the_host_with_and_without_a_name(make):
    doc = make(
        "主持人（國務院新聞辦新聞局副局長邢慧娜）：\n\n各位記者朋友，大家好。\n\n"
        "主持人 胡凱紅：今天的發佈會由我主持。\n\n主持人：\n\n發佈會到此結束。\n"
    )
    assert speakers(doc) == [
        ("邢慧娜", ["新聞局副局長", "主持人"], "org-scio", "各位記者"),
        ("胡凱紅", ["主持人"], None, "今天的發"),
        ("主持人", ["主持人"], None, "發佈會到"),
    ]


def test_questions_and_answers_when_the_lead_names_who_answers(make):
    doc = make("外交部發言人洪磊主持例行記者會。\n問：中方對此有何評論？\n答：我們注意到有關報道。\n")
    assert [(t.speaker, t.reporter, t.roles, doc.text[t.start : t.end]) for t in doc.turns] == [
        ("問", True, ["記者"], "中方對此有何評論？"),
        ("洪磊", False, ["外交部發言人"], "我們注意到有關報道。"),  # the mini thesaurus does not know 外交部
    ]


def test_questions_and_answers_with_no_answerer_named_are_an_interview_not_a_transcript(make):
    doc = make("國家發展改革委有關負責人答記者問\n問：出台措施的背景是什麼？\n答：民營經濟是重要力量。\n")
    assert doc.turns == []


def test_questions_answered_by_speakers_under_their_own_names(make):
    doc = make("外交部發言人趙立堅和華春瑩出席記者會。\n趙立堅：謝謝。\n問：中方有何評論？\n趙立堅：我們注意到了。\n")
    assert [(t.speaker, t.reporter) for t in doc.turns] == [("趙立堅", False), ("問", True), ("趙立堅", False)]


def test_the_time_stamps_of_a_live_transcript_are_not_said(make):
    doc = make(
        "主持人 曲衛國：\n大家上午好，請提問。\n2024-03-08 10:49:41\n"
        "中央廣播電視總臺記者：\n請問如何看待工業形勢？\n2024-03-08 11:39:02\n"
        "工業和信息化部部長 金壯龍：\n謝謝你的提問。[10:37]\n"
    )
    assert [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns] == [
        ("曲衛國", "大家上午好，請提問。"),
        ("中央廣播電視總臺記者", "請問如何看待工業形勢？"),
        ("金壯龍", "謝謝你的提問。"),
    ]


def test_a_role_alone_is_the_heading_of_the_one_person_the_text_names_in_it(make):
    doc = make(
        "以下是財政司司長曾俊華今日舉行記者會的答問全文：\n\n記者：司長，你好。請問有何措施？\n\n"
        "財政司司長：我先答這個問題。\n"
    )
    assert [(t.speaker, t.roles, doc.text[t.start : t.end]) for t in doc.turns] == [
        ("記者", ["記者"], "司長，你好。請問有何措施？"),
        ("曾俊華", ["財政司司長"], "我先答這個問題。"),
    ]


def test_a_role_alone_outside_a_transcript_is_no_heading(make):
    assert make("副部長：\n\n出席會議並講話。\n").turns == []


@pytest.mark.parametrize(
    "line",
    [
        "各位記者朋友：\n\n大家好。\n",  # an address
        "他指出：要堅持穩中求進。\n",  # a sentence ending in a colon
        "會議於15:00舉行。\n",  # a clock time
        "網址：http://www.gov.cn\n",  # a label and a web address
        "一是：優化發展環境。\n",  # a list label
        "毛主席說過：“實事求是。”\n",  # a title and a verb, run together
    ],
)
def test_colons_that_open_no_turn(make, line):
    assert make(line).turns == []


# Heading parsing and offsets, on transcripts built at random from the heading styles above.

#: What is said ends with a sentence, as it does before a heading in running text.
_SPEECH = st.text(alphabet="我們今年工業經濟增長較快，總體平穩。請問有何考慮？謝謝大家 ", max_size=30).map(
    lambda s: s.strip() + "。"
)
_NAMES = ("黃利斌", "趙志國", "邢慧娜")
_HEADINGS = {
    "full": lambda name: f"工業和信息化部新聞發言人 {name}：\n\n",
    "alone, own line": lambda name: f"{name}：\n\n",
    "alone, same line": lambda name: f"{name}：",
    "bracketed": lambda name: f"【{name}】",
    "bracketed, role inside": lambda name: f"[工業和信息化部運行監測協調局局長 {name}]",
}


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(_HEADINGS)), st.sampled_from(_NAMES), st.booleans(), _SPEECH),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["\n", "\n\n", " "]),
)
def test_random_transcripts_give_back_their_speakers_and_speech(mini_thesaurus, turns, separator):
    from kg.recognize.doc import Doc
    from kg.recognize.turns import TurnSegmenter

    # each name is introduced first by a full heading, as a transcript does, so that short headings are vouched for
    parts = [f"工業和信息化部新聞發言人 {name}：\n\n開場。\n" for name in _NAMES]
    expected = [(name, "開場。") for name in _NAMES]
    for style, name, reporter, speech in turns:
        heading = "新華社記者：" if reporter else _HEADINGS[style](name)
        parts.append(f"{heading}{speech.strip()}{separator}")
        expected.append(("新華社記者" if reporter else name, speech.strip()))
    text = "".join(parts)
    doc = TurnSegmenter(mini_thesaurus)(Doc.from_text(text))
    assert [(t.speaker, text[t.start : t.end]) for t in doc.turns] == expected
    for turn in doc.turns:
        heading = text[turn.heading_start : turn.heading_end]
        assert turn.heading_end <= turn.start and turn.speaker in heading
        assert heading not in text[turn.start : turn.end]


@given(st.text(alphabet="黃利斌記者主持人問答：:【】[]（）() \n。，、新聞發言人局長部工業和信息化", max_size=80))
def test_any_text_gives_turns_that_slice_it_in_order(mini_thesaurus, text):
    from kg.recognize.doc import Doc
    from kg.recognize.turns import TurnSegmenter

    doc = TurnSegmenter(mini_thesaurus)(Doc.from_text(text))
    previous_end = 0
    for turn in doc.turns:
        assert previous_end <= turn.heading_start < turn.heading_end <= turn.start < turn.end <= len(text)
        speech = text[turn.start : turn.end]
        assert speech == speech.strip()
        previous_end = turn.end


def test_a_reporters_outlet_is_an_organization_whatever_the_thesaurus_knows():
    from kg.recognize.pipeline import extract

    text = (
        "外交部发言人訾明远主持例行记者会。\n红星新闻记者：第一个问题。\n訾明远：谢谢。\n"
        "《北京日报》记者：第二个问题。\n訾明远：谢谢。\nCNN记者：第三个问题。\n訾明远：谢谢。\n"
        "香港中评社记者：第四个问题。\n"
    )
    doc = extract(text, "outlets")
    reporters = [t for t in doc.turns if t.reporter]
    outlets = [next(s for s in doc.ents if t.heading_start <= s.start < t.heading_end) for t in reporters]
    assert [(s.text, s.label) for s in outlets] == [
        ("红星新闻", "ORG"),
        ("北京日报", "ORG"),
        ("CNN", "ORG"),
        ("中评社", "ORG"),
    ]
    assert [t.org for t in reporters] == [s.concept for s in outlets]


def test_headings_without_colon_on_lines_of_their_own(make):
    doc = make(
        "主持人\n\n國務院新聞辦新聞局副局長、新聞發言人\n\n邢慧娜\n\n各位記者朋友，大家好。\n\n"
        "中央廣播電視總臺央視記者\n\n請問趨勢如何？\n\n"
        "工業和信息化部新聞發言人\n\n黃利斌\n\n總體向好。\n\n邢慧娜\n\n請繼續提問。\n"
    )
    assert speakers(doc) == [
        ("邢慧娜", ["新聞局副局長", "新聞發言人", "主持人"], "org-scio", "各位記者"),
        ("中央廣播電視總臺央視記者", ["記者"], None, "請問趨勢"),
        ("黃利斌", ["新聞發言人"], "org-miit", "總體向好"),
        ("邢慧娜", ["新聞局副局長", "新聞發言人", "主持人"], "org-scio", "請繼續提"),
    ]


def test_short_lines_of_prose_are_no_headings_without_a_transcript_around_them(make):
    doc = make("前言\n\n國務院新聞辦公室\n\n黃利斌\n\n一季度工業增長較快。\n\n新華社記者\n\n（完）\n")
    assert doc.turns == []


def test_the_dev_transcript_printed_on_one_line_gives_the_gold_turns(dev_text, dev_gold):
    """The page flattened to one line, as some mirrors serve it: headings are then found in running text."""
    from kg.recognize.pipeline import extract

    doc = extract(dev_text.replace("\n", " "), "one-line")
    assert [(t.start, t.speaker) for t in doc.turns] == [(t["start"], t["speaker"]) for t in dev_gold["turns"]]


_STYLES = {
    "bracketed, speech on its line": lambda label: f"[{label}]",
    "lenticular brackets and colon": lambda label: f"【{label}】：",
    "colon, speech on its line": lambda label: f"{label}：",
    "bullet": lambda label: f"▲{label}：",
    "no colon, one part a line": lambda label: label.replace(" ", "\n\n") + "\n\n",
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_the_dev_transcript_in_other_heading_styles_gives_the_gold_turns(dev_text, dev_gold, style):
    """Each heading of the page rewritten in a style other pages use: same speakers, roles and speech."""
    from kg.recognize.pipeline import extract

    text = dev_text
    for turn in reversed(dev_gold["turns"]):  # the heading line before each turn, colon and blank line included
        colon = text.rfind(":", 0, turn["start"])
        line_start = text.rfind("\n", 0, colon) + 1
        text = text[:line_start] + _STYLES[style](text[line_start:colon]) + text[turn["start"] :]
    doc = extract(text, style)
    found = [(t.speaker, sorted(t.roles), t.org, text[t.start : t.end]) for t in doc.turns]
    gold = [(t["speaker"], sorted(t["roles"]), dev_text[t["start"] : t["end"]]) for t in dev_gold["turns"]]
    assert [(speaker, roles, said) for speaker, roles, _, said in found] == gold
    assert [org for *_, org, _ in found] == [t.org for t in extract(dev_text, "dev").turns]
