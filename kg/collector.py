"""Holding Python's cyclic garbage collector while many objects are made that all stay alive, and not freeing
them one by one at the end of a process that exits at once.

The collector runs every few hundred allocations and, now and then, goes
through every object still alive.  Where a step makes a large structure
that lives until the process ends (a dictionary, a corpus's glossary and
page), those passes find nothing to free and cost time in proportion to
what is alive: building CC-CEDICT's index took four times as long with them.

The ``kg`` command ends with ``os._exit`` (:func:`kg.cli.entry`), and the
system takes its memory back at once; what its command frees before that,
it frees an object at a time.  Such a process holds a large structure
(a build's assembly and glossary) until it exits: :func:`keep_until_exit`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector for the block (it is left as it was found)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Kept:
    """What :func:`keep_until_exit` holds: nothing (``None``) but in a process that exits without freeing."""

    objects: list[object] | None = None


def exit_without_freeing() -> None:
    """Say that this process ends with ``os._exit``, which frees nothing: from here on :func:`keep_until_exit`
    holds what it is given."""
    if _Kept.objects is None:
        _Kept.objects = []


def keep_until_exit(*objects: object) -> None:
    """Hold ``objects`` until the process ends, if it ends without freeing them (:func:`exit_without_freeing`):
    a build's assembly and glossary took 42 ms to free an object at a time, where the system frees them at once.
    Elsewhere (a library, the tests, which run many builds in one process) the objects go as they would."""
    if _Kept.objects is not None:
        _Kept.objects.extend(objects)
        gc.freeze()  # nor go through them, with every other object alive, when the collector next runs
