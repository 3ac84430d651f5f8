"""kg.inputs: documents are read exactly, and every unusable file gets a one-line reason."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kg.inputs import InputError, decode_text, list_documents, read_text, unique_ids


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_the_bom_is_removed_and_newlines_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", codecs.BOM_UTF8 + "工信部\r\n記者：\r問\n".encode())
    assert read_text(path) == "工信部\r\n記者：\r問\n"


def test_only_a_leading_bom_is_removed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "a\ufeffb".encode())
    assert read_text(path) == "a\ufeffb"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (codecs.BOM_UTF8, "the file is empty"),
        (" \r\n\t\u3000\n".encode(), "the file holds only whitespace"),
        (b"abc\x00def", "looks like a binary file (NUL byte at byte offset 3)"),
        (b"abc\xff", "not valid UTF-8 at byte offset 3 (byte 0xff: invalid start byte)"),
        (codecs.BOM_UTF8 + b"ab\xe5\xb7", "not valid UTF-8 at byte offset 5 (byte 0xe5: unexpected end of data)"),
        ("工信部".encode("gbk"), "not valid UTF-8 at byte offset 0 (byte 0xb9"),
        (b"\xed\xa0\x80", "not valid UTF-8 at byte offset 0"),  # an encoded surrogate
    ],
)
def test_unusable_content_is_reported_with_its_position(tmp_path: Path, data: bytes, problem: str) -> None:
    path = write(tmp_path / "doc.txt", data)
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value).startswith(f"{path}: {problem}")
    assert caught.value.path == path


def test_missing_files_and_directories_are_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file$"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: as root (CI containers) a chmod 000 file is still readable."""
    path = write(tmp_path / "locked.txt", b"text")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=r"locked\.txt: permission denied"):
        read_text(path)


def test_the_message_is_one_line_whatever_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines\x1b.txt"
    path.write_bytes(b"")
    message = ""
    try:
        read_text(path)
    except InputError as error:
        message = str(error)
    assert "\n" not in message and "\x1b" not in message
    assert "two\\x0alines\\x1b.txt: the file is empty" in message
    assert str(InputError(b"caf\xe9.txt".decode("utf-8", "surrogateescape"), "x")) == "caf\\xe9.txt: x"


@given(st.binary(max_size=64))
def test_any_bytes_decode_or_raise_an_input_error(data: bytes) -> None:
    try:
        text = decode_text(data, "doc.txt")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert text.encode() == data.removeprefix(codecs.BOM_UTF8)
        assert text.strip()


@given(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1))
def test_text_round_trips_exactly(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    assume(not text.isspace() and not text.startswith("\ufeff"))
    path = tmp_path_factory.mktemp("rt") / "a.txt"
    path.write_bytes(text.encode())
    assert read_text(path) == text


def test_list_documents_expands_directories_in_order_and_skips_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "notes.md", "sub/c.TXT", "sub/z/d.txt", ".hidden.txt", ".git/e.txt", "x.gold.json"):
        write(tmp_path / "docs" / name, b"text")
    extra = write(tmp_path / "single.html", b"<p>text</p>")
    listed = list_documents([tmp_path / "docs", extra])
    assert [(doc_id, path.relative_to(tmp_path).as_posix()) for doc_id, path in listed] == [
        ("a", "docs/a.txt"),
        ("b", "docs/b.txt"),
        ("c", "docs/sub/c.TXT"),
        ("d", "docs/sub/z/d.txt"),
        ("single", "single.html"),
    ]


def test_list_documents_does_not_read_the_files(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", b"\xff")
    good = write(tmp_path / "good.txt", "好".encode())
    assert list_documents([bad, good]) == [("bad", bad), ("good", good)]


def test_a_file_named_twice_is_listed_once(tmp_path: Path) -> None:
    path = write(tmp_path / "d" / "a.txt", b"text")
    assert list_documents([path, tmp_path / "d", tmp_path / "d" / ".." / "d" / "a.txt"]) == [("a", path)]


def test_doc_ids_stay_unique_when_stems_repeat(tmp_path: Path) -> None:
    paths = [write(tmp_path / p, b"text") for p in ("x/a.txt", "y/a.txt", "a-2.txt", "z/a.txt")]
    assert [doc_id for doc_id, _ in list_documents(paths)] == ["a", "a-3", "a-2", "a-4"]


@given(st.lists(st.sampled_from(["a", "a-2", "b", "a-3"]), max_size=12))
def test_unique_ids_are_unique_and_keep_each_first_stem(stems: list[str]) -> None:
    ids = unique_ids([Path(f"dir{i}", f"{stem}.txt") for i, stem in enumerate(stems)])
    assert len(set(ids)) == len(ids)
    for stem in set(stems):
        assert ids[stems.index(stem)] == stem


def test_list_documents_reports_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope: no such file or directory"):
        list_documents([tmp_path / "nope"])
    write(tmp_path / "empty" / "readme.md", b"text")
    with pytest.raises(InputError, match=r"empty: the directory holds no \*\.txt document"):
        list_documents([tmp_path / "empty"])
