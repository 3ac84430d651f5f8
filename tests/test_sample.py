"""The fixed-size sample the glossary keeps of long lists: the same items whatever the order, never more than
its size, and every item counted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.sample import Sample, _rank

keys = st.lists(st.text(min_size=1, max_size=12), unique=True, max_size=60)


@given(keys, st.integers(min_value=1, max_value=10), st.randoms(use_true_random=False))
def test_the_same_items_are_kept_in_any_order(items, size, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    first, second = Sample[str](size), Sample[str](size)
    left = [first.add(key, key) for key in items]
    for key in shuffled:
        second.add(key, key)
    kept = sorted(first.values())
    assert kept == sorted(second.values()) and first.total == second.total == len(items)
    assert sorted(kept) == sorted(sorted(items, key=lambda key: (_rank(key), key))[:size])
    # what leaves is what is not kept, each once: a caller can count references by it
    assert sorted([key for key in left if key is not None] + kept) == sorted(items)
    assert first.cut == (len(items) > size)


@given(keys, st.integers(min_value=1, max_value=10), st.data())
def test_samples_of_parts_merged_keep_what_one_sample_of_the_whole_keeps(items, size, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(items)), max_size=4)))
    parts = [items[start:end] for start, end in zip([0, *cuts], [*cuts, len(items)], strict=True)]
    whole, merged = Sample[str](size), Sample[str](size)
    for key in items:
        whole.add(key, key)
    left = []
    for part in parts:
        sample = Sample[str](size)
        left += [out for key in part if (out := sample.add(key, key)) is not None]
        left += merged.merge(sample)
    assert sorted(merged.values()) == sorted(whole.values()) and merged.total == whole.total == len(items)
    assert merged.cut == whole.cut == (len(items) > size)
    # each item left out once, in its part or in the merge: a caller can count references by it
    assert sorted(left + merged.values()) == sorted(items)


def test_a_sample_is_spread_over_its_items_not_their_start():
    sample = Sample[int](100)
    for number in range(10_000):
        sample.add(f"document-{number:05d}", number)
    kept = sample.values()
    assert len(kept) == 100 and sample.total == 10_000
    assert sum(number < 5_000 for number in kept) in range(30, 71)  # about half from each half of the corpus
