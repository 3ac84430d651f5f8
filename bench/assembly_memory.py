"""What the build's own process keeps per document: an assembler fed the reports' shards again and again.

``bench/scale.py`` measures whole builds, but 35,000 documents would take it
half an hour, most of it extracting.  Here the reports are extracted once (a
``kg build`` with its cache, in a temporary folder) and their shards are then
given to one :class:`kg.corpus.Assembler` ``--copies`` times, each copy read
back from its JSON (as a worker's result arrives: fresh objects) under ids of
its own (``gwr-2021-c003``), as the build's process would take them.  Every
50 copies it prints the documents taken and the process's resident memory.

Until about 150 copies the samples of each term's contexts, figures and
documents fill (:mod:`kg.sample`).  Then, for a while, the items they keep
come from ever more distinct documents and share fewer sentences and records;
past about 500 copies what remains is what the build keeps per document.
Then it assembles them, which must not add a line per document to the
default graph.

Run: ``.venv/bin/python bench/assembly_memory.py [--copies 700]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_build import CORPUS

from kg.corpus import Assembler, DocumentResult, Shards
from kg.rdf import terms

_MIB = 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=700)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-assembly-") as scratch:
        out = Path(scratch) / "out"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(args.corpus), "-o", str(out)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        shards = Shards(out / ".kg-cache")
        keys = sorted(shards.index()["documents"].values())
        assembler = Assembler(shards)
        print(f"{'copies':>6}  {'documents':>9}  {'resident':>9}  {'per document since the last line':>32}  seconds")
        started, before = time.perf_counter(), (0, _resident())
        for copy in range(args.copies):
            for key in keys:
                result = shards.get(key)
                assert result is not None
                assembler.add(_renamed(result, copy), len(assembler.entries))
            if (copy + 1) % 50 == 0:
                gc.collect()
                documents, resident = len(assembler.entries), _resident()
                growth = (resident - before[1]) / (documents - before[0])
                print(
                    f"{copy + 1:>6}  {documents:>9,}  {resident / _MIB:>5,.0f} MiB  {growth / 1024:>29,.1f} KB"
                    f"  {time.perf_counter() - started:>7.0f}"
                )
                before = documents, resident
        started = time.perf_counter()
        assembly = assembler.assemble()
        activity = sum(len(chunk) for chunk in assembly.activity_turtle())
        print(
            f"assembled in {time.perf_counter() - started:.1f} s, {_resident() / _MIB:,.0f} MiB: a default graph of "
            f"{assembly.default.count(chr(10)):,} statements, and the build's activity, {activity / 1e6:.1f} MB of"
            " Turtle made as it is written"
        )


def _renamed(result: DocumentResult, copy: int) -> DocumentResult:
    """``result`` as the result of a copy of its document: its own id, IRI and shard key."""
    doc_id = f"{result.doc_id}-c{copy:03d}"
    page = dataclasses.replace(result.page, id=doc_id, iri=terms.document_iri(doc_id))
    return dataclasses.replace(result, doc_id=doc_id, key=f"{result.key}-c{copy:03d}", page=page)


def _resident() -> int:
    """This process's resident memory now, in bytes (``/proc/self/statm``)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096


if __name__ == "__main__":
    main()
