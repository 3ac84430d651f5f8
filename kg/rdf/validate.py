"""Checking a graph against SHACL shapes, with violations a person can read.

The shapes (``ontology/shapes.ttl``) state what a built graph promises; this
module runs them and turns the W3C validation report into plain
:class:`Violation` records, grouped by the rule they break.

SHACL Core constraints are left to pySHACL.  SHACL-SPARQL constraints of
node shapes are not: pySHACL runs such a query once per focus node, which
took 47 s for the five of ``shapes.ttl`` on the graph of the dev transcript
and the 2015 report (pySHACL 0.40, 13.7 k triples) against 1.5 s for all
the Core constraints.  Each such query is run here once over the
whole graph with ``$this`` unbound, and its rows are kept for the nodes the
shape targets: the same results, for a query whose pattern binds ``$this``
itself, as every query of ``shapes.ttl`` does.  A constraint that needs
what only a per-node run gives (``$currentShape``, ``$shapesGraph``, a
property shape's ``$PATH``, SPARQL-based targets) stays with pySHACL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from kg import regexes
from kg.errors import KgError, first_line
from kg.link.thesaurus import ONTOLOGY_DIR
from kg.tables import display_width, ljust

#: The project's shapes.
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

#: Pre-bound variables that make a SPARQL constraint depend on one focus node or shape at a time.
_PER_NODE_VARIABLES = regexes.compile(r"[$?](currentShape|shapesGraph|PATH)\b")
#: ``{$name}`` or ``{?name}`` in an ``sh:message`` template.
_TEMPLATE_VARIABLE = regexes.compile(r"\{[$?](\w+)\}")
#: Longest rendering of a value in a report: a document's whole text is no help there.
_MAX_VALUE = 60
_SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


class ShapesError(KgError, ValueError):
    """Shapes that cannot be run (not SHACL, a broken SPARQL constraint); ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result, its nodes written with the graph's prefixes (``kgc:org-miit``).

    ``rule`` names the broken constraint (``sh:minCount``, ``sh:sparql``) of
    ``shape``; ``severity`` is ``violation``, ``warning`` or ``info``.
    """

    focus: str
    path: str | None
    message: str
    value: str | None = None
    rule: str = ""
    severity: str = "violation"
    shape: str = ""


@dataclass(frozen=True)
class Report:
    """The outcome of :func:`validate`: conforming unless some result is a violation."""

    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "violation" for v in self.violations)

    def groups(self) -> list[list[Violation]]:
        """Results of one constraint of one shape on one path, largest group first."""
        by_rule: dict[tuple[str, ...], list[Violation]] = defaultdict(list)
        for v in self.violations:
            by_rule[v.severity, v.shape, v.rule, v.path or "", "" if v.shape else v.message].append(v)
        groups = [sorted(g, key=lambda v: (v.focus, v.value or "", v.message)) for g in by_rule.values()]
        return sorted(groups, key=lambda g: (-len(g), g[0].message, g[0].path or ""))

    def format(self, limit: int | None = None) -> str:
        """One header per group (count, message, rule) and one line per result: focus, path, value.

        A message made from a template (``{$this} has no English label``)
        differs from result to result: it ends each line instead, and the
        header names the shape.  ``limit`` caps the lines shown per group;
        the counts stay exact.
        """
        lines: list[str] = []
        for group in self.groups():
            first = group[0]
            shared = all(v.message == first.message for v in group)
            kind = "" if first.severity == "violation" else f"{first.severity}: "
            lines.append(f"{len(group)} × {kind}{first.message if shared else first.shape}  [{first.rule}]")
            shown = group if limit is None else group[:limit]
            widths = [max(display_width(cell) for cell in column) for column in zip(*map(_cells, shown), strict=True)]
            for v in shown:
                cells = [ljust(cell, width) for cell, width in zip(_cells(v), widths, strict=True)]
                lines.append(("  " + "  ".join(cells) + ("" if shared else f"  {v.message}")).rstrip())
            if len(group) > len(shown):
                lines.append(f"  … and {len(group) - len(shown)} more")
        return "\n".join(lines)

    def summary(self) -> str:
        """``3 violations of 2 rules`` (warnings and infos counted apart)."""
        counts: dict[str, int] = defaultdict(int)
        for v in self.violations:
            counts[v.severity] += 1
        if not counts:
            return "no violations"
        parts = [_plural(counts[s], s) for s in _SEVERITIES.values() if counts[s]]
        return f"{', '.join(parts)} of {_plural(len(self.groups()), 'rule')}"


def _cells(v: Violation) -> tuple[str, str, str]:
    return v.focus, v.path or "", v.value or ""


def validate(graph: Graph, shapes: Graph | None = None) -> Report:
    """Validate ``graph`` against ``shapes`` (default: the project's); never changes ``graph``.

    A graph in another store than rdflib's memory store is copied first:
    pySHACL took over 900 s on 100 k triples in an Oxigraph store, 7.5 s in
    memory (measured on this project's kind of machine).
    """
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    core, checks = _default_shapes() if shapes is None else split_shapes(shapes)
    if not isinstance(graph.store, Memory):
        graph = copy_graph(graph)
    try:
        _, results, _ = pyshacl.validate(graph, shacl_graph=core, inference="none", advanced=False)
    except ReportableRuntimeError as error:
        results = error
    if not isinstance(results, Graph):
        raise ShapesError(f"the shapes cannot be run: {first_line(getattr(results, 'message', results))}")
    names = NodeNames(graph, core)
    violations = list(_core_violations(results, names))
    for check in checks:
        violations.extend(check.run(graph, names))
    return Report(tuple(violations))


@dataclass(frozen=True)
class SparqlCheck:
    """A node shape's SPARQL constraint, run once over the whole graph."""

    shape: Node
    query: Query
    message: str | None
    targets: tuple[tuple[URIRef, Node], ...]
    severity: str = "violation"

    def run(self, graph: Graph, names: NodeNames) -> Iterator[Violation]:
        """A violation for each row whose ``$this`` is a node the shape targets."""
        try:
            rows = [row.asdict() for row in graph.query(self.query)]  # type: ignore[union-attr]
        except Exception as error:  # rdflib's evaluator raises many types
            raise ShapesError(
                f"the SPARQL constraint of {names.show(self.shape)} failed: {first_line(error)}"
            ) from None
        focus = self.focus_nodes(graph)
        for bound in rows:
            if bound.get("this") not in focus:
                continue
            message = bound.get("message") or self.message or f"the SPARQL constraint of {names.show(self.shape)}"
            yield Violation(
                focus=names.show(bound["this"]),
                path=names.show(bound["path"]) if isinstance(bound.get("path"), URIRef) else None,
                message=_fill(str(message), bound, names),
                value=names.show(bound["value"]) if "value" in bound else None,
                rule="sh:sparql",
                severity=self.severity,
                shape=names.show(self.shape),
            )

    def focus_nodes(self, graph: Graph) -> set[Node]:
        """The nodes the shape targets in ``graph`` (SHACL 2.1.3), classes with their subclasses."""
        nodes: set[Node] = set()
        for kind, target in self.targets:
            if kind == SH.targetNode:
                nodes.add(target)
            elif kind == SH.targetClass:
                for cls in graph.transitive_subjects(RDFS.subClassOf, target):
                    nodes.update(graph.subjects(RDF.type, cls))
            elif kind == SH.targetSubjectsOf:
                nodes.update(s for s, _ in graph.subject_objects(target))  # type: ignore[arg-type]
            elif kind == SH.targetObjectsOf:
                nodes.update(o for _, o in graph.subject_objects(target))  # type: ignore[arg-type]
        return nodes


def split_shapes(shapes: Graph) -> tuple[Graph, list[SparqlCheck]]:
    """A copy of ``shapes`` without the SPARQL constraints this module runs itself, and those constraints."""
    core = copy_graph(shapes)
    checks = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        check = _sparql_check(shapes, shape, constraint)
        if check is not None:
            core.remove((shape, SH.sparql, constraint))
            checks.append(check)
    return core, checks


@cache
def _default_shapes() -> tuple[Graph, list[SparqlCheck]]:
    """The project's shapes (``ontology/shapes.ttl``), parsed and split once per process."""
    return split_shapes(Graph().parse(SHAPES_FILE, format="turtle"))


def _sparql_check(shapes: Graph, shape: Node, constraint: Node) -> SparqlCheck | None:
    """The constraint as a whole-graph check, or ``None`` if only a per-node run is faithful to it."""
    query = shapes.value(constraint, SH.select)
    deactivated = any(shapes.value(node, SH.deactivated) == Literal(True) for node in (shape, constraint))
    targets = tuple(
        (kind, target)
        for kind in (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
        for target in shapes.objects(shape, kind)
    )
    if (shape, RDF.type, RDFS.Class) in shapes:
        targets += ((SH.targetClass, shape),)  # an implicit class target
    if (
        query is None
        or deactivated
        or (shape, SH.path, None) in shapes
        or (shape, SH.target, None) in shapes
        or _PER_NODE_VARIABLES.search(str(query))
    ):
        return None
    try:
        prepared = prepareQuery(str(query), initNs=_declared_prefixes(shapes, constraint))
    except Exception as error:  # pyparsing's ParseException, or an undeclared prefix
        raise ShapesError(f"the SPARQL constraint of {shape} is not valid SPARQL: {first_line(error)}") from None
    return SparqlCheck(
        shape=shape,
        query=prepared,
        message=_message(shapes.objects(constraint, SH.message)) or _message(shapes.objects(shape, SH.message)),
        targets=targets,
        severity=_SEVERITIES.get(shapes.value(shape, SH.severity), "violation"),  # type: ignore[arg-type]
    )


def _declared_prefixes(shapes: Graph, constraint: Node) -> dict[str, str]:
    """The ``sh:declare`` prefixes of the constraint's ``sh:prefixes`` (SHACL 5.2.1)."""
    prefixes = {}
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                prefixes[str(prefix)] = str(namespace)
    return prefixes


def _core_violations(results: Graph, names: NodeNames) -> Iterator[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in results:
            continue  # a nested result explains its parent, which is reported
        component = results.value(result, SH.sourceConstraintComponent)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        yield Violation(
            focus=names.show(results.value(result, SH.focusNode)),
            path=_show_path(results, path, names) if path is not None else None,
            message=_message(results.objects(result, SH.resultMessage)) or names.show(component),
            value=names.show(value) if value is not None else None,
            rule=_rule(component),
            severity=_SEVERITIES.get(results.value(result, SH.resultSeverity), "violation"),  # type: ignore[arg-type]
            shape=names.show(results.value(result, SH.sourceShape)),
        )


class NodeNames:
    """Nodes written short with the prefixes of the shapes, the project and the graph, for a person to read.

    The graph's own prefixes win over the project's, which win over the shapes'.
    """

    def __init__(self, graph: Graph, shapes: Graph) -> None:
        from kg.rdf.namespaces import NAMESPACES

        spaces = {p: str(n) for p, n in shapes.namespaces() if p}
        spaces.update({p: str(n) for p, n in NAMESPACES.items()})
        spaces.update({p: str(n) for p, n in graph.namespaces() if p})
        self._spaces = sorted(((ns, prefix) for prefix, ns in spaces.items()), key=lambda item: -len(item[0]))
        self._graph = graph

    def show(self, node: object) -> str:
        """``kgc:org-miit``, ``kgd:dev#char=3,6`` (readable, not Turtle), ``"24.5"^^xsd:decimal``, ``_:b0``."""
        if isinstance(node, URIRef):
            text = str(node)
            for namespace, prefix in self._spaces:
                if text.startswith(namespace) and len(text) > len(namespace):
                    return f"{prefix}:{text[len(namespace) :]}"
            return f"<{text}>"
        if isinstance(node, Literal):
            lexical = str(node) if len(node) <= _MAX_VALUE else str(node)[:_MAX_VALUE] + "…"
            shown = Literal(lexical, lang=node.language, datatype=node.datatype)
            return shown.n3(self._graph.namespace_manager)
        if isinstance(node, BNode):
            return node.n3()
        return str(node)


def _show_path(results: Graph, path: Node, names: NodeNames) -> str:
    """A SHACL property path in SPARQL syntax: ``a/b``, ``^a``, ``a*`` …"""
    if isinstance(path, URIRef):
        return names.show(path)
    if (path, RDF.first, None) in results:
        return "/".join(_show_path(results, step, names) for step in Collection(results, path))
    for predicate, form in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+")):
        inner = results.value(path, predicate)
        if inner is not None:
            return form.format(_show_path(results, inner, names))
    inner = results.value(path, SH.zeroOrOnePath)
    if inner is not None:
        return f"{_show_path(results, inner, names)}?"
    options = results.value(path, SH.alternativePath)
    if options is not None:
        return "(" + "|".join(_show_path(results, o, names) for o in Collection(results, options)) + ")"
    return names.show(path)


def _message(messages: Iterable[Node]) -> str | None:
    """The English message if there is one, else an untagged one, else any."""
    literals = sorted((m for m in messages if isinstance(m, Literal)), key=lambda m: (m.language or "", str(m)))
    english = [m for m in literals if (m.language or "").lower().split("-")[0] == "en"]
    untagged = [m for m in literals if not m.language]
    chosen = english or untagged or literals
    return str(chosen[0]) if chosen else None


def _fill(template: str, bound: dict[str, Node], names: NodeNames) -> str:
    """An ``sh:message`` with its ``{$var}`` / ``{?var}`` replaced by the row's values."""
    return _TEMPLATE_VARIABLE.sub(lambda m: names.show(bound[m[1]]) if m[1] in bound else m[0], template)


def _rule(component: Node | None) -> str:
    """``sh:MinCountConstraintComponent`` → ``sh:minCount``; ``sh:SPARQLConstraintComponent`` → ``sh:sparql``."""
    name = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return f"sh:{name.lower() if name.isupper() else name[:1].lower() + name[1:]}"


def copy_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` in rdflib's memory store, with its prefixes."""
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    for triple in graph:
        copy.add(triple)
    return copy


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
