"""How ``kg build`` grows with the corpus: 1×, 4× and 16× the reports, locally and on Dask, and one 54 MB document.

Each build is a separate ``kg build -o OUT --no-cache`` process in a
temporary folder, on copies of ``../shared/corpus/gwr`` (50 reports, about a
million characters) made at run time, each copy's documents with their own
ids (``gwr-2021-c03``), so 16× is 800 documents and 17 million characters.
For each: wall-clock seconds, characters per second end to end, and peak
memory, as ``bench/corpus_build.py`` measures it (the largest process, and
the largest sum over the build and its workers, sampled from ``/proc``).
``--engine dask`` builds run on a ``LocalCluster`` of ``--jobs`` worker
processes, started by the build (its start-up is in the time).

``--rebuild`` adds, for each scale, a build that finds every document in
its cache but one new report (sorted last): a rebuild's memory must not grow
with what it takes from the cache.

``--distinct`` permutes each copy's digits (a permutation of its own), so
that its figures are facts of its own: copies name the same terms, but
distinct documents report distinct figures, each a concept of the default
graph, which then grows with the corpus (:mod:`kg.rdf.union`).

``--huge`` adds the case of issue 15: one document of 54 MB (18 million
characters), the reports one after the other until that size, which must
build in memory bounded by the limits of ``kg.rdf.store`` (under 2 GiB).

Run: ``.venv/bin/python bench/scale.py [--scales 1,4,16] [--engines local,dask] [--jobs N] [--rebuild] [--distinct]
[--huge]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from corpus_build import CORPUS, Run, build

_MIB = 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--scales", default="1,4,16", help="copies of the corpus to build, comma-separated")
    parser.add_argument("--engines", default="local,dask", help="local, dask, or both")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (or Dask workers)")
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="also build each scale with its cache, add one report, and rebuild (local engine)",
    )
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="copies report figures of their own (each copy's digits permuted), as distinct documents do",
    )
    parser.add_argument("--huge", action="store_true", help="also build one 54 MB document made of the reports")
    parser.add_argument("--huge-bytes", type=int, default=54_000_000)
    args = parser.parse_args()
    sources = sorted(args.corpus.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    print(f"corpus      {args.corpus}: {len(sources)} files, {sum(map(len, texts)):,} characters; --jobs {args.jobs}")
    print(f"{'build':<22}  {'characters':>12}  {'seconds':>8}  {'chars/s':>9}  {'largest process':>15}  {'all':>9}")
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as scratch:
        work = Path(scratch)
        for scale in (int(part) for part in args.scales.split(",")):
            corpus = copies(work / f"x{scale}", sources, scale, args.distinct)
            characters = scale * sum(map(len, texts))
            for engine in args.engines.split(","):
                out = work / f"out-{scale}-{engine}"
                options = ["-o", out, "-j", str(args.jobs), "--no-cache", "--engine", engine]
                report(f"{scale}× reports, {engine}", characters, build(corpus, options))
                shutil.rmtree(out)
            if args.rebuild:
                rebuild(corpus, work / f"out-{scale}-cached", args.jobs, texts[-1], characters)
            shutil.rmtree(corpus)
        if args.huge:
            corpus = work / "huge"
            corpus.mkdir()
            characters = one_document(corpus / "huge.txt", texts, args.huge_bytes)
            report(f"one {args.huge_bytes / 1e6:.0f} MB document", characters, build(corpus, ["-o", work / "out-huge"]))


def copies(folder: Path, sources: list[Path], scale: int, distinct: bool = False) -> Path:
    """``scale`` copies of the corpus, each in its own folder, each document with an id of its own; if
    ``distinct``, each copy's digits permuted (a permutation of its own, drawn with its number as the seed), so
    that its figures are facts of its own, as the figures of distinct documents are."""
    for copy in range(scale):
        target = folder / f"copy{copy:02d}"
        target.mkdir(parents=True)
        digits = list("0123456789")
        if copy:
            random.Random(copy).shuffle(digits)
        permuted = str.maketrans("0123456789", "".join(digits))
        for source in sources:
            copied = target / f"{source.stem}-c{copy:02d}{source.suffix}"
            if distinct:
                copied.write_text(source.read_text(encoding="utf-8").translate(permuted), encoding="utf-8")
            else:
                shutil.copyfile(source, copied)
    return folder


def rebuild(corpus: Path, out: Path, jobs: int, text: str, characters: int) -> None:
    """Build ``corpus`` with its cache, add one document (sorted last, so every other one is taken from the
    cache before it), and build again: what the second build takes."""
    options = ["-o", out, "-j", str(jobs)]
    build(corpus, options)
    (corpus / "zz-one-more.txt").write_text(text, encoding="utf-8")
    report("  and one report more", characters + len(text), build(corpus, options))
    shutil.rmtree(out)


def one_document(path: Path, texts: list[str], size: int) -> int:
    """Write the reports one after the other, again and again, until ``size`` bytes; the characters written."""
    written = characters = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            for text in texts:
                handle.write(text)
                written += len(text.encode("utf-8"))
                characters += len(text)
                if written >= size:
                    break
    return characters


def report(label: str, characters: int, measured: Run) -> None:
    seconds = measured.seconds
    print(
        f"{label:<22}  {characters:>12,}  {seconds:>8.1f}  {characters / seconds:>9,.0f}"
        f"  {measured.largest / _MIB:>11,.0f} MiB  {measured.total / _MIB:>5,.0f} MiB"
    )


if __name__ == "__main__":
    main()
