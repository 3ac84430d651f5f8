"""Plain-text tables that line up in a terminal, where a CJK character takes two columns."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell, a rule under the header, no trailing spaces."""
    widths = [max([display_width(name), *(display_width(row[i]) for row in rows)]) for i, name in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(ljust(cell, width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])
