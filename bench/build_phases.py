"""Where the time of ``kg build`` goes: its phases, each step after the last document, and the recognizer's parts.

Issue 14 asks for the 50 reports in 2.0 s with two jobs; this prints what
stands between a build and that.  It runs ``kg build CORPUS -o TEMP --jobs N
--no-cache`` in this process, with a timer around each step the build's own
process takes, and prints:

* the phases: from the command's start to the first document's result, the
  extraction (first result to last), and everything after the last document,
  which one process does whatever ``--jobs`` says;
* each timed step: when it starts (seconds from the command's start), its
  wall time, and its CPU time (of the thread it runs in).  A step run in a
  forked copy of the process is not shown: with ``-o`` alone, the copy that
  ends the graph files (``GraphFiles.finish``);
* the CPU time of the build's process and of its workers (with the copies of
  the process it forks: :mod:`kg.forked`), and what the whole build would
  take were that CPU shared perfectly over the jobs;
* then, in this process on one core, the CPU time of each recognizer
  component (:mod:`kg.recognize.pipeline`) over the corpus, and of writing
  each document's statements, shard and page facts
  (:func:`kg.corpus.document_result`): what the workers spend;
* last, the CPU time the build's process spent on each document from the
  first result to the last (taking a partition's results from a worker,
  merging them, copying their Turtle into the graph files), against what
  one process spends recognizing a document and writing its statements:
  how many workers that fast it keeps up with, which bounds what more
  workers (a Dask cluster) can gain.

The steps are found by name; a step renamed in ``kg`` stops this script with
an ``AttributeError`` rather than leaving it out.

``--paragraphs N`` builds N one-paragraph documents cut from the corpus
(:func:`short_documents.write_paragraphs`) instead, a corpus of press
releases rather than of reports.

Run: ``.venv/bin/python bench/build_phases.py [--corpus DIR] [--jobs N] [--paragraphs N]``.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import io
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from corpus_build import CORPUS
from short_documents import write_paragraphs

#: ``(module, class or None, function)`` of each step timed in the build's process, in the order they run.
STEPS = [
    ("kg.corpus", "Assembler", "add"),
    ("kg.corpus", "Assembler", "merge"),
    ("kg.corpus", "GraphFiles", "add"),
    ("kg.corpus", "Assembler", "assemble"),
    ("kg.rdf.store", None, "load_vocabulary"),
    ("kg.corpus", "GraphFiles", "finish"),
    ("kg.export.corpus", None, "glossary_rows"),
    ("kg.export.corpus", None, "page_facts"),
    ("kg.export.html", None, "page_data"),
    ("kg.export.delimited", None, "write_csv"),
    ("kg.export.html", None, "write_page"),
]
#: The documents' results as they reach the build's process: the first and the last bound the extraction.
RESULTS = "results"


class Timings:
    """When each timed step first started, and its wall and CPU time summed over its calls."""

    def __init__(self, origin: float) -> None:
        self.origin = origin
        self.first: dict[str, float] = {}
        self.last_end: dict[str, float] = {}
        self.wall: defaultdict[str, float] = defaultdict(float)
        self.cpu: defaultdict[str, float] = defaultdict(float)
        self.calls: defaultdict[str, int] = defaultdict(int)
        self.first_cpu: dict[str, float] = {}  # CPU time of the whole process (its threads too) at the first item
        self.last_cpu: dict[str, float] = {}

    def timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def step(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                end = time.perf_counter()
                self.first.setdefault(name, start - self.origin)
                self.last_end[name] = end - self.origin
                self.wall[name] += end - start
                self.cpu[name] += time.thread_time() - cpu
                self.calls[name] += 1

        return step

    def results(self, name: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """``function``, a generator, with the time of its first and last item kept as the start and end of
        ``name``."""

        @functools.wraps(function)
        def items(*args: Any, **kwargs: Any) -> Iterator[Any]:
            for item in function(*args, **kwargs):
                now, cpu = time.perf_counter() - self.origin, time.process_time()
                self.first.setdefault(name, now)
                self.first_cpu.setdefault(name, cpu)
                self.last_end[name], self.last_cpu[name] = now, cpu
                self.calls[name] += 1
                yield item

        return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--paragraphs", type=int, metavar="N", help="build N one-paragraph documents cut from the corpus instead"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-paragraphs-") as scratch:
        corpus = args.corpus
        if args.paragraphs:
            corpus = Path(scratch) / "docs"
            write_paragraphs(args.corpus, args.paragraphs, corpus)
        taking = phases(corpus, args.jobs)
        work = recognizer_parts(corpus)
    if taking is None:
        print("\nthe results came too close together to give the rate the build's process takes them at")
        return
    own, each = taking.cpu / taking.documents, work / taking.documents
    print(
        f"\nthe build's process took the results at {own * 1000:.2f} ms of CPU a document (merging them:"
        f" {taking.merging / taking.documents * 1000:.2f} ms), where one process recognizes a document and writes"
        f" its statements in {each * 1000:.2f} ms: it keeps up with about {each / own:.0f} workers that fast"
    )


class Taking(NamedTuple):
    """What the build's process spent on the documents' results from the first to the last: CPU seconds in all
    (taking each partition's results from a worker, merging them, copying their Turtle into the graph files),
    and merging alone (``Assembler.add`` or, for a partition, ``Assembler.merge``, and ``GraphFiles.add``)."""

    documents: int
    cpu: float
    merging: float


def phases(corpus: Path, jobs: int) -> Taking | None:
    """Build ``corpus`` with ``jobs`` workers in this process, each step timed, and print where the time went; what
    the build's process spent taking the results, unless they came too close together to say."""
    started, cpu_before = time.perf_counter(), time.process_time()
    from kg.cli import main as kg

    imported = time.perf_counter() - started
    timings = Timings(time.perf_counter())
    for module_name, owner_name, function in STEPS:
        module = importlib.import_module(module_name)
        owner = getattr(module, owner_name) if owner_name else module
        name = f"{owner_name}.{function}" if owner_name else function
        setattr(owner, function, timings.timed(name, getattr(owner, function)))
    assembly = importlib.import_module("kg.corpus")
    assembly.extract_corpus = timings.results(RESULTS, assembly.extract_corpus)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="kg-phases-") as out:
        status = kg(["build", str(corpus), "-o", out, "--jobs", str(jobs), "--no-cache"])
    if status != 0:
        raise SystemExit(f"bench: kg build exited with status {status}")
    total = time.perf_counter() - timings.origin
    main_cpu = time.process_time() - cpu_before
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = children.ru_utime + children.ru_stime
    first, last = timings.first.pop(RESULTS), timings.last_end[RESULTS]
    print(f"\nkg build {corpus} --jobs {jobs} --no-cache, seconds")
    print(f"{'importing kg.cli':<34} {imported:6.2f}")
    print(f"{'start, to the first result':<34} {first:6.2f}")
    print(f"{'extraction, first to last result':<34} {last - first:6.2f}")
    print(f"{'after the last document':<34} {total - last:6.2f}")
    print(f"{'the command':<34} {total:6.2f}")
    print(f"\n{'step':<26} {'starts':>7} {'wall':>7} {'cpu':>7} {'calls':>6}")
    for name in sorted(timings.first, key=timings.first.__getitem__):
        row = f"{name:<26} {timings.first[name]:7.3f} {timings.wall[name]:7.3f} {timings.cpu[name]:7.3f}"
        print(f"{row} {timings.calls[name]:6d}")
    cpu = main_cpu + workers_cpu
    print(f"\nCPU: the build's process {main_cpu:.2f} s (with this script's imports), its workers {workers_cpu:.2f} s;")
    print(f"{cpu:.2f} s in all, {cpu / jobs:.2f} s of wall time were it shared perfectly over {jobs} jobs")
    if last - first < 0.05:  # a corpus of a partition or two: its results come nearly at once
        return None
    merging = sum(timings.cpu[step] for step in ("Assembler.add", "Assembler.merge", "GraphFiles.add"))
    return Taking(timings.calls[RESULTS], timings.last_cpu[RESULTS] - timings.first_cpu[RESULTS], merging)


