"""``kg build`` of many short documents: releases of a few hundred characters, not reports of twenty thousand.

A corpus of press releases is mostly short documents, where what a build
does once per document (read it, hand it to a worker and back, write its
shard, merge its result) weighs as much as recognizing it.  This cuts the
paragraphs of ``../shared/corpus/gwr`` (those of 100 characters or more)
into ``--documents`` files, one paragraph each, in folders of 1,000, and
builds them with ``--jobs`` workers and ``--no-cache``, then again with the
cache and nothing changed.  It prints documents and characters per second
and the peak memory of the build's process and of all its processes
(:func:`corpus_build.build`).

Run: ``.venv/bin/python bench/short_documents.py [--documents 5000] [--jobs 2]``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from corpus_build import CORPUS, build

#: Files per folder, as a crawl of releases might store them by month.
PER_FOLDER = 1_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-short-") as scratch:
        work = Path(scratch)
        characters = write_paragraphs(args.corpus, args.documents, work / "docs")
        print(f"corpus      {args.documents:,} documents of one paragraph, {characters:,} characters")
        print(f"{'build':<28}  {'seconds':>7}  {'documents/s':>11}  {'chars/s':>9}  {'largest':>9}  {'all':>9}")
        runs = [
            ("nothing cached", ["-o", work / "out", "-j", str(args.jobs), "--no-cache"]),
            ("with the cache", ["-o", work / "cached", "-j", str(args.jobs)]),
            ("rebuild, nothing changed", ["-o", work / "cached", "-j", str(args.jobs)]),
        ]
        for label, options in runs:
            run = build(work / "docs", options)
            print(
                f"{label:<28}  {run.seconds:>7.1f}  {args.documents / run.seconds:>11,.0f}"
                f"  {characters / run.seconds:>9,.0f}  {run.largest / 2**20:>5,.0f} MiB  {run.total / 2**20:>5,.0f} MiB"
            )


def write_paragraphs(corpus: Path, documents: int, folder: Path) -> int:
    """Write ``documents`` files of one paragraph each (the paragraphs of ``corpus``'s files of 100 characters or
    more, over again if need be) under ``folder``, in subfolders of :data:`PER_FOLDER`; their characters."""
    paragraphs = [
        line
        for path in sorted(corpus.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line) >= 100
    ]
    if not paragraphs:
        raise SystemExit(f"bench: no paragraph of 100 characters or more in {corpus}")
    characters = 0
    for number in range(documents):
        subfolder = folder / f"{number // PER_FOLDER:03d}"
        subfolder.mkdir(parents=True, exist_ok=True)
        text = paragraphs[number % len(paragraphs)]
        (subfolder / f"release-{number:06d}.txt").write_text(text + "\n", encoding="utf-8")
        characters += len(text) + 1
    return characters


if __name__ == "__main__":
    main()
