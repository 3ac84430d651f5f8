"""JSON inlined in a page's script element: nothing inside can end the element or reorder the source."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from kg.export.inline import Streamed, script_json, script_json_chunks

FORBIDDEN = set("<>&\u2028\u2029\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@given(st.recursive(st.text() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
@example(["</script><!--", "a\u2028b\u2029", {"\u202eevil\u202c": "\u2066x\u2069\u200f"}])
def test_script_json_round_trips_without_markup_separators_or_bidi_controls(value: object) -> None:
    text = script_json(value)
    assert not FORBIDDEN & set(text)
    assert json.loads(text) == value


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=3), _JSON | st.lists(_JSON, max_size=7), max_size=5), st.integers(1, 3))
def test_the_json_in_pieces_is_the_escaped_json_of_the_whole(value, batch):
    whole = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    expected = "".join(f"\\u{ord(char):04x}" if char in FORBIDDEN else char for char in whole)
    assert "".join(script_json_chunks(value, batch)) == expected == script_json(value)


@given(st.dictionaries(st.text(max_size=3), st.lists(_JSON, max_size=7), max_size=5), st.integers(1, 3))
def test_a_streamed_list_is_written_as_the_list_it_makes(value, batch):
    streamed = {key: Streamed(lambda items=items: iter(items)) for key, items in value.items()}
    assert "".join(script_json_chunks(streamed, batch)) == script_json(value)
    assert streamed == value and all(isinstance(item, Streamed) for item in streamed.values())


@given(st.lists(st.integers(), max_size=7), st.booleans())
def test_a_streamed_list_is_as_long_as_what_it_makes_or_as_it_was_told(items, told):
    made: list[int] = []

    def make():
        made.append(1)
        return iter(items)

    streamed = Streamed(make, len(items) if told else None)
    assert len(streamed) == len(items) and len(made) == (0 if told else 1)  # told: nothing made to count
