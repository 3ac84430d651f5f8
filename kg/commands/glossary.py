"""``kg glossary GRAPH_OR_OUT_DIR``: the bilingual glossary of a built graph, for translators and terminologists."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.commands import CommandError, built_graph_file
from kg.export.formats import FORMATS, format_for
from kg.recognize.doc import CONCEPT_CATEGORIES

if TYPE_CHECKING:
    from kg.export.rows import GlossaryRow

NAME = "glossary"
HELP = "Export the bilingual glossary of a built graph (" + ", ".join(FORMATS) + ")."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "graph",
        type=Path,
        metavar="GRAPH_OR_OUT_DIR",
        help="a Turtle graph, or the folder kg build wrote (its graph.ttl)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="default: from the suffix of -o ("
        + " ".join(f"{f.suffix}={f.name}" for f in FORMATS.values() if f.by_suffix)
        + "), else csv; tbx-2008 writes the TBX of ISO 30042:2008 (martif) that older tools read",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="file to write, replaced only when complete (default or -: stdout)",
    )
    parser.add_argument(
        "--type",
        action="append",
        default=[],
        metavar="TYPE",
        help=f"keep terms of these types ({', '.join(CONCEPT_CATEGORIES)})",
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
    from kg.export.rows import glossary_rows, select_rows
    from kg.export.writer import ExportOptions
    from kg.rdf.store import load_file

    export = format_for(args.format, args.output.suffix if args.output else None)
    if args.excel and not export.table:
        tables = " and ".join(f.name for f in FORMATS.values() if f.table)
        raise CommandError(f"--excel applies to {tables}, not {export.name}")
    if args.min_count < 0:
        raise CommandError(f"--min-count must be 0 or more, not {args.min_count}")
    if args.lang and not export.languages:
        chosen = ", ".join(f.name for f in FORMATS.values() if f.languages)
        raise CommandError(f"--lang applies to {chosen}; the {export.name} format shows every language")
    types, languages = _types(args.type), _languages(args.lang)
    if args.output is not None and args.output.is_dir():
        raise CommandError(f"{args.output}: is a folder; name the file to write")
    if args.output is not None and not args.output.parent.is_dir():
        missing = "is a file, not a folder" if args.output.parent.exists() else "does not exist"
        raise CommandError(f"{args.output}: the folder {args.output.parent} {missing}")
    graph = load_file(built_graph_file(args.graph))
    rows = select_rows(glossary_rows(graph), types, args.min_count)
    if not rows:
        raise CommandError(f"{args.graph}: no term matches the filters; nothing was written")
    options = ExportOptions(languages=languages, excel=args.excel, graph=graph)

    def write(handle: IO[str]) -> None:
        export.write(rows, handle, options)

    if args.output is None or str(args.output) == "-":
        write(sys.stdout)
        return 0
    try:
        if args.output.exists() and not args.output.is_file():
            # a device or a pipe (/dev/stdout): written in place, since renaming over it would replace it
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                write(handle)
        else:
            with atomic_write(args.output, newline="") as handle:
                write(handle)
    except OSError as error:
        raise CommandError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(_summary(rows, args.output, export.name))
    return 0


def _summary(rows: list[GlossaryRow], output: Path, output_format: str) -> str:
    """What was written, and how much of the text the official English covers."""
    from kg.export.rows import mentions_by_status

    terms = Counter(row.english_status for row in rows)
    mentions = mentions_by_status(rows)
    total = sum(mentions.values())
    english = ", ".join(
        f"{status} {terms[status]}" for status in ("official", "draft", "untranslated", "missing") if terms[status]
    )
    lines = [f"{len(rows)} terms written to {output} as {output_format} (English: {english})"]
    if total:
        share = mentions["official"] / total
        lines.append(f"{share:.1%} of {total} mentions are of terms with official English")
    return "\n".join(lines)


def _split(values: Sequence[str]) -> list[str]:
    """Repeated and comma-separated option values as one list (``--type ORG,POLICY --type SLOGAN``)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _types(given: Sequence[str]) -> list[str]:
    types = [value.upper() for value in _split(given)]
    unknown = sorted(set(types) - set(CONCEPT_CATEGORIES))
    if unknown:
        raise CommandError(f"unknown --type {', '.join(unknown)} (choose from {', '.join(CONCEPT_CATEGORIES)})")
    return types


def _languages(given: Sequence[str]) -> tuple[str, ...]:
    from kg.export.rows import LANGUAGES

    spelling = {lang.lower(): lang for lang in LANGUAGES}
    values = _split(given)
    unknown = [value for value in values if value.lower() not in spelling]
    if unknown:
        raise CommandError(f"unknown --lang {', '.join(unknown)} (choose from {', '.join(LANGUAGES)})")
    chosen = {spelling[value.lower()] for value in values}
    return tuple(lang for lang in LANGUAGES if lang in chosen) if chosen else LANGUAGES
