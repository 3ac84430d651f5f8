"""The Simplified view keeps offsets: same length, same character class at each offset."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.text.script import simplified_view, to_simplified

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
