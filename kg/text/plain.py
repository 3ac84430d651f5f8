"""Plain text files: the whole file is one document, its id the file's stem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.text.source import InputError, Source, decoded, read_bytes
from kg.text.taken import Taken


def read_plain(path: Path, doc_id: str, encoding: str | None, taken: Taken) -> Iterator[Source | InputError]:
    """The one document of a text file, decoded in ``encoding`` or the one detected."""
    text = decoded(read_bytes(path), path, encoding)
    yield Source(doc_id, text.text, {"path": str(path), "encoding": text.encoding})
