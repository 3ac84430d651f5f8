"""Data compiled once from its sources and cached as ``marshal`` bytes, keyed by the sources' hash.

Parsing a word list or a thesaurus costs far more than reading back what it
compiles to, and a command such as ``kg extract DOC`` pays that on every
run.  :func:`compiled` runs a builder once per version of its source files
and keeps the plain-data result (dicts, lists, tuples, strings, numbers) in
the cache folder; any change to a source changes the key, so a stale cache is
never read.  The cache lives in ``$KG_CACHE_DIR``, else
``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; a cache that cannot be written
(read-only home) costs only the rebuild.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from kg.atomic import atomic_write

T = TypeVar("T")

#: Bump when the layout of compiled data changes, so that older caches are ignored.
FORMAT = 1


def cache_dir() -> Path:
    """Where compiled data is kept."""
    explicit = os.environ.get("KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def source_key(name: str, sources: Sequence[Path]) -> str:
    """A key that changes whenever the name, the format or any source's bytes change."""
    digest = hashlib.sha256(f"{name}\0{FORMAT}".encode())
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def compiled(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``, or its cached result for these exact ``sources``."""
    path = cache_dir() / f"{name}-{source_key(name, sources)}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, "wb") as handle:
            handle.write(marshal.dumps(value))
    except OSError:
        pass  # an unwritable cache only means building again next time
    return value
