"""What the build's own process keeps per document: an assembler fed the reports' shards again and again.

``bench/scale.py`` measures whole builds, but 35,000 documents would take it
half an hour, most of it extracting.  Here the reports are extracted once (a
``kg build`` with its cache, in a temporary folder) and their shards are then
given to one :class:`kg.corpus.Assembler` ``--copies`` times, each copy read
back from its JSON (as a worker's result arrives: fresh objects) under ids of
its own (``gwr-2021-c003``), as the build's process would take them.  Every
50 copies it prints the documents taken and the process's resident memory.

Copies of a document name the same concepts, but distinct documents report
distinct figures, each a concept of the default graph; so each copy's figure
concepts are made its own (``figure-c003-…``), and the default graph grows
as it would with distinct documents: about 1,100 lines a report.  Past
:data:`kg.rdf.union.IN_MEMORY` lines the union moves to SQLite.
``--same-figures`` leaves the copies as they are.

``--own-terms`` makes each copy's terms that the thesaurus lacks (those the
rules named) its own too (``slogan-三稳-c003``), as a corpus whose
vocabulary keeps growing names ever more terms: about 3,900 new terms a
copy of the reports instead of none, so that what the build keeps per term
shows in the memory per document.

Until about 150 copies the samples of each term's contexts, figures and
documents fill (:mod:`kg.sample`).  Then, for a while, the items they keep
come from ever more distinct documents and share fewer sentences and records;
past about 500 copies what remains is what the build keeps per document.
Then it assembles them, makes the default graph's Turtle as a build writes
it, and the glossary's rows and page, printing the memory after each, and
last the process's peak.

Run: ``.venv/bin/python bench/assembly_memory.py [--copies 700] [--same-figures] [--own-terms]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_build import CORPUS

from kg.corpus import Assembler, DocumentResult, Shards
from kg.export.corpus import corpus_glossary
from kg.export.inline import script_json_chunks
from kg.link.thesaurus import default_thesaurus
from kg.rdf import terms
from kg.rdf.store import vocabulary_store

_MIB = 2**20
_FIGURES = f"<{terms.CONCEPTS}figure-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=700)
    parser.add_argument("--same-figures", action="store_true", help="copies report the same figures as the reports")
    parser.add_argument("--own-terms", action="store_true", help="copies name terms of their own (those not curated)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-assembly-") as scratch:
        out = Path(scratch) / "out"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(args.corpus), "-o", str(out)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        shards = Shards(out / ".kg-cache")
        keys = sorted(path.stem for path in shards.folder.glob("*/*.ttl"))  # the corpus's shards, a file each
        assembler = Assembler(shards)
        print(f"{'copies':>6}  {'documents':>9}  {'resident':>9}  {'per document since the last line':>32}  seconds")
        started, before = time.perf_counter(), (0, _resident())
        for copy in range(args.copies):
            for key in keys:
                result = shards.get(key)
                assert result is not None
                result = _renamed(result, copy, not args.same_figures)
                assembler.add(_own_terms(result, copy) if args.own_terms else result, len(assembler.entries))
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
        print(
            f"assembled in {time.perf_counter() - started:.1f} s, {_resident() / _MIB:,.0f} MiB: a default graph of "
            f"{len(assembly.default):,} statements and the build's activity, made as they are written"
        )
        started = time.perf_counter()
        turtle = sum(len(chunk.encode("utf-8")) for chunk in assembly.default_chunks())
        print(
            f"default graph as Turtle in {time.perf_counter() - started:.1f} s, {_resident() / _MIB:,.0f} MiB:"
            f" {turtle / 1e6:,.0f} MB made and let go piece by piece"
        )
        started = time.perf_counter()
        with vocabulary_store(assembly) as vocabulary:
            rows, data = corpus_glossary(vocabulary, assembly)  # as kg build makes them
            made = _resident()
            page = sum(len(chunk.encode("utf-8")) for chunk in script_json_chunks(data))  # as a build writes it
        print(
            f"glossary in {time.perf_counter() - started:.1f} s, {made / _MIB:,.0f} MiB: {len(rows):,} rows,"
            f" a page of {page / 1e6:.1f} MB, written in {_resident() / _MIB:,.0f} MiB;"
            f" the process's peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"
        )
        assembler.close()


def _renamed(result: DocumentResult, copy: int, own_figures: bool) -> DocumentResult:
    """``result`` as the result of a copy of its document: its own id, IRI and shard key, and its own figure
    concepts if ``own_figures``."""
    doc_id = f"{result.doc_id}-c{copy:03d}"
    page = dataclasses.replace(result.page, id=doc_id, iri=terms.document_iri(doc_id))
    shared = result.shared.replace(_FIGURES, f"{_FIGURES}c{copy:03d}-") if own_figures else result.shared
    return dataclasses.replace(result, doc_id=doc_id, key=f"{result.key}-c{copy:03d}", page=page, shared=shared)


def _own_terms(result: DocumentResult, copy: int) -> DocumentResult:
    """``result`` with the concepts it names that the thesaurus lacks, figures aside, renamed for copy ``copy``
    wherever it names them (``slogan-三稳`` → ``slogan-三稳-c003``)."""
    curated = default_thesaurus().concepts
    suffix = f"-c{copy:03d}"
    ids = {
        concept: concept + suffix
        for concept in result.usage
        if concept not in curated and not concept.startswith("figure-")
    }
    iris = {terms.concept_iri(concept): terms.concept_iri(own) for concept, own in ids.items()}
    if not ids:
        return result
    pattern = re.compile("<(" + "|".join(map(re.escape, sorted(iris, key=len, reverse=True))) + ")>")
    shared = pattern.sub(lambda match: f"<{iris[match[1]]}>", result.shared)
    page = result.page
    page = dataclasses.replace(
        page,
        mentions=[(iris.get(concept, concept), context) for concept, context in page.mentions],
        figures=[(iris.get(concept, concept), context, values) for concept, context, values in page.figures],
        speakers=[(iris.get(concept, concept), iris.get(agent, agent), n) for concept, agent, n in page.speakers],
        agents=[iris.get(agent, agent) for agent in page.agents],
        roles=[(iris.get(agent, agent), role) for agent, role in page.roles],
    )
    return dataclasses.replace(
        result,
        shared=shared,
        pairs=[(ids.get(first, first), ids.get(second, second), count) for first, second, count in result.pairs],
        usage={ids.get(concept, concept): count for concept, count in result.usage.items()},
        first_sentences={ids.get(concept, concept): text for concept, text in result.first_sentences.items()},
        stats=dataclasses.replace(result.stats, concepts=sorted(ids.get(c, c) for c in result.stats.concepts)),
        page=page,
    )


def _resident() -> int:
    """This process's resident memory now, in bytes (``/proc/self/statm``)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096


if __name__ == "__main__":
    main()
