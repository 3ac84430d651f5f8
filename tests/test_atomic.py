"""kg.atomic: an output is either the complete new file or the untouched old one."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.atomic import AtomicFiles, atomic_write, atomic_write_text


class Boom(Exception):
    pass


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_atomic_write_replaces_the_content(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old", encoding="utf-8")
    with atomic_write(path) as handle:
        handle.write("新的\n")
        assert path.read_text(encoding="utf-8") == "old"  # nothing visible before the block ends
    assert path.read_bytes() == "新的\n".encode()
    assert os.listdir(tmp_path) == ["out.json"]


def test_binary_mode_and_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    with atomic_write(path, "wb") as handle:
        handle.write(b"\x00\xff")
    assert path.read_bytes() == b"\x00\xff"


@given(old=st.text(), new=st.text(), error=st.sampled_from([Boom, KeyboardInterrupt]))
def test_an_exception_in_the_block_keeps_the_old_file_and_no_temp(
    tmp_path_factory: pytest.TempPathFactory, old: str, new: str, error: type[BaseException]
) -> None:
    folder = tmp_path_factory.mktemp("atomic")
    path = folder / "out.txt"
    path.write_bytes(old.encode())
    with pytest.raises(error), atomic_write(path, newline="") as handle:
        handle.write(new)
        handle.flush()
        raise error
    assert path.read_bytes() == old.encode()
    assert os.listdir(folder) == ["out.txt"]


def test_an_unencodable_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    atomic_write_text(path, "old")
    with pytest.raises(UnicodeEncodeError), atomic_write(path, encoding="ascii") as handle:
        handle.write("工信部")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_failing_rename_keeps_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.txt"
    atomic_write_text(path, "old")

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path, umask_022: None) -> None:
    atomic_write_text(tmp_path / "new.txt", "x")
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "private.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o600)
    atomic_write_text(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(("mode", "encoding"), [("a", "utf-8"), ("r+", "utf-8"), ("w", "no-such-codec")])
def test_bad_arguments_fail_before_any_file_exists(tmp_path: Path, mode: str, encoding: str) -> None:
    with pytest.raises((ValueError, LookupError)), atomic_write(tmp_path / "out", mode, encoding):
        pass
    assert os.listdir(tmp_path) == []


def test_several_files_all_land_together(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("old a", encoding="utf-8")
    with AtomicFiles() as group:
        group.open(tmp_path / "a.ttl").write("new a")
        group.open(tmp_path / "b.tsv").write("new b")
        group.open(tmp_path / "c.bin", "wb").write(b"\x01")
    assert (tmp_path / "a.ttl").read_text(encoding="utf-8") == "new a"
    assert (tmp_path / "b.tsv").read_text(encoding="utf-8") == "new b"
    assert (tmp_path / "c.bin").read_bytes() == b"\x01"
    assert sorted(os.listdir(tmp_path)) == ["a.ttl", "b.tsv", "c.bin"]


def test_an_exception_in_a_group_touches_no_file(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("old a", encoding="utf-8")
    with pytest.raises(Boom), AtomicFiles() as group:
        group.open(tmp_path / "a.ttl").write("new a")
        group.open(tmp_path / "b.tsv").write("new b")
        raise Boom
    assert (tmp_path / "a.ttl").read_text(encoding="utf-8") == "old a"
    assert os.listdir(tmp_path) == ["a.ttl"]


def test_a_group_cannot_write_one_file_twice(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="already written"), AtomicFiles() as group:
        group.open(tmp_path / "a").write("1")
        group.open(tmp_path / "." / "a").write("2")
    assert os.listdir(tmp_path) == []


def test_a_failed_rename_in_a_group_restores_the_files_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.ttl").write_text("old a", encoding="utf-8")
    (tmp_path / "c.txt").write_text("old c", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def replace_twice(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        calls.append(Path(target).name)
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_twice)
    with pytest.raises(OSError, match="Input/output"), AtomicFiles() as group:
        for name in ("a.ttl", "b.tsv", "c.txt"):
            group.open(tmp_path / name).write(f"new {name[0]}")
    assert calls[:3] == ["a.ttl", "b.tsv", "c.txt"]
    assert (tmp_path / "a.ttl").read_text(encoding="utf-8") == "old a"
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "old c"
    assert sorted(os.listdir(tmp_path)) == ["a.ttl", "c.txt"]  # b.tsv was new: removed again


def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(IsADirectoryError), atomic_write(fifo) as handle:
        handle.write("x")
    assert fifo.exists() and not fifo.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
