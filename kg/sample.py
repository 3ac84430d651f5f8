"""A sample of fixed size out of any number of items, the same whatever order they come in.

A build sees documents in the order its workers finish them, and a corpus
may hold millions of them.  What the glossary keeps of each term (its
contexts, an indicator's figures, the documents that use it) must neither
grow with the corpus nor depend on that order.  :class:`Sample` keeps the
items whose keys hash lowest (a bottom-k sample): the same items in any
order keep the same ones, and as the hash has nothing to do with the keys,
those kept are spread over the whole corpus, not its first documents.

A glossary keeps such a sample for each of its terms, and the vocabulary
of a growing corpus keeps growing: :class:`Samples` holds the samples of
many groups in memory up to a bound of items, and in SQLite past it.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

from kg.spill import SpillDatabase

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

    def add(self, key: str, value: T) -> None:
        """Count ``value`` and keep it if its ``key`` ranks among the ``size`` lowest so far.

        Each item's key must be distinct: an item added twice counts twice.
        """
        self.total += 1
        if self._all is not None:
            if len(self._all) < self.size:
                self._all.append((key, value))
                return
            self._heap = [(-_rank(old), old, number, kept) for number, (old, kept) in enumerate(self._all)]
            heapq.heapify(self._heap)
            self._all = None
        entry = (-_rank(key), key, self.total, value)
        if entry[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, entry)

    def merge(self, other: Sample[T]) -> None:
        """Take in what ``other`` (a sample of other items) kept and counted, as if its items had been added
        here.  A worker samples its partition's documents and the build merges the samples: the same items are
        kept as when every item is added to one sample."""
        for key, value in other.items():
            self.add(key, value)
        self.total += other.total - len(other)

    def __len__(self) -> int:
        """How many items are kept."""
        return len(self._all) if self._all is not None else len(self._heap)

    def items(self) -> list[tuple[str, T]]:
        """The items kept, with their keys."""
        if self._all is not None:
            return list(self._all)
        return [(key, value) for _, key, _, value in self._heap]

    def values(self) -> list[T]:
        """The items kept (in no particular order)."""
        return [value for _, value in self.items()]

    @property
    def cut(self) -> bool:
        """Whether some items were left out."""
        return self._all is None or self.total > len(self._all)  # merged, a list may hold fewer than counted


#: Items the samples of a :class:`Samples` hold in memory before they all move to SQLite: of the glossary's
#: contexts or figures, some 600 bytes each in memory (60 MB), a few hundred on disk.
IN_MEMORY = 100_000
#: Items written to SQLite a transaction at a time, after which the samples they filled to :data:`_SLACK` times
#: their size are cut back.
_BATCH = 10_000
#: How many times its size a sample in SQLite may hold before it is cut back: cutting one back reads all its rows,
#: and its worst kept, which turns most items away unwritten, is only known from a cut.  Sampling 2.7 million uses
#: of the reports' terms (``bench/term_samples.py --copies 300``) took 53.5 s cut back at every batch, 23.8 s at
#: twice the size, 29.9 s at four times, and 6.7 s in memory.
_SLACK = 2
#: Ranks are unsigned 64-bit hashes, kept signed (less 2**63) as SQLite's integers are; keys and sort keys are
#: UTF-8 that passes lone surrogates (:func:`_utf8`), whose bytes sort as Python sorts the strings.
_SCHEMA = """
CREATE TABLE kept (grp TEXT, rank INTEGER, key BLOB, sort BLOB, payload BLOB);
CREATE INDEX kept_rank ON kept (grp, rank, key);
"""
_SHIFT = 2**63
#: A sample cut back to its ``size`` lowest ranks (ties: the greater key stays, as in :class:`Sample`).
_CUT = """
DELETE FROM kept WHERE grp = ?1
    AND rowid NOT IN (SELECT rowid FROM kept WHERE grp = ?1 ORDER BY rank, key DESC LIMIT ?2)
