"""Wall time and peak memory of ``kg build`` over a corpus: one job, two jobs, a store, a rebuild.

Each build is a separate ``kg build`` process on ``../shared/corpus/gwr`` (50
reports, about a million characters) into a temporary folder:

* ``--jobs 1`` and ``--jobs 2`` with ``--no-cache``: everything extracted;
* ``--jobs 1`` again with the build and every process it starts held to one
  core (``os.sched_setaffinity``, what ``taskset -c 0`` does; Linux only):
  ``--jobs 1`` runs the English drafts and the end of the graph files in
  copies of itself beside the build, on the second core, so this row, not
  the first, is what two jobs on two cores are measured against when asking
  how well a build uses a second core;
* ``--jobs 2 --store``: the same, and an Oxigraph store on disk as well;
* a rebuild with nothing changed, and one with one report changed (the cache).

The time is the median of three builds, each from the same state, and the
memory is taken in a fourth.  Beside the time, the cores a build kept busy
on average: the CPU time of it and every process it started (as ``wait4``
sums them) over its wall time.  Two jobs on two cores can take no less wall
time than half their CPU time, which bounds how much faster than one job
they can be: the last line says by how much, measured.  Peak memory is given
twice: the largest single process (``ru_maxrss`` from ``wait4``, the figure
``/usr/bin/time -v`` prints as "Maximum resident set size") and the largest
sum over the build and its worker processes (and the copies of it that it
forks) sampled from ``/proc`` every 20 ms.  The sum is of proportional set
sizes (PSS): a page that forked processes share counts once between them,
not once in each, as a sum of RSS would.  Reading them takes CPU the build
would use (0.15 s of the reports' 2 s with two jobs), so the timed builds
run without the sampler.

Run: ``.venv/bin/python bench/corpus_build.py [--corpus DIR] [--timed N]``.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gwr"
#: How many builds of each kind are timed by default (their median is given).
TIMED = 3
#: The rows two jobs are compared with, and theirs.
ONE_JOB, ONE_CORE = "--jobs 1, nothing cached", "--jobs 1 on one core, nothing cached"
TWO_JOBS = "--jobs 2, nothing cached"
#: The width of the table's first column.
LABEL = len(ONE_CORE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--timed", type=int, default=TIMED, help="builds of each kind timed (the median is given)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        work = Path(scratch)
        corpus = work / "corpus"
        shutil.copytree(args.corpus, corpus)
        characters = sum(len(path.read_text(encoding="utf-8")) for path in corpus.glob("*.txt"))
        print(f"corpus      {args.corpus}: {len(list(corpus.glob('*.txt')))} files, {characters:,} characters")
        print(f"{'build':<{LABEL}}  {'seconds':>7}  {'cores':>5}  {'largest process':>15}  {'all processes':>13}")
        out, store = work / "out", work / "store"
        stored = ["-o", out, "--store", store, "-j", "2"]
        changed = sorted(corpus.glob("*.txt"))[-1]

        def nothing_built() -> None:
            for folder in (out, store):  # the cache is in OUT
                shutil.rmtree(folder, ignore_errors=True)

        def one_report_changed() -> None:
            with changed.open("a", encoding="utf-8") as report:
                report.write("\n工业和信息化部。\n")

        one_job = ["-o", work / "one", "-j", "1", "--no-cache"]
        runs: list[tuple[str, list[object], Callable[[], None] | None, set[int] | None]] = [
            (ONE_JOB, one_job, None, None),
            (TWO_JOBS, ["-o", work / "two", "-j", "2", "--no-cache"], None, None),
            ("--jobs 2 --store, nothing cached", stored, nothing_built, None),
            ("rebuild, nothing changed", stored, None, None),
            ("rebuild, one report changed", stored, one_report_changed, None),
        ]
        if hasattr(os, "sched_setaffinity"):  # Linux
            runs.insert(1, (ONE_CORE, one_job, None, {min(os.sched_getaffinity(0))}))
        measured = {}
        for label, options, prepare, cores in runs:
            measured[label] = report(label, measure(corpus, options, prepare, args.timed, cores))
        two = measured[TWO_JOBS]
        for label in (ONE_JOB, ONE_CORE):
            if label in measured:
                print(f"--jobs 2 is {measured[label].seconds / two.seconds:.2f}× as fast as {label}")
        fastest = two.cpu / 2  # two cores can do no better than share its CPU time evenly
        print(
            f"--jobs 2 takes {two.cpu:.2f} s of CPU, no less than {fastest:.2f} s on two cores: at most"
            f" {measured[ONE_JOB].seconds / fastest:.2f}× as fast as {ONE_JOB}"
        )


class Run(NamedTuple):
    """What :func:`build` measured of a build."""

    seconds: float  # wall time
    largest: int  # peak RSS of the largest process, in bytes
    total: int  # peak PSS of all the processes together, in bytes (0 if not sampled)
    cpu: float  # CPU seconds of the build and every process it started


def measure(
    corpus: Path,
    options: list[object],
    prepare: Callable[[], None] | None,
    timed: int = TIMED,
    cores: set[int] | None = None,
) -> Run:
    """The median seconds and CPU seconds of ``timed`` builds, the peak RSS of the largest process and the peak
    PSS of all of them together in bytes (in one more build); ``prepare`` puts the state each build starts
    from, ``cores`` the cores the builds may run on (default: any)."""
    timings = []
    for _ in range(timed):
        if prepare is not None:
            prepare()
        timings.append(build(corpus, options, sampled=False, cores=cores))
    if prepare is not None:
        prepare()
    sampled = build(corpus, options, cores=cores)
    seconds, cpu = (statistics.median(getattr(run, field) for run in timings) for field in ("seconds", "cpu"))
    return Run(seconds, sampled.largest, sampled.total, cpu)


def build(corpus: Path, options: list[object], *, sampled: bool = True, cores: set[int] | None = None) -> Run:
    """``kg build CORPUS OPTIONS`` in a process of its own (held to ``cores``, if given, with every process it
    starts): its seconds, the peak RSS of its largest process, (``sampled``) the peak PSS of all of them
    together (else 0), and their CPU seconds.  The other benchmarks build with this too."""
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), *map(str, options)]
    pinned = None if cores is None else functools.partial(os.sched_setaffinity, 0, cores)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=pinned)
    sampler = _TreeMemory(process.pid) if sampled else None
    if sampler is not None:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if sampler is not None:
        sampler.stop()
    if status != 0:
        raise SystemExit(f"bench: kg build failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    cpu = usage.ru_utime + usage.ru_stime  # the process's and its waited-for descendants' (Linux's wait4)
    return Run(seconds, usage.ru_maxrss * 1024, sampler.peak if sampler is not None else 0, cpu)


def report(label: str, measured: Run) -> Run:
    """Print a row of the table; what it shows."""
    print(
        f"{label:<{LABEL}}  {measured.seconds:>7.2f}  {measured.cpu / measured.seconds:>5.2f}"
        f"  {measured.largest / 2**20:>11,.0f} MiB  {measured.total / 2**20:>9,.0f} MiB"
    )
    return measured


class _TreeMemory(threading.Thread):
    """The largest memory of a process and its descendants together (the sum of their PSS), sampled from
    ``/proc``."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids, index = [pid], 0
    while index < len(pids):
        try:
            children = Path(f"/proc/{pids[index]}/task/{pids[index]}/children").read_text().split()
        except OSError:
            children = []
        pids.extend(map(int, children))
        index += 1
    return pids


def _pss(pid: int) -> int:
    """The process's proportional set size: each page it shares with n processes (its forked workers, a forked
    store sync) counts for 1/n, so that the sum over the tree is the memory they take together."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    line = next((line for line in rollup.splitlines() if line.startswith("Pss:")), "Pss: 0 kB")
    return int(line.split()[1]) * 1024


if __name__ == "__main__":
    main()
