"""How fast the terms' samples of documents take a use, in memory and in SQLite.

A build hands each document's terms to :class:`kg.rdf.aggregates.Uses`,
which keeps a sample of the documents that use each term: in memory up to
a bound of items (:data:`kg.sample.IN_MEMORY`), in SQLite past it, where a
term's sample is written as it gains items and cut back now and then.
This recognizes the documents of ``--corpus`` once (the Government Work
Reports by default), takes their terms as the uses of ``--copies`` copies
of the corpus with documents of their own ids, as a corpus of many
releases that name the same terms would give them, and samples them twice:
held in memory whatever their number, and with the bound ``--in-memory``
(the build's by default).  It prints the uses per second of each and
whether the samples moved to SQLite.

Run: ``.venv/bin/python bench/term_samples.py [--copies 100] [--in-memory N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corpus_build import CORPUS

from kg.rdf.aggregates import Uses
from kg.recognize.pipeline import extract
from kg.sample import IN_MEMORY
from kg.text.inputs import read_text, text_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--in-memory", type=int, default=IN_MEMORY, help="items held before SQLite")
    args = parser.parse_args()
    files = text_files(args.corpus)
    if not files:
        raise SystemExit(f"{args.corpus}: no .txt document")
    documents = []  # each document's terms, once each
    for path in files:
        doc = extract(read_text(path), path.stem)
        documents.append(sorted({span.concept for span in doc.ents if span.concept}))
    uses = args.copies * sum(map(len, documents))
    terms = len(set().union(*documents))
    print(f"corpus      {len(files)} documents × {args.copies} copies: {uses:,} uses of {terms:,} terms")
    print(f"{'samples':<30} {'seconds':>8} {'uses/s':>10}  held")
    bounds = {"in memory, whatever they hold": sys.maxsize, f"past {args.in_memory:,} items": args.in_memory}
    for name, bound in bounds.items():
        samples = Uses(in_memory=bound)
        begun = time.perf_counter()
        for copy in range(args.copies):
            for number, concepts in enumerate(documents):
                doc_id = f"copy-{copy:04d}/document-{number:03d}"
                for concept in concepts:
                    samples.add(concept, doc_id, None)
        samples.document_counts()  # what is read first: every sample written and cut back
        seconds = time.perf_counter() - begun
        held = "in SQLite" if samples.in_database else "in memory"
        print(f"{name:<30} {seconds:>8.1f} {uses / seconds:>10,.0f}  {held}")
        samples.close()


if __name__ == "__main__":
    main()
