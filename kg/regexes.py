"""kg's own regular expressions, compiled once per Python build and read back from the cache as the engine's code.

The recognizer compiles some 80 patterns as it is imported, many over the
Han ranges, and Python's :mod:`re` turns each character class of those into
a map of 65,536 entries, one character at a time, in Python: 0.11 s at every
start of ``kg extract`` or ``kg build``, a third of what ``kg extract`` of a
short document takes.  :func:`compile` keeps what ``re`` compiles a pattern
to (the instruction list of its engine, ``_sre``) in the cache folder
(:func:`kg.compiled.cache_dir`) and hands it back to ``_sre.compile``, the
call ``re.compile`` itself ends in: the pattern made that way equals the one
``re.compile`` makes (``==`` compares the engine's code), and costs some ten
microseconds rather than a millisecond.  A pattern not yet in the cache is
made the same way, from the code it will be kept as, so that a first run
and every later one use the same patterns.

The cache is keyed by the interpreter's exact version and the engine's magic
number, so the code is only ever read back by the build that wrote it, and
by pattern and flags, so a pattern edited in ``kg`` is simply a new entry.
Where ``_sre`` lacks that call, or it refuses the code, the pattern is
compiled by ``re``: the cache only ever saves time.  It is for the patterns
``kg`` writes in its source, not for ones made from a user's input, which
would grow it without end.
"""

from __future__ import annotations

import _sre
import atexit
import hashlib
import marshal
import re
import sys
from pathlib import Path
from typing import Any, overload

from kg.atomic import atomic_write
from kg.compiled import cache_dir

#: Bump when the layout of an entry changes, so that older caches are ignored.
FORMAT = 1
#: A cache holding more patterns than this is rewritten with those of the process writing it alone: entries of
#: patterns ``kg`` no longer has would otherwise stay in it for ever.
LIMIT = 2_000

#: What ``re`` compiles a pattern to, as ``_sre.compile`` takes it: flags, code, groups, names, names by group.
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _Cache:
    """The entries read from the cache file and those this process used; how many it read, compiled and wrote."""

    def __init__(self) -> None:
        self.path = cache_dir() / f"regexes-{_interpreter_key()}.marshal"
        self.entries: dict[tuple[str | bytes, int], Entry] = _read(self.path)
        self.used: dict[tuple[str | bytes, int], Entry] = {}
        self.hits = self.misses = self.saved = 0

    def save(self) -> None:
        """Write the entries this process used, with those of the file as it is now, if it compiled any since it
        last wrote them."""
        if self.misses == self.saved:
            return
        self.saved = self.misses
        merged = {**_read(self.path), **self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path, "wb") as handle:
                handle.write(marshal.dumps(merged if len(merged) <= LIMIT else self.used))
        except OSError:
            pass  # an unwritable cache only means compiling again next time


_cache: _Cache | None = None


@overload
def compile(pattern: str, flags: int = 0) -> re.Pattern[str]: ...
@overload
def compile(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]: ...
def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern[Any]:  # named as re.compile, which it stands for
    """``re.compile(pattern, flags)``, from the cached engine code when this Python build compiled it before (a
    text pattern or a bytes one: HTML before it is decoded, N-Triples as bytes)."""
    global _cache
    if _cache is None:
        _cache = _Cache()
        atexit.register(save)
    key = (pattern, int(flags))
    cached = _cache.entries.get(key)
    if cached is not None:
        compiled = _from_code(pattern, cached)
        if compiled is not None:
            _cache.used[key] = cached
            _cache.hits += 1
            return compiled
    try:
        entry = _entry(pattern, int(flags))
    except (ImportError, AttributeError, TypeError):
        return re.compile(pattern, flags)  # a ``re`` without these steps: nothing to cache
    compiled = _from_code(pattern, entry)
    if compiled is None:
        return re.compile(pattern, flags)  # an engine that takes its code some other way
    _cache.entries[key] = _cache.used[key] = entry
    _cache.misses += 1
    return compiled


def save() -> None:
    """Keep the patterns this process compiled for the first time for the next start (run at exit, and by
    :func:`kg.cli.entry`, whose exit skips what :mod:`atexit` runs)."""
    if _cache is not None:
        _cache.save()


def cache_info() -> tuple[int, int]:
    """How many patterns this process read from the cache, and how many it compiled (and will cache at exit)."""
    return (_cache.hits, _cache.misses) if _cache is not None else (0, 0)


def _entry(pattern: str | bytes, flags: int) -> Entry:
    """What ``re.compile`` hands ``_sre.compile`` for ``pattern``: its own steps, taken one by one to keep it."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    names = dict(parsed.state.groupdict)
    by_group: list[str | None] = [None] * parsed.state.groups
    for name, group in names.items():
        by_group[group] = name
    code = [int(step) for step in _compiler._code(parsed, flags)]  # the opcodes are int subclasses marshal refuses
    return flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(by_group)


def _from_code(pattern: str | bytes, entry: Entry) -> re.Pattern[Any] | None:
    """The pattern ``_sre`` makes of ``entry``, or ``None`` if it refuses it (not this engine's code)."""
    try:
        return _sre.compile(pattern, *entry)
    except (AttributeError, TypeError, ValueError, OverflowError, RuntimeError):
        return None


def _interpreter_key() -> str:
    """A key that changes with the interpreter's build, the regular-expression engine or :data:`FORMAT`."""
    parts: list[Any] = [sys.version, sys.implementation.cache_tag, getattr(_sre, "MAGIC", None), FORMAT]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def _read(path: Path) -> dict[tuple[str | bytes, int], Entry]:
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}
