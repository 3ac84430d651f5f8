"""The documents the command line is given: listed by path, read by format, errors one line each.

A file's suffix picks its input format from :data:`FORMATS`, the one place
formats are registered: plain text (:mod:`kg.text.plain`), an HTML page
(:mod:`kg.text.html`: the article and its title, date, source and URL) or
JSON Lines (:mod:`kg.text.jsonl`: one document per line).  A format is a
module with a reader and one line in :data:`FORMATS`.  :func:`list_documents`
only lists paths; each file is read when it is processed, so one bad file
(or one bad line of a JSON Lines file) is reported and the others still run.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from kg.spill import SpillDatabase, as_blob, from_blob
from kg.text import jsonl, plain
from kg.text.source import InputError, Source, decode_text, read_bytes
from kg.text.taken import Taken, TakenIds

__all__ = [
    "FORMATS",
    "InputError",
    "InputFormat",
    "Listing",
    "Source",
    "iter_sources",
    "list_documents",
    "read_listed",
    "read_text",
]

#: Reads one file: ``(path, doc_id, encoding, taken)`` to its documents or their errors.
Reader = Callable[[Path, str, str | None, Taken], Iterator[Source | InputError]]


@dataclass(frozen=True)
class InputFormat:
    """A kind of input file: the suffixes (lower case) that select it and the reader of its bytes.

    A format of ``many`` documents per file (JSON Lines) names them itself;
    the ids it gives must not be taken by another file's document.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Reader
    many: bool = False


#: The input formats, by name.
FORMATS = {
    fmt.name: fmt
    for fmt in (
        InputFormat("text", (".txt",), plain.read_plain),
        InputFormat("html", (".html", ".htm"), lambda *args: _read_page(*args)),
        InputFormat("jsonl", (".jsonl",), jsonl.read_records, many=True),
    )
}
#: The suffixes of the files a directory contributes.
DOCUMENT_SUFFIXES = tuple(suffix for fmt in FORMATS.values() for suffix in fmt.suffixes)


def _read_page(path: Path, doc_id: str, encoding: str | None, taken: Taken) -> Iterator[Source | InputError]:
    """:func:`kg.text.html.read_page`, imported when a page is read: lxml costs every other command 30 ms to load."""
    from kg.text.html import read_page

    return read_page(path, read_bytes(path), doc_id, encoding, taken)


def input_format(path: Path) -> InputFormat:
    """The format of the file at ``path``, by its suffix; plain text for any other name."""
    suffix = path.suffix.lower()
    return next((fmt for fmt in FORMATS.values() if suffix in fmt.suffixes), FORMATS["text"])


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """The text of the file at ``path``, decoded as :func:`kg.text.source.decode_text` does."""
    return decode_text(read_bytes(path), path, encoding)


