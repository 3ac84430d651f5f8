"""kg.text.encodings: every encoding Chinese documents come in is read back exactly, or refused in one line."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kg.text.encodings import MIN_GUESS_BYTES, EncodingProblem, codecs_for, decode
from kg.text.script import to_traditional
from tests.conftest import DATA, DEV

#: Real text: a paragraph of the 2015 Government Work Report (Simplified) and of the dev transcript (Traditional).
GWR = (DATA / "gwr" / "gwr-2015.txt").read_text(encoding="utf-8")
SIMPLIFIED = GWR[GWR.index("过去一年") :][:300]
TRANSCRIPT = DEV.with_suffix(".txt").read_text(encoding="utf-8")
TRADITIONAL = TRANSCRIPT[TRANSCRIPT.index("國務院新聞辦公室于") :][:300]


@pytest.mark.parametrize(
    ("data", "text", "codec"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
        (codecs.BOM_UTF8 + TRADITIONAL.encode("utf-8"), TRADITIONAL, "utf-8"),
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED, "utf-16-le"),  # Python writes the BOM, little-endian here
        (codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), TRADITIONAL, "utf-16-be"),
        (SIMPLIFIED.encode("utf-32"), SIMPLIFIED, "utf-32-le"),
        (SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16-le"),  # no BOM: told by the NUL bytes of ASCII
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
        (TRADITIONAL.encode("gb18030"), TRADITIONAL, "gb18030"),  # Traditional characters in a GB file
        (TRADITIONAL.replace("于", "於").encode("cp950"), TRADITIONAL.replace("于", "於"), "cp950"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-bom",
        "utf-16-be-bom",
        "utf-32",
        "utf-16-no-bom",
        "gb18030",
        "gbk",
        "gb-hant",
        "big5",
    ],
)
def test_each_encoding_is_detected_and_read_exactly(data: bytes, text: str, codec: str) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_big5_extensions_are_read_as_chinese_documents_mean_them() -> None:
    """Code page 950 keeps the full-width tilde of ranges; Big5-HKSCS is the fallback for 着 and 綫."""
    ranged = "2021年一季度，全國規模以上工業增加值同比增長24.5%，兩年平均增長6.8%～7.0%。"
    assert decode(ranged.encode("cp950"), "big5").text == ranged
    hong_kong = "中國移動、中國電信著力推進光纖入戶，寬帶綫路升級，着力提升網絡速率。" * 2
    assert decode(hong_kong.encode("big5hkscs")) == decode(hong_kong.encode("big5hkscs"), "big5")
    assert decode(hong_kong.encode("big5hkscs"), "big5").text == hong_kong


def test_names_are_widened_to_their_supersets() -> None:
    """A file labelled GBK or GB2312 may hold GB18030-only characters (𠮷, four bytes) and GBK ones (镕)."""
    text = "朱镕基同志说，吉𠮷两字不同。"
    for label in ("gb2312", "GBK", "gb18030", "cp936"):
        assert decode(text.encode("gb18030"), label).text == text
    assert codecs_for("big5") == ("cp950", "big5hkscs")
    assert codecs_for("UTF8") == ("utf-8",)


def test_the_user_override_wins_over_detection() -> None:
    data = SIMPLIFIED.encode("gb18030")
    assert decode(data).text == SIMPLIFIED
    forced = decode(data, "latin-1")
    assert forced.encoding == "iso8859-1" and forced.text == data.decode("latin-1")
    with pytest.raises(EncodingProblem, match=r"^is not valid utf-8 at byte offset 0 \(byte 0xb9"):
        decode(data, "utf-8")


def test_a_declared_charset_decides_short_files_and_a_false_one_is_ignored() -> None:
    short = "工信部".encode("gbk")
    with pytest.raises(EncodingProblem, match="too short to tell its encoding: give it with --encoding"):
        decode(short)
    assert decode(short, declared="gb2312").text == "工信部"
    assert decode(SIMPLIFIED.encode("utf-8"), declared="big5").text == SIMPLIFIED
    assert decode(SIMPLIFIED.encode("gbk"), declared="no-such-charset").text == SIMPLIFIED


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", None),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "looks like a binary file (NUL byte at byte offset 8)",
        ),
        (b"PK\x03\x04\x00\x00", "looks like a binary file (NUL byte at byte offset 4), not text"),
        (b"abc\xff", "not valid UTF-8 at byte offset 3 (byte 0xff: invalid start byte), and too short"),
        (b"\xff" * 64, "not valid UTF-8 at byte offset 0 (byte 0xff: invalid start byte), nor GB18030 or Big5"),
        (
            codecs.BOM_UTF8 + b"ab\xe5\xb7",
            "starts with a UTF-8 byte-order mark but is not valid utf-8 at byte offset 5",
        ),
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "starts with a UTF-16 byte-order mark but is not valid utf-16-le"),
    ],
)
def test_undecidable_bytes_get_a_one_line_reason(data: bytes, problem: str | None) -> None:
    if problem is None:
        assert decode(data).text == ""
        return
    with pytest.raises(EncodingProblem) as caught:
        decode(data)
    assert str(caught.value).startswith(problem) and "\n" not in str(caught.value)


@pytest.mark.parametrize("label", ["no-such-encoding", "zlib", "base64", "rot13"])
def test_an_unknown_or_non_text_encoding_is_refused(label: str) -> None:
    with pytest.raises(EncodingProblem, match=f"unknown text encoding '{label}'"):
        decode(b"text", label)


def test_random_bytes_are_never_taken_for_text() -> None:
    for size in (MIN_GUESS_BYTES, 200, 4000):
        with pytest.raises(EncodingProblem, match=r"binary|nor GB18030 or Big5"):
            decode(b"\x00\x01" + os.urandom(size))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(GWR) - 400), st.integers(20, 300), st.sampled_from(["gb18030", "cp950"]))
def test_real_chinese_of_twenty_characters_or_more_is_never_misread(start: int, length: int, codec: str) -> None:
    """Measured: below 20 characters GB18030 and Big5 cannot be told apart reliably; from 20 on, never wrong."""
    text = GWR[start : start + length]
    if codec == "cp950":
        text = to_traditional(text)
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    try:
        decoded = decode(data)
    except EncodingProblem as problem:
        assert "--encoding" in str(problem)  # refusing is allowed (mostly ASCII or too few bytes), misreading is not
    else:
        assert decoded.text == text


_NOT_NUL = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")


@given(st.binary(max_size=200))
def test_any_bytes_decode_faithfully_or_raise_one_line(data: bytes) -> None:
    try:
        decoded = decode(data)
    except EncodingProblem as problem:
        assert "\n" not in str(problem)
    else:
        body = next((data[len(bom) :] for bom in _BOMS if data.startswith(bom)), data)
        assert body.decode(decoded.encoding).removeprefix("\ufeff") == decoded.text


@given(st.text(_NOT_NUL, max_size=80), st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_any_unicode_text_round_trips_through_a_unicode_encoding(text: str, codec: str) -> None:
    """Python writes a BOM for utf-16 and utf-32; a text without NUL (which only binary files hold) comes back."""
    assume(not text.startswith("\ufeff"))
    assert decode(text.encode(codec)).text == text


_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
