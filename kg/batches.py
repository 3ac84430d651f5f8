"""Items a batch at a time: what the build hands SQLite, Oxigraph and a page's JSON encoder, one call a batch."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), made as they are read: Python 3.12's
    ``itertools.batched``, which this project's Python 3.11 lacks, as lists, which ``"".join`` and ``json``
    take as they are."""
    each = iter(items)
    while batch := list(itertools.islice(each, size)):
        yield batch
