"""SPARQL over a built graph, with results printed as a table, CSV or JSON.

The graph binds the project's prefixes and the standard ones, so queries
may use ``skos:``, ``org:``, ``kg:`` … without declaring them.  The graph
may be rdflib's in-memory one (:func:`load_graph`, which pySHACL needs) or an
Oxigraph store, in memory (:func:`kg.rdf.store.load_file`, what ``kg query``
uses for a file) or on disk, seen through rdflib
(:func:`kg.rdf.store.rdflib_view`): the same query text runs on both.

Named queries are the ``.rq`` files of ``kg/rdf/queries``.  A query's
parameter is a ``VALUES`` clause of one variable whose values are strings
(or ``UNDEF``), and they are its default: ``VALUES ?name { "黄利斌"@zh-Hans
"黄利斌"@zh-Hant }`` matches a prefLabel in either script.  So every file
runs as it is in any SPARQL client, and :func:`bind_parameters` puts another
string in place of the default, keeping each language tag.  (Constant
values are what lets Oxigraph look a label up in its index rather than
test every label with a ``FILTER``: milliseconds instead of half a second
on the Government Work Reports.)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg import regexes
from kg.errors import KgError, first_line
from kg.rdf.namespaces import NAMESPACES
from kg.tables import format_table
from kg.text.inputs import InputError, read_text

#: The named queries shipped with the package.
QUERIES_DIR = Path(__file__).resolve().parent / "queries"
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_XSD_STRING = str(XSD.string)
_PARAMETER = regexes.compile(rf"VALUES\s+\?(\w+)\s*\{{((?:\s*(?:UNDEF|{_STRING}(?:@[A-Za-z0-9-]+)?))+)\s*\}}")
_VALUE = regexes.compile(rf"UNDEF|({_STRING})(@[A-Za-z0-9-]+)?")


class QueryError(KgError, ValueError):
    """A query that cannot be run; ``str()`` is one line."""


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: its name (the file's stem), what it answers (its first comment line) and its text."""

    name: str
    description: str
    text: str

    @property
    def parameters(self) -> dict[str, str]:
        return parameters(self.text)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    queries = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        queries[path.stem] = NamedQuery(path.stem, first.lstrip("# ").strip() if first.startswith("#") else "", text)
    return queries


def named_query(name: str) -> NamedQuery:
    """The named query ``name``, or a :class:`QueryError` listing the names there are."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def parameters(sparql: str) -> dict[str, str]:
    """The parameters of a query and their defaults (the first value's string, or ``UNDEF``)."""
    found = {}
    for name, values in _PARAMETER.findall(sparql):
        first = _VALUE.search(values)
        found.setdefault(name, json.loads(first[1]) if first and first[1] else "UNDEF")
    return found


def bind_parameters(sparql: str, values: Mapping[str, str]) -> str:
    """``sparql`` with the string of each parameter in ``values`` replaced, each language tag kept."""
    known = parameters(sparql)
    for name in values:
        if name not in known:
            offered = ", ".join(f"?{p}" for p in known) or "none"
            raise QueryError(f"the query has no parameter ?{name} (its parameters: {offered})")

    def bound(clause: re.Match[str]) -> str:
        name = clause[1]
        if name not in values:
            return clause[0]
        string = Literal(values[name]).n3()
        literals = _VALUE.sub(lambda value: string + (value[2] or ""), clause[2])
        return f"VALUES ?{name} {{{literals} }}"

    return _PARAMETER.sub(bound, sparql)


#: A SPARQL update: after its prologue (comments, BASE and PREFIX declarations), an update's first keyword.
_UPDATE = regexes.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def load_graph(path: Path) -> Graph:
    """Parse a Turtle graph, with a one-line :class:`InputError` if it cannot be."""
    text = read_text(path)
    graph = Graph()
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace)
    try:
        graph.parse(data=text, format="turtle")
    except Exception as error:  # rdflib raises parser-specific types with multi-line messages
        raise InputError(path, f"not valid Turtle: {_turtle_problem(text, path) or first_line(error)}") from None
    return graph


