"""What a build keeps of each document, a line a document, in memory while they are few and in SQLite past that.

A build assembles its corpus from the shards of its documents, and keeps of
each document an :class:`Entry`: its id, its shard's key and how many
statements it has, some 300 bytes.  A million documents would so hold
0.3 GB until the build ends; :class:`Entries` holds the first
:data:`IN_MEMORY` and moves them all to a private SQLite database
(:mod:`kg.spill`) past that, and gives them back in the corpus's order
either way.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kg.rdf import terms
from kg.spill import SpillDatabase

if TYPE_CHECKING:
    from kg.corpus import DocumentResult

T = TypeVar("T")

#: Entries held in memory before they move to SQLite (some 300 bytes each, 30 MB).
IN_MEMORY = 100_000
#: The corpus's order is the rank's, which SQLite keeps as the table's row id.
_SCHEMA = "CREATE TABLE entry (rank INTEGER PRIMARY KEY, doc_id TEXT, key TEXT, statements INTEGER, bytes INTEGER);"
_ORDERED = "SELECT doc_id, key, statements, bytes, rank FROM entry ORDER BY rank"
_BY_ID = "SELECT doc_id, key, statements, bytes, rank FROM entry ORDER BY doc_id"


@dataclass(frozen=True, slots=True)
class Entry:
    """What an :class:`~kg.corpus.Assembly` keeps of a document: where its shard is and how many statements it
    has (a build holds one per document: slots, and nothing it does not use)."""

    doc_id: str
    key: str
    statements: int
    turtle_bytes: int
    rank: int = 0  # the document's position in the corpus, the order of the graph files

    @property
    def iri(self) -> str:
        """The document's IRI, made from its id when asked (0.7 µs) rather than kept (0.15 KB a document)."""
        return terms.document_iri(self.doc_id)

    @classmethod
    def of(cls, result: DocumentResult, rank: int = 0) -> Entry:
        return cls(result.doc_id, result.key, result.statements, result.turtle_bytes, rank)


class Entries:
    """The entries of a corpus's documents, taken in any order and read in the corpus's (their ranks').

    ``in_memory`` is how many are held in memory before all move to SQLite
    (:data:`IN_MEMORY`); a rank is taken once.  Reading them (iterating,
    any number of times) changes nothing another thread could see half
    done once :meth:`settle` was called.
    """

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._held: list[Entry] = []
        self._ordered = True  # whether the held entries are in the ranks' order
        self._count = 0
        self._database = SpillDatabase(_SCHEMA, "the documents' entries")
        self._closed = False

    def add(self, entries: Iterable[Entry]) -> None:
        """Take ``entries`` (of documents not taken yet)."""
        held, count = self._held, len(self._held)
        held.extend(entries)
        if len(held) > count:
            self._count += len(held) - count
            self._ordered = False
            if len(held) > self._in_memory or (self._database.opened and len(held) >= _BATCH):
                self._spill()

    def settle(self) -> None:
        """Put the entries where they are read from: in order in memory, or all in the database (which every
        way of reading them does first: none reads entries closed as if there were none)."""
        if self._closed:
            raise ValueError("the entries were read after they were closed")
        if self._database.opened:
            if self._held:
                self._spill()
        elif not self._ordered:
            self._held.sort(key=attrgetter("rank"))
            self._ordered = True

    def __iter__(self) -> Iterator[Entry]:
        self.settle()
        if not self._database.opened:
            return iter(self._held)
        return (Entry(*row) for row in self._database.rows(_ORDERED))

    def __len__(self) -> int:
        return self._count

    def by_id(self) -> Iterator[Entry]:
        """The entries in the order of their documents' ids (by code point, which SQLite's byte order of UTF-8 is
        too): what a store's manifest and a cache's index list, walked beside them."""
        self.settle()
        if not self._database.opened:
            return iter(sorted(self._held, key=attrgetter("doc_id")))
        return (Entry(*row) for row in self._database.rows(_BY_ID))

    def keys(self) -> Container[str]:
        """The shards' keys, which a cache keeps (and drops the shards of any other): a set of them in memory,
        or, for entries in SQLite, what asks it, by an index made the first time."""
        self.settle()
        if not self._database.opened:
            return {entry.key for entry in self._held}
        self._database.write(("CREATE INDEX IF NOT EXISTS entry_key ON entry (key)", None))
        return _StoredKeys(self._database)

    @property
    def in_database(self) -> bool:
        """Whether the entries moved to SQLite, whose connection must not be used by a forked copy."""
        return self._database.opened

    def close(self) -> None:
        """Delete the database, if the entries moved to one; they are not read again."""
        self._closed = True
        self._database.close()

    def _spill(self) -> None:
        """Move the entries held in memory to the database (opened the first time)."""
        rows = ((entry.rank, entry.doc_id, entry.key, entry.statements, entry.turtle_bytes) for entry in self._held)
        self._database.write(("INSERT INTO entry VALUES (?, ?, ?, ?, ?)", rows))
        self._held, self._ordered = [], True


#: Entries taken at a time into the database once it is open: a transaction each.
_BATCH = 10_000


class _StoredKeys(Container[str]):
    """The keys of entries in SQLite, asked a key at a time (by the index on them)."""

    def __init__(self, database: SpillDatabase) -> None:
        self._database = database

    def __contains__(self, key: object) -> bool:
        return self._database.first("SELECT 1 FROM entry WHERE key = ?", (key,)) is not None


def write_listing(path: Path, header: Mapping[str, Any], items: Iterable[object]) -> None:
    """Replace ``path`` with what an earlier build lists for the next (a cache's index, a store's manifest): a
    line of JSON, ``header``, all that a rebuild with nothing changed or a query reads, then each of ``items``
    (sorted by document id) a line of JSON, written as they are read."""
    from kg.atomic import atomic_write

    with atomic_write(path) as handle:
        handle.write(json.dumps(header, ensure_ascii=False) + "\n")
        handle.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def listing_header(path: Path) -> object:
    """The first line of a listing :func:`write_listing` wrote (``OSError``, ``ValueError`` if unreadable)."""
    with path.open(encoding="utf-8") as handle:
        return json.loads(handle.readline())


def listed_items(path: Path) -> Iterator[Any]:
    """The items of a listing :func:`write_listing` wrote, read a line at a time."""
    with path.open(encoding="utf-8") as handle:
        handle.readline()
        for line in handle:
            yield json.loads(line)


def beside(listed: Iterable[tuple[str, T]], entries: Iterable[Entry]) -> Iterator[tuple[str, T | None, Entry | None]]:
    """``(doc id, what ``listed`` holds of it or None, its entry or None)`` for each document of either: what an
    earlier build listed (the cache's index, a store's manifest) and the corpus's entries, both sorted by id
    (:meth:`Entries.by_id`), walked side by side a line at a time, as a corpus of millions holds neither."""
    listed, entries = iter(listed), iter(entries)
    before, entry = next(listed, None), next(entries, None)
    while before is not None or entry is not None:
        if before is not None and (entry is None or before[0] < entry.doc_id):
            yield before[0], before[1], None
            before = next(listed, None)
        elif entry is not None and (before is None or entry.doc_id < before[0]):
            yield entry.doc_id, None, entry
            entry = next(entries, None)
        elif before is not None and entry is not None:  # the same document
            yield entry.doc_id, before[1], entry
            before, entry = next(listed, None), next(entries, None)
