"""``kg validate GRAPH [--shapes FILE]``: check a built graph (a Turtle file, or OUT of ``kg build``) against the
SHACL shapes."""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from kg.commands import EXIT_FAILED, CommandError, built_graph_file

NAME = "validate"
HELP = "Check a Turtle graph against the project's SHACL shapes and list what breaks them."

#: Results listed per rule by default; the counts are always complete.
DEFAULT_LIMIT = 20


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", type=Path, help="a Turtle file, or the folder kg build -o wrote (its graph.ttl)")
    parser.add_argument(
        "--shapes", type=Path, metavar="FILE", help="SHACL shapes in Turtle (default: ontology/shapes.ttl)"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"results listed per rule (default {DEFAULT_LIMIT}; 0 lists all)",
    )


def run(args: argparse.Namespace) -> int:
    from kg.rdf.query import load_graph
    from kg.rdf.validate import SHAPES_FILE, ShapesError, validate

    args.graph = built_graph_file(args.graph)
    with _ill_typed_literals_not_logged():
        graph = load_graph(args.graph)
        shapes = load_graph(args.shapes) if args.shapes else None
        try:
            report = validate(graph, shapes)
        except ShapesError as error:
            raise CommandError(f"{args.shapes or SHAPES_FILE}: {error}") from None
    verdict = "conforms to" if report.conforms else "does not conform to"
    print(f"{args.graph} {verdict} {args.shapes or SHAPES_FILE.name} ({len(graph):,} triples): {report.summary()}")
    if report.violations:
        print(report.format(args.limit if args.limit > 0 else None))
    return 0 if report.conforms else EXIT_FAILED


@contextlib.contextmanager
def _ill_typed_literals_not_logged() -> Iterator[None]:
    """Silence rdflib's warning, with a traceback, for each literal it cannot convert.

    Such a literal ("abc"^^xsd:integer) is what validation is for: the report
    names it as a datatype violation, one line, instead.
    """
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
