"""Every benchmark ``make bench`` runs runs to its table, on a corpus small enough for a test.

The README's throughput figures come from these scripts, which run for
minutes on the real corpus, so nothing else would run them between two
``make bench``: a change to ``bench/corpus_build.build`` once left
``bench/scale.py`` and ``bench/short_documents.py`` calling it as it no
longer was.  Each runs here on two short documents with options that make
it quick, and must exit cleanly with the lines its table is made of.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

_BOTH_ENGINES = ["--scales", "1,2", "--engines", "local,dask", "--jobs", "1"]
#: The options that make each script quick, and a line its output must hold.
QUICK = {
    "extraction.py": (["--repeat", "1", "--jieba-seconds", "0.2"], "(characters per CPU second on one core)"),
    "extract_start.py": (["--runs", "1"], "the first run after installing"),
    "corpus_build.py": (["--timed", "1"], "on two cores: at most"),
    "parallel_ceiling.py": (["--rounds", "1", "--loop", "10000"], "a plain Python loop"),
    "build_phases.py": (["--paragraphs", "300"], "after the last document"),
    "short_documents.py": (["--documents", "12", "--jobs", "1"], "rebuild, nothing changed"),
    "listing.py": (["--runs", "1"], "files/s (what a rebuild with nothing changed does)"),
    "vocabulary_growth.py": ([], "growth"),
    "term_samples.py": (["--copies", "3", "--in-memory", "10"], "in SQLite"),
    "scale.py": ([*_BOTH_ENGINES, "--rebuild", "--distinct", "--huge", "--huge-bytes", "20000"], "one 0 MB document"),
    "assembly_memory.py": (["--copies", "2", "--own-terms"], "glossary in"),
    "named_queries.py": (["--repeat", "1"], "slogans-by-year"),
    "glossary_page.py": ([], "keystroke"),
}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Two short documents: a report's opening and a transcript's."""
    corpus = tmp_path_factory.mktemp("bench") / "corpus"
    corpus.mkdir()
    for source in (DATA / "gwr" / "gwr-2015.txt", DATA / "dev" / "scio-2021-04-20-miit-q1.txt"):
        (corpus / source.name).write_text(source.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    return corpus


def _bench(script: str, corpus: Path, options: list[str]) -> list[str]:
    """The lines ``bench/SCRIPT --corpus CORPUS OPTIONS`` prints; it must exit cleanly."""
    command = [sys.executable, str(ROOT / "bench" / script), "--corpus", str(corpus), *options]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_every_script_make_bench_runs_is_run_here():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nbench:", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"bench/(\w+\.py)", recipe)) == set(QUICK)


@pytest.mark.parametrize("script", sorted(set(QUICK) - {"scale.py"}))  # scale.py's table: the test below
def test_the_script_prints_its_table(script, small_corpus):
    options, expected = QUICK[script]
    lines = _bench(script, small_corpus, options)
    assert any(expected in line for line in lines), "\n".join(lines)


def test_scale_prints_each_build_with_its_rate_and_memory(small_corpus):
    options, expected = QUICK["scale.py"]
    lines = _bench("scale.py", small_corpus, options)
    assert any(expected in line for line in lines), "\n".join(lines)
    rows = [line.split() for line in lines if "× reports, local" in line]
    assert [row[0] for row in rows] == ["1×", "2×"]
    characters = [int(row[3].replace(",", "")) for row in rows]
    assert characters[1] == 2 * characters[0] > 0
    assert all(row[-1] == row[-3] == "MiB" and int(row[-2].replace(",", "")) > 0 for row in rows)  # sampled
