"""Wall time of ``kg extract DOC --format json``, each run a new process, as a user runs it: start-up and all.

Issue 14 asks for the dev transcript in 0.4 s.  Most of a short document's
time is the start: importing ``kg``, reading back the thesaurus, jieba's
word counts and the patterns compiled before (:mod:`kg.compiled`,
:mod:`kg.regexes`), building the recognizer.  Each document of ``--corpus``
(by default the four dev documents) is extracted ``--runs`` times by the
``kg`` command beside this Python, and the fastest, median and slowest
runs are printed; then the first document once more with an empty cache
folder (``KG_CACHE_DIR``): a first run after installing, which compiles
all of it and keeps it for the next.

Run: ``.venv/bin/python bench/extract_start.py [--corpus DIR] [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEV, help="a folder of *.txt documents")
    parser.add_argument("--runs", type=int, default=10, help="runs of each document")
    args = parser.parse_args()
    documents = sorted(args.corpus.glob("*.txt"), key=lambda path: "scio" not in path.name)  # the transcript first
    if not documents:
        raise SystemExit(f"bench: no *.txt in {args.corpus}")
    print(f"{'kg extract --format json':<40}  {'characters':>10}  {'fastest':>7}  {'median':>7}  {'slowest':>7}")
    for document in documents:
        seconds = [extract(document, os.environ) for _ in range(args.runs)]
        characters = len(document.read_text(encoding="utf-8"))
        print(
            f"{document.stem:<40}  {characters:>10,}  {min(seconds):>7.2f}  {statistics.median(seconds):>7.2f}"
            f"  {max(seconds):>7.2f}"
        )
    print(f"(seconds of wall time, {args.runs} runs of each, each a new process)")
    with tempfile.TemporaryDirectory(prefix="kg-cache-") as empty:
        first = extract(documents[0], {**os.environ, "KG_CACHE_DIR": empty})
    print(f"the first run after installing (an empty cache folder): {documents[0].stem} in {first:.2f} s")


def extract(document: Path, environment: Mapping[str, str]) -> float:
    """The wall time of one ``kg extract`` of ``document``, which must succeed."""
    command = [*_kg(), "extract", str(document), "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: kg extract {document} failed: {done.stderr.strip()}")
    return seconds


def _kg() -> list[str]:
    """The ``kg`` command installed beside this Python, as a user starts it."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli"]  # as the other benchmarks start it


if __name__ == "__main__":
    main()
