"""Documents as JSON Lines: one JSON object per line, ``{"text": …, "id": …, "title": …, "date": …, "url": …}``.

Scrapers and newsroom archives hand over thousands of documents in one
file this way.  Only ``text`` is required; ``id`` (a string or an integer)
names the document, and ``title``, ``date`` and ``url`` become its metadata;
other fields are ignored.  Each line stands alone, so a bad line is reported
with its number and the others are still read.  The file is read a line at
a time (:mod:`kg.text.lines`), so a dump of any size is read in the memory
of its longest line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.text.lines import Line, read_lines
from kg.text.source import InputError, Source
from kg.text.taken import Taken

#: Optional string fields copied into the document's metadata.
META_FIELDS = ("title", "date", "url")


class RecordProblem(KgError, ValueError):
    """A line that is not a usable document; ``str()`` is the one-line reason, ``line`` its 1-based number."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(problem)


@dataclass(frozen=True)
class Record:
    """One document of a JSON Lines file: its line number, text, optional id and metadata, and the codec its
    line was decoded with (empty for a line given as text)."""

    line: int
    text: str
    id: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    encoding: str = ""


def iter_records(lines: Iterable[Line]) -> Iterator[Record | RecordProblem]:
    """Each non-blank line of ``lines`` as a :class:`Record`, or the :class:`RecordProblem` that stops it."""
    for line in lines:
        if line.problem:
            yield RecordProblem(line.number, line.problem)
        elif line.text.strip():
            try:
                yield parse_record(line.text, line.number, line.encoding)
            except RecordProblem as problem:
                yield problem


def parse_record(line: str, number: int = 1, encoding: str = "") -> Record:
    """The document on one JSON Lines line, decoded with ``encoding``; raises :class:`RecordProblem`."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordProblem(number, f"not valid JSON: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise RecordProblem(number, "not usable JSON (nested too deeply)") from None
    except ValueError as error:  # e.g. an integer longer than Python converts
        raise RecordProblem(number, f"not usable JSON ({error})") from None
    if not isinstance(value, dict):
        raise RecordProblem(number, f'a line must be a JSON object with a "text" field, not {_kind(value)}')
    text = value.get("text")
    if not isinstance(text, str):
        found = "no" if text is None else _kind(text)
        raise RecordProblem(number, f'the object has {found} "text" field; it needs a string')
    if not text.strip():
        raise RecordProblem(number, 'the "text" is empty')
    doc_id = value.get("id")
    if doc_id is not None:
        if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
            raise RecordProblem(number, f'the "id" must be a string or an integer, not {_kind(doc_id)}')
        doc_id = str(doc_id)
        if not doc_id.strip():
            raise RecordProblem(number, 'the "id" is empty')
    meta = {}
    for name in META_FIELDS:
        item = value.get(name)
        if item is not None and not isinstance(item, str):
            raise RecordProblem(number, f'the "{name}" must be a string, not {_kind(item)}')
        if item:
            meta[name] = item
    return Record(number, text, doc_id, meta, encoding)


def _kind(value: object) -> str:
    """A JSON value's kind as a reader would say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def read_records(path: Path, doc_id: str, encoding: str | None, taken: Taken) -> Iterator[Source | InputError]:
    """One document per line of a JSON Lines file, or the error of that line; ids go into ``taken``.

    A line without an ``id`` is named after the file and its line number;
    ``doc_id`` (the file's own id) is not used.
    """
    blank = True
    for record in iter_records(read_lines(path, encoding)):
        blank = False
        if isinstance(record, RecordProblem):
            yield InputError(path, record.problem, record.line)
            continue
        record_id = record.id or f"{path.stem}-{record.line}"
        if record_id in taken:
            why = f'the document id {record_id!r} is already taken by another document; give this line a unique "id"'
            yield InputError(path, why, record.line)
            continue
        taken.add(record_id)
        meta = {"path": str(path), "line": str(record.line), "encoding": record.encoding, **record.meta}
        yield Source(record_id, record.text, meta)
    if blank:  # a file past the first block, which is not looked at whole
        yield InputError(path, "the file holds only whitespace")
