"""The private SQLite database a build moves what grows with its corpus to, once it is past a bound in memory.

What a build keeps of millions of documents cannot stay in its process:
the union of their shared statements (:mod:`kg.rdf.union`), a line for
each document (:mod:`kg.entries`), the listing of the inputs
(:class:`kg.text.inputs.Listing`), the ids their documents take
(:mod:`kg.text.taken`), the samples of each term's contexts, figures and
documents (:mod:`kg.sample`) and the glossary's rows
(:mod:`kg.export.ordered_rows`) each hold their first lines in memory and,
past a bound, move them to a :class:`SpillDatabase`: SQLite's private temporary
kind, which lives in SQLite's page cache while it fits (``cache_kib``),
spills to a file in SQLite's temporary folder (``SQLITE_TMPDIR``, else
``TMPDIR``) past that, and is deleted when closed.  A forked copy of the
process must not use its connection: what holds one
says so (``in_database``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from kg.errors import KgError, first_line


def as_blob(text: str) -> bytes:
    """``text`` as SQLite can keep it: a file's name that is not UTF-8 decodes to lone surrogates (a document's id
    is its stem), which SQLite cannot keep as text."""
    return text.encode("utf-8", "surrogateescape")


def from_blob(data: bytes) -> str:
    """The text :func:`as_blob` was given."""
    return data.decode("utf-8", "surrogateescape")


#: SQLite's page cache for a database, in KiB, unless said otherwise: what it keeps in memory however many rows
#: it holds.  Its tables are written in batches and read in order or a group at a time, and the system caches the
#: temporary file beneath: at 8 MiB, the seven databases of a build of a million one-paragraph documents held
#: 48 MiB more, in about the same time (583 s against 599 s).
CACHE_KIB = 1024


class SpillError(KgError):
    """What moved out of memory cannot be kept: SQLite's (or the glossary's vocabulary store's) temporary folder
    is full, or not writable; ``str()`` is one line."""


class SpillDatabase:
    """A private temporary database made with ``schema``, opened the first time rows are written to it, and read
    from any thread; SQLite's errors are :class:`SpillError` saying that ``what`` could not be kept.  SQLite
    keeps ``cache_kib`` of its pages in memory, and its SQL may call each of ``functions`` (of one argument)
    by its name."""

    def __init__(
        self,
        schema: str,
        what: str,
        *,
        cache_kib: int = CACHE_KIB,
        functions: Mapping[str, Callable[[Any], Any]] | None = None,
    ) -> None:
        self._schema, self._cache_kib, self._what = schema, cache_kib, what
        self._functions = dict(functions or {})
        self._connection: sqlite3.Connection | None = None

    @property
    def opened(self) -> bool:
        return self._connection is not None

    def write(self, *batches: tuple[str, Iterable[Sequence[Any]] | None]) -> None:
        """Run each ``(statement, rows)`` for every row (once if ``rows`` is ``None``), all in one transaction,
        not one per row."""
        with self._reported():
            if self._connection is None:
                # the empty name makes a private temporary database, in autocommit mode but where BEGIN says
                self._connection = sqlite3.connect("", isolation_level=None, check_same_thread=False)
                for name, function in self._functions.items():
                    self._connection.create_function(name, 1, function, deterministic=True)
                self._connection.executescript(
                    f"PRAGMA cache_size = -{self._cache_kib}; PRAGMA journal_mode = OFF;" + self._schema
                )
            connection = self._connection
            connection.execute("BEGIN")
            for statement, rows in batches:
                if rows is None:
                    connection.execute(statement)
                else:
                    connection.executemany(statement, rows)
            connection.execute("COMMIT")

    def rows(self, query: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of ``query``, read as they are asked for (none before anything was written)."""
        if self._connection is None:
            return
        with self._reported():
            yield from self._connection.execute(query, parameters)

    def first(self, query: str, parameters: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of ``query``, the rest left unread, or ``None`` if it has none (or nothing was written):
        what asks whether a row is there."""
        if self._connection is None:
            return None
        with self._reported():
            return self._connection.execute(query, parameters).fetchone()

    def close(self) -> None:
        """Delete the database, if it was opened."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @contextlib.contextmanager
    def _reported(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise SpillError(
                f"{self._what} cannot be kept in SQLite's temporary folder (SQLITE_TMPDIR, TMPDIR, /var/tmp or "
                f"/tmp): {first_line(error)}"
            ) from None
