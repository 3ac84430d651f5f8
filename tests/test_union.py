"""The union of documents' shared statements: the same lines, sorted, whether it stays in memory or moves to SQLite."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.union import SharedStatements

LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"

subjects = st.sampled_from(["<https://x/a>", "<https://x/b>", "_:b1", "_:b10"])
statements = st.one_of(
    st.builds(lambda s, o: f"{s} <https://x/p> {o} .", subjects, st.sampled_from(['"1"', "<https://x/o>", '"於"'])),
    st.builds(
        lambda s, text, lang: f'{s} {LABEL} "{text}"@{lang} .',
        subjects,
        st.sampled_from(["於是", "于是", "ab"]),
        st.sampled_from(["zh-Hans", "zh-hans", "zh-Hant", "en"]),
    ),
)
documents = st.lists(st.lists(statements, max_size=6), min_size=1, max_size=6)


def expected(texts: list[list[str]]) -> list[str]:
    """The union by its definition: every statement but prefLabels, and per subject and language (case
    folded) the prefLabel of the first document that gives one (its first), sorted."""
    plain, labels = set(), {}
    for text in texts:
        for line in text:
            subject, predicate, rest = line.split(" ", 2)
            if predicate == LABEL:
                labels.setdefault((subject, rest.rsplit("@", 1)[1].removesuffix(" .").lower()), line)
            else:
                plain.add(line)
    return sorted(f"{line}\n" for line in plain | set(labels.values()))


@given(documents, st.integers(0, 8), st.randoms(use_true_random=False))
def test_the_union_is_the_same_in_memory_or_moved_to_sqlite_whatever_order_documents_come_in(
    texts: list[list[str]], in_memory: int, shuffle: random.Random
) -> None:
    union = SharedStatements(in_memory)
    order = list(enumerate(texts))
    shuffle.shuffle(order)
    try:
        for rank, text in order:
            union.add("".join(f"{line}\n" for line in text) + "\n", rank)
        unordered = list(union.lines(ordered=False))  # as a store loads it, before anything has sorted it
        lines = list(union.lines())
        assert lines == expected(texts) and sorted(unordered) == lines
        assert len(union) == len(lines)
        assert list(union.lines()) == lines  # read again, as a build reads it for each output
    finally:
        union.close()


@given(documents, st.integers(0, 8), st.data())
def test_unions_of_parts_merged_are_the_union_of_the_whole(texts: list[list[str]], in_memory: int, data) -> None:
    """A worker gathers its partition's union in memory and the build merges it into its own, which may be in
    SQLite already; the parts come in any order."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(texts)), max_size=3)))
    parts = list(zip([0, *cuts], [*cuts, len(texts)], strict=True))
    union = SharedStatements(in_memory)
    try:
        for start, end in data.draw(st.permutations(parts)):
            part = SharedStatements(in_memory=10**9)
            for rank in range(start, end):
                part.add("".join(f"{line}\n" for line in texts[rank]), rank)
            union.merge(part)
        assert list(union.lines()) == expected(texts)
    finally:
        union.close()


def test_a_union_in_sqlite_is_not_merged_into_another() -> None:
    spilled, union = SharedStatements(in_memory=0), SharedStatements()
    try:
        spilled.add(f'<https://x/a> {LABEL} "于是"@zh-Hans .\n', 0)
        assert spilled.in_database
        with pytest.raises(ValueError, match="cannot be merged"):
            union.merge(spilled)
    finally:
        spilled.close()
