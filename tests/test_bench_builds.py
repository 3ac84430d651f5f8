"""The benchmarks that build corpora (``make bench``) run to their tables, on a corpus small enough for a test.

They share ``bench/corpus_build.build``; a change to it once left ``bench/scale.py`` and
``bench/short_documents.py`` calling it as it no longer was, which only ``make bench`` showed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """Two short documents: a report's opening and a transcript's."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in (DATA / "gwr" / "gwr-2015.txt", DATA / "dev" / "scio-2021-04-20-miit-q1.txt"):
        (corpus / source.name).write_text(source.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    return corpus


def _bench(script: str, *options: object) -> list[str]:
    """The lines ``bench/SCRIPT`` prints; it must exit cleanly."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *map(str, options)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_scale_prints_each_build_with_its_rate_and_memory(small_corpus):
    lines = _bench("scale.py", "--corpus", small_corpus, "--scales", "1,2", "--engines", "local", "--jobs", "1")
    rows = [line.split() for line in lines if "× reports, local" in line]
    assert [row[0] for row in rows] == ["1×", "2×"]
    characters = [int(row[3].replace(",", "")) for row in rows]
    assert characters[1] == 2 * characters[0] > 0
    assert all(row[-1] == row[-3] == "MiB" and int(row[-2].replace(",", "")) > 0 for row in rows)  # sampled


def test_short_documents_prints_its_three_builds(small_corpus):
    lines = _bench("short_documents.py", "--corpus", small_corpus, "--documents", "12", "--jobs", "1")
    assert lines[0].startswith("corpus      12 documents of one paragraph")
    builds = [line for line in lines if line.startswith(("nothing cached", "with the cache", "rebuild"))]
    assert len(builds) == 3 and all(line.endswith("MiB") for line in builds)
