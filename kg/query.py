"""SPARQL over a built graph, with results printed as a table, CSV or JSON.

The graph binds the project's prefixes and the standard ones, so queries
may use ``skos:``, ``org:``, ``kg:`` … without declaring them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph, Literal
from rdflib.query import Result

from kg.graph import NAMESPACES
from kg.inputs import InputError, read_text
from kg.tables import format_table


class QueryError(ValueError):
    """A query that cannot be run; ``str()`` is one line."""


def load_graph(path: Path) -> Graph:
    """Parse a Turtle graph, with a one-line :class:`InputError` if it cannot be."""
    text = read_text(path)
    graph = Graph()
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace)
    try:
        graph.parse(data=text, format="turtle")
    except Exception as error:  # rdflib raises parser-specific types with multi-line messages
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(path, f"not valid Turtle: {first_line}") from None
    return graph


def run_query(graph: Graph, sparql: str, output: str = "table") -> str:
    """Run ``sparql`` and render its result in ``output`` (table, csv, json)."""
    try:
        result = graph.query(sparql, initNs=dict(graph.namespaces()))
    except ParseException as error:
        raise QueryError(f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}") from None
    except Exception as error:
        raise QueryError(
            f"the query failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
        ) from None
    if result.type == "ASK":
        return f"{str(bool(result.askAnswer)).lower()}\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode("utf-8")  # type: ignore[union-attr]
    return {"table": _table, "csv": _csv, "json": _json}[output](result, graph)


def _cells(result: Result, graph: Graph) -> tuple[list[str], list[list[str]]]:
    names = [str(v) for v in result.vars or []]
    rows = [[_show(row[i], graph) for i in range(len(names))] for row in result]  # type: ignore[index]
    return names, rows


def _show(term: object, graph: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    return graph.namespace_manager.normalizeUri(term) if hasattr(term, "n3") else str(term)  # type: ignore[arg-type]


def _table(result: Result, graph: Graph) -> str:
    names, rows = _cells(result, graph)
    return f"{format_table(names, rows)}\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _csv(result: Result, graph: Graph) -> str:
    names, rows = _cells(result, graph)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buffer.getvalue()


def _json(result: Result, graph: Graph) -> str:
    names, rows = _cells(result, graph)
    return json.dumps([dict(zip(names, row, strict=True)) for row in rows], ensure_ascii=False, indent=1) + "\n"