"""
_WORST = "SELECT rank, key FROM kept WHERE grp = ? ORDER BY rank DESC, key LIMIT 1"
_GROUP = "SELECT payload FROM kept WHERE grp = ? ORDER BY sort"


class Codec(NamedTuple, Generic[T]):
    """How :class:`Samples` keeps an item in SQLite and in which order it gives items back."""

    order: Callable[[T], str]  # what the items are given back sorted by (a document's id)
    encode: Callable[[T], bytes]
    decode: Callable[[bytes], T]


class Samples(Generic[T]):
    """A :class:`Sample` for each of any number of groups (a glossary's terms), held in memory while they hold
    no more than ``in_memory`` items in all, and all moved to a private SQLite database (:mod:`kg.spill`) past
    that: what a build holds of a vocabulary that keeps growing stays flat.

    The items kept are those the groups' :class:`Sample` s would keep, and
    every item is counted, in memory or not.  In SQLite an item is
    written if it ranks below its group's worst kept at its last cut, and a
    group is cut back to its ``size`` lowest ranks once it holds
    :data:`_SLACK` times that, and before it is read; a group's count and
    worst kept item stay in memory (tens of bytes a group).
    """

    def __init__(self, codec: Codec[T], size: int = SAMPLE_SIZE, *, in_memory: int | None = None) -> None:
        self.size = size
        self._codec = codec
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._samples: dict[str, Sample[T]] = {}
        self._held = 0  # the items the samples in memory hold
        # in SQLite: group → [items counted, items written and not cut, the worst kept (rank, key) once full]
        self._groups: dict[str, list[Any]] = {}
        self._pending: list[tuple[str, int, bytes, bytes, bytes]] = []
        self._uncut: set[str] = set()  # groups holding more than their size, cut back before they are read
        self._overfull: set[str] = set()  # groups holding _SLACK times their size, cut back at the next batch
        self._database = SpillDatabase(_SCHEMA, "the glossary's samples")

    @property
    def in_database(self) -> bool:
        """Whether the samples moved to SQLite, whose connection a forked copy must not use."""
        return self._database.opened

    def add(self, group: str, key: str, value: T) -> None:
        """Count ``value`` in ``group``'s sample, and keep it if its ``key`` ranks among the ``size`` lowest."""
        if self._database.opened:
            self._offer(group, key, value)
            return
        sample = self._samples.get(group)
        if sample is None:
            sample = self._samples[group] = Sample(self.size)
        held = len(sample)
        sample.add(key, value)
        self._held += len(sample) - held
        if self._held > self._in_memory:
            self._spill()

    def merge(self, other: Samples[T]) -> None:
        """Take in the samples of ``other`` (of other items, held in memory: a worker's partition), as if its
        items had been added here; ``other`` is taken over, not copied."""
        if other.in_database:
            raise ValueError("only samples held in memory can be merged into others")
        for group, theirs in other._samples.items():
            if self._database.opened:
                for key, value in theirs.items():
                    self._offer(group, key, value)
                self._groups[group][0] += theirs.total - len(theirs)
                continue
            mine = self._samples.get(group)
            if mine is None:
                self._samples[group] = theirs
                self._held += len(theirs)
            else:
                held = len(mine)
                mine.merge(theirs)
                self._held += len(mine) - held
        if self._held > self._in_memory:
            self._spill()

    def totals(self) -> dict[str, tuple[int, bool]]:
        """Each group's count of items, and whether its sample left some out."""
        if not self._database.opened:
            return {group: (sample.total, sample.cut) for group, sample in self._samples.items()}
        self._settle()
        return {group: (total, total > kept) for group, (total, kept, _) in self._groups.items()}

    def group(self, group: str) -> tuple[int, list[T]]:
        """``group``'s count of items, and the items its sample kept, in the order of the codec's ``order``."""
        order = self._codec.order
        if not self._database.opened:
            sample = self._samples.get(group)
            return (0, []) if sample is None else (sample.total, sorted(sample.values(), key=order))
        self._settle()
        state = self._groups.get(group)
        if state is None:
            return 0, []
        decode = self._codec.decode
        return state[0], [decode(payload) for (payload,) in self._database.rows(_GROUP, (group,))]

    def items(self) -> Iterator[tuple[str, T]]:
        """Every item kept, with its group, in the order of the codec's ``order``, read from SQLite as they are
        asked for."""
        if not self._database.opened:
            kept = [(group, value) for group, sample in self._samples.items() for value in sample.values()]
            kept.sort(key=lambda item: self._codec.order(item[1]))
            yield from kept
            return
        self._settle()
        decode = self._codec.decode
        for group, payload in self._database.rows("SELECT grp, payload FROM kept ORDER BY sort"):
            yield group, decode(payload)

    def close(self) -> None:
        """Delete the database, if the samples moved to one."""
        self._database.close()

    def _offer(self, group: str, key: str, value: T) -> None:
        """Count an item of a group in SQLite, and write it unless its group is full of lower ranks."""
        state = self._groups.get(group)
        if state is None:
            state = self._groups[group] = [0, 0, None]
        state[0] += 1
        rank = _rank(key)
        worst = state[2]
        if worst is not None and (rank > worst[0] or (rank == worst[0] and key <= worst[1])):
            return
        codec = self._codec
        self._pending.append((group, rank - _SHIFT, _utf8(key), _utf8(codec.order(value)), codec.encode(value)))
        state[1] += 1
        if state[1] > self.size:
            self._uncut.add(group)
            if state[1] >= _SLACK * self.size:
                self._overfull.add(group)
        if len(self._pending) >= _BATCH:
            self._flush()

    def _spill(self) -> None:
        """Move every sample to SQLite."""
        samples, self._samples, self._held = self._samples, {}, 0
        for group, sample in samples.items():
            for key, value in sample.items():
                self._offer(group, key, value)
            self._groups[group][0] += sample.total - len(sample)
            if len(sample) == self.size:
                self._overfull.add(group)  # full: its worst item is needed
        self._flush()

    def _settle(self) -> None:
        """Write the items offered, and cut back every group that holds more than its size: what is read."""
        self._overfull |= self._uncut
        self._flush()

    def _flush(self) -> None:
        """Write the items offered, and cut back each group they overfilled."""
        if not self._pending and not self._overfull:
            return
        overfull = sorted(self._overfull)
        self._database.write(
            ("INSERT INTO kept VALUES (?, ?, ?, ?, ?)", self._pending),
            (_CUT, [(group, self.size) for group in overfull]),
        )
        self._pending, self._overfull = [], set()
        self._uncut.difference_update(overfull)
        for group in overfull:
            worst = self._database.first(_WORST, (group,))
            assert worst is not None  # an overfull group has rows
            rank, key = worst
            state = self._groups[group]
            state[1], state[2] = self.size, (rank + _SHIFT, _text(key))


def _rank(key: str) -> int:
    """A stable hash of ``key`` (Python's own ``hash`` of a string changes from one process to the next)."""
    return int.from_bytes(hashlib.blake2b(_utf8(key), digest_size=8).digest(), "big")


def _utf8(text: str) -> bytes:
    """``text`` in UTF-8, lone surrogates (a file name's, a JSON string's) included: bytes that sort as the
    strings do, by code point."""
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    """What :func:`_utf8` made, read back."""
    return data.decode("utf-8", "surrogatepass")


#: Strings kept as they are, given back in their own order: a sample of documents' ids.
TEXTS = Codec[str](str, _utf8, _text)
