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
import itertools
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from kg.spill import SpillDatabase
from kg.text import jsonl, plain
from kg.text.source import InputError, Source, decode_text, read_bytes

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
Reader = Callable[[Path, str, str | None, set[str]], Iterator[Source | InputError]]


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


def _read_page(path: Path, doc_id: str, encoding: str | None, taken: set[str]) -> Iterator[Source | InputError]:
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
    ends; a ``Path`` that has been used costs some 700 bytes, so a million
    inputs would hold 1 GB, where their strings hold a quarter of that.
    Past ``in_memory`` documents (:data:`IN_MEMORY`) the strings move to a
    private SQLite database (:mod:`kg.spill`), as bytes (a file's name need
    not be UTF-8), when :meth:`settle` says so: a build does once it knows
    it will read the documents, where a rebuild with nothing changed lets
    the listing go at once (moving 200,000 documents took 0.45 s).
    """

    def __init__(self, doc_ids: list[str], paths: list[str], digest: str = "", in_memory: int | None = None) -> None:
        self._doc_ids, self._paths = doc_ids, paths
        self._count = len(paths)
        #: A digest of each file's absolute path, size and modification time, in order, taken as they were listed:
        #: what a rebuild compares to find that nothing changed, without a second look at each file.
        self.digest = digest
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._database = SpillDatabase(_LISTED, _LISTED_CACHE_KIB, "the listing of the inputs")

    def settle(self) -> None:
        """Move the listing to SQLite, if it is past its bound, to be held there until it is let go."""
        if self._count > self._in_memory and not self._database.opened:
            rows = zip(itertools.count(), map(_to_bytes, self._doc_ids), map(_to_bytes, self._paths))
            self._database.write(("INSERT INTO listed VALUES (?, ?, ?)", rows))
            self._doc_ids, self._paths = [], []

    @property
    def in_database(self) -> bool:
        """Whether the listing moved to SQLite (:meth:`settle`)."""
        return self._database.opened

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> tuple[str, Path]:  # type: ignore[override]
        if not self._database.opened:
            return self._doc_ids[index], Path(self._paths[index])
        position = range(self._count)[index]  # a negative index counts from the end; past it, an IndexError
        doc_id, path = next(self._database.rows("SELECT doc_id, path FROM listed WHERE position = ?", (position,)))
        return _from_bytes(doc_id), Path(_from_bytes(path))

    def __iter__(self) -> Iterator[tuple[str, Path]]:
        if not self._database.opened:
            return ((doc_id, Path(path)) for doc_id, path in zip(self._doc_ids, self._paths, strict=True))
        rows = self._database.rows("SELECT doc_id, path FROM listed ORDER BY position")
        return ((_from_bytes(doc_id), Path(_from_bytes(path))) for doc_id, path in rows)


#: Documents a listing holds in memory before it moves to SQLite (two strings each, some 165 bytes).
IN_MEMORY = 100_000
#: SQLite's page cache for a listing, in KiB: what it keeps in memory however many files there are.
_LISTED_CACHE_KIB = 8 * 1024
_LISTED = "CREATE TABLE listed (position INTEGER PRIMARY KEY, doc_id BLOB, path BLOB);"


def _to_bytes(text: str) -> bytes:
    """A path or id as the file system gave it: a name that is not UTF-8 decodes to lone surrogates, which SQLite
    cannot keep as text."""
    return text.encode("utf-8", "surrogateescape")


def _from_bytes(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


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
    files: list[str] = []  # strings, not paths: a build lists millions of files (:class:`Listing`)
    seen: set[int | str] = set()
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
            if identity not in seen:
                seen.add(identity)
                files.append(file)
                line = f"{os.path.abspath(file)}\0{status.st_size}\0{status.st_mtime_ns}\n"
                digest.update(line.encode("utf-8", "surrogatepass"))
        if empty:
            kinds = ", ".join(f"*{suffix}" for suffix in DOCUMENT_SUFFIXES)
            raise InputError(path, f"the directory holds no document ({kinds})")
    return Listing(unique_ids(files), files, digest.hexdigest())


def _identity(file: str, status: os.stat_result) -> int | str:
    """What tells one file from another: its device and inode (one number: a listing holds one for each file
    while it walks), or its real path where the file system gives no inode (``st_ino`` 0)."""
    return status.st_dev << 64 | status.st_ino if status.st_ino else os.path.realpath(file)


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
    taken: set[str] = set()  # the ids a JSON Lines file's lines may not take: made at the first such file
    many_read = False
    for doc_id, path in listed:
        fmt = input_format(path)
        if fmt.many and not many_read:
            # every file's id, which a corpus without JSON Lines need not hold: a set of a million ids for nothing
            taken.update(other for other, other_path in listed if not input_format(other_path).many)
            many_read = True
        try:
            yield from fmt.read(path, doc_id, encoding, taken)
        except InputError as error:
            yield error
