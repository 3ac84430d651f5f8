"""``kg query GRAPH SPARQL``: a SPARQL query over a built graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.inputs import read_text

NAME = "query"
HELP = "Run a SPARQL query on a Turtle graph and print the result."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", type=Path, help="a Turtle file, e.g. out/graph.ttl")
    parser.add_argument("sparql", help="the query text, or a file holding it")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    from kg.query import load_graph, run_query

    graph = load_graph(args.graph)
    print(run_query(graph, _query_text(args.sparql), args.format), end="")
    return 0


def _query_text(given: str) -> str:
    """The query itself, or the content of the file it names."""
    looks_like_path = "\n" not in given and len(given) < 256 and not given.lstrip().upper().startswith(_QUERY_FORMS)
    return read_text(given) if looks_like_path else given


_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "#")
