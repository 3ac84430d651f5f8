"""JSON inlined in a page's script element: nothing inside can end the element or reorder the source."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from kg.export.inline import script_json


@given(st.recursive(st.text() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
@example(["</script><!--", "a\u2028b\u2029", {"\u202eevil\u202c": "\u2066x\u2069\u200f"}])
def test_script_json_round_trips_without_markup_separators_or_bidi_controls(value: object) -> None:
    text = script_json(value)
    forbidden = set("<>&\u2028\u2029\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert not forbidden & set(text)
    assert json.loads(text) == value
