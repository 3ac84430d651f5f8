"""The glossary as a table: CSV for spreadsheets and pandas, TSV for CAT tools.

Every cell a spreadsheet would run as a formula is neutralized
(:func:`kg.export.rows.neutralize`); ``excel`` begins the file with the
byte-order mark Excel needs to read UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from typing import IO

from kg.export.rows import GlossaryRow, cells, header, neutralize
from kg.export.writer import DEFAULTS, ExportOptions


def write_csv(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """``rows`` as UTF-8 CSV with a header (open ``handle`` with ``newline=""``, as :mod:`csv` asks)."""
    _write_table(rows, handle, csv.writer(handle).writerow, options)


def write_tsv(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """``rows`` as UTF-8 tab-separated values: one line per row, no quoting.

    CAT tools read TSV glossaries line by line, so a tab or line break
    inside a cell becomes a space rather than a quoted field.
    """
    _write_table(
        rows, handle, lambda values: handle.write("\t".join(" ".join(v.split()) for v in values) + "\n"), options
    )


def _write_table(
    rows: Sequence[GlossaryRow], handle: IO[str], write: Callable[[list[str]], object], options: ExportOptions
) -> None:
    if options.excel:
        handle.write("\ufeff")
    write(header(options.languages))
    for row in rows:
        write([neutralize(value) for value in cells(row, options.languages)])
