"""Throughput of SHACL validation (``kg.rdf.validate``) on graphs built from real documents.

Run: ``.venv/bin/python bench/validate.py [DOC_OR_DIR ...]`` (default: the bundled
``examples/``; ``../shared/corpus/gwr`` for every Government Work Report).
Prints the graph's size, the seconds of the whole validation and, within it,
of the SHACL-SPARQL constraints that ``kg.rdf.validate`` runs once over the graph.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rdflib import Graph

import kg
from kg.rdf.validate import SHAPES_FILE, split_shapes, validate
from kg.text.inputs import InputError, iter_sources

EXAMPLES = Path(__file__).parent.parent / "examples"


def main(paths: list[str]) -> None:
    docs = []
    for source in iter_sources(paths or [str(EXAMPLES)]):
        if isinstance(source, InputError):
            raise SystemExit(f"bench: {source}")
        docs.append(kg.extract(source.text, source.doc_id, source.meta))
    graph = kg.build_graph(docs)
    validate(graph)  # parse the shapes and import pySHACL before timing
    start = time.perf_counter()
    report = validate(graph)
    total = time.perf_counter() - start
    _, checks = split_shapes(Graph().parse(SHAPES_FILE, format="turtle"))
    start = time.perf_counter()
    for check in checks:
        list(graph.query(check.query))
    sparql = time.perf_counter() - start
    print(f"graph       {len(docs)} documents, {len(graph):,} triples")
    print(f"validate    {total:.2f} s, {len(graph) / total:,.0f} triples/s: {report.summary()}")
    print(f"  of which  {sparql:.2f} s for the {len(checks)} SHACL-SPARQL constraints, each run once")


if __name__ == "__main__":
    main(sys.argv[1:])
