"""Every glossary format, registered in one place.

A format is a name, the suffix of its files (which selects it, unless
another format has it too), whether it is a table
(which ``--excel`` applies to), whether it honours ``--lang``, and where its
:class:`~kg.export.writer.Writer`
lives, as ``module:function``: the writer is imported when first used, so
that listing the formats (``kg --help``) loads none of them.  Adding a format
is a module with its writer and one line in :data:`FORMATS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.export.writer import Writer


@dataclass(frozen=True)
class ExportFormat:
    """One way to write a glossary."""

    name: str
    suffix: str
    writer_path: str  # "module:function"
    table: bool = False  # a spreadsheet table: --excel may add its byte-order mark
    languages: bool = True  # written in the languages asked for (--lang); else always in all three
    by_suffix: bool = True  # -o FILE with this suffix selects it; else only --format does (another has the suffix)

    def file_name(self, stem: str = "glossary") -> str:
        """A file name for this format that no other format's takes (glossary.tbx, glossary-tbx-2008.tbx)."""
        return f"{stem}{self.suffix}" if self.by_suffix else f"{stem}-{self.name}{self.suffix}"

    @property
    def write(self) -> Writer:
        module, function = self.writer_path.split(":")
        return getattr(import_module(module), function)


#: The formats by name, in the order ``kg glossary --help`` lists them.
FORMATS = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("csv", ".csv", "kg.export.delimited:write_csv", table=True),
        ExportFormat("tsv", ".tsv", "kg.export.delimited:write_tsv", table=True),
        ExportFormat("tbx", ".tbx", "kg.export.tbx:write_tbx"),
        # the same .tbx suffix, which termbases and CAT tools look for; -o x.tbx alone means TBX 2019
        ExportFormat("tbx-2008", ".tbx", "kg.export.tbx:write_tbx_2008", by_suffix=False),
        ExportFormat("skos", ".ttl", "kg.export.skos:write_skos"),
        ExportFormat("md", ".md", "kg.export.markdown:write_markdown"),
        ExportFormat("html", ".html", "kg.export.html:write_html", languages=False),
    )
}


def format_for(name: str | None, suffix: str | None) -> ExportFormat:
    """The format named ``name``, else the one a file ``suffix`` selects, else CSV."""
    if name:
        return FORMATS[name]
    by_suffix = {fmt.suffix: fmt for fmt in FORMATS.values() if fmt.by_suffix}
    return by_suffix.get((suffix or "").lower(), FORMATS["csv"])
