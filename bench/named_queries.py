"""Each named query on the built corpus graph: rdflib's in-memory graph against the Oxigraph store.

The corpus (``../shared/corpus/gwr`` and the bundled press-conference
transcript, whose speakers the speaker queries need) is built once with
``kg build -o OUT --store STORE`` in a temporary folder (or ``--out`` and
``--store`` name a build to reuse).  Each query of ``kg/rdf/queries`` then runs
with its default parameters, and every row is read:

* ``rdflib``: on ``OUT/graph.ttl`` parsed into rdflib's default in-memory store;
* ``oxigraph memory``: on ``OUT/graph.trig`` loaded into an in-memory Oxigraph store
  (the like-for-like comparison, and what ``kg build`` queries for the glossary);
* ``memory via rdflib``: on ``OUT/graph.ttl`` parsed by Oxigraph into memory and seen
  through rdflib (:func:`kg.rdf.store.load_file`), which is what ``kg query OUT`` and
  ``kg glossary OUT`` do;
* ``oxigraph disk``: on the store on disk (RocksDB), with pyoxigraph;
* ``disk via rdflib``: on the store through rdflib and the oxrdflib plugin (Oxigraph runs
  the query; rdflib converts each row);
* ``kept answer``: for the named queries whose answer the store keeps
  (:data:`kg.rdf.store.KEPT_ANSWERS`), the whole of ``kg query --store DIR --named NAME
  --format csv`` but for starting Python: the store checked, the answer read back and
  written as CSV (:func:`kg.rdf.query.query_store`); for the others it is ``disk via rdflib``.

Times are the best of ``--repeat`` runs (one run for rdflib beyond 10 s), in milliseconds.

Run: ``.venv/bin/python bench/named_queries.py [--corpus PATH ... | --out OUT --store STORE]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.namespaces import NAMESPACES
from kg.rdf.query import load_graph, named_queries, query_store
from kg.rdf.store import KEPT_ANSWERS, load_file, open_store, rdflib_view

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT.parent / "shared" / "corpus" / "gwr", ROOT / "examples" / "scio-2021-04-20-miit-q1.txt"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a document or folder (default: GWR, transcript)")
    parser.add_argument("--out", type=Path, help="a kg build output folder to reuse")
    parser.add_argument("--store", type=Path, help="the store kg build --store made with it")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        out, store_dir = args.out, args.store
        if out is None or store_dir is None:
            out, store_dir = Path(scratch) / "out", Path(scratch) / "store"
            inputs = [str(path) for path in args.corpus or CORPUS]
            command = [sys.executable, "-m", "kg.cli", "build", *inputs, "-o", str(out), "--store", str(store_dir)]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        run(out, store_dir, args.repeat)


def run(out: Path, store_dir: Path, repeat: int) -> None:
    start = time.perf_counter()
    graph = load_graph(out / "graph.ttl")
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    memory = ox.Store()
    memory.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    in_memory_view = load_file(out / "graph.ttl")
    viewed = time.perf_counter() - start
    disk = open_store(store_dir)
    view = rdflib_view(disk)
    prefixes = {prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}

    def oxigraph(store: ox.Store, query: str) -> Callable[[], object]:
        return lambda: list(store.query(query, use_default_graph_as_union=True, prefixes=prefixes))

    print(f"graph       {len(graph):,} triples")
    print(
        f"loading     rdflib parses graph.ttl in {parsed:.1f} s; Oxigraph loads graph.trig in {loaded:.1f} s"
        f" and graph.ttl (kg query OUT) in {viewed:.1f} s"
    )
    header = (
        "query", "rows", "rdflib", "oxigraph memory", "memory via rdflib", "oxigraph disk", "disk via rdflib",
        "kept answer",
    )  # fmt: skip
    print(f"{header[0]:<22}  {header[1]:>5}  {header[2]:>8}  " + "  ".join(f"{h:>17}" for h in header[3:]))
    for name, query in named_queries().items():
        rows = len(list(graph.query(query.text)))
        times = [
            best(lambda q=query.text: list(graph.query(q)), repeat, give_up=10.0),
            best(oxigraph(memory, query.text), repeat),
            best(lambda q=query.text: list(in_memory_view.query(q)), repeat),
            best(oxigraph(disk, query.text), repeat),
            best(lambda q=query.text: list(view.query(q)), repeat),
        ]
        if name in KEPT_ANSWERS:
            times.append(best(lambda q=query.text: query_store(store_dir, q, "csv"), repeat))  # type: ignore[arg-type]
        rdflib_ms, *oxigraph_ms = (seconds * 1000 for seconds in times)
        cells = [f"{ms:>17,.1f}" for ms in oxigraph_ms] + ([] if name in KEPT_ANSWERS else [f"{'—':>17}"])
        print(f"{name:<22}  {rows:>5}  {rdflib_ms:>8,.0f}  " + "  ".join(cells))
    print("(milliseconds, best of the runs, every row read)")


def best(work: Callable[[], object], repeat: int, give_up: float | None = None) -> float:
    """The shortest of ``repeat`` timings of ``work``; only one if it takes longer than ``give_up`` seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        if give_up is not None and times[-1] > give_up:
            break
    return min(times)


if __name__ == "__main__":
    main()
