"""``kg extract DOC``: the mentions, figures and turns of one document."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.contract import doc_to_json
from kg.doc import Doc
from kg.inputs import read_text
from kg.pipeline import extract
from kg.tables import format_table

NAME = "extract"
HELP = "Recognize and link mentions, figures and turns in one document."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("document", help="a UTF-8 text file")
    parser.add_argument("--format", choices=("json", "table"), default="json")


def run(args: argparse.Namespace) -> int:
    path = Path(args.document)
    doc = extract(read_text(path), path.stem)
    if args.format == "json":
        print(json.dumps(doc_to_json(doc), ensure_ascii=False, indent=1))
    else:
        print(format_doc_table(doc))
    return 0


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