class Listing(Sequence[tuple[str, Path]]):
    """``(doc_id, path)`` of listed documents, kept as strings and made a :class:`~pathlib.Path` when read.

    A build lists every input before it reads one (to check the command,
    and to know whether anything changed), and holds the listing until it
    ends.  Past ``in_memory`` files (:data:`IN_MEMORY`) the files found
    move to a private SQLite database (:mod:`kg.spill`), as bytes (a file's
    name need not be UTF-8), and from then on are written there a batch at
    a time as they are found: what the listing holds in memory no longer
    grows with them.  A million files were listed in 61 MiB this way, where
    their strings, the set that finds a file named twice and the sets that
    give the ids took 381 MiB.  Files are added as found (:meth:`add`);
    :meth:`settle`, which any reading does first, gives each its id (and,
    in SQLite, leaves out a file found twice): a rebuild with nothing
    changed, which needs only the :attr:`digest`, does neither (5.3 s of a
    million files, whose listing took 6.9 s: ``bench/listing.py``).
    """

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._paths: list[str] = []
        self._identities: list[bytes] = []  # beside the paths, while in memory: they move with them
        self._seen: set[bytes] = set()
        self._doc_ids: list[str] = []
        self._waiting: list[tuple[bytes, bytes]] = []  # files found past the bound, written a batch at a time
        self._count = 0
        self._settled = False
        #: A digest of each file's absolute path, size and modification time, in the order found (a file named twice,
        #: twice), taken as they were listed: what a rebuild compares to find that nothing changed, without a second
        #: look at each file.
        self.digest = ""
        self._database = SpillDatabase(_LISTED, "the listing of the inputs", functions={"stem": _blob_stem})

    def add(self, file: str, identity: bytes) -> None:
        """List ``file`` after those added before it, unless a file of the same ``identity`` (:func:`_identity`)
        was: a file named twice, or reached by two links, is listed once, where it was first found."""
        if self._database.opened:
            self._waiting.append((identity, as_blob(file)))
            if len(self._waiting) >= _BATCH:
                self._write_waiting()
        elif identity not in self._seen:
            self._seen.add(identity)
            self._paths.append(file)
            self._identities.append(identity)
            if len(self._paths) > self._in_memory:
                self._waiting = list(zip(self._identities, map(as_blob, self._paths), strict=True))
                self._paths, self._identities, self._seen = [], [], set()
                self._write_waiting()

    def settle(self) -> None:
        """Give each file its id (:func:`unique_ids`), and leave out, of a listing in SQLite, each file found again."""
        if self._settled:
            return
        self._settled = True
        if not self._database.opened:
            self._doc_ids, self._count = unique_ids(self._paths), len(self._paths)
            self._identities, self._seen = [], set()
            return
        self._write_waiting()
        self._database.write(*((statement, None) for statement in _LISTED_ONCE))
        self._number_repeated()
        [(self._count,)] = self._database.rows("SELECT COUNT(*) FROM listed")

    def _write_waiting(self) -> None:
        self._database.write(("INSERT INTO found (identity, path) VALUES (?, ?)", self._waiting))
        self._waiting = []

    def _number_repeated(self) -> None:
        """Give each file whose stem an earlier file has the id :func:`unique_ids` gives it: ``stem-n``, with ``n``
        the next after the last its stem took that is no file's stem.  One stem is numbered at a time, a batch of
        files at a time (a stem's files are together and in order in ``repeated``)."""
        rank, stem, n = 0, b"", 1
        while batch := list(self._database.rows(_REPEATED_AFTER, (rank, _BATCH))):
            numbered = []
            for _, position, repeated in batch:
                if repeated != stem:
                    stem, n = repeated, 1
                n += 1
                while self._database.first("SELECT 1 FROM listed WHERE stem = ?", (b"%s-%d" % (stem, n),)) is not None:
                    n += 1
                numbered.append((b"%s-%d" % (stem, n), position))
            self._database.write(("UPDATE listed SET doc_id = ? WHERE position = ?", numbered))
            rank = batch[-1][0]
        self._database.write(("DROP TABLE repeated", None))

    @property
    def in_database(self) -> bool:
        """Whether the listing moved to SQLite."""
        return self._database.opened

    def __len__(self) -> int:
        self.settle()
        return self._count

    def __getitem__(self, index: int) -> tuple[str, Path]:  # type: ignore[override]
        self.settle()
        if not self._database.opened:
            return self._doc_ids[index], Path(self._paths[index])
        position = range(self._count)[index]  # a negative index counts from the end; past it, an IndexError
        query = "SELECT doc_id, path FROM listed WHERE position = ?"
        [(doc_id, path)] = self._database.rows(query, (position + 1,))  # SQLite counts from 1
        return from_blob(doc_id), Path(from_blob(path))

    def __iter__(self) -> Iterator[tuple[str, Path]]:
        self.settle()
        if not self._database.opened:
            return ((doc_id, Path(path)) for doc_id, path in zip(self._doc_ids, self._paths, strict=True))
        rows = self._database.rows("SELECT doc_id, path FROM listed ORDER BY position")
        return ((from_blob(doc_id), Path(from_blob(path))) for doc_id, path in rows)


