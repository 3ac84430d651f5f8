"""Items a batch at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.batches import batched


@given(st.lists(st.integers(), max_size=30), st.integers(1, 7))
def test_batches_join_to_the_items_all_full_but_the_last(items, size):
    batches = list(batched(iter(items), size))
    assert [item for batch in batches for item in batch] == items
    assert all(len(batch) == size for batch in batches[:-1])
    assert all(0 < len(batch) <= size for batch in batches)
