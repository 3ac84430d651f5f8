"""A file of many documents read one line at a time, so that its size does not set the memory a build needs.

A JSON Lines dump of a news archive runs to gigabytes; read whole, decoded
and split, it holds three times its size in memory (a 192 MB file took
567 MB to read).  Here a file is read a line at a time, and only its first
block (:data:`BLOCK`) is looked at to tell its encoding, as
:func:`kg.text.encodings.decode` tells a whole document's.  A file that
fits in that block is decoded whole, as any document is.  Past it, each
line is decoded alone where a newline is the byte ``0x0A`` and never part
of another character (UTF-8, GB18030, Big5, Latin-1 …): a line whose bytes
its encoding rejects is one bad line, and the others are still read.  In
UTF-16 and UTF-32 the file is decoded as one stream and split, and bytes
they reject end the file at the line they are in.

Lines are split at ``\\n`` only, as JSON Lines specifies: U+2028 and other
characters that ``str.splitlines`` would break at are legal inside a JSON
string.  A ``\\r`` before the newline stays in the line.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from kg.text.encodings import EncodingProblem, codecs_for, decode, decode_as
from kg.text.source import InputError, decoded, open_document, why_unreadable

#: Bytes read at a time; the first block (cut at its last newline) tells a file's encoding.
BLOCK = 1 << 20


class Line(NamedTuple):
    """One line of a file: its 1-based number, its text and the codec that decoded it, or why it could not be.

    A tuple, not a dataclass: a file of a million documents makes a million of them.
    """

    number: int
    text: str
    encoding: str = ""
    problem: str = ""


def read_lines(path: Path, encoding: str | None = None) -> Iterator[Line]:
    """Each line of the file at ``path``, decoded in ``encoding`` or the one its first block shows.

    Raises :class:`~kg.text.source.InputError` for a file that cannot be
    read, is empty, or whose first block has no encoding kg can tell.
    """
    with open_document(path) as file:
        try:
            yield from _read(file, path, encoding)
        except OSError as error:  # a disk or network file system failing in the middle of the file
            raise InputError(path, why_unreadable(error)) from None


def _read(file: BinaryIO, path: Path, encoding: str | None) -> Iterator[Line]:
    """:func:`read_lines` of the open ``file``."""
    head = _head(file, path)
    if not file.read(1):  # the whole file: decoded as any document is
        found = decoded(head, path, encoding)
        for number, text in enumerate(found.text.split("\n"), start=1):
            yield Line(number, text, found.encoding)
        return
    try:
        codec, skipped = _encoding(head, encoding)
    except EncodingProblem as problem:
        raise InputError(path, str(problem)) from None
    del head  # a block is not held through a file of any size
    file.seek(skipped)
    if "\n".encode(codec) == b"\n":
        yield from _lines_alone(file, encoding or codec, skipped)
    else:
        yield from _stream(file, codec, skipped)


def _head(file: BinaryIO, path: Path) -> bytes:
    """The first block of ``file``, or more up to a newline when the first line is longer."""
    head = file.read(BLOCK)
    while b"\n" not in head and (more := file.read(BLOCK)):
        head += more
    if not head:
        raise InputError(path, "the file is empty")
    return head


def _encoding(head: bytes, encoding: str | None) -> tuple[str, int]:
    """The codec of a file whose first block is ``head``, and how many bytes it starts with that are not text.

    The block is cut at its last newline, so that a guess sees no character
    cut short; where NUL bytes say it may be UTF-16 or UTF-32, whose newline
    is more than one byte, it is taken whole, its last character perhaps cut.
    """
    sample = head if b"\x00" in head else head[: head.rindex(b"\n") + 1]
    found = decode(sample, encoding, final=False)
    return found.encoding, found.skipped


def _lines_alone(file: BinaryIO, encoding: str, offset: int) -> Iterator[Line]:
    """Each line of ``file`` from ``offset`` on, decoded alone in ``encoding``: a bad one is one problem."""
    first = codecs_for(encoding)[0]
    for number, raw in enumerate(file, start=1):
        yield _line_alone(number, raw.removesuffix(b"\n"), encoding, first, offset)
        offset += len(raw)


def _line_alone(number: int, data: bytes, encoding: str, first: str, offset: int) -> Line:
    """Line ``number``, whose bytes ``data`` start at ``offset`` in the file, decoded by the codec of
    ``encoding``'s family that reads nearly every line (``first``), or else as :func:`decode_as` does (which
    also drops the U+FEFF a file's first line may start with)."""
    if offset:
        try:
            return Line(number, data.decode(first), first)
        except UnicodeDecodeError:
            pass
    try:
        decoded = decode_as(data, encoding, skipped=offset)
    except EncodingProblem as problem:
        return Line(number, "", problem=str(problem))
    return Line(number, decoded.text, decoded.encoding)


def _stream(file: BinaryIO, codec: str, offset: int) -> Iterator[Line]:
    """Each line of ``file`` from ``offset`` on, decoded as one stream in ``codec`` (UTF-16, UTF-32 …); bytes
    that are not ``codec`` end it with a problem on the line they are in."""
    decoder = codecs.getincrementaldecoder(codec)()
    pending, number, problem = "", 1, ""
    while not problem:
        block = file.read(BLOCK)
        state = decoder.getstate()
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            where = offset - len(state[0]) + error.start
            problem = f"is not valid {codec} at byte offset {where} ({error.reason})"
            decoder.setstate(state)
            text = decoder.decode(block[: max(where - offset, 0)])  # the lines before the bad bytes
        *complete, pending = (pending + text).split("\n")
        for line in complete:
            yield Line(number, line, codec)
            number += 1
        offset += len(block)
        if not block:
            yield Line(number, pending, codec)
            return
    yield Line(number, "", problem=problem)
