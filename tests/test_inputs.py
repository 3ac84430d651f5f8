"""kg.text.inputs: documents are read exactly, in every format and encoding; an unusable item gets a one-line reason."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path
from typing import IO
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kg.text import inputs
from kg.text.inputs import (
    InputError,
    Listing,
    Source,
    _identity,
    iter_sources,
    list_documents,
    read_listed,
    read_text,
    text_files,
    unique_ids,
)
from kg.text.jsonl import read_records
from kg.text.source import decode_text
from tests.conftest import DATA


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
        (
            codecs.BOM_UTF8 + b"ab\xe5\xb7",
            "starts with a UTF-8 byte-order mark but is not valid utf-8 at byte offset 5 (byte 0xe5: unexpected end",
        ),
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

    def refuse(file: Path, mode: str) -> None:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr("kg.text.source.open", refuse, raising=False)  # found before the built-in
    with pytest.raises(InputError, match=r"locked\.txt: permission denied"):
        read_text(path)
    with pytest.raises(InputError, match=r"locked\.jsonl: permission denied"):
        list(read_records(path.with_suffix(".jsonl"), "locked", None, set()))


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
        assert text.strip()
        if b"\x00" not in data and _is_utf8(data):  # UTF-8 is never second-guessed
            assert text == data.removeprefix(codecs.BOM_UTF8).decode("utf-8")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1))
def test_text_round_trips_exactly(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    assume(not text.isspace() and not text.startswith("\ufeff"))
    path = tmp_path_factory.mktemp("rt") / "a.txt"
    path.write_bytes(text.encode())
    assert read_text(path) == text


def test_list_documents_expands_directories_in_order_and_skips_hidden(tmp_path: Path) -> None:
    names = ("b.txt", "a.txt", "notes.md", "sub/c.TXT", "sub/z/d.txt", ".hidden.txt", ".git/e.txt", "x.gold.json")
    for name in (*names, "page.HTM", "sub/news.jsonl", "site.html", "data.json"):
        write(tmp_path / "docs" / name, b"text")
    extra = write(tmp_path / "single.md", b"text")
    listed = list_documents([tmp_path / "docs", extra])
    assert [(doc_id, path.relative_to(tmp_path).as_posix()) for doc_id, path in listed] == [
        ("a", "docs/a.txt"),
        ("b", "docs/b.txt"),
        ("page", "docs/page.HTM"),
        ("site", "docs/site.html"),
        ("c", "docs/sub/c.TXT"),
        ("news", "docs/sub/news.jsonl"),
        ("d", "docs/sub/z/d.txt"),
        ("single", "single.md"),
    ]


def test_list_documents_does_not_read_the_files(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", b"\xff")
    good = write(tmp_path / "good.txt", "好".encode())
    assert list(list_documents([bad, good])) == [("bad", bad), ("good", good)]


@pytest.fixture(params=[False, True], ids=["in memory", "in SQLite"])
def listing_bound(request, monkeypatch) -> bool:
    """Lists in memory, or in SQLite from the first file found (:class:`Listing`); whether in SQLite."""
    monkeypatch.setattr(inputs, "IN_MEMORY", 0 if request.param else 100)
    return request.param


def test_a_file_named_twice_is_listed_once(tmp_path: Path, listing_bound: bool) -> None:
    path = write(tmp_path / "d" / "a.txt", b"text")
    assert list(list_documents([path, tmp_path / "d", tmp_path / "d" / ".." / "d" / "a.txt"])) == [("a", path)]


def test_files_left_out_are_skipped_in_folders_and_kept_when_named(tmp_path: Path) -> None:
    page, other = write(tmp_path / "d" / "glossary.html", b"page"), write(tmp_path / "d" / "sub" / "glossary.txt", b"t")
    leave_out = {os.path.realpath(tmp_path / "d" / "." / "glossary.html")}
    assert list(list_documents([tmp_path / "d"], leave_out=leave_out)) == [("glossary", other)]
    assert list(list_documents([page], leave_out=leave_out)) == [("glossary", page)]  # named, taken as given
    with pytest.raises(InputError, match="the directory holds no document"):
        list_documents([tmp_path / "d" / "sub"], leave_out={os.path.realpath(other)})


def test_reading_a_folder_or_a_missing_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError, match=r"folder: is a directory, not a document file$"):
        read_text(tmp_path / "folder")
    with pytest.raises(InputError, match=r"gone\.txt: no such file$"):
        read_text(tmp_path / "gone.txt")


def test_a_file_reached_by_a_link_is_listed_once_and_a_link_to_nothing_not_at_all(
    tmp_path: Path, listing_bound: bool
) -> None:
    real = write(tmp_path / "d" / "a.txt", b"text")
    (tmp_path / "d" / "b.txt").symlink_to(real)
    os.link(real, tmp_path / "d" / "c.txt")
    (tmp_path / "d" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    listed = list_documents([tmp_path / "d", tmp_path / "d" / "b.txt"])
    assert list(listed) == [("a", real)] and listed.in_database == listing_bound


def test_a_file_system_without_inodes_tells_files_apart_by_their_real_paths(tmp_path: Path) -> None:
    first, second = write(tmp_path / "a.txt", b"a"), write(tmp_path / "b.txt", b"b")
    no_inode = os.stat_result((0o100644, 0, 1, 1, 0, 0, 1, 0, 0, 0))
    assert _identity(str(first), no_inode) != _identity(str(second), no_inode)
    assert _identity(str(first), no_inode) == _identity(str(tmp_path / "." / "a.txt"), no_inode)


def test_the_listings_digest_changes_with_a_files_size_time_or_name_and_only_then(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        write(tmp_path / "d" / name, b"text")
    digest = list_documents([tmp_path / "d"]).digest
    assert list_documents([tmp_path / "d"]).digest == digest
    os.utime(tmp_path / "d" / "a.txt", ns=(1, 1))
    assert list_documents([tmp_path / "d"]).digest not in {digest}
    touched = list_documents([tmp_path / "d"]).digest
    (tmp_path / "d" / "b.txt").rename(tmp_path / "d" / "c.txt")
    assert list_documents([tmp_path / "d"]).digest not in {digest, touched}


def test_doc_ids_stay_unique_when_stems_repeat(tmp_path: Path, listing_bound: bool) -> None:
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
    with pytest.raises(
        InputError, match=r"empty: the directory holds no document \(\*\.txt, \*\.html, \*\.htm, \*\.jsonl\)"
    ):
        list_documents([tmp_path / "empty"])


#: A paragraph of real text, long enough for its encoding to be detected.
PARAGRAPH = (
    "國務院新聞辦公室于2021年4月20日舉行新聞發佈會，請工業和信息化部新聞發言人、"
    "運行監測協調局局長黃利斌介紹2021年一季度工業和信息化發展情況，並答記者問。"
)


def outcome(item: Source | InputError) -> tuple[str, str]:
    """``(doc_id, text)`` of a source, ``("error", message without the temporary folder)`` of an error."""
    if isinstance(item, InputError):
        return "error", str(item).split("docs/", 1)[-1]
    return item.doc_id, item.text


def test_a_folder_of_every_format_yields_each_document_and_each_bad_item(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "a-gbk.txt", PARAGRAPH.encode("gb18030"))
    write(docs / "b-page.html", (DATA / "inputs" / "govcn-xinwen.html").read_bytes())
    lines = [
        json.dumps({"id": "scio", "text": "第一篇。", "url": "http://www.gov.cn/"}, ensure_ascii=False),
        '{"text": "未完',
        json.dumps({"text": "第三行沒有編號。", "date": "2021-04-20"}),
        json.dumps({"id": "a-gbk", "text": "與文件同名。"}),
        json.dumps({"id": "scio", "text": "重複的編號。"}),
    ]
    write(docs / "c-news.jsonl", "\n".join(lines).encode())
    write(docs / "d-empty.txt", b"")
    write(docs / "e-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(docs / "f-short.txt", "工信部".encode("gbk"))
    write(docs / "g-utf16.txt", PARAGRAPH.encode("utf-16"))
    write(
        docs / "h-nothing.html",
        b"<html><body><div class='share'>\xe5\x88\x86\xe4\xba\xab\xe5\x88\xb0</div></body></html>",
    )
    items = list(iter_sources([docs]))
    assert [outcome(item) for item in items] == [
        ("a-gbk", PARAGRAPH),
        ("b-page", items[1].text),
        ("scio", "第一篇。"),
        ("error", "c-news.jsonl: line 2: not valid JSON: Unterminated string starting at (column 10)"),
        ("c-news-3", "第三行沒有編號。"),
        (
            "error",
            "c-news.jsonl: line 4: the document id 'a-gbk' is already taken by another document; "
            'give this line a unique "id"',
        ),
        (
            "error",
            "c-news.jsonl: line 5: the document id 'scio' is already taken by another document; "
            'give this line a unique "id"',
        ),
        ("error", "d-empty.txt: the file is empty"),
        ("error", "e-binary.txt: looks like a binary file (NUL byte at byte offset 8), not text"),
        (
            "error",
            "f-short.txt: not valid UTF-8 at byte offset 0 (byte 0xb9: invalid start byte), "
            "and too short to tell its encoding: give it with --encoding",
        ),
        ("g-utf16", PARAGRAPH),
        ("error", "h-nothing.html: no article text found in the page"),
    ]
    assert items[1].text.startswith("国新办举行2021年一季度工业和信息化发展情况新闻发布会\n4月20日")
    metas = {item.doc_id: item.meta for item in items if isinstance(item, Source)}
    assert metas["a-gbk"] == {"path": str(docs / "a-gbk.txt"), "encoding": "gb18030"}
    assert metas["g-utf16"]["encoding"] == "utf-16-le"
    assert metas["scio"] == {
        "path": str(docs / "c-news.jsonl"),
        "line": "1",
        "encoding": "utf-8",
        "url": "http://www.gov.cn/",
    }
    assert metas["c-news-3"]["date"] == "2021-04-20" and metas["b-page"]["date"] == "2021-04-20"
    errors = [item for item in items if isinstance(item, InputError)]
    assert [(error.path.name, error.line) for error in errors[:3]] == [
        ("c-news.jsonl", 2),
        ("c-news.jsonl", 4),
        ("c-news.jsonl", 5),
    ]


def test_an_unreadable_file_is_yielded_as_an_error_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "a-locked.txt", PARAGRAPH.encode())
    write(tmp_path / "b-open.txt", PARAGRAPH.encode())

    def refuse(file: Path, mode: str) -> IO[bytes]:
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return open(file, mode)

    monkeypatch.setattr("kg.text.source.open", refuse, raising=False)  # found before the built-in
    items = list(iter_sources([tmp_path]))
    assert isinstance(items[0], InputError) and items[0].path == locked and "permission denied" in str(items[0])
    assert isinstance(items[1], Source) and items[1].doc_id == "b-open"


def test_the_encoding_override_applies_to_every_format(tmp_path: Path) -> None:
    short = write(tmp_path / "short.txt", "工信部".encode("gbk"))
    page = write(tmp_path / "page.html", "<meta charset=utf-8><p>工信部</p>".encode("gbk"))
    lines = write(tmp_path / "lines.jsonl", json.dumps({"text": "工信部"}, ensure_ascii=False).encode("gbk"))
    sources = list(iter_sources([short, page, lines], encoding="gbk"))
    assert [(s.doc_id, s.text, s.meta["encoding"]) for s in sources if isinstance(s, Source)] == [
        ("short", "工信部", "gb18030"),
        ("page", "工信部", "gb18030"),
        ("lines-1", "工信部", "gb18030"),
    ]
    [wrong] = iter_sources([write(tmp_path / "big5.txt", "國務院".encode("big5"))], encoding="ascii")
    assert str(wrong).endswith("big5.txt: is not valid ascii at byte offset 0 (byte 0xb0: ordinal not in range(128))")


def test_a_jsonl_file_with_only_bad_lines_yields_only_errors(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.jsonl", b"[]\n\n{}\n")
    assert [str(error).removeprefix(str(path)) for error in iter_sources([path])] == [
        ': line 1: a line must be a JSON object with a "text" field, not an array',
        ': line 3: the object has no "text" field; it needs a string',
    ]


def test_kg_extract_reads_any_format_and_encoding_and_refuses_several_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    page = DATA / "inputs" / "govcn-xinwen-big5.html"
    assert main(["extract", str(page), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["doc"] == "govcn-xinwen-big5"
    assert {"工業和信息化部", "黃利斌", "六穩"} <= {entity["text"] for entity in result["entities"]}
    short = write(tmp_path / "short.txt", "工業和信息化部".encode("big5"))
    assert main(["extract", str(short)]) == 1
    assert "give it with --encoding" in capsys.readouterr().err
    assert main(["extract", str(short), "--encoding", "big5", "--format", "table"]) == 0
    assert "org-miit" in capsys.readouterr().out
    lines = write(tmp_path / "two.jsonl", b'{"text": "\\u5de5\\u4fe1\\u90e8"}\n{"text": "x"}\n')
    assert main(["extract", str(lines)]) == 1
    assert capsys.readouterr().err == (
        f"kg: error: {lines}: holds 2 documents; kg extract reads one, kg build reads them all\n"
    )
    assert main(["extract", str(tmp_path)]) == 1
    assert "is a directory; kg extract reads one document" in capsys.readouterr().err


def test_a_format_registered_in_one_place_is_listed_and_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.text import inputs

    def read_lines(path, doc_id, encoding, taken):
        """A toy format: every line of a .lines file is a document of its own."""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield Source(f"{doc_id}-{number}", line, {"path": str(path)})

    toy = inputs.InputFormat("lines", (".lines",), read_lines, many=True)
    monkeypatch.setitem(inputs.FORMATS, "lines", toy)
    monkeypatch.setattr(inputs, "DOCUMENT_SUFFIXES", (*inputs.DOCUMENT_SUFFIXES, ".lines"))
    write(tmp_path / "a.lines", "国务院\n工信部\n".encode())
    write(tmp_path / "b.txt", "财政部".encode())
    found = [(s.doc_id, s.text) for s in iter_sources([tmp_path]) if isinstance(s, Source)]
    assert found == [("a-1", "国务院"), ("a-2", "工信部"), ("b", "财政部")]


def test_every_registered_format_has_its_reader_and_suffixes() -> None:
    from kg.text.inputs import DOCUMENT_SUFFIXES, FORMATS, input_format

    assert set(DOCUMENT_SUFFIXES) == {suffix for fmt in FORMATS.values() for suffix in fmt.suffixes}
    for fmt in FORMATS.values():
        for suffix in fmt.suffixes:
            assert input_format(Path(f"doc{suffix.upper()}")) is fmt
    assert input_format(Path("notes.md")) is FORMATS["text"]  # a file named on the command line is read as text


names = st.sampled_from(["a", "a.txt", "a-b.txt", "a.b", "B.TXT", "b", ".c.txt", "ab.txt", "a b.txt", "中.txt"])


@given(st.lists(st.lists(names, min_size=1, max_size=3), min_size=1, max_size=12))
def test_a_folder_is_listed_in_the_order_of_its_files_path_components(trees: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for parts in trees:
            target = root.joinpath(*parts)  # a file, unless a file or folder already stands in its way
            if not target.is_dir() and not any(root.joinpath(*parts[:i]).is_file() for i in range(1, len(parts))):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("x", encoding="utf-8")
        wanted = sorted(
            (path for path in root.rglob("*") if path.is_file() and path.suffix.lower() == ".txt"),
            key=lambda path: path.relative_to(root).parts,
        )
        wanted = [path for path in wanted if not any(part.startswith(".") for part in path.relative_to(root).parts)]
        assert text_files(root) == wanted


#: Names as the file system gives them: a name that is not UTF-8 decodes to lone surrogates (``\udce9``).
_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(["\udce9", "\udcff"]))


#: Stems that repeat and collide with the ids given to a repeated stem (``a-2``), some not UTF-8, and any name.
_STEMS = st.sampled_from(["a", "a-2", "a-3", "a-2-2", "\udce9", "\udce9-2"]) | st.sampled_from(["a", "a-2"]) | _NAMES


@given(
    st.lists(st.tuples(_STEMS, st.integers(0, 6))),
    st.integers(0, 12),
    st.integers(1, 4),
)
def test_a_listing_reads_the_same_in_memory_or_moved_to_sqlite(
    found: list[tuple[str, int]], in_memory: int, batch: int
) -> None:
    """Files found twice (the same identity) are listed once, and ids are given as :func:`unique_ids` gives them,
    whether the listing stays in memory or moves to SQLite, after any number of files, in batches of any size."""
    paths = [f"d{number}/{stem}.txt" for number, (stem, _) in enumerate(found)]
    first = {}  # identity: the path first found with it
    for path, (_, identity) in zip(paths, found, strict=True):
        first.setdefault(identity, path)
    expected = list(zip(unique_ids(list(first.values())), map(Path, first.values()), strict=True))
    with mock.patch.object(inputs, "_BATCH", batch):
        listed = Listing(in_memory)
        for path, (_, identity) in zip(paths, found, strict=True):
            listed.add(path, bytes([identity]))
        assert listed.in_database == (len(first) > in_memory)
        assert list(listed) == expected == list(listed) and len(listed) == len(expected)
    assert [listed[index] for index in range(-len(expected), len(expected))] == expected + expected
    with pytest.raises(IndexError):
        listed[len(expected)]


def test_a_build_whose_listing_moved_to_sqlite_reads_every_kind_of_input(tmp_path: Path, monkeypatch) -> None:
    """The documents of a JSON Lines file may not take another file's id: the listing is read again, inside its
    own reading, from SQLite as from memory; a file whose name is not UTF-8 is listed, and read, all the same."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("国务院总理李克强表示。\n", encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"id": "a", "text": "工业和信息化部表示。"}) + "\n", encoding="utf-8")
    (folder / os.fsdecode(b"r\xe9port.txt")).write_text("国家发展改革委。\n", encoding="utf-8")
    read = {}
    for moved in (False, True):
        monkeypatch.setattr(inputs, "IN_MEMORY", 0 if moved else 100)
        listed = list_documents([folder])
        listed.settle()
        assert listed.in_database == moved
        read[moved] = [item.doc_id if isinstance(item, Source) else str(item) for item in read_listed(listed)]
    assert read[True] == read[False] and len(read[True]) == 3 and os.fsdecode(b"r\xe9port") in read[True]
