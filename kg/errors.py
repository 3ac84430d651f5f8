"""The one kind of error a user is shown: a mistake or a bad input, said in one line.

Every expected failure (a missing file, bytes in no known encoding, a bad
SPARQL query, a store another process holds) is a :class:`KgError`, whose
message is a single line naming what is wrong; the command line prints it
and exits with status 1, and never shows a traceback for it.  Anything else
is a bug, and is allowed to show one.
"""

from __future__ import annotations


class KgError(Exception):
    """An expected failure, reported to the user as ``str(error)``: one line."""


def first_line(error: object) -> str:
    """The first non-blank line of ``error``'s message, or its type's name if it has none.

    Parsers and engines (rdflib, Oxigraph, pySHACL) raise messages of many
    lines; an expected mistake is reported in one.
    """
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
