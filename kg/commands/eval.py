"""``kg eval DIR``: extraction scored against the gold files beside the documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands import EXIT_FAILED, CommandError
from kg.contract import doc_to_json
from kg.pipeline import extract

NAME = "eval"
HELP = "Score extraction against the *.gold.json files beside the documents."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="a folder of NAME.txt with NAME.gold.json beside them")
    parser.add_argument("--per-document", action="store_true", help="also print one row per document")


def run(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate_folder, format_documents, format_table

    evaluation = evaluate_folder(args.folder, lambda doc_id, text: doc_to_json(extract(text, doc_id)))
    for error in evaluation.errors:
        print(f"kg: error: {error}", file=sys.stderr)
    if not evaluation.documents:
        raise CommandError(f"{args.folder}: no document could be scored")
    print(format_table(evaluation.total.report()))
    if args.per_document:
        print()
        print(format_documents(evaluation.documents))
    return EXIT_FAILED if evaluation.errors else 0
