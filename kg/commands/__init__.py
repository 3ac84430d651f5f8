"""The subcommands of ``kg``, one module each.

A command module has ``NAME``, ``HELP``, ``configure(parser)`` to declare
its arguments and ``run(args) -> int``.  Heavy imports stay inside ``run``
so that ``kg --help`` and ``kg extract`` start fast.
"""

from __future__ import annotations

#: The command modules, in the order ``kg --help`` lists them.
COMMANDS = ("extract", "build", "query", "eval", "validate", "glossary", "serve", "push")

EXIT_FAILED = 1


class CommandError(Exception):
    """An expected failure of a command, reported as one line."""
