"""kg.text.lines: a file read a line at a time gives the lines of the file decoded whole, in bounded memory."""

from __future__ import annotations

import errno
import io
import json
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text import lines
from kg.text.encodings import decode
from kg.text.inputs import iter_sources
from kg.text.jsonl import read_records
from kg.text.lines import read_lines
from kg.text.source import InputError, Source

PARAGRAPH = "国务院新闻办公室举行新闻发布会，工业和信息化部介绍一季度工业和信息化发展情况。"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


#: Text as documents hold it: no control characters (a file with them is binary) but line ends.
_TEXT = st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n\r\t")


@settings(max_examples=200, deadline=None)
@given(
    content=st.text(_TEXT, min_size=1, max_size=60).filter(str.strip),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    block=st.integers(1, 48),
)
def test_lines_read_a_block_at_a_time_are_those_of_the_file_decoded_whole(content: str, codec: str, block: int) -> None:
    """Whatever the block, a line is cut where ``\\n`` is and nowhere else, and decoded as the whole file is."""
    data = content.encode(codec)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines, "BLOCK", block)
        read = list(read_lines(_write(Path(folder), "doc.jsonl", data)))
    whole = decode(data)
    assert [line.text for line in read] == whole.text.split("\n")[: len(read)]
    assert all(line.text == "" for line in whole.text.split("\n")[len(read) :])  # at most a last empty line
    assert [line.number for line in read] == list(range(1, len(read) + 1))
    assert {line.encoding for line in read} == {whole.encoding} and not any(line.problem for line in read)


def _records(*texts: str) -> bytes:
    return b"".join(json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n" for text in texts)


def test_a_bad_line_past_the_first_block_is_one_error_with_its_offset_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines, "BLOCK", 64)
    good = _records("工信部", PARAGRAPH, PARAGRAPH)
    bad = b'{"text": "\xff"}\n'
    path = _write(tmp_path, "news.jsonl", good + bad + _records("财政部"))
    read = list(read_records(path, "news", None, set()))
    assert [item.text for item in read if isinstance(item, Source)] == ["工信部", PARAGRAPH, PARAGRAPH, "财政部"]
    [error] = [item for item in read if isinstance(item, InputError)]
    assert error.line == 4
    assert error.problem == f"is not valid utf-8 at byte offset {len(good) + 10} (byte 0xff: invalid start byte)"


def test_a_file_in_gb18030_is_told_by_its_first_block_and_read_a_line_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines, "BLOCK", 200)
    texts = [PARAGRAPH, "朱镕基总理作政府工作报告。", PARAGRAPH[::-1]] * 5
    path = _write(tmp_path, "gbk.jsonl", _records(*texts).decode().encode("gb18030"))
    read = list(read_records(path, "gbk", None, set()))
    assert [(item.text, item.meta["encoding"]) for item in read] == [(text, "gb18030") for text in texts]


def test_bytes_utf_16_rejects_end_the_file_at_their_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines, "BLOCK", 32)
    good = _records("工信部", PARAGRAPH).decode().encode("utf-16")
    lone = "\ud800".encode("utf-16-le", "surrogatepass")
    path = _write(tmp_path, "wide.jsonl", good + lone + "x\n".encode("utf-16-le"))
    read = list(read_lines(path))
    expected = [json.dumps({"text": text}, ensure_ascii=False) for text in ("工信部", PARAGRAPH)]
    assert [line.text for line in read[:2]] == expected
    assert read[2].number == 3 and read[2].problem.startswith(f"is not valid utf-16-le at byte offset {len(good)} ")
    assert len(read) == 3


def test_a_first_line_longer_than_the_block_is_read_whole_to_tell_the_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines, "BLOCK", 16)
    path = _write(tmp_path, "long.jsonl", _records(PARAGRAPH * 3, "国务院").decode().encode("gb18030"))
    assert [line.text for line in read_lines(path)][:2] == [
        json.dumps({"text": text}, ensure_ascii=False) for text in (PARAGRAPH * 3, "国务院")
    ]


def test_a_long_file_of_blank_lines_is_said_to_hold_only_whitespace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines, "BLOCK", 8)
    path = _write(tmp_path, "blank.jsonl", b" \n\n\t\n" * 10)
    [error] = read_records(path, "blank", None, set())
    assert isinstance(error, InputError) and error.problem == "the file holds only whitespace"


def test_a_large_file_is_read_in_the_memory_of_its_lines_not_of_the_file(tmp_path: Path) -> None:
    """24 MB of JSON Lines, read whole, would take some 60 MB (its bytes, text and lines); a block is 1 MB."""
    line = json.dumps({"text": PARAGRAPH * 20}, ensure_ascii=False).encode() + b"\n"
    lines_in_file = 24 * 2**20 // len(line)
    path = _write(tmp_path, "dump.jsonl", line * lines_in_file)
    tracemalloc.start()
    try:
        count = sum(1 for item in read_records(path, "dump", None, set()) if isinstance(item, Source))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == lines_in_file
    assert peak < 6 * lines.BLOCK  # the first block, the sample cut from it and its text, while it is looked at


def test_a_file_that_fails_in_the_middle_is_one_error_after_the_lines_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk or network file system failing halfway: the lines read are kept, the failure is one line."""
    monkeypatch.setattr(lines, "BLOCK", 64)
    path = _write(tmp_path, "news.jsonl", _records("工信部", *[PARAGRAPH] * 20))

    class Failing(io.BufferedReader):
        def __next__(self) -> bytes:
            if self.tell() > 400:
                raise OSError(errno.EIO, "Input/output error")
            return super().__next__()

    monkeypatch.setattr("kg.text.source.open", lambda file, mode: Failing(io.FileIO(file, "r")), raising=False)
    read = list(iter_sources([path]))
    assert [type(item) for item in read[:2]] == [Source, Source]
    assert isinstance(read[-1], InputError) and read[-1].problem == "cannot be read: Input/output error"
    assert len(read) < 10
