"""The document ids a corpus's documents have taken, which a JSON Lines file's lines may not take again.

A document's id names its graph, so two documents must not share one.
Files are given unique ids as they are listed
(:func:`kg.text.inputs.unique_ids`); a JSON Lines file names its lines
itself, and a line whose id another document has is refused.  Reading such
a file asks, for each line, whether its id is taken by any other document:
by every other file, and by the lines read before it.  Past a bound, the
ids taken move to a private SQLite database (:mod:`kg.spill`), so that a
corpus of millions of lines is read in memory that does not grow with it.
"""

from __future__ import annotations

from typing import Protocol

from kg.spill import SpillDatabase, as_blob


class Taken(Protocol):
    """What a reader asks of the ids taken: whether one is, and to take one (a ``set`` of ids will do)."""

    def __contains__(self, doc_id: object, /) -> bool: ...

    def add(self, doc_id: str, /) -> None: ...


class TakenIds:
    """Ids taken, held in a set of at most ``in_memory`` before they move to SQLite, a set's worth at a time."""

    def __init__(self, in_memory: int) -> None:
        self._in_memory = in_memory
        self._ids: set[str] = set()  # the latest, not yet moved
        self._database = SpillDatabase(_TAKEN, "the document ids taken")

    def __contains__(self, doc_id: object) -> bool:
        if doc_id in self._ids:
            return True
        if not self._database.opened or not isinstance(doc_id, str):
            return False
        return self._database.first("SELECT 1 FROM taken WHERE id = ?", (as_blob(doc_id),)) is not None

    def add(self, doc_id: str) -> None:
        self._ids.add(doc_id)
        if len(self._ids) > self._in_memory:
            self._database.write(("INSERT OR IGNORE INTO taken VALUES (?)", ((as_blob(taken),) for taken in self._ids)))
            self._ids = set()

    @property
    def in_database(self) -> bool:
        """Whether ids moved to SQLite."""
        return self._database.opened

    def close(self) -> None:
        """Let the ids go (and delete their database, if they moved)."""
        self._ids = set()
        self._database.close()


_TAKEN = "CREATE TABLE taken (id BLOB PRIMARY KEY) WITHOUT ROWID;"
