"""kg.text.taken: the ids taken answer as a set does, in memory or moved to SQLite."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.text.taken import TakenIds

#: Ids as a corpus gives them: stems (some not UTF-8: lone surrogates) and JSON Lines ids (any text).
_IDS = st.sampled_from(["a", "a-2", "\udce9", ""]) | st.text()


@given(st.lists(st.tuples(st.booleans(), _IDS)), st.integers(0, 5))
def test_taken_ids_answer_as_a_set_does_however_many_stay_in_memory(steps: list[tuple[bool, str]], bound: int) -> None:
    taken, expected = TakenIds(bound), set()
    for adding, doc_id in steps:
        if adding:
            taken.add(doc_id)
            expected.add(doc_id)
        assert (doc_id in taken) == (doc_id in expected)
        assert (doc_id + "x" in taken) == (doc_id + "x" in expected)
    assert taken.in_database == (len(expected) > bound)
    assert 1 not in taken  # an id is text
    taken.close()
    assert not any(doc_id in taken for _, doc_id in steps)
