"""kg's patterns compiled once per Python build (:mod:`kg.regexes`): what the cache gives back is the pattern
``re.compile`` makes, a second start compiles none, and a cache that is unreadable, refused or overgrown costs
only compiling again."""

from __future__ import annotations

import _sre
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kg import regexes
from tests.conftest import DEV

ROOT = Path(__file__).resolve().parents[1]

#: Imports every module of ``kg`` (each compiles its patterns as it is imported), then prints what the cache gave:
#: the patterns read back and compiled, and of those used, how many equal the pattern ``re.compile`` makes.
EVERY_MODULE = """
import importlib, json, pkgutil, re, _sre
import kg
from kg import regexes
for module in pkgutil.walk_packages(kg.__path__, "kg."):
    importlib.import_module(module.name)
hits, misses = regexes.cache_info()
used = regexes._cache.used
same = sum(_sre.compile(pattern, *entry) == re.compile(pattern, flags) for (pattern, flags), entry in used.items())
print(json.dumps({"hits": hits, "misses": misses, "used": len(used), "same": same}))
"""


def run_python(cache: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KG_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )


def every_module(cache: Path) -> dict[str, int]:
    return json.loads(run_python(cache, "-c", EVERY_MODULE).stdout)


def cache_file(cache: Path) -> Path:
    return cache / f"regexes-{regexes._interpreter_key()}.marshal"


def test_a_second_start_compiles_no_pattern_and_each_is_the_one_re_compile_makes(tmp_path):
    first = every_module(tmp_path)
    assert first["misses"] == first["used"] > 100 and first["same"] == first["used"]
    second = every_module(tmp_path)
    assert second["misses"] == 0 and second["hits"] == first["hits"] + first["misses"]
    assert second["used"] == second["same"] == first["used"]


def test_kg_extract_keeps_the_patterns_it_compiled_though_its_exit_runs_no_atexit(tmp_path):
    document = str(DEV.with_suffix(".txt"))
    extract = run_python(tmp_path, "-c", "from kg.cli import entry; entry()", "extract", document, "--format", "json")
    assert json.loads(extract.stdout)["entities"]
    kept = marshal.loads(cache_file(tmp_path).read_bytes())
    assert len(kept) > 50
    after = every_module(tmp_path)
    assert after["misses"] == after["used"] - len(kept)


def test_an_unreadable_cache_is_compiled_again_and_replaced(tmp_path):
    cache_file(tmp_path).write_bytes(b"\x00not marshal")
    again = every_module(tmp_path)
    assert again["misses"] == again["used"]
    assert len(marshal.loads(cache_file(tmp_path).read_bytes())) == again["used"]


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    """This process's patterns read from, and written to, an empty cache in ``tmp_path``."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexes, "_cache", regexes._Cache())
    return cache_file(tmp_path)


def test_an_entry_the_engine_refuses_is_compiled_again_and_replaced(own_cache):
    pattern = r"(?P<head>[\u4e00-\u9fff]+)(?:部|局)"
    flags, code, *rest = regexes._entry(pattern, 0)
    regexes._cache.entries[(pattern, 0)] = (flags, [*code[:-3], 1, 1, 1], *rest)  # type: ignore[assignment]
    with pytest.raises(RuntimeError):
        _sre.compile(pattern, *regexes._cache.entries[(pattern, 0)])
    assert regexes.compile(pattern) == re.compile(pattern)
    assert regexes.cache_info() == (0, 1) and regexes._cache.used[(pattern, 0)] == regexes._entry(pattern, 0)


def test_the_cache_keeps_what_other_processes_wrote_unless_it_has_grown_past_its_limit(own_cache, monkeypatch):
    older = {(f"older{number}", 0): regexes._entry(f"older{number}", 0) for number in range(3)}
    own_cache.write_bytes(marshal.dumps(older))
    regexes.compile("新的")
    regexes.save()
    assert marshal.loads(own_cache.read_bytes()).keys() == {*older, ("新的", 0)}

    monkeypatch.setattr(regexes, "LIMIT", 3)
    regexes.compile("又一个")
    regexes.save()
    assert marshal.loads(own_cache.read_bytes()).keys() == {("新的", 0), ("又一个", 0)}


def test_a_cache_that_cannot_be_written_costs_only_compiling_again(tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "a file" / "cache"))  # not a folder, not even for root
    monkeypatch.setattr(regexes, "_cache", regexes._Cache())
    assert regexes.compile("[乙-甲]+") == re.compile("[乙-甲]+")
    regexes.save()
    assert regexes.cache_info() == (0, 1) and not (tmp_path / "a file" / "cache").exists()


CHARACTERS = ["a", "Z", "0", "部", "國", r"\.", r"\d", r"\w", r"\s", ".", "^", "$", r"\b"]
SETS = ["a-z", "\u4e00-\u9fff", "0-9", "部局委", "\u3400-\u4dbf", r"\d", r"\s", "A-Z", "（）", r"\-"]


def classes() -> st.SearchStrategy[str]:
    members = st.lists(st.sampled_from(SETS), min_size=1, max_size=4).map("".join)
    return st.builds(lambda negated, inner: f"[{'^' if negated else ''}{inner}]", st.booleans(), members)


def patterns() -> st.SearchStrategy[str]:
    atoms = st.one_of(st.sampled_from(CHARACTERS), classes())
    fixed = st.one_of(st.sampled_from(CHARACTERS[:6]), classes())

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantified = st.builds(str.__add__, inner, st.sampled_from(["*", "+", "?", "{2}", "{1,3}", "*?", "+?"]))
        wrapped = st.builds(lambda open_, body: f"{open_}{body})", st.sampled_from(["(", "(?:", "(?=", "(?!"]), inner)
        behind = st.builds(lambda look, body: f"{look}{body})", st.sampled_from(["(?<=", "(?<!"]), fixed)
        joined = st.lists(inner, min_size=2, max_size=4).map("".join)
        either = st.lists(inner, min_size=2, max_size=3).map("|".join)
        named = st.builds(lambda body: f"(?P<name>{body})", inner)
        return st.one_of(quantified, wrapped, behind, joined, either, named)

    return st.recursive(atoms, extend, max_leaves=12)


@given(patterns(), st.sampled_from([0, re.IGNORECASE, re.MULTILINE, re.DOTALL, re.IGNORECASE | re.ASCII]))
def test_the_engine_code_kept_for_a_pattern_makes_the_pattern_re_compile_makes(pattern, flags):
    try:
        expected = re.compile(pattern, flags)
    except re.error:
        assume(False)
    rebuilt = _sre.compile(pattern, *marshal.loads(marshal.dumps(regexes._entry(pattern, int(flags)))))
    assert rebuilt == expected  # flags, pattern and the engine's code
    assert (rebuilt.groups, rebuilt.groupindex) == (expected.groups, expected.groupindex)