def _turtle_problem(text: str, path: Path) -> str | None:
    """What Oxigraph finds wrong with the Turtle ``text``, in one line with its line and column; ``None`` if it
    finds nothing.  rdflib's account of a syntax error spreads over lines, and its first says only where."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        return first_line(error)
    return None


def run_query(graph: Graph, sparql: str, output: str = "table") -> str:
    """Run ``sparql`` and render its result in ``output`` (table, csv, json)."""
    return format_result(execute(graph, sparql), graph, output)


def execute(graph: Graph, sparql: str) -> Result:
    """Run ``sparql`` on ``graph`` with its prefixes; a mistake in it, or a failure, is a :class:`QueryError`."""
    from pyparsing import ParseException  # rdflib's SPARQL parser's, imported here: a build never needs its 60 ms

    try:
        return graph.query(sparql, initNs=dict(graph.namespaces()))
    except (ParseException, SyntaxError) as error:
        if _UPDATE.match(sparql):  # the parsers of queries say only that they expected SELECT or CONSTRUCT
            raise QueryError(
                "this is a SPARQL update; kg query runs queries (SELECT, ASK, CONSTRUCT, DESCRIBE), and a graph "
                "or store changes only when kg build writes it"
            ) from None
        if isinstance(error, ParseException):
            raise QueryError(f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}") from None
        raise QueryError(f"SPARQL syntax error: {first_line(error)}") from None  # Oxigraph's, behind a store
    except Exception as error:
        raise QueryError(f"the query failed: {first_line(error)}") from None


def query_store(folder: Path, sparql: str, output: str = "table") -> str:
    """Run ``sparql`` on the store ``kg build --store`` made in ``folder``, or read the answer it keeps for it.

    A store keeps the answers of the named queries that return a row per
    term (:data:`kg.rdf.store.KEPT_ANSWERS`), computed when it was built;
    any other query, or one with other parameters, runs on the store.
    """
    from kg.rdf.store import check_store, kept_answer, open_store, rdflib_view

    check_store(folder)
    kept = kept_answer(folder, sparql)
    if kept is not None:  # read without opening the store: a few milliseconds, where the query takes hundreds
        return render_cells(*kept, output)
    return run_query(rdflib_view(open_store(folder)), sparql, output)


def format_result(result: Result, graph: Graph, output: str = "table") -> str:
    """A query's result as ``output`` (table, csv, json), IRIs written with the graph's prefixes."""
    if result.type == "ASK":
        return f"{str(bool(result.askAnswer)).lower()}\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _graph_text(result, output)
    return render_cells(*result_cells(result, graph), output)


def _graph_text(result: Result, output: str) -> str:
    """A CONSTRUCT or DESCRIBE answer as Turtle (``table``), JSON-LD (``json``) or a row per statement (``csv``),
    with the project's prefixes and language tags in their conventional case (``zh-Hans``: a store lowercases
    them)."""
    from kg.rdf.store import restore_language_case  # the store's module imports this one

    answer = Graph()
    for prefix, namespace in NAMESPACES.items():
        answer.bind(prefix, namespace, override=True)
    answer.parse(data=restore_language_case(result.serialize(format="nt")).decode("utf-8"), format="nt")  # type: ignore[union-attr]
    if output == "json":
        return answer.serialize(format="json-ld", context=dict(NAMESPACES), indent=1) + "\n"
    if output == "csv":
        rows = [[_show(term, answer) for term in statement] for statement in sorted(answer)]
        return _csv(["subject", "predicate", "object"], rows)
    return answer.serialize(format="turtle")


def render_cells(names: list[str], rows: list[list[str]], output: str = "table") -> str:
    """A SELECT answer given as text cells (:func:`result_cells`) as ``output`` (table, csv, json)."""
    return {"table": _table, "csv": _csv, "json": _json}[output](names, rows)


def result_cells(result: Result, graph: Graph) -> tuple[list[str], list[list[str]]]:
    """A SELECT result as text: its variables, and each row's values as printed (IRIs with the graph's prefixes)."""
    names = [str(v) for v in result.vars or []]
    rows = [[_show(row[i], graph) for i in range(len(names))] for row in result]  # type: ignore[index]
    return names, rows


def store_cells(graph: Graph, sparql: str) -> tuple[list[str], list[list[str]]]:
    """:func:`result_cells` of the SELECT query ``sparql`` run on ``graph``, a view of an Oxigraph store
    (:func:`kg.rdf.store.rdflib_view`), read from Oxigraph's answer directly.

    The same query with the same prefixes over the union of the graphs, as
    :func:`execute` has rdflib hand it to Oxigraph (``oxrdflib``), and the
    same cells; but no rdflib term is made for a string or an IRI first, which
    took half the time a store took to keep its answers
    (:func:`kg.rdf.store.keep_answers`).  A typed literal other than a string
    is still made into one, whose text is what rdflib normalizes it to.
    """
    import pyoxigraph as ox

    from kg.rdf.sparql import oxigraph_select, oxigraph_store

    store = oxigraph_store(graph)
    if store is None:
        raise ValueError("store_cells reads the answers of an Oxigraph store's view")
    names, solutions = oxigraph_select(store, sparql, dict(graph.namespaces()))
    # IRIs and numbers recur from row to row: each is written once, an IRI with its prefix, a number as rdflib
    # normalizes it (a glossary's counts are some 9,000 literals of a few hundred values)
    shown: dict[object, str] = {}

    def cell(term: object) -> str:
        if term is None:
            return ""
        if type(term) is ox.Literal and (term.language or term.datatype.value == _XSD_STRING):
            return term.value
        if term not in shown:
            if type(term) is ox.Literal:
                shown[term] = str(Literal(term.value, datatype=URIRef(term.datatype.value)))
            else:
                node = URIRef(term.value) if type(term) is ox.NamedNode else BNode(term.value)  # type: ignore[attr-defined]
                shown[term] = _show(node, graph)
        return shown[term]

    return names, [[cell(term) for term in solution] for solution in solutions]


def _show(term: object, graph: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    return graph.namespace_manager.normalizeUri(term) if hasattr(term, "n3") else str(term)  # type: ignore[arg-type]


def _table(names: list[str], rows: list[list[str]]) -> str:
    return f"{format_table(names, rows)}\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _csv(names: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buffer.getvalue()


def _json(names: list[str], rows: list[list[str]]) -> str:
    return json.dumps([dict(zip(names, row, strict=True)) for row in rows], ensure_ascii=False, indent=1) + "\n"
