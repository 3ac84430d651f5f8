"""How much faster this machine does two copies of the workers' work at once than one after the other.

``kg build --jobs 2`` can be no more than about this much faster than
``--jobs 1`` at what its workers do, however little it does outside them:
it is the machine's own ceiling for the build's ratio (about: with one job,
the build's forked copies already use the second core a little).  The work is what a build's worker does with each
report of ``../shared/corpus/gwr``: recognize it and write its statements
(``kg.corpus.document_result``), in a copy of this process forked after
``kg.corpus.ready_to_fork_workers``, as a worker is.  One copy does it alone, then two copies
do it at the same time, each the whole of it; the ceiling is twice the
first wall time over the second.  A loop of plain Python, which shares no
memory with anything, is timed the same way: where it too falls short of
2×, the cores themselves slow each other down (two virtual cores on one
physical one, or a host that throttles), and no program scales past that.

A copy alone and two at once alternate, :data:`ROUNDS` times for each kind
of work, and the medians are given.  On a shared machine the ceiling moves
from one run to the next (the plain loop's gave 1.4× to 2.2× on stop 28's
box): compare runs made in the same minutes.

Run: ``.venv/bin/python bench/parallel_ceiling.py [--corpus DIR] [--rounds N] [--loop N]``.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from corpus_build import CORPUS

from kg.corpus import document_result, ready_to_fork_workers
from kg.recognize.pipeline import extract

#: How many times each kind of work is timed alone and in pairs.
ROUNDS = 3
#: The plain loop's length: about as long as the reports' work on one core.
LOOP = 15_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--loop", type=int, default=LOOP, help="the plain loop's length")
    args = parser.parse_args()
    reports = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(args.corpus.glob("*.txt"))]
    if not reports:
        raise SystemExit(f"bench: no *.txt in {args.corpus}")
    ready_to_fork_workers()

    def workers_work() -> None:
        for doc_id, text in reports:
            document_result(extract(text, doc_id), io.StringIO())

    print(f"corpus      {args.corpus}: {len(reports)} reports, {sum(len(text) for _, text in reports):,} characters")
    print(f"{'work':<28}  {'one copy':>8}  {'two at once':>11}  {'ceiling':>7}")

    def plain_loop() -> None:
        """CPU work that touches only memory of its own."""
        table: dict[int, str] = {}
        for number in range(args.loop):
            table[number % 1000] = str(number)

    for label, work in (("the workers' (the reports)", workers_work), ("a plain Python loop", plain_loop)):
        alone, paired = [], []
        for _ in range(args.rounds):
            alone.append(at_once(work, 1))
            paired.append(at_once(work, 2))
        one, two = statistics.median(alone), statistics.median(paired)
        print(f"{label:<28}  {one:>7.2f}s  {two:>10.2f}s  {2 * one / two:>6.2f}×")
    print("(ceiling: how much faster two cores do twice the work than one core; 2.00× is perfect)")


def at_once(work: Callable[[], None], copies: int) -> float:
    """The wall seconds ``copies`` forked copies of this process take to each do ``work``, all started together."""
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=work) for _ in range(copies)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"bench: a copy failed (exit status {process.exitcode})")
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
