"""``kg build DOC_OR_DIR... -o OUT``: the graph and the glossary of a set of documents."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from kg.atomic import AtomicFiles
from kg.commands import CommandError
from kg.doc import ENTITY_TYPES, Doc
from kg.inputs import InputError, iter_sources
from kg.pipeline import extract

NAME = "build"
HELP = "Build the graph (Turtle) and the glossary (CSV) from documents."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="DOC_OR_DIR", help="text files, or folders of *.txt")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="output folder")


def run(args: argparse.Namespace) -> int:
    from kg.glossary import glossary_rows, write_csv
    from kg.graph import build_graph

    sources, errors = [], []
    for item in iter_sources(args.inputs):
        (errors if isinstance(item, InputError) else sources).append(item)
    if errors and not sources and len(errors) == 1:
        raise errors[0]
    if errors:
        for error in errors:
            print(f"kg: error: {error}", file=sys.stderr)
        total = len(errors) + len(sources)
        raise CommandError(f"{len(errors)} of {total} documents could not be read; nothing was written")
    docs = [extract(source.text, source.doc_id, source.meta) for source in sources]
    graph = build_graph(docs)
    rows = glossary_rows(graph)
    args.output.mkdir(parents=True, exist_ok=True)
    with AtomicFiles() as outputs:
        outputs.write_text(args.output / "graph.ttl", graph.serialize(format="turtle"))
        write_csv(rows, outputs.open(args.output / "glossary.csv", newline=""))
    print(build_summary(docs, graph, len(rows), args.output))
    return 0


def build_summary(docs: Sequence[Doc], graph: Graph, glossary_size: int, output: Path) -> str:
    """The one-screen summary ``kg build`` prints."""
    mentions = Counter(span.label for doc in docs for span in doc.ents)
    concepts = {span.concept for doc in docs for span in doc.ents if span.label != "FIGURE"}
    speakers = {turn.person or turn.org for doc in docs for turn in doc.turns}
    lines = [
        f"documents   {len(docs)} ({sum(len(doc.text) for doc in docs):,} characters)",
        "mentions    " + "  ".join(f"{label} {mentions[label]}" for label in ENTITY_TYPES),
        f"concepts    {len(concepts)}",
        f"figures     {sum(len(doc.figures) for doc in docs)}",
        f"turns       {sum(len(doc.turns) for doc in docs)} by {len(speakers - {None})} speakers",
        f"triples     {len(graph):,}",
        f"glossary    {glossary_size} concepts",
        f"written     {output / 'graph.ttl'}  {output / 'glossary.csv'}",
    ]
    return "\n".join(lines)
