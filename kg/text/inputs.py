"""Reading the documents the CLI is given, with errors a user can act on.

Offsets in every annotation are indices into the text exactly as decoded
(``ANNOTATION.md``), so reading must not alter it: a byte-order mark is the
only thing removed, and newlines stay as they are in the file.

Reading is split in steps: :func:`read_bytes` deals with the file system,
:func:`decode_text` with the encoding (:mod:`kg.text.encodings`), and the file's
suffix picks the format: plain text, an HTML page (:mod:`kg.text.html`: the
article and its title, date, source and URL) or JSON Lines (:mod:`kg.text.jsonl`:
one document per line).  :func:`list_documents` only lists paths; each file
is read when it is processed, so one bad file (or one bad line of a JSON
Lines file) is reported and the others still run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.text.encodings import Decoded, EncodingProblem, decode
from kg.text.html import PageProblem, declared_charset, parse_page
from kg.text.jsonl import RecordProblem, iter_records

#: The suffixes (lower-cased) of the files a directory contributes, by format.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

#: Characters that would break an error message onto several lines or fail to
#: print: control characters, and the lone surrogates that stand for the bytes
#: of a file name that is not valid in the file system's encoding.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\udc80-\udcff]")


def first_line(error: object) -> str:
    """The first non-blank line of ``error``'s message, or its type's name if it has none.

    Parsers and engines (rdflib, Oxigraph, pySHACL) raise messages of many
    lines; an expected mistake is reported in one.
    """
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class InputError(Exception):
    """A document cannot be used; ``str()`` is one line: ``PATH: problem`` or ``PATH: line N: problem``.

    ``path``, ``line`` (of a JSON Lines file) and ``problem`` are kept apart
    so a caller can group or re-word errors without parsing the message.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = _printable(os.fspath(path)) + ("" if line is None else f": line {line}")
        super().__init__(f"{where}: {_printable(problem)}")


def _printable(text: str) -> str:
    """``text`` with control characters and undecodable file-name bytes as ``\\xNN``."""
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()) & 0xFF:02x}", text)


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """The text of the file at ``path``, decoded as :func:`decode_text` does; raises :class:`InputError`."""
    return decode_text(read_bytes(path), path, encoding)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The raw content of a document file, or an :class:`InputError` saying why not."""
    file = Path(path)
    if file.is_dir():
        raise InputError(file, "is a directory, not a document file")
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(file, "no such file") from None
    except PermissionError:
        raise InputError(file, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise InputError(file, f"cannot be read: {error.strerror or error}") from None


def decode_text(data: bytes, path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """A document's bytes as text: in ``encoding`` if given, else detected (:func:`kg.text.encodings.decode`).

    ``path`` only names the file in errors.  An empty or blank text is an
    error: there is nothing to recognize, and a user who passed it most
    likely meant another file.
    """
    return _decoded(data, path, encoding).text


def _decoded(
    data: bytes, path: str | os.PathLike[str], encoding: str | None = None, declared: str | None = None
) -> Decoded:
    try:
        decoded = decode(data, encoding, declared)
    except EncodingProblem as problem:
        raise InputError(path, str(problem)) from None
    if not decoded.text:
        raise InputError(path, "the file is empty")
    if decoded.text.isspace():
        raise InputError(path, "the file holds only whitespace")
    return decoded


def list_documents(paths: Sequence[str | os.PathLike[str]]) -> list[tuple[str, Path]]:
    """``(doc_id, path)`` for each document named by ``paths``, without reading any.

    A file is taken as given, whatever its name; a directory contributes its
    ``*.txt``, ``*.html``, ``*.htm`` and ``*.jsonl`` files
    (:data:`DOCUMENT_SUFFIXES`), recursively and in sorted order, skipping hidden files
    and directories (``.venv``, ``.git``, temporary files).  A file named
    twice is listed once.  Doc ids are file stems, made unique by
    :func:`unique_ids`.  A missing path or a directory without documents
    raises :class:`InputError` at once: it is a mistake in the command, not
    in a document.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = text_files(path, DOCUMENT_SUFFIXES)
            if not found:
                raise InputError(path, "the directory holds no *.txt, *.html, *.htm or *.jsonl document")
        elif path.exists():
            found = [path]
        else:
            raise InputError(path, "no such file or directory")
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return list(zip(unique_ids(files), files, strict=True))