#: Files a listing holds in memory before it moves to SQLite (their strings and what finds a file named twice: 37 MiB
#: for the 100,000, measured by ``bench/listing.py``).
IN_MEMORY = 100_000
#: Files found past that bound that are written to SQLite at a time.
_BATCH = 10_000
#: The files as found (``found``: named twice, twice), then listed once each (``listed``), with, while their ids are
#: given, the files whose stem an earlier file has (``repeated``, in the order they are numbered).
_LISTED = """
CREATE TABLE found (position INTEGER PRIMARY KEY, identity BLOB, path BLOB);
CREATE TABLE listed (position INTEGER PRIMARY KEY, doc_id BLOB, path BLOB, stem BLOB);
CREATE TABLE repeated (rank INTEGER PRIMARY KEY, position INTEGER, stem BLOB);
"""
#: What :meth:`Listing.settle` does in SQL: list each file once, where first found; give each file whose stem no
#: earlier file has its stem as its id; set aside the others, to number them (:meth:`Listing._number_repeated`).
_LISTED_ONCE = (
    "INSERT INTO listed (path, stem) SELECT path, stem(path) FROM found"
    " WHERE position IN (SELECT MIN(position) FROM found GROUP BY identity) ORDER BY position",
    "DROP TABLE found",
    "CREATE INDEX listed_stem ON listed (stem)",
    "UPDATE listed SET doc_id = stem WHERE position IN (SELECT MIN(position) FROM listed GROUP BY stem)",
    "INSERT INTO repeated (position, stem) SELECT position, stem FROM listed WHERE doc_id IS NULL"
    " ORDER BY stem, position",
)
_REPEATED_AFTER = "SELECT rank, position, stem FROM repeated WHERE rank > ? ORDER BY rank LIMIT ?"


def list_documents(
    paths: Sequence[str | os.PathLike[str]], *, leave_out: Iterable[str | os.PathLike[str]] = ()
) -> Listing:
    """``(doc_id, path)`` for each document named by ``paths``, without reading any.

    A file is taken as given, whatever its name; a directory contributes the
    files of every registered format (:data:`DOCUMENT_SUFFIXES`), recursively and in sorted order, skipping hidden files
    and directories (``.venv``, ``.git``, temporary files), and the files
    ``leave_out`` names: a build's own outputs, when it writes them in a
    folder it reads (``kg build docs -o docs`` would read its
    ``glossary.html`` back as a document).  A file named twice (or by two
    links) is listed once.  Doc ids are file stems, made unique by
    :func:`unique_ids`.  A missing path or a directory without documents
    raises :class:`InputError` at once: it is a mistake in the command, not
    in a document.

    Each file is looked at once (``stat``), which also gives the listing's
    :attr:`Listing.digest`: a file is known by its device and inode, not by
    resolving every link of its path, which took half the time of listing
    100,000 files, and a rebuild's look at each one again the other half.
    """
    listed = Listing()
    left_out = {_identity(str(path), os.stat(path)) for path in leave_out if os.path.isfile(path)}
    digest = hashlib.sha256()
    for given in paths:
        path = Path(given)
        walked = path.is_dir()
        if walked:
            found: Iterable[tuple[str, os.stat_result]] = _files_in_order(str(path), DOCUMENT_SUFFIXES)
        elif path.exists():
            found = [(str(path), path.stat())]
        else:
            raise InputError(path, "no such file or directory")
        empty = True
        for file, status in found:
            identity = _identity(file, status)
            if walked and identity in left_out:
                continue
            empty = False
            listed.add(file, identity)
            line = f"{os.path.abspath(file)}\0{status.st_size}\0{status.st_mtime_ns}\n"
            digest.update(line.encode("utf-8", "surrogatepass"))
        if empty:
            kinds = ", ".join(f"*{suffix}" for suffix in DOCUMENT_SUFFIXES)
            raise InputError(path, f"the directory holds no document ({kinds})")
    listed.digest = digest.hexdigest()
    return listed


