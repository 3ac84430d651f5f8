"""A call run in a forked copy of this process, while this process goes on with something else.

``kg build --store`` syncs its on-disk store and writes its graph files and
glossary from the same assembly.  Each takes a core's worth of Python, so a
thread would only take turns with them for the interpreter; a forked copy
starts with everything this process holds (the assembly is not pickled) and
runs beside it.  Only the call's result crosses back, pickled, and what the
block gives a copy that was started before its input was known
(:func:`forked_given`: the build's copy that drafts English loads
CC-CEDICT while the documents are extracted).

The copy ignores Ctrl-C and SIGTERM: this process handles them, and kills
the copy when the block that started it ends early.  A call that raises a
:class:`~kg.errors.KgError` raises it again here, as its one line; a copy
that dies without answering (the out-of-memory killer) is a ``KgError``
too.  Where a fork would be unsafe (no ``fork`` on the system, or other
threads running, whose locks the copy could inherit held) the call runs
here instead, when its result is asked for (:func:`can_fork`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from kg.errors import KgError

T = TypeVar("T")
A = TypeVar("A")

#: The signals a forked copy leaves to this process.
_SIGNALS = {signal.SIGINT, signal.SIGTERM}
#: How long a thread Python has joined may still be counted by the system, in seconds (see :func:`can_fork`).
_ENDING_THREADS = 0.1
#: How a call ended, as the copy sends it back with its result, its one-line error or its traceback.
_DONE, _FAILED, _BUG = "done", "failed", "bug"


class ForkedBug(RuntimeError):
    """The forked call raised something other than a ``KgError``: a bug, whose traceback the message holds."""


@contextlib.contextmanager
def forked(call: Callable[[], T], doing: str, *, fork: bool = True) -> Iterator[Callable[[], T]]:
    """``call()`` started in a forked copy of this process; the block gets a function that waits for its result.

    ``doing`` says what the call does (``"syncs the store"``), for the
    error if the copy dies.  The copy is killed if the block ends without
    having asked for the result.  With ``fork`` false, or where a fork is
    unsafe, the call runs in this process when the result is asked for.
    """
    if not (fork and can_fork()):
        yield call
        return
    with _started(lambda given: call(), doing) as result:
        yield result


@contextlib.contextmanager
def forked_given(
    call: Callable[[Callable[[], A]], T], doing: str, *, fork: bool = True
) -> Iterator[tuple[Callable[[A], None], Callable[[], T]]]:
    """``call(given)`` started in a forked copy of this process, where ``given()`` waits for what the block gives.

    The copy can get ready for its input while this process finds it: a
    build's copy loads CC-CEDICT while the documents are extracted, then
    drafts the English of the names they gave.  The block gets ``give``
    (call it once) and a function that waits for the result, as
    :func:`forked`.  With ``fork`` false, or where a fork is unsafe, the
    call runs in this process when the result is asked for.
    """
    if not (fork and can_fork()):
        held: list[A] = []
        yield held.append, lambda: call(lambda: held[0])
        return
    inbox, outbox = multiprocessing.Pipe(duplex=False)
    with _started(call, doing, (inbox, outbox)) as result:
        inbox.close()

        def give(value: A) -> None:
            with contextlib.suppress(OSError):  # the copy died: asking for its result says so
                outbox.send(value)
            outbox.close()

        try:
            yield give, result
        finally:
            outbox.close()


@contextlib.contextmanager
def _started(
    call: Callable[[Any], T], doing: str, pipe: tuple[Connection, Connection] | None = None
) -> Iterator[Callable[[], T]]:
    """The copy running ``call``, whose input comes through ``pipe`` (its two ends) if given; a function that
    waits for its result."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_run, args=(call, sender, pipe), daemon=True)
    sys.stdout.flush()  # what is buffered would be written again by the copy as it ends
    sys.stderr.flush()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)  # until the copy has set them aside
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    sender.close()

    def result() -> T:
        try:
            outcome, value = receiver.recv()
        except EOFError:
            process.join()
            raise KgError(f"the process that {doing} died (exit status {process.exitcode}; out of memory?)") from None
        process.join()
        if outcome == _FAILED:
            raise KgError(value)
        if outcome == _BUG:
            raise ForkedBug(f"the process that {doing} failed:\n{value}")
        return value

    try:
        yield result
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


def can_fork() -> bool:
    """Whether a copy of this process can be forked safely: no other thread runs in it.

    Threads are counted by the system (``/proc/self/task``), not by
    :mod:`threading`: the threads of native libraries count too.  RocksDB's
    (under an Oxigraph store on disk) outlive the store that started them,
    and a copy that inherits a lock one of them held waits for ever.  A
    Python thread that was just joined is still counted for a moment (its
    join returns before the system has ended it): while Python knows of no
    other thread, the count is read again for up to :data:`_ENDING_THREADS`
    seconds.  Where the threads cannot be counted (no ``/proc``), nothing is
    forked.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    deadline = time.monotonic() + _ENDING_THREADS
    while True:
        try:
            threads = len(os.listdir("/proc/self/task"))
        except OSError:
            return False
        if threads == 1:
            return True
        if threading.active_count() > 1 or time.monotonic() > deadline:
            return False
        time.sleep(0.001)


def _run(call: Callable[[Any], Any], sender: Connection, pipe: tuple[Connection, Connection] | None) -> None:
    """The copy: the signals set aside, then the call's outcome sent back."""
    given = None  # what a call of forked() is given: nothing
    if pipe is not None:
        inbox, outbox = pipe
        outbox.close()  # else the copy would wait for ever on its input if this process died before giving it
        given = inbox.recv
    for number in _SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    gc.disable()  # a collection would write in every object it goes through, copying pages shared with this process
    try:
        outcome: tuple[str, Any] = (_DONE, call(given))
    except KgError as error:
        outcome = (_FAILED, str(error))
    except BaseException:
        outcome = (_BUG, traceback.format_exc())
    sender.send(outcome)
    sender.close()
