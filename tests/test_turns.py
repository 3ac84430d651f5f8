"""Speaker headings become turns with roles, organization and inherited roles."""

from __future__ import annotations

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
