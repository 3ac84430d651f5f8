"""``kg extract DOC``: the mentions, figures and turns of one document."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.commands import CommandError
from kg.tables import format_table
from kg.text.inputs import InputError, Source, iter_sources

if TYPE_CHECKING:
    from kg.recognize.doc import Doc

NAME = "extract"
HELP = "Recognize and link mentions, figures and turns in one document."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("document", help="a text file (*.txt), an HTML page (*.html, *.htm) or a one-document *.jsonl")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    parser.add_argument(
        "--encoding", metavar="NAME", help="the file's encoding (utf-8, gb18030, big5, utf-16 …); detected if omitted"
    )


def run(args: argparse.Namespace) -> int:
    # imported here: the command line is built with every command, and `kg build` must not import the recognizer
    # before it has started the copy that drafts English (kg.commands.build)
    from kg.recognize.contract import doc_to_json
    from kg.recognize.pipeline import extract

    source = read_one(args.document, args.encoding)
    doc = extract(source.text, source.doc_id, source.meta)
    if args.format == "json":
        print(json.dumps(doc_to_json(doc), ensure_ascii=False, indent=1))
    else:
        print(format_doc_table(doc))
    return 0


def read_one(document: str, encoding: str | None) -> Source:
    """The one document ``kg extract`` was given, read as ``kg build`` reads it."""
    if Path(document).is_dir():
        raise InputError(document, "is a directory; kg extract reads one document (kg build reads folders)")
    items = list(iter_sources([document], encoding))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise CommandError(f"{document}: holds {len(items)} documents; kg extract reads one, kg build reads them all")
    return items[0]


def format_doc_table(doc: Doc) -> str:
    """Mentions, figures and turns of ``doc`` as aligned plain-text tables."""
    parts = [
        format_table(
            ["span", "type", "text", "concept"],
            [[f"{s.start}-{s.end}", s.label, s.text, s.concept or ""] for s in doc.ents],
        )
    ]
    if doc.figures:
        rows = [
            [f.text, f"{f.value:g}", f.unit or "", f.indicator or "", f.period or "", f.speaker or ""]
            for f in doc.figures
        ]
        parts.append(format_table(["figure", "value", "unit", "indicator", "period", "speaker"], rows))
    if doc.turns:
        rows = [[f"{t.start}-{t.end}", t.speaker, "、".join(t.roles), t.org or ""] for t in doc.turns]
        parts.append(format_table(["turn", "speaker", "roles", "org"], rows))
    return "\n\n".join(parts)
