"""Reading the documents the CLI is given, with errors a user can act on.

Offsets in every annotation are indices into the text exactly as decoded
(``ANNOTATION.md``), so reading must not alter it: the UTF-8 byte-order mark
is the only thing removed, and newlines stay as they are in the file.

Reading is split in two steps so that a format or encoding layer (encoding
detection, HTML, JSONL) can replace the second one later without touching
the first: :func:`read_bytes` deals with the file system, :func:`decode_text`
with the content.  :func:`list_documents` only lists paths; each file is read
when it is processed, so one bad file is reported and the others still run.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Characters that would break an error message onto several lines or fail to
#: print: control characters, and the lone surrogates that stand for the bytes
#: of a file name that is not valid in the file system's encoding.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\udc80-\udcff]")


class InputError(Exception):
    """A document cannot be used; ``str()`` is one line: ``PATH: problem``.

    ``path`` and ``problem`` are kept apart so a caller can group or
    re-word errors without parsing the message.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{_printable(os.fspath(path))}: {_printable(problem)}")


def _printable(text: str) -> str:
    """``text`` with control characters and undecodable file-name bytes as ``\\xNN``."""
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()) & 0xFF:02x}", text)


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of the document at ``path``; raises :class:`InputError`."""
    return decode_text(read_bytes(path), path)


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


def decode_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode a document's bytes as UTF-8, removing a BOM and nothing else.

    ``path`` only names the file in errors.  NUL bytes are valid UTF-8 but
    do not occur in a text document, so they are reported as a binary file
    rather than passed on as text that nothing downstream can use.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"looks like a binary file (NUL byte at byte offset {nul}), not UTF-8 text")
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        raise InputError(
            path,
            f"not valid UTF-8 at byte offset {offset} (byte 0x{data[offset]:02x}: {error.reason}); "
            "convert the file to UTF-8, e.g. iconv -f GB18030 -t UTF-8",
        ) from None
    if not text:
        raise InputError(path, "the file is empty")
    if text.isspace():
        raise InputError(path, "the file holds only whitespace")
    return text


def list_documents(paths: Sequence[str | os.PathLike[str]]) -> list[tuple[str, Path]]:
    """``(doc_id, path)`` for each document named by ``paths``, without reading any.

    A file is taken as given, whatever its name; a directory contributes its
    ``*.txt`` files, recursively and in sorted order, skipping hidden files
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
            found = text_files(path)
            if not found:
                raise InputError(path, "the directory holds no *.txt document")
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


def text_files(directory: Path) -> list[Path]:
    """The non-hidden ``*.txt`` files under ``directory``, sorted by path components."""

    def unreadable(error: OSError) -> None:
        raise InputError(error.filename or directory, f"the directory cannot be listed: {error.strerror}")

    found = []
    for root, dirs, names in os.walk(directory, onerror=unreadable):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(
            Path(root, name)
            for name in names
            if name.lower().endswith(".txt") and not name.startswith(".") and Path(root, name).is_file()
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

    ``meta`` holds what the input format tells (``path``, and where known
    ``title``, ``date``, ``url``, ``encoding``); offsets always refer to ``text``.
    """

    doc_id: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def iter_sources(paths: Sequence[str | os.PathLike[str]], encoding: str | None = None) -> Iterator[Source | InputError]:
    """Each document named by ``paths``, or the :class:`InputError` that stops it.

    Errors are yielded, not raised, so a caller can report a bad document and
    go on with the rest; a mistake in the command itself (a missing path, a
    folder without documents) still raises at once.  ``encoding`` is the
    user's override of the file encoding (UTF-8 is the default).
    """
    for doc_id, path in list_documents(paths):
        try:
            data = read_bytes(path)
            text = decode_text(data, path) if encoding is None else _decode_as(data, path, encoding)
        except InputError as error:
            yield error
            continue
        yield Source(doc_id, text, {"path": str(path)})


def _decode_as(data: bytes, path: str | os.PathLike[str], encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not valid {encoding} at byte offset {error.start}") from None
