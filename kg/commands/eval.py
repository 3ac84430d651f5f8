"""``kg eval DIR``: extraction scored against the gold files beside the documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands import EXIT_FAILED

NAME = "eval"
HELP = "Score extraction against the *.gold.json files beside the documents."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        f"{HELP} The numbers are those of the project's judges, corpus_score.py (and per document "
        "score.py), kept in tests/data/eval/judges: "
        "mentions as sets of (start, end, type), micro-averaged over the folder; the last line is "
        "micro_f1=X p=X r=X as corpus_score.py prints it."
    )
    parser.add_argument("folder", type=Path, help="a folder of NAME.txt with NAME.gold.json beside them")
    parser.add_argument(
        "--by-doc",
        "--per-document",
        dest="by_doc",
        action="store_true",
        help="also print one row per document, worst micro-F1 first, with the folder's micro-F1 without it",
    )


def run(args: argparse.Namespace) -> int:
    # the recognizer is imported here, not above: see kg.commands.extract.run
    from kg.evaluate import evaluate_folder, format_evaluation
    from kg.recognize.contract import doc_to_json
    from kg.recognize.pipeline import extract

    evaluation = evaluate_folder(args.folder, lambda doc_id, text: doc_to_json(extract(text, doc_id)))
    for error in evaluation.errors:  # one line per document that could not be scored, as kg build reports them
        print(f"kg: error: {error}", file=sys.stderr)
    if evaluation.documents:
        print(format_evaluation(evaluation, by_doc=args.by_doc))
    return EXIT_FAILED if evaluation.errors else 0
