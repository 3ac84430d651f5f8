"""The Simplified view keeps offsets: same length, same character class at each offset."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text.script import simplified_view, to_simplified, to_simplified_each

CJK_AND_MORE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("\n\t「」“”《》（）、，。"),
    ),
    max_size=200,
)


def test_traditional_forms_become_simplified():
    assert simplified_view("工業和信息化部于2021年") == "工业和信息化部于2021年"
    assert simplified_view("産業基礎再造工程") == "产业基础再造工程"


@given(CJK_AND_MORE)
def test_view_has_the_texts_length(text):
    assert len(simplified_view(text)) == len(text)


@given(CJK_AND_MORE)
def test_view_equals_whole_conversion_when_that_keeps_the_length(text):
    whole = to_simplified(text)
    if len(whole) == len(text):
        assert simplified_view(text) == whole


def test_a_line_whose_conversion_changes_length_is_converted_by_character(monkeypatch):
    import kg.text.script as script

    real = script.to_simplified

    def lengthening(text: str) -> str:
        # a conversion that lengthens any text holding 乾 (as a phrase table might)
        return real(text).replace("乾", "干干") if len(text) > 1 else real(text)

    monkeypatch.setattr(script, "to_simplified", lengthening)
    text = "乾隆年間\n國務院"
    view = script.simplified_view(text)
    assert len(view) == len(text)
    assert view.endswith("\n国务院")


#: Phrases OpenCC converts as wholes (乾隆 stays 乾, 頭髮 becomes 头发), and characters that are each a phrase's end.
PHRASES = st.lists(st.text(alphabet=st.sampled_from("乾隆皇帝頭髮發展後面干預著名 ·A"), max_size=6), max_size=6)


@given(PHRASES)
def test_texts_converted_together_are_each_converted_alone(texts):
    assert to_simplified_each(texts) == [to_simplified(text) for text in texts]


def test_texts_converted_together_must_hold_no_line_break():
    with pytest.raises(ValueError, match="line break"):
        to_simplified_each(["頭髮", "乾\n隆"])
