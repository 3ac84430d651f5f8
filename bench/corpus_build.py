"""Wall time and peak memory of ``kg build`` over a corpus: one job, two jobs, a store, a rebuild.

Each build is a separate ``kg build`` process on ``../shared/corpus/gwr`` (50
reports, about a million characters) into a temporary folder:

* ``--jobs 1`` and ``--jobs 2`` with ``--no-cache``: everything extracted;
* ``--jobs 2 --store``: the same, and an Oxigraph store on disk as well;
* a rebuild with nothing changed, and one with one report changed (the cache).

Peak memory is given twice: the largest single process (``ru_maxrss`` from
``wait4``, the figure ``/usr/bin/time -v`` prints as "Maximum resident set
size") and the largest sum over the build and its worker processes (and the
copy of it that syncs a store) sampled from ``/proc`` every 20 ms.  The sum
is of proportional set sizes (PSS): a page that forked processes share
counts once between them, not once in each, as a sum of RSS would.

Run: ``.venv/bin/python bench/corpus_build.py [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gwr"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        work = Path(scratch)
        corpus = work / "corpus"
        shutil.copytree(args.corpus, corpus)
        characters = sum(len(path.read_text(encoding="utf-8")) for path in corpus.glob("*.txt"))
        print(f"corpus      {args.corpus}: {len(list(corpus.glob('*.txt')))} files, {characters:,} characters")
        print(f"{'build':<34}  {'seconds':>7}  {'largest process':>15}  {'all processes':>13}")
        runs = [
            ("--jobs 1, nothing cached", ["-o", work / "one", "-j", "1", "--no-cache"]),
            ("--jobs 2, nothing cached", ["-o", work / "two", "-j", "2", "--no-cache"]),
            ("--jobs 2 --store, nothing cached", ["-o", work / "out", "--store", work / "store", "-j", "2"]),
            ("rebuild, nothing changed", ["-o", work / "out", "--store", work / "store", "-j", "2"]),
        ]
        for label, options in runs:
            report(label, build(corpus, options))
        changed = sorted(corpus.glob("*.txt"))[-1]
        changed.write_text(changed.read_text(encoding="utf-8") + "\n工业和信息化部。\n", encoding="utf-8")
        report("rebuild, one report changed", build(corpus, runs[-1][1]))


def build(corpus: Path, options: list[object]) -> tuple[float, int, int]:
    """Seconds, the peak RSS of the largest process and the peak PSS of all of them together, in bytes."""
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), *map(str, options)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = _TreeMemory(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sampler.stop()
    if status != 0:
        raise SystemExit(f"bench: kg build failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    return seconds, usage.ru_maxrss * 1024, sampler.peak


def report(label: str, measured: tuple[float, int, int]) -> None:
    seconds, largest, total = measured
    print(f"{label:<34}  {seconds:>7.1f}  {largest / 2**20:>11,.0f} MiB  {total / 2**20:>9,.0f} MiB")


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
