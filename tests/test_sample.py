"""The fixed-size sample the glossary keeps of long lists: the same items whatever the order, never more than
its size, and every item counted."""

from __future__ import annotations

import json
import sys
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.sample import _SLACK, TEXTS, Codec, Sample, Samples, _rank

keys = st.lists(st.text(min_size=1, max_size=12), unique=True, max_size=60)


@given(keys, st.integers(min_value=1, max_value=10), st.randoms(use_true_random=False))
def test_the_same_items_are_kept_in_any_order(items, size, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    first, second = Sample[str](size), Sample[str](size)
    for key in items:
        first.add(key, key)
    for key in shuffled:
        second.add(key, key)
    kept = sorted(first.values())
    assert kept == sorted(second.values()) and first.total == second.total == len(items)
    assert sorted(kept) == sorted(sorted(items, key=lambda key: (_rank(key), key))[:size])
    assert first.cut == (len(items) > size)


@given(keys, st.integers(min_value=1, max_value=10), st.data())
def test_samples_of_parts_merged_keep_what_one_sample_of_the_whole_keeps(items, size, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(items)), max_size=4)))
    parts = [items[start:end] for start, end in zip([0, *cuts], [*cuts, len(items)], strict=True)]
    whole, merged = Sample[str](size), Sample[str](size)
    for key in items:
        whole.add(key, key)
    for part in parts:
        sample = Sample[str](size)
        for key in part:
            sample.add(key, key)
        merged.merge(sample)
    assert sorted(merged.values()) == sorted(whole.values()) and merged.total == whole.total == len(items)
    assert merged.cut == whole.cut == (len(items) > size)


def test_a_sample_is_spread_over_its_items_not_their_start():
    sample = Sample[int](100)
    for number in range(10_000):
        sample.add(f"document-{number:05d}", number)
    kept = sample.values()
    assert len(kept) == 100 and sample.total == 10_000
    assert sum(number < 5_000 for number in kept) in range(30, 71)  # about half from each half of the corpus


#: Items of a test: (document, key), given back in their documents' order.
_PAIRS = Codec[tuple[str, str]](
    order=lambda item: item[0],
    encode=lambda item: json.dumps(item).encode("ascii"),
    decode=lambda data: tuple(json.loads(data)),
)
#: (group, document, key): keys unique, any text (lone surrogates too) in each.
grouped = st.lists(
    st.tuples(st.sampled_from("abc"), st.text(max_size=3), st.text(min_size=1, max_size=8)),
    unique_by=lambda item: item[2],
    max_size=80,
)


def _one_sample_each(items, size: int) -> tuple[dict[str, tuple[int, bool]], list[tuple[str, tuple[str, str]]]]:
    samples: dict[str, Sample[tuple[str, str]]] = {}
    for group, document, key in items:
        samples.setdefault(group, Sample(size)).add(key, (document, key))
    kept = sorted((group, value) for group, sample in samples.items() for value in sample.values())
    return {group: (sample.total, sample.cut) for group, sample in samples.items()}, kept


def _given_back(samples: Samples[tuple[str, str]]) -> tuple[dict[str, tuple[int, bool]], list]:
    items = list(samples.items())
    documents = [value[0] for _, value in items]
    assert documents == sorted(documents)  # in their documents' order, in memory or in SQLite
    totals = samples.totals()
    for group, (total, _) in totals.items():  # and a group at a time
        count, values = samples.group(group)
        assert count == total and sorted(values) == sorted(value for kept, value in items if kept == group)
        assert [value[0] for value in values] == sorted(value[0] for value in values)
    assert samples.group("no such group") == (0, [])
    return totals, sorted(items)


@given(grouped, st.integers(1, 6), st.integers(0, 30), st.integers(1, 7))
def test_samples_of_many_groups_keep_in_sqlite_what_each_groups_sample_keeps(items, size, bound, batch):
    samples = Samples(_PAIRS, size, in_memory=bound)
    with patch("kg.sample._BATCH", batch):
        for group, document, key in items:
            samples.add(group, key, (document, key))
        expected = _one_sample_each(items, size)
        assert samples.in_database == (bound < len(expected[1]))  # past the bound of items held
        assert _given_back(samples) == expected
    samples.close()


@given(grouped, st.integers(1, 6), st.integers(0, 30), st.integers(1, 3))
def test_ties_in_rank_are_broken_in_sqlite_as_in_memory(items, size, bound, ranks):
    # keys whose hashes tie are all but impossible: a hash of one to three values makes ties of most keys
    with patch("kg.sample._rank", lambda key: len(key) % ranks), patch("kg.sample._BATCH", 2):
        samples = Samples(_PAIRS, size, in_memory=bound)
        for group, document, key in items:
            samples.add(group, key, (document, key))
        assert _given_back(samples) == _one_sample_each(items, size)
    samples.close()


@given(grouped, st.integers(1, 6), st.integers(0, 30), st.data())
def test_samples_of_partitions_merged_into_samples_in_sqlite_keep_what_the_whole_keeps(items, size, bound, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(items)), max_size=4)))
    merged = Samples(_PAIRS, size, in_memory=bound)
    with patch("kg.sample._BATCH", 3):
        for start, end in zip([0, *cuts], [*cuts, len(items)], strict=True):
            part = Samples(_PAIRS, size, in_memory=sys.maxsize)
            for group, document, key in items[start:end]:
                part.add(group, key, (document, key))
            merged.merge(part)
        assert _given_back(merged) == _one_sample_each(items, size)
    merged.close()


def test_samples_in_sqlite_are_not_merged_into_others():
    spilled = Samples(_PAIRS, 2, in_memory=0)
    spilled.add("a", "key", ("doc", "key"))
    with pytest.raises(ValueError, match="held in memory"):
        Samples(_PAIRS, 2).merge(spilled)
    spilled.close()


def test_a_sample_in_sqlite_is_cut_back_as_it_grows_not_only_when_read():
    samples = Samples(TEXTS, 5, in_memory=0)
    keys = [f"document-{number:04d}" for number in range(1_000)]
    held = []
    with patch("kg.sample._BATCH", 1):
        for key in keys:
            samples.add("term", key, key)
            held.extend(samples._database.rows("SELECT count(*) FROM kept"))
    assert max(held) == (_SLACK * samples.size - 1,)  # of the items offered: one more, and it is cut back
    assert samples.group("term") == (1_000, sorted(sorted(keys, key=lambda key: (_rank(key), key))[:5]))
    samples.close()
