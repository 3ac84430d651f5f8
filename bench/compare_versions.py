"""Wall time of ``kg build`` for two versions of the code, run one after the other: a commit and the working tree.

The same build varies by 10–15 % from one hour to the next on a shared
machine, so two versions are compared by alternating their runs, not by
runs made at different times; and in turn first, as the first of a pair
ran faster (0.5 s of 18 s at 16× the reports, whichever version it was).
The other version is checked out in a temporary ``git worktree``; each
build is a separate process started in a temporary folder with
``PYTHONPATH`` naming the version's root (started in the repository,
``python -m kg.cli`` would import the repository's ``kg`` before the one
``PYTHONPATH`` names, and both runs would be the same code).

Run: ``.venv/bin/python bench/compare_versions.py REV [--jobs 2] [--runs 4] [--corpus DIR] [--store]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_build import CORPUS

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare the working tree with")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=4, help="builds of each version")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--store", action="store_true", help="build an Oxigraph store as well, in OUT/store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-compare-") as scratch:
        work = Path(scratch)
        base = work / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.rev], check=True)
        try:
            versions = {args.rev: base, "working tree": ROOT}
            for root in versions.values():
                imported(root, work)
            times: dict[str, list[float]] = {name: [] for name in versions}
            for run in range(args.runs):
                # A then B, then B then A: at 16× the reports a build ran 0.5 s faster first in its pair
                for name, root in list(versions.items())[:: 1 if run % 2 == 0 else -1]:
                    out = work / f"out-{run}-{len(times[name])}"
                    seconds = build(root, args.corpus, out, args.jobs, work, store=args.store)
                    times[name].append(seconds)
                    print(f"{name:<14}  run {run + 1}  {seconds:6.2f} s", flush=True)
            for name, measured in times.items():
                print(f"{name:<14}  mean {statistics.mean(measured):.2f} s  min {min(measured):.2f} s")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=True)


def imported(root: Path, cwd: Path) -> None:
    """Stop unless a process started as the builds are imports the ``kg`` of ``root``."""
    command = [sys.executable, "-c", "import kg; print(kg.__file__)"]
    found = subprocess.run(command, cwd=cwd, env=_environment(root), check=True, capture_output=True, text=True)
    if not Path(found.stdout.strip()).is_relative_to(root):
        raise SystemExit(f"compare_versions: the build would import {found.stdout.strip()}, not the kg of {root}")


def build(root: Path, corpus: Path, out: Path, jobs: int, cwd: Path, *, store: bool = False) -> float:
    """Seconds of one ``kg build --no-cache`` of ``corpus`` with the code at ``root`` (and ``--store OUT/store``)."""
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "-j", str(jobs), "--no-cache"]
    command += ["--store", str(out / "store")] if store else []
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=_environment(root), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def _environment(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root)}


if __name__ == "__main__":
    main()
