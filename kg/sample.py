"""A sample of fixed size out of any number of items, the same whatever order they come in.

A build sees documents in the order its workers finish them, and a corpus
may hold millions of them.  What the glossary keeps of each term (its
contexts, an indicator's figures, the documents that use it) must neither
grow with the corpus nor depend on that order.  :class:`Sample` keeps the
items whose keys hash lowest (a bottom-k sample): the same items in any
order keep the same ones, and as the hash has nothing to do with the keys,
those kept are spread over the whole corpus, not its first documents.
"""

from __future__ import annotations

import hashlib
import heapq
from typing import Generic, TypeVar

T = TypeVar("T")

#: How many of a term's contexts, of an indicator's figures and of the documents using a term the glossary keeps.
SAMPLE_SIZE = 100


class Sample(Generic[T]):
    """At most ``size`` of the items added, chosen by a hash of their keys, and how many were added.

    Most terms are used less than ``size`` times: their items are kept as
    they come, and keys are hashed only once a sample has more than it holds.
    """

    def __init__(self, size: int = SAMPLE_SIZE) -> None:
        if size < 1:
            raise ValueError(f"a sample holds at least one item, not {size}")
        self.size = size
        self.total = 0
        self._all: list[tuple[str, T]] | None = []  # every item, while there are no more than ``size``
        # then (-rank, key, number added before it, value): the root is the item of the highest rank, the first
        # to leave; the number keeps values from being compared if a key comes twice
        self._heap: list[tuple[int, str, int, T]] = []

    def add(self, key: str, value: T) -> T | None:
        """Count ``value`` and keep it if its ``key`` ranks among the ``size`` lowest so far; the value this
        leaves out (``value`` itself, or the one it replaces), if any.

        Each item's key must be distinct: an item added twice counts twice.
        """
        if self._all is not None:
            if len(self._all) < self.size:
                self._all.append((key, value))
                self.total += 1
                return None
            self._heap = [(-_rank(old), old, number, kept) for number, (old, kept) in enumerate(self._all)]
            heapq.heapify(self._heap)
            self._all = None
        entry = (-_rank(key), key, self.total, value)
        self.total += 1
        if entry[:2] <= self._heap[0][:2]:
            return value
        return heapq.heapreplace(self._heap, entry)[3]

    def merge(self, other: Sample[T]) -> list[T]:
        """Take in what ``other`` (a sample of other items) kept and counted, as if its items had been added
        here; the values this leaves out (of either sample).  A worker samples its partition's documents and the
        build merges the samples: the same items are kept as when every item is added to one sample."""
        left = [out for key, value in other._items() if (out := self.add(key, value)) is not None]
        self.total += other.total - len(other)
        return left

    def __len__(self) -> int:
        """How many items are kept."""
        return len(self._all) if self._all is not None else len(self._heap)

    def _items(self) -> list[tuple[str, T]]:
        """The items kept, with their keys."""
        if self._all is not None:
            return list(self._all)
        return [(key, value) for _, key, _, value in self._heap]

    def values(self) -> list[T]:
        """The items kept (in no particular order)."""
        return [value for _, value in self._items()]

    @property
    def cut(self) -> bool:
        """Whether some items were left out."""
        return self._all is None or self.total > len(self._all)  # merged, a list may hold fewer than counted


def _rank(key: str) -> int:
    """A stable hash of ``key`` (Python's own ``hash`` of a string changes from one process to the next)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
