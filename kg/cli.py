"""The ``kg`` command line: one subcommand per module of :mod:`kg.commands`.

Every expected mistake (a missing file, bytes that are not UTF-8, a bad
SPARQL query) ends as one line on stderr naming what is wrong and a
non-zero exit status; outputs are written atomically, all or none.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from importlib import import_module
from typing import NoReturn

from kg import regexes
from kg.collector import exit_without_freeing
from kg.commands import COMMANDS, EXIT_FAILED, Interrupted
from kg.errors import KgError


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with _terminated_as_interrupted() as terminated:
        try:
            return args.run(args)
        except KgError as error:  # a user's mistake or a bad input, never a bug: one line
            print(f"kg: error: {error}", file=sys.stderr)
            return EXIT_FAILED
        except BrokenPipeError:  # `kg … | head` closed the pipe: not an error of ours
            sys.stderr.close()
            return 0
        except KeyboardInterrupt as interrupt:
            said = str(interrupt) if isinstance(interrupt, Interrupted) and str(interrupt) else "no output was written"
            how, status = ("terminated", 128 + signal.SIGTERM) if terminated else ("interrupted", 128 + signal.SIGINT)
            print(f"kg: {how}; {said}", file=sys.stderr)
            return status


@contextlib.contextmanager
def _terminated_as_interrupted() -> Iterator[list[int]]:
    """SIGTERM stops a command as Ctrl-C does; the list yielded holds the signal once it has.

    SIGTERM is how a job scheduler's time limit, ``kill`` or a stopping
    container ends a process; by default it dies where it stands, leaving
    its temporary files and scratch folders behind.  As an interrupt, the
    outputs are replaced all together or not at all, what is temporary is
    removed, and kg says what was written; the exit status is 143, as for a
    process the signal ended.  A second SIGTERM while that is done is
    ignored, so that it is done to the end.  Only the main thread can set a
    handler: elsewhere (a command run from a thread) SIGTERM keeps its own.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def interrupt(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        received.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Chinese policy-term knowledge graph and glossary.")
    subcommands = parser.add_subparsers(required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = import_module(f"kg.commands.{name}")
        sub = subcommands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(run=module.run)
    return parser


def entry() -> NoReturn:
    """The ``kg`` command: :func:`main`, then an exit that does not tear the interpreter down.

    A build leaves a million objects alive (the thesaurus, the recognizer's
    tables, CC-CEDICT, the glossary); freeing them one by one at exit took
    0.7 s of a 4 s build, for memory the system takes back at once, and a
    command keeps what it would free before it returns
    (:func:`kg.collector.keep_until_exit`).  Every output is complete and
    closed when :func:`main` returns; the streams are flushed here, and the
    patterns compiled for the first time are kept for the next start
    (:func:`kg.regexes.save`), as this exit runs nothing :mod:`atexit` holds.
    """
    exit_without_freeing()
    status = main()
    regexes.save()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `kg … | head` closed the pipe
        pass
    os._exit(status)


if __name__ == "__main__":
    entry()
