"""A document as the recognizer gets it, and the one-line errors of getting it.

Offsets in every annotation are indices into the text exactly as decoded
(``docs/annotation.md``), so reading must not alter it: a byte-order mark is
the only thing removed, and newlines stay as they are in the file.
:func:`read_bytes` deals with the file system and :func:`decoded` with the
encoding (:mod:`kg.text.encodings`); every input format
(:mod:`kg.text.inputs`) builds on both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg import regexes
from kg.errors import KgError
from kg.text.encodings import Decoded, EncodingProblem, decode

#: Characters that would break an error message onto several lines or fail to
#: print: control characters, and the lone surrogates that stand for the bytes
#: of a file name that is not valid in the file system's encoding.
_UNPRINTABLE = regexes.compile("[\x00-\x1f\x7f\udc80-\udcff]")


class InputError(KgError):
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


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The raw content of a document file, or an :class:`InputError` saying why not."""
    with open_document(path) as file:
        try:
            return file.read()
        except OSError as error:
            raise InputError(path, why_unreadable(error)) from None


def open_document(path: str | os.PathLike[str]) -> BinaryIO:
    """A document file opened for reading bytes, or an :class:`InputError` saying why not."""
    try:
        return open(path, "rb")
    except OSError as error:  # a folder is told by the opening, not by a look before it: a build opens millions
        raise InputError(path, why_unreadable(error)) from None


def why_unreadable(error: OSError) -> str:
    """Why a file cannot be read, as its user would say it."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a document file"
    return f"cannot be read: {error.strerror or error}"


def decode_text(data: bytes, path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """A document's bytes as text: in ``encoding`` if given, else detected (:func:`kg.text.encodings.decode`).

    ``path`` only names the file in errors.  An empty or blank text is an
    error: there is nothing to recognize, and a user who passed it most
    likely meant another file.
    """
    return decoded(data, path, encoding).text


def decoded(
    data: bytes, path: str | os.PathLike[str], encoding: str | None = None, declared: str | None = None
) -> Decoded:
    """:func:`decode_text`, with the codec that decoded it; ``declared`` is a charset the file names itself."""
    try:
        decoded = decode(data, encoding, declared)
    except EncodingProblem as problem:
        raise InputError(path, str(problem)) from None
    if not decoded.text:
        raise InputError(path, "the file is empty")
    if decoded.text.isspace():
        raise InputError(path, "the file holds only whitespace")
    return decoded


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