def text_files(directory: Path, suffixes: Sequence[str] = TEXT_SUFFIXES) -> list[Path]:
    """The non-hidden files under ``directory`` with one of ``suffixes`` (any case), sorted by path components."""

    def unreadable(error: OSError) -> None:
        raise InputError(error.filename or directory, f"the directory cannot be listed: {error.strerror}")

    found = []
    for root, dirs, names in os.walk(directory, onerror=unreadable):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(
            Path(root, name)
            for name in names
            if name.lower().endswith(tuple(suffixes)) and not name.startswith(".") and Path(root, name).is_file()
        )
    return sorted(found, key=lambda file: file.relative_to(directory).parts)


def unique_ids(paths: Sequence[Path]) -> list[str]:
    """File stems as doc ids; a repeated stem gets ``-2``, ``-3`` … in order.

    A suffixed id never takes a stem that another file has, so the ids of
    ``a.txt``, ``x/a.txt`` and ``a-2.txt`` are ``a``, ``a-3``, ``a-2``.
    """
    stems = {path.stem for path in paths}
    used: set[str] = set()
    ids = []
    for path in paths:
        doc_id, n = path.stem, 1
        while doc_id in used or (n > 1 and doc_id in stems):
            n += 1
            doc_id = f"{path.stem}-{n}"
        used.add(doc_id)
        ids.append(doc_id)
    return ids


@dataclass(frozen=True)
class Source:
    """One document ready for the recognizer: its id, its text as read, and what is known about it.

    ``meta`` holds what the input tells: always ``path`` and ``encoding``
    (the codec that decoded it), the ``line`` of a JSON Lines record, and
    where known ``title``, ``date`` (ISO 8601 from a page), ``url`` and
    ``source`` (the outlet a page credits, 来源).  Offsets always refer to
    ``text``: for a page, the article as extracted (:mod:`kg.text.html`).
    """

    doc_id: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def iter_sources(paths: Sequence[str | os.PathLike[str]], encoding: str | None = None) -> Iterator[Source | InputError]:
    """Each document named by ``paths``, or the :class:`InputError` that stops it.

    Errors are yielded, not raised, so a caller can report a bad document and
    go on with the rest; a mistake in the command itself (a missing path, a
    folder without documents) still raises at once.  ``encoding`` is the
    user's override of the file encoding (detected by default).  A JSON Lines
    file yields one source or error per line; the ids its lines take must not
    be taken by another document.
    """
    listed = list_documents(paths)
    taken = {doc_id for doc_id, path in listed if not _has_suffix(path, JSONL_SUFFIXES)}
    for doc_id, path in listed:
        try:
            data = read_bytes(path)
            if _has_suffix(path, JSONL_SUFFIXES):
                yield from _records(path, data, encoding, taken)
            elif _has_suffix(path, HTML_SUFFIXES):
                yield _page(doc_id, path, data, encoding)
            else:
                decoded = _decoded(data, path, encoding)
                yield Source(doc_id, decoded.text, {"path": str(path), "encoding": decoded.encoding})
        except InputError as error:
            yield error


def _has_suffix(path: Path, suffixes: Sequence[str]) -> bool:
    return path.suffix.lower() in suffixes


def _page(doc_id: str, path: Path, data: bytes, encoding: str | None) -> Source:
    """The article of an HTML page, with its title, date, source and URL as metadata."""
    decoded = _decoded(data, path, encoding, declared_charset(data))
    try:
        page = parse_page(decoded.text)
    except PageProblem as problem:
        raise InputError(path, str(problem)) from None
    return Source(doc_id, page.text, {"path": str(path), "encoding": decoded.encoding, **page.meta()})


def _records(path: Path, data: bytes, encoding: str | None, taken: set[str]) -> Iterator[Source | InputError]:
    """One source per line of a JSON Lines file, or the error of that line; ids go into ``taken``."""
    decoded = _decoded(data, path, encoding)
    for record in iter_records(decoded.text):
        if isinstance(record, RecordProblem):
            yield InputError(path, record.problem, record.line)
            continue
        doc_id = record.id or f"{path.stem}-{record.line}"
        if doc_id in taken:
            why = f'the document id {doc_id!r} is already taken by another document; give this line a unique "id"'
            yield InputError(path, why, record.line)
            continue
        taken.add(doc_id)
        meta = {"path": str(path), "line": str(record.line), "encoding": decoded.encoding, **record.meta}
        yield Source(doc_id, record.text, meta)