def _identity(file: str, status: os.stat_result) -> bytes:
    """What tells one file from another: its device and inode, or its real path where the file system gives no
    inode (``st_ino`` 0); as bytes, which SQLite keeps as they are (:class:`Listing`)."""
    if status.st_ino:
        return b"\0" + (status.st_dev << 64 | status.st_ino).to_bytes(16, "big")
    return b"\1" + as_blob(os.path.realpath(file))


def text_files(directory: Path, suffixes: Sequence[str] = (".txt",)) -> list[Path]:
    """The non-hidden files under ``directory`` with one of ``suffixes`` (any case), sorted by path components."""
    return [Path(file) for file, _ in _files_in_order(str(directory), tuple(suffixes))]


def _files_in_order(directory: str, suffixes: tuple[str, ...]) -> Iterator[tuple[str, os.stat_result]]:
    """:func:`text_files` as strings, with their ``stat``, found as they are given: a folder of any size is
    listed in order without holding more than one directory's entries at a time.

    Entries are taken by name, and a directory's files where its name
    sorts, which is the order of the files' path components; symbolic links
    to files are files, those to directories are not followed.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted((entry.name, entry.path, entry.is_dir(follow_symlinks=False)) for entry in listing)
    except OSError as error:
        raise InputError(error.filename or directory, f"the directory cannot be listed: {error.strerror}") from None
    for name, path, is_directory in entries:
        if name.startswith("."):
            continue
        if is_directory:
            yield from _files_in_order(path, suffixes)
        elif name.lower().endswith(suffixes):
            try:
                status = os.stat(path)
            except OSError:  # a link to nothing
                continue
            if stat.S_ISREG(status.st_mode):
                yield path, status


def unique_ids(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """File stems as doc ids; a repeated stem gets ``-2``, ``-3`` … in order.

    A suffixed id never takes a stem that another file has, so the ids of
    ``a.txt``, ``x/a.txt`` and ``a-2.txt`` are ``a``, ``a-3``, ``a-2``.
    """
    stems = [PurePath(path).stem for path in paths]  # once each: a build names millions of files
    taken = set(stems)
    used: set[str] = set()
    ids = []
    for stem in stems:
        doc_id, n = stem, 1
        while doc_id in used or (n > 1 and doc_id in taken):
            n += 1
            doc_id = f"{stem}-{n}"
        used.add(doc_id)
        ids.append(doc_id)
    return ids


def _blob_stem(path: bytes) -> bytes:
    """The stem of a path kept in SQLite (:func:`kg.spill.as_blob`), as :func:`unique_ids` takes it."""
    return as_blob(PurePath(from_blob(path)).stem)


def iter_sources(paths: Sequence[str | os.PathLike[str]], encoding: str | None = None) -> Iterator[Source | InputError]:
    """Each document named by ``paths``, or the :class:`InputError` that stops it.

    Errors are yielded, not raised, so a caller can report a bad document and
    go on with the rest; a mistake in the command itself (a missing path, a
    folder without documents) still raises at once.  ``encoding`` is the
    user's override of the file encoding (detected by default).  A JSON Lines
    file yields one source or error per line; the ids its lines take must not
    be taken by another document.
    """
    return read_listed(list_documents(paths), encoding)


def read_listed(listed: Sequence[tuple[str, Path]], encoding: str | None = None) -> Iterator[Source | InputError]:
    """:func:`iter_sources` of documents already listed (:func:`list_documents`), so that a caller who lists
    them first (a build, to check the command before reading anything) does not walk the folders twice."""
    taken = TakenIds(IN_MEMORY)  # the ids a JSON Lines file's lines may not take: filled at the first such file
    many_read = False
    try:
        for doc_id, path in listed:
            fmt = input_format(path)
            if fmt.many and not many_read:
                # every file's id, which a corpus without JSON Lines need not hold: a million ids for nothing
                for other, other_path in listed:
                    if not input_format(other_path).many:
                        taken.add(other)
                many_read = True
            try:
                yield from fmt.read(path, doc_id, encoding, taken)
            except InputError as error:
                yield error
    finally:
        taken.close()
