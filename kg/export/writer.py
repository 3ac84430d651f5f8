"""What every glossary writer takes: the rows, a text handle and the same options.

One signature for every format, so that a format is a function and the
registry (:mod:`kg.export.formats`) can treat them all alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Protocol

from rdflib import Graph

from kg.export.rows import LANGUAGES, GlossaryRow


@dataclass(frozen=True)
class ExportOptions:
    """How to write a glossary: its languages, its title, a byte-order mark for Excel (tables only), and
    the graph the rows came from, for a format that shows more than rows (the HTML page's contexts)."""

    languages: Sequence[str] = LANGUAGES
    title: str = "kg glossary"
    excel: bool = False
    graph: Graph | None = None


#: The options a writer uses when given none.
DEFAULTS = ExportOptions()


class Writer(Protocol):
    """Writes glossary rows to a text handle."""

    def __call__(self, rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = ...) -> None: ...
