"""Listing the inputs of a corpus of many files: time and peak memory, which must not grow with the files.

A build lists every input before it reads one
(:func:`kg.text.inputs.list_documents`); a rebuild with nothing changed does
nothing else of note.  This makes ``--files`` ``.txt`` files of one
character each in folders of 1,000 (:data:`short_documents.PER_FOLDER`)
under a temporary folder (or lists ``--corpus``, made before, as it is),
then, in a new process each time (``--runs`` of them), lists them as a build
does and prints:

* the time to list them (a look at each file, and the digest a rebuild
  compares), as files per second;
* the time to give each its id (:meth:`kg.text.inputs.Listing.settle`: a
  build does, a rebuild with nothing changed does not), and to read the
  listing back once, as a build does as it reads the documents;
* the peak resident memory of the process, and what listing added to the
  process it started as (having imported ``kg.text.inputs``).

Past :data:`kg.text.inputs.IN_MEMORY` files the listing is in SQLite: the
peak stays near the process's start however many files there are.

Run: ``.venv/bin/python bench/listing.py [--files 300000] [--corpus DIR] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from short_documents import PER_FOLDER

#: What each measuring process runs: list, settle, read once; its times and peaks as JSON.
_MEASURE = """
import json, resource, sys, time
from kg.text.inputs import list_documents
started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
begun = time.perf_counter()
listed = list_documents([sys.argv[1]])
after_listing = time.perf_counter()
listed.settle()
after_ids = time.perf_counter()
count = sum(1 for _ in listed)
after_reading = time.perf_counter()
print(json.dumps({
    "files": count, "in_database": listed.in_database,
    "listing": after_listing - begun, "ids": after_ids - after_listing, "reading": after_reading - after_ids,
    "started_kib": started, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300_000)
    parser.add_argument("--corpus", type=Path, help="list this folder instead of making one")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-listing-") as scratch:
        folder = args.corpus
        if folder is None:
            folder = Path(scratch)
            make_files(folder, args.files)
        runs = [measure(folder) for _ in range(args.runs)]
    files = runs[0]["files"]
    where = "in SQLite" if runs[0]["in_database"] else "in memory"
    print(f"folder      {folder}: {files:,} files, listed {where} ({args.runs} runs, each a new process; medians)")
    listing = statistics.median(run["listing"] for run in runs)
    print(f"listed      {listing:.2f} s, {files / listing:,.0f} files/s (what a rebuild with nothing changed does)")
    print(f"ids given   {statistics.median(run['ids'] for run in runs):.2f} s")
    print(f"read back   {statistics.median(run['reading'] for run in runs):.2f} s")
    peak = statistics.median(run["peak_kib"] for run in runs) / 1024
    added = statistics.median(run["peak_kib"] - run["started_kib"] for run in runs) / 1024
    print(f"peak        {peak:.0f} MiB, {added:.0f} MiB more than the process started with")


def make_files(folder: Path, files: int) -> None:
    """``files`` files of one character, named as releases are, in folders of :data:`PER_FOLDER`."""
    for number in range(files):
        sub = folder / f"{number // PER_FOLDER:05d}"
        if number % PER_FOLDER == 0:
            sub.mkdir()
        (sub / f"release-{number:07d}.txt").write_text("x", encoding="utf-8")


def measure(folder: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(folder)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


if __name__ == "__main__":
    main()
