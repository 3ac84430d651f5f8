"""The union of documents' shared statements, the corpus's default graph, merged in bounded memory.

Each document describes the concepts it names (:mod:`kg.rdf.document`), and
most of what documents share is a few thousand concepts; but every figure a
document reports is a concept of its own (``figure-24.5%25-…``), so the union
grows with the distinct documents read: about 1,100 lines for a Government
Work Report.  A build of millions of documents cannot hold it in memory, so
:class:`SharedStatements` holds it in a dict while it is small and, past
:data:`IN_MEMORY` lines, moves it to a SQLite database of its own
(:mod:`kg.spill`), which keeps the lines unique and gives them back sorted.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg import regexes
from kg.rdf.terms import PREFIXES
from kg.spill import SpillDatabase

#: Lines held in memory before the union moves to SQLite (some 400 bytes each, with the dict's share): the
#: 50 reports make 74,000.
IN_MEMORY = 100_000
#: SQLite's page cache for the union, in KiB: what it keeps in memory however large the union grows.
_CACHE_KIB = 64 * 1024

_PREF_LABEL = f"<{PREFIXES['skos']}prefLabel>"
_LANGUAGE_TAG = regexes.compile(r'"@([A-Za-z0-9-]+) \.\s*$')

_SCHEMA = """
CREATE TABLE statement (line TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE label (subject TEXT, language TEXT, rank INTEGER, line TEXT, PRIMARY KEY (subject, language))
    WITHOUT ROWID;
"""
_ADD_LABEL = """
INSERT INTO label VALUES (?, ?, ?, ?)
ON CONFLICT DO UPDATE SET rank = excluded.rank, line = excluded.line WHERE excluded.rank < label.rank
"""
#: SQLite compares text as UTF-8 bytes, which orders it as Python orders ``str``: by code point.
_SORTED = "SELECT line FROM statement UNION ALL SELECT line FROM label ORDER BY line"
_COUNT = "SELECT (SELECT count(*) FROM statement) + (SELECT count(*) FROM label)"


class SharedStatements:
    """The union of the shared N-Triples of documents, with one prefLabel per language: the first document's.

    Each document describes the concepts it mentions on its own, so a name
    minted from a Traditional form in one document and from a Simplified
    form in another could get two zh-Hant prefLabels; as within a document
    (:mod:`kg.rdf.document`), the first description wins, first in the order
    of the documents (their ``rank``), whatever order they are added in:
    a build adds each document as soon as it is extracted.  ``in_memory``
    is how many lines are held in memory before the union moves to SQLite
    (:data:`IN_MEMORY`).
    """

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._kept: dict[str, None] = {}  # lines without their newline
        self._labels: dict[tuple[str, str], tuple[int, str]] = {}  # (subject, language) → (rank, line)
        self._sorted: list[str] | None = None  # the lines sorted, while they are all in memory
        what = "the union of the documents' shared statements"
        self._database = SpillDatabase(_SCHEMA, what, cache_kib=_CACHE_KIB)

    def add(self, statements: str, rank: int = 0) -> None:
        """Add the shared statements of the document at position ``rank`` in the corpus."""
        kept, labels = self._kept, self._labels
        for line in statements.split("\n"):  # at line feeds only: N-Triples leaves U+2028 in literals
            if not line.strip():
                continue
            subject, predicate, rest = line.split(" ", 2)
            if predicate == _PREF_LABEL:
                key = (subject, _language(rest))
                if key not in labels or rank < labels[key][0]:
                    labels[key] = (rank, line)
            else:
                kept[line] = None
        self._grown()

    def merge(self, other: SharedStatements) -> None:
        """Add the union ``other`` holds (of documents none of which were added here, a worker's partition), as
        if each of its documents were added: a dict's update, where parsing its lines again costs the build's
        process what a worker spent on them.  ``other`` must be held in memory: a database stays with its
        process."""
        if other.in_database:
            raise ValueError("a union kept in SQLite cannot be merged into another")
        labels = self._labels
        self._kept.update(other._kept)
        for key, (rank, line) in other._labels.items():
            if key not in labels or rank < labels[key][0]:
                labels[key] = (rank, line)
        self._grown()

    def _grown(self) -> None:
        """Lines were added: the sort is out of date, and past :data:`IN_MEMORY` lines they move to SQLite."""
        self._sorted = None
        if len(self._kept) + len(self._labels) > self._in_memory:
            self._spill()

    def settle(self, *, ordered: bool = False) -> None:
        """Put the union where it is read from: all in the database, if it moved there; and sorted now, with
        ``ordered``, so that the copies of the process forked next share the sort.  Reading it from then on
        changes nothing another thread could see half done (a build loads its vocabulary store while it writes
        its graph files)."""
        if self._database.opened:
            if self._kept or self._labels:
                self._spill()
        elif ordered and self._sorted is None:
            self._sorted = sorted(self._held())

    def lines(self, *, ordered: bool = True) -> Iterator[str]:
        """The statements, each ending in a newline: sorted, or in any order, which in memory needs no sort
        (Oxigraph loads them in any order)."""
        self.settle(ordered=ordered)
        if self._database.opened:
            return (f"{line}\n" for (line,) in self._database.rows(_SORTED))
        return (f"{line}\n" for line in (self._held() if self._sorted is None else self._sorted))

    def __len__(self) -> int:
        if not self._database.opened:
            return len(self._kept) + len(self._labels)
        self.settle()
        (count,) = self._database.first(_COUNT) or (0,)
        return int(count)

    def _held(self) -> list[str]:
        """The lines held in memory, unsorted: the statements but prefLabels, then the prefLabel kept for each
        subject and language."""
        return [*self._kept, *(line for _, line in self._labels.values())]

    @property
    def in_database(self) -> bool:
        """Whether the union moved to SQLite, whose connection must not be used by a forked copy of this process."""
        return self._database.opened

    def close(self) -> None:
        """Delete the database, if the union moved to one."""
        self._database.close()

    def _spill(self) -> None:
        """Move the lines held in memory to the database (opened the first time)."""
        self._database.write(
            ("INSERT OR IGNORE INTO statement VALUES (?)", ((line,) for line in self._kept)),
            (_ADD_LABEL, ((*key, *value) for key, value in self._labels.items())),
        )
        self._kept, self._labels, self._sorted = {}, {}, None


def _language(term: str) -> str:
    """The language tag that ends an N-Triples object (``"国务院"@zh-Hans .``), lowercased as BCP 47 compares."""
    match = _LANGUAGE_TAG.search(term)
    return match[1].lower() if match else ""
