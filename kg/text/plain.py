"""Plain text files: the whole file is one document, its id the file's stem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.text.source import InputError, Source, decoded


def read_plain(
    path: Path, data: bytes, doc_id: str, encoding: str | None, taken: set[str]
) -> Iterator[Source | InputError]:
    """The one document of a text file, decoded in ``encoding`` or the one detected."""
    text = decoded(data, path, encoding)
    yield Source(doc_id, text.text, {"path": str(path), "encoding": text.encoding})
