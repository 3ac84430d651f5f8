"""The private SQLite database a build moves what grows with its corpus to, once it is past a bound in memory.

What a build keeps of millions of documents cannot stay in its process:
the union of their shared statements (:mod:`kg.rdf.union`) and a line for
each document (:mod:`kg.entries`) each hold their first lines in memory and,
past a bound, move them to a database of SQLite's private temporary kind,
which lives in SQLite's page cache while it fits (``cache_kib``), spills to
a file in SQLite's temporary folder (``SQLITE_TMPDIR``, else ``TMPDIR``)
past that, and is deleted when closed.  A forked copy of the process must
not use the connection: what holds one says so (``in_database``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from kg.errors import KgError, first_line


class SpillError(KgError):
    """SQLite cannot keep what moved to it (its temporary folder is full, or not writable); ``str()`` is one
    line."""


def private_database(schema: str, cache_kib: int) -> sqlite3.Connection:
    """A new private temporary database made with ``schema``, in autocommit mode (``BEGIN`` where a batch is
    written), keeping ``cache_kib`` KiB of pages in memory, and read from any thread."""
    database = sqlite3.connect("", isolation_level=None, check_same_thread=False)  # "": private, temporary
    database.executescript(f"PRAGMA cache_size = -{cache_kib}; PRAGMA journal_mode = OFF;" + schema)
    return database


@contextlib.contextmanager
def reported(what: str) -> Iterator[None]:
    """SQLite's errors as a :class:`SpillError` that says what could not be kept (``what``) and where."""
    try:
        yield
    except sqlite3.Error as error:
        raise SpillError(
            f"{what} cannot be kept in SQLite's temporary folder (SQLITE_TMPDIR, TMPDIR, /var/tmp or /tmp): "
            f"{first_line(error)}"
        ) from None
