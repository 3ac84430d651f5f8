"""``kg query [GRAPH] [SPARQL] [--store DIR] [--named NAME]``: SPARQL over a built graph or store."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg import regexes
from kg.commands import CommandError, built_graph_file
from kg.text.inputs import read_text

NAME = "query"
HELP = "Run a SPARQL query (text, file or --named) on a built graph or an Oxigraph store and print the result."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", nargs="?", help="a Turtle file (out/graph.ttl) or the folder kg build wrote")
    parser.add_argument("sparql", nargs="?", help="the query text, or a file holding it")
    parser.add_argument("--store", type=Path, metavar="DIR", help="query the Oxigraph store kg build --store made")
    parser.add_argument("--named", metavar="NAME", help="run a query shipped with kg (see --list)")
    parser.add_argument(
        "--bind", action="append", default=[], metavar="NAME=VALUE", help="give a query parameter a value"
    )
    parser.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    from kg.rdf.query import bind_parameters, named_queries, named_query, query_store, run_query
    from kg.rdf.store import load_file

    if args.list:
        print(_listing(named_queries()))
        return 0
    graph_arg, sparql = args.graph, args.sparql
    if args.store is not None and sparql is None:
        graph_arg, sparql = None, graph_arg  # kg query --store DIR 'SELECT …'
    if (graph_arg is None) == (args.store is None):
        raise CommandError("give either a graph file (or build folder) or --store DIR")
    if (sparql is None) == (args.named is None):
        raise CommandError("give either a query (text or file) or --named NAME")
    text = named_query(args.named).text if args.named else _query_text(sparql)
    text = bind_parameters(text, _bindings(args.bind))
    if args.store is not None:
        print(query_store(args.store, text, args.format), end="")  # Oxigraph runs it, or the store kept its answer
        return 0
    print(run_query(load_file(built_graph_file(Path(graph_arg))), text, args.format), end="")
    return 0


def _bindings(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.lstrip("?"):
            raise CommandError(f"--bind takes NAME=VALUE, not {pair!r}")
        values[name.lstrip("?")] = value
    return values


def _listing(queries: dict) -> str:
    from kg.tables import format_table

    rows = [
        [q.name, " ".join(f"?{name}={default}" for name, default in q.parameters.items()), q.description]
        for q in queries.values()
    ]
    return format_table(["name", "parameters (default)", "answers"], rows)


def _query_text(given: str) -> str:
    """The query itself, or the content of the file it names.

    A name that exists is a file.  Otherwise the words decide, not the first
    keyword: a query misspelled (``SELEC ?x WHERE {``) must reach the SPARQL
    parser and be reported as a syntax error, not as a missing file, while a
    mistyped file name (``figures.rq``, ``my queries/q.sparql``) is still a
    missing file.  A query has spaces, variables or braces; a file name given
    alone has none of them, or ends in a query file's suffix.
    """
    one_line = "\n" not in given and len(given) < 256
    if one_line and (Path(given).is_file() or given.lower().endswith(_QUERY_SUFFIXES)):
        return read_text(given)
    if _QUERY_SIGNS.search(given) or given.lstrip().upper().startswith(_QUERY_FORMS):
        return given
    if not Path(given).exists():
        raise CommandError(f"{given}: no such file, and not a SPARQL query")
    return read_text(given)  # a folder or an unreadable file: read_text says so in one line


_QUERY_SUFFIXES = (".rq", ".sparql", ".ru")
_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "#")
#: What a query holds and a file name given on the command line does not: white space, a variable, a brace.
_QUERY_SIGNS = regexes.compile(r"[\s?${}]")