def recognizer_parts(corpus: Path) -> float:
    """The CPU time of each component of the recognizer over ``corpus``, and of each document's statements;
    the whole of it.

    The pipeline runs as it always does (:meth:`kg.recognize.pipeline.Pipeline.__call__`), each component
    timed where it stands; what is left of its time is the cleaning, the sentences and the offsets moved back.
    """
    from kg.corpus import document_result
    from kg.recognize.component import declaration_of
    from kg.recognize.pipeline import Pipeline, default_pipeline

    spent: defaultdict[str, float] = defaultdict(float)

    def timed(component: Callable[[Any], Any]) -> Callable[[Any], Any]:
        name = declaration_of(component).name

        def step(doc: Any) -> Any:
            started = time.process_time()
            try:
                return component(doc)
            finally:
                spent[name] += time.process_time() - started

        step.declaration = declaration_of(component)  # type: ignore[attr-defined]
        return step

    pipeline = Pipeline([timed(component) for component in default_pipeline().components])
    document_result(pipeline("预热。", "warm-up"), io.StringIO())
    spent.clear()
    whole = 0.0
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        started = time.process_time()
        doc = pipeline(text, path.stem)
        extracted = time.process_time()
        document_result(doc, io.StringIO())
        whole += extracted - started
        spent["statements, shard, page facts"] += time.process_time() - extracted
    spent["cleaning, sentences, offsets back"] = whole - sum(
        seconds for name, seconds in spent.items() if name != "statements, shard, page facts"
    )
    print(f"\nin one process, CPU seconds over {corpus} (the recognizer: {whole:.2f} s)")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{name:<34} {seconds:6.3f}")
    return whole + spent["statements, shard, page facts"]


if __name__ == "__main__":
    main()
