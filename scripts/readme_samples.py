"""The README's sample outputs, made by running the commands it shows, so that they cannot go stale.

Each sample in ``README.md`` is a fenced block preceded by a marker line,
``<!-- sample NAME -->``; this script runs what the text around it says
(``make run``'s ``kg build examples -o out``, then ``kg query``, ``kg
validate``, ``kg glossary``, ``bench/english.py``) in a scratch folder and
writes each block anew:

    .venv/bin/python scripts/readme_samples.py           # rewrite the samples in README.md
    .venv/bin/python scripts/readme_samples.py --check   # exit 1, with a diff, if any is stale

``tests/test_readme.py`` runs the check, so a change that alters what a
command prints fails the tests until the README is regenerated.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib.util
import io
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: A sample: its marker line, then a fenced block whose body is replaced.
SAMPLE = re.compile(r"(<!-- sample (?P<name>[\w-]+) -->\n```[^\n]*\n)(?P<body>.*?)(```)", re.DOTALL)
#: Rows of a long query answer the README shows before its "…" line.
SHOWN_ROWS = 5


def kg(*argv: str) -> str:
    """What ``kg ARGV`` prints on standard output (its exit status is not checked: validate exits 1)."""
    from kg.cli import main

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        main(list(argv))
    return captured.getvalue()


def shortened(table: str) -> str:
    """The header and the first rows of a query's table, ``…``, and its last line, which counts the rows."""
    lines = table.rstrip("\n").splitlines()
    header, rows, count = lines[:2], lines[2:-1], lines[-1]
    if len(rows) <= SHOWN_ROWS:
        return table
    return "\n".join([*header, *rows[:SHOWN_ROWS], "…", count]) + "\n"


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    """A scratch folder as the current one, holding ``out/`` as ``make run`` leaves it."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="kg-readme-") as folder:
        os.chdir(folder)
        try:
            kg("build", str(ROOT / "examples"), "-o", "out", "--no-cache")
            yield Path(folder)
        finally:
            os.chdir(before)


def query(name: str) -> Callable[[], str]:
    """The answer of a shipped query on ``out/graph.ttl``, shortened."""

    def run() -> str:
        return shortened(kg("query", "out/graph.ttl", str(ROOT / "kg" / "rdf" / "queries" / f"{name}.rq")))

    return run


def broken_graph_report() -> str:
    """``kg validate`` of the examples' graph with two figures' values deleted and an anchor cut short."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, SDO

    from kg.rdf.namespaces import NIF

    graph = Graph().parse("out/graph.ttl", format="turtle")
    figures = sorted(str(s) for s in graph.subjects(SDO.value, None) if "/gwr-2021#figure=" in str(s))
    for figure in figures[:2]:
        graph.remove((URIRef(figure), SDO.value, None))
    anchors = sorted(
        (str(s), str(o))
        for s, o in graph.subject_objects(NIF.anchorOf)
        if "/gwr-2021#char=" in str(s) and (s, RDF.type, NIF.Phrase) in graph and len(o) >= 8
    )
    mention, anchor = anchors[0]
    graph.set((URIRef(mention), NIF.anchorOf, Literal(anchor[:-1])))
    graph.serialize("out/graph-broken.ttl", format="turtle")
    report = kg("validate", "out/graph-broken.ttl")
    return report.replace("out/graph-broken.ttl", "out/graph.ttl")


def glossary_share(source: str, folder: str) -> Callable[[], str]:
    """What ``kg glossary`` prints for a build of ``source`` (relative to the repository) into ``folder``."""

    def run() -> str:
        if folder != "out":
            kg("build", str(ROOT / source), "-o", folder, "--no-cache")
        return kg("glossary", folder, "-o", f"{folder}/glossary.csv")

    return run


def english_bench() -> str:
    spec = importlib.util.spec_from_file_location("bench_english", ROOT / "bench" / "english.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    from kg.tables import format_table

    return format_table(bench.HEADER, bench.scores(bench.trials())) + "\n"


#: Every sample by name, in the order they are made (the glossary of out/ is written before the query of it).
SAMPLES: dict[str, Callable[[], str]] = {
    "figures-by-speaker": query("figures-by-speaker"),
    "slogans-by-ministry": query("slogans-by-ministry"),
    "cooccurring-terms": query("cooccurring-terms"),
    "validate-broken": broken_graph_report,
    "glossary-examples": glossary_share("examples", "out"),
    "glossary-dev": glossary_share("tests/data/dev/scio-2021-04-20-miit-q1.txt", "dev"),
    "english-bench": english_bench,
}


def samples() -> dict[str, str]:
    """Every sample's text, computed afresh."""
    with workspace():
        return {name: make() for name, make in SAMPLES.items()}


def rewritten(readme: str, fresh: dict[str, str]) -> str:
    """``readme`` with each marked block's body replaced by its fresh sample; every marker must have one."""
    named = {match["name"] for match in SAMPLE.finditer(readme)}
    if named != set(fresh):
        raise SystemExit(f"README samples {sorted(named)} and the script's {sorted(fresh)} differ")
    return SAMPLE.sub(lambda m: m.group(1) + fresh[m["name"]] + m.group(4), readme)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 with a diff if README.md is stale")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    fresh = rewritten(readme, samples())
    if args.check:
        if fresh != readme:
            sys.stdout.writelines(
                difflib.unified_diff(readme.splitlines(True), fresh.splitlines(True), "README.md", "now")
            )
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
