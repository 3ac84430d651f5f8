"""Shared fixtures: the real documents the tests run on, copied into ``tests/data``."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

#: The repository, where a test runs ``python -m kg.cli`` or a scenario in a new interpreter.
ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
DEV = DATA / "dev" / "scio-2021-04-20-miit-q1"


@pytest.fixture
def full_temporary_folder(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """A function that makes SQLite's temporary folder fill up at once: each database opened from then on may
    hold that many pages and no more."""

    def fill(pages: int) -> None:
        connect = sqlite3.connect

        def filling(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            connection = connect(*args, **kwargs)
            connection.execute(f"PRAGMA max_page_count = {pages}")
            return connection

        monkeypatch.setattr(sqlite3, "connect", filling)

    return fill


@pytest.fixture(scope="session")
def dev_text() -> str:
    """The SCIO/MIIT press-conference transcript of 2021-04-20 (mainland Traditional script)."""
    return DEV.with_suffix(".txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dev_gold() -> dict:
    """Its gold annotation (``ANNOTATION.md`` contract)."""
    return json.loads(DEV.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def dev_doc(dev_text):
    """The transcript run through the default pipeline once per session."""
    from kg.recognize.pipeline import extract

    return extract(dev_text, "dev")


@pytest.fixture(scope="session")
def mini_thesaurus():
    """A handful of real thesaurus entries, fixed for component tests."""
    from kg.link.thesaurus import Thesaurus

    return Thesaurus.from_files([DATA / "mini-thesaurus.ttl"])


@pytest.fixture
def make(mini_thesaurus):
    """``make(text)``: a fresh Doc, its turns segmented with the mini thesaurus."""
    from kg.recognize.doc import Doc
    from kg.recognize.turns import TurnSegmenter

    def build(text: str):
        return TurnSegmenter(mini_thesaurus)(Doc.from_text(text))

    return build


@pytest.fixture
def transcript_and_report(tmp_path) -> Path:
    """A folder ``docs`` with two real documents of both genres: the dev transcript and the 2015 report."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DEV.with_suffix(".txt"), folder / "scio.txt")
    shutil.copy(DATA / "gwr" / "gwr-2015.txt", folder / "gwr-2015.txt")
    return folder


@pytest.fixture(scope="session")
def sampled_build(tmp_path_factory) -> Path:
    """The output folder of a build of more copies of the opening of the dev transcript (its header and first
    turns) than the glossary keeps of a term (:data:`kg.sample.SAMPLE_SIZE`): each term is in every copy."""
    from kg.cli import main
    from kg.sample import SAMPLE_SIZE

    root = tmp_path_factory.mktemp("sampled")
    folder = root / "copies"
    folder.mkdir()
    text = DEV.with_suffix(".txt").read_text(encoding="utf-8")
    opening = text[: text.rindex("\n", 0, 900) + 1]
    for number in range(SAMPLE_SIZE + 1):
        (folder / f"copy-{number:03d}.txt").write_text(opening, encoding="utf-8")
    assert main(["build", str(folder), "-o", str(root / "out"), "-j", "2", "--no-cache"]) == 0
    return root / "out"


def cached_results_lag(engine, folder: Path) -> tuple[list[int], list[int]]:
    """Run ``engine`` twice over eight short documents, the first time over all but the last (so the second time
    finds the first seven cached): the positions the second run yields, and for each how many documents had been
    read when it came (a cached document should come at once, not after the documents read after it)."""
    from kg.corpus import Assembler, ExtractionReport, Shards, extract_corpus
    from kg.text.inputs import Source

    texts = [f"國務院總理李克強表示,要紮實做好“六穩”工作,第{number}次全面落實“六保”任務。" for number in range(8)]
    shards = Shards(folder)
    first = [Source(f"note-{number}", text, {}) for number, text in enumerate(texts[:-1])]
    assert len(list(extract_corpus(first, shards, engine, ExtractionReport(), Assembler(shards)))) == 7
    read = 0

    def sources():
        nonlocal read
        for number, text in enumerate(texts):
            read += 1
            yield Source(f"note-{number}", text, {})

    report = ExtractionReport()
    positions, lags = [], []
    for position, entry, _ in extract_corpus(sources(), shards, engine, report, Assembler(shards)):
        assert entry.doc_id == f"note-{position}"
        positions.append(position)
        lags.append(read - position - 1)
    assert report.reused == 7 and not report.errors
    return positions, lags


def in_fresh_process(scenario: Callable[..., Any], *args: str) -> Any:
    """``scenario(*args)``, a module-level function of a test module, run in a new interpreter: its result, which
    it returns as JSON-able data.

    For what forks a copy of the process (:mod:`kg.forked`), which is only
    done while no other thread runs: a test process that has used Oxigraph
    keeps its native threads, and would run the call in place instead.
    """
    code = (
        "import json, sys\n"
        f"from {scenario.__module__} import {scenario.__name__} as scenario\n"
        "result = scenario(*sys.argv[1:])\n"
        "print('\\n' + json.dumps(result))\n"  # on a line of its own, after whatever the scenario printed
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])
