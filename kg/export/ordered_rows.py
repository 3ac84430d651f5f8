"""The glossary's rows in their order, held in memory while they are few and in SQLite past a bound.

A glossary lists every term, most mentioned first: its rows are made one
concept at a time in the vocabulary store's order and then sorted.  A
vocabulary that keeps growing (``bench/assembly_memory.py --own-terms``)
made 590,000 rows of 1.5 KB each, held at once beside the page's data; so
:class:`OrderedRows` holds the first :data:`IN_MEMORY` and moves them all
to a private SQLite database (:mod:`kg.spill`) past that, each row pickled
beside its place in the order, and gives them back in the order as they are
read, as often as asked (the page reads them twice, the CSV once more).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

from kg.spill import SpillDatabase

if TYPE_CHECKING:
    from kg.export.rows import GlossaryRow

#: Rows held in memory before they move to SQLite (some 1.5 KB each with the strings they hold: 150 MB).
IN_MEMORY = 100_000
#: A row's place is its count, most first, then its id (concept ids are unique: no two rows tie).
_SCHEMA = "CREATE TABLE glossary_row (count INTEGER, id TEXT, data BLOB, PRIMARY KEY (count, id)) WITHOUT ROWID;"
_ORDERED = "SELECT data FROM glossary_row ORDER BY count DESC, id"
_WRITE = "INSERT INTO glossary_row VALUES (?, ?, ?)"
#: Rows written to SQLite at a time.
_BATCH = 10_000


def order(row: GlossaryRow) -> tuple[int, str]:
    """The place of ``row`` in a glossary: most mentioned first, then by id."""
    return -row.count, row.id


class OrderedRows:
    """Rows taken in any order (:meth:`add`) and read sorted by :func:`order` (:meth:`sorted`)."""

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._held: list[GlossaryRow] = []
        self._count = 0
        self._database = SpillDatabase(_SCHEMA, "the glossary's rows")

    def add(self, row: GlossaryRow) -> None:
        """Take ``row`` (of a concept not taken yet)."""
        self._held.append(row)
        self._count += 1
        if len(self._held) > self._in_memory or (self._database.opened and len(self._held) >= _BATCH):
            self._spill()

    def sorted(self) -> Sequence[GlossaryRow]:
        """The rows in their order: a list while they are held in memory, else a sequence read from SQLite."""
        if not self._database.opened:
            return sorted(self._held, key=order)
        self._spill()
        return _StoredRows(self._database, self._count)

    def _spill(self) -> None:
        """Move the rows held in memory to the database (opened the first time)."""
        rows = ((row.count, row.id, pickle.dumps(row, pickle.HIGHEST_PROTOCOL)) for row in self._held)
        self._database.write((_WRITE, rows))
        self._held = []


class _StoredRows(Sequence["GlossaryRow"]):
    """The rows of a database in their order, read as they are asked for (each time: none is kept)."""

    def __init__(self, database: SpillDatabase, count: int) -> None:
        self._database, self._count = database, count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[GlossaryRow]:
        return (pickle.loads(data) for (data,) in self._database.rows(_ORDERED))

    @overload
    def __getitem__(self, index: int) -> GlossaryRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[GlossaryRow]: ...
    def __getitem__(self, index: int | slice) -> GlossaryRow | list[GlossaryRow]:
        if isinstance(index, slice):
            return list(self)[index]
        position = index + self._count if index < 0 else index
        if not 0 <= position < self._count:
            raise IndexError("glossary row index out of range")
        (data,) = self._database.first(f"{_ORDERED} LIMIT 1 OFFSET ?", (position,))  # in bounds: it is there
        return pickle.loads(data)
