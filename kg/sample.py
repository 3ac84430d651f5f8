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
    """At most ``size`` of the items added, chosen by a hash of their keys, and how many were added."""

    def __init__(self, size: int = SAMPLE_SIZE) -> None:
        if size < 1:
            raise ValueError(f"a sample holds at least one item, not {size}")
        self.size = size
        self.total = 0
        # (-rank, key, number added before it, value): the root is the item of the highest rank, the first to
        # leave; the number keeps values from being compared if a key comes twice
        self._heap: list[tuple[int, str, int, T]] = []

    def add(self, key: str, value: T) -> T | None:
        """Count ``value`` and keep it if its ``key`` ranks among the ``size`` lowest so far; the value this
        leaves out (``value`` itself, or the one it replaces), if any.

        Each item's key must be distinct: an item added twice counts twice.
        """
        entry = (-_rank(key), key, self.total, value)
        self.total += 1
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
            return None
        if entry[:2] <= self._heap[0][:2]:
            return value
        return heapq.heapreplace(self._heap, entry)[3]

    def items(self) -> list[tuple[str, T]]:
        """The items kept, ``(key, value)``, by key."""
        return sorted(((key, value) for _, key, _, value in self._heap), key=lambda item: item[0])

    @property
    def cut(self) -> bool:
        """Whether some items were left out."""
        return self.total > len(self._heap)


def _rank(key: str) -> int:
    """A stable hash of ``key`` (Python's own ``hash`` of a string changes from one process to the next)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
