"""``kg glossary GRAPH_OR_OUT_DIR``: the bilingual glossary of a built graph, for translators and terminologists."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.commands import CommandError, built_graph_file

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.glossary import GlossaryRow

#: Writes glossary rows to a text handle.
Writer = Callable[[list["GlossaryRow"], IO[str]], None]

NAME = "glossary"
HELP = "Export the bilingual glossary of a built graph as CSV, TSV, TBX, SKOS, Markdown or an offline HTML page."

#: Formats, and the file suffix that selects each when --format is not given.
FORMATS = {"csv": ".csv", "tsv": ".tsv", "tbx": ".tbx", "skos": ".ttl", "md": ".md", "html": ".html"}
#: Term types a glossary can hold (figures are not terms).
TYPES = ("ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "INDICATOR")
_DELIMITED = ("csv", "tsv")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "graph",
        type=Path,
        metavar="GRAPH_OR_OUT_DIR",
        help="a Turtle graph, or the folder kg build wrote (its graph.ttl)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="default: from the suffix of -o (.csv .tsv .tbx .ttl .md .html), else csv"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="file to write, replaced only when complete (default or -: stdout)",
    )
    parser.add_argument(
        "--type", action="append", default=[], metavar="TYPE", help=f"keep terms of these types ({', '.join(TYPES)})"
    )
    parser.add_argument("--min-count", type=int, default=0, metavar="N", help="keep terms mentioned at least N times")
    parser.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="LANG",
        help="languages to include: zh-Hans, zh-Hant, en (default: all)",
    )
    parser.add_argument("--excel", action="store_true", help="csv/tsv: begin with a byte-order mark for Excel")


def run(args: argparse.Namespace) -> int:
    from kg.atomic import atomic_write
    from kg.glossary import glossary_rows, select_rows
    from kg.store import load_file

    output_format = _format(args.format, args.output)
    if args.excel and output_format not in _DELIMITED:
        raise CommandError(f"--excel applies to csv and tsv, not {output_format}")
    if args.min_count < 0:
        raise CommandError(f"--min-count must be 0 or more, not {args.min_count}")
    if args.lang and output_format == "html":
        raise CommandError("--lang applies to csv, tsv, tbx, skos and md; the html page shows every language")
    types, languages = _types(args.type), _languages(args.lang)
    if args.output is not None and args.output.is_dir():
        raise CommandError(f"{args.output}: is a folder; name the file to write")
    if args.output is not None and not args.output.parent.is_dir():
        raise CommandError(f"{args.output}: the folder {args.output.parent} does not exist")
    graph = load_file(built_graph_file(args.graph))
    rows = select_rows(glossary_rows(graph), types, args.min_count)
    if not rows:
        raise CommandError(f"{args.graph}: no term matches the filters; nothing was written")
    write = _writer(output_format, languages, args.excel, graph)
    if args.output is None or str(args.output) == "-":
        write(rows, sys.stdout)
        return 0
    try:
        if args.output.exists() and not args.output.is_file():
            # a device or a pipe (/dev/stdout): written in place, since renaming over it would replace it
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                write(rows, handle)
        else:
            with atomic_write(args.output, newline="") as handle:
                write(rows, handle)
    except OSError as error:
        raise CommandError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(_summary(rows, args.output, output_format))
    return 0


def _summary(rows: list[GlossaryRow], output: Path, output_format: str) -> str:
    """What was written, and how much of the text the official English covers."""
    from kg.glossary import mentions_by_status

    terms = Counter(row.english_status for row in rows)
    mentions = mentions_by_status(rows)
    total = sum(mentions.values())
    english = ", ".join(f"{status} {terms[status]}" for status in ("official", "draft", "missing") if terms[status])
    lines = [f"{len(rows)} terms written to {output} as {output_format} (English: {english})"]
    if total:
        share = mentions["official"] / total
        lines.append(f"{share:.1%} of {total} mentions are of terms with official English")
    return "\n".join(lines)


def _format(given: str | None, output: Path | None) -> str:
    if given:
        return given
    by_suffix = {suffix: name for name, suffix in FORMATS.items()}
    return by_suffix.get(output.suffix.lower(), "csv") if output is not None else "csv"


def _split(values: Sequence[str]) -> list[str]:
    """Repeated and comma-separated option values as one list (``--type ORG,POLICY --type SLOGAN``)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _types(given: Sequence[str]) -> list[str]:
    types = [value.upper() for value in _split(given)]
    unknown = sorted(set(types) - set(TYPES))
    if unknown:
        raise CommandError(f"unknown --type {', '.join(unknown)} (choose from {', '.join(TYPES)})")
    return types


def _languages(given: Sequence[str]) -> tuple[str, ...]:
    from kg.glossary import LANGUAGES

    spelling = {lang.lower(): lang for lang in LANGUAGES}
    values = _split(given)
    unknown = [value for value in values if value.lower() not in spelling]
    if unknown:
        raise CommandError(f"unknown --lang {', '.join(unknown)} (choose from {', '.join(LANGUAGES)})")
    chosen = {spelling[value.lower()] for value in values}
    return tuple(lang for lang in LANGUAGES if lang in chosen) if chosen else LANGUAGES


def _writer(output_format: str, languages: Sequence[str], excel: bool, graph: Graph) -> Writer:
    from kg.export.html import write_html
    from kg.export.markdown import write_markdown
    from kg.export.skos import write_skos
    from kg.export.tbx import write_tbx
    from kg.glossary import write_csv, write_tsv

    if output_format == "html":  # the page shows more than rows: contexts, speakers, figures, from the graph
        return lambda rows, handle: write_html(rows, handle, graph=graph)
    if output_format in _DELIMITED:
        delimited = write_csv if output_format == "csv" else write_tsv
        return lambda rows, handle: delimited(rows, handle, bom=excel, languages=languages)
    export = {"tbx": write_tbx, "skos": write_skos, "md": write_markdown}[output_format]
    return lambda rows, handle: export(rows, handle, languages=languages)
