"""The subcommands of ``kg``, one module each.

A command module has ``NAME``, ``HELP``, ``configure(parser)`` to declare
its arguments and ``run(args) -> int``.  Heavy imports stay inside ``run``
so that ``kg --help`` and ``kg extract`` start fast.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError

#: The command modules, in the order ``kg --help`` lists them.
COMMANDS = ("extract", "build", "query", "eval", "validate", "glossary", "serve", "push")

EXIT_FAILED = 1


class CommandError(KgError):
    """An expected failure of a command, reported as one line."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, carrying what is true of the command's outputs at that moment (the line ``kg`` prints).

    A command that writes in stages (``kg build``: the store, then the
    files, then its cache) raises it so that the message says what was
    written and what was not; a plain :class:`KeyboardInterrupt` means that
    nothing was.
    """


def built_graph_file(given: Path) -> Path:
    """The graph file a path names: the file itself, or the ``graph.ttl`` of a folder ``kg build`` wrote."""
    if not given.is_dir():
        return given
    if not (given / "graph.ttl").is_file():
        raise CommandError(f"{given}: no graph.ttl in this folder (kg build DOCS -o {given} writes one)")
    return given / "graph.ttl"
