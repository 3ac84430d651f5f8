"""Sentence spans: inside the text, in order, never blank, never crossing a full stop."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.text.sentences import split_sentences


def test_splits_at_full_stops_and_lines():
    text = "一季度增長24.5%。前兩個月增長1.79倍!\n\n黃利斌:\n謝謝。"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "一季度增長24.5%。",
        "前兩個月增長1.79倍!",
        "黃利斌:",
        "謝謝。",
    ]


def test_semicolons_and_commas_do_not_split():
    text = "兩年平均增速是6.8%,環比增長2.01%;工業産能利用率達到77.2%。"
    assert split_sentences(text) == [(0, len(text))]


def test_closing_quote_stays_with_its_sentence():
    text = "他說:“要做好六穩。”然後離開。"
    assert [text[a:b] for a, b in split_sentences(text)] == ["他說:“要做好六穩。”", "然後離開。"]


@given(st.text(alphabet="國務院。!?\n “”a1 ", max_size=120))
def test_spans_are_ordered_disjoint_and_trimmed(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == "".join(text.split())


@given(st.text(alphabet="政策。！\n 。", max_size=60), st.data())
def test_sentence_of_is_the_sentence_holding_an_offset(text, data):
    from kg.recognize.doc import Doc

    doc = Doc.from_text(text)
    offset = data.draw(st.integers(0, max(len(text) - 1, 0)))
    holding = [(start, end) for start, end in doc.sentences if start <= offset < end]
    assert doc.sentence_of(offset) == (holding[0] if holding else (0, len(text)))
