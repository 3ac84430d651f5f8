"""A build's line a document: the same entries, in the corpus's order, whether they stay in memory or move to
SQLite, whatever order and batches they come in; and what the cache's index keeps of them."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.commands.build import _gone
from kg.corpus import Shards
from kg.entries import Entries, Entry, beside
from kg.spill import SpillError

#: Documents whose ids include what SQLite and Python must carry unchanged: quotes, NUL, astral characters.
ids = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
#: Shards' keys, few enough that a listing and the entries often agree on one.
keys = st.sampled_from(["k1", "k2", "k3"])


@st.composite
def corpora(draw: st.DrawFn) -> list[Entry]:
    names = draw(st.lists(ids, max_size=40))
    return [
        Entry(name, f"{rank:064x}", draw(st.integers(0, 10**12)), draw(st.integers(0, 10**12)), rank)
        for rank, name in enumerate(names)
    ]


@given(corpora(), st.integers(0, 10), st.integers(1, 7), st.randoms(use_true_random=False))
def test_entries_come_back_in_the_corpus_order_in_memory_or_moved_to_sqlite(
    corpus: list[Entry], in_memory: int, batch: int, shuffle: random.Random
) -> None:
    entries = Entries(in_memory)
    arriving = corpus[:]
    shuffle.shuffle(arriving)
    try:
        for start in range(0, len(arriving), batch):
            entries.add(arriving[start : start + batch])
        assert len(entries) == len(corpus)
        assert list(entries) == corpus == list(entries)  # read again: a build's activity reads them twice
        assert entries.in_database == (len(corpus) > in_memory)
    finally:
        entries.close()


def test_entries_taken_after_they_moved_to_sqlite_are_read_with_the_others() -> None:
    entries = Entries(2)
    entries.add(Entry(f"d{rank}", "k", 1, 1, rank) for rank in (5, 3, 4))
    assert entries.in_database
    entries.add([Entry("d0", "k", 1, 1, 0)])
    assert [entry.rank for entry in entries] == [0, 3, 4, 5]
    entries.add([Entry("d9", "k", 1, 1, 9), Entry("d1", "k", 1, 1, 1)])
    assert [entry.doc_id for entry in entries] == ["d0", "d1", "d3", "d4", "d5", "d9"] and len(entries) == 6
    entries.close()


def test_a_full_temporary_folder_is_one_line(full_temporary_folder) -> None:
    full_temporary_folder(2)
    entries = Entries(0)
    with pytest.raises(SpillError) as raised:
        entries.add(Entry(f"document {rank}" * 20, "k" * 64, 1, 1, rank) for rank in range(2000))
    assert "full" in str(raised.value) and "\n" not in str(raised.value)


def test_entries_closed_are_not_read_as_if_there_were_none() -> None:
    """A build once wrote its cache's index from entries closed with their database: an index of no document."""
    for in_memory in (0, 10):
        entries = Entries(in_memory)
        entries.add([Entry("a", "k", 1, 1, 0)])
        entries.close()
        for read in (list, Entries.by_id, Entries.keys):
            with pytest.raises(ValueError, match="closed"):
                read(entries)


@given(st.lists(ids, unique=True), st.lists(ids, unique=True))
def test_the_documents_gone_are_counted_from_both_sorted_lists_a_line_at_a_time(before: list[str], now: list[str]):
    entries = Entries()
    entries.add(Entry(doc_id, "k", 1, 1, rank) for rank, doc_id in enumerate(now))
    assert _gone(iter(sorted(before)), entries) == len(set(before) - set(now))


@given(st.dictionaries(ids, keys), st.dictionaries(ids, keys))
def test_a_listing_and_the_entries_are_compared_document_by_document_walking_both_sorted(held, now):
    entries = [Entry(doc_id, key, 1, 1, rank) for rank, (doc_id, key) in enumerate(sorted(now.items()))]
    compared = list(beside(sorted(held.items()), entries))
    assert [doc_id for doc_id, _, _ in compared] == sorted(held.keys() | now.keys())
    assert all(kept == held.get(doc_id) for doc_id, kept, _ in compared)
    assert all((entry.key if entry else None) == now.get(doc_id) for doc_id, _, entry in compared)


@given(st.lists(ids, unique=True))
def test_the_cache_index_gives_back_the_ids_it_was_given_after_its_first_line(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        shards = Shards(Path(folder))
        shards.commit(set(), {"inputs": {"files": "x"}, "documents": len(names)}, sorted(names))
        assert shards.index()["documents"] == len(names) and list(shards.indexed_ids()) == sorted(names)


def test_an_index_of_an_earlier_kg_is_no_index_and_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "index.json").write_text('{\n "version": 9,\n "documents": {"a": "k"}\n}\n', encoding="utf-8")
    shards = Shards(tmp_path)
    assert shards.index() == {} and list(shards.indexed_ids()) == []
    shards.commit(set(), {"documents": 1}, ["a"])
    assert [path.name for path in tmp_path.iterdir()] == ["index.jsonl"] and list(shards.indexed_ids()) == ["a"]
