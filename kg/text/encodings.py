"""Decoding a document's bytes when nobody said which encoding they are in.

Chinese government texts reach users in UTF-8 (with or without a BOM),
UTF-16 (Windows "Unicode" text), GB18030/GBK/GB2312 (mainland files) and
Big5 (Traditional mirrors).  The order of evidence is the one browsers use
(WHATWG Encoding): the user's word (``--encoding``), then a byte-order mark,
then what the file declares about itself (an HTML ``<meta charset>``), then
UTF-8, which random non-UTF-8 bytes almost never pass, and only then a guess
by charset-normalizer limited to the encodings such documents use, so it
never settles on a Korean or Cyrillic reading of Chinese bytes.

A guess needs enough bytes: measured on Government Work Report excerpts,
charset-normalizer tells GB18030 from Big5 for 9 % of 3-character samples,
92 % of 6-character ones and 99 % from 20 characters on.  Shorter
undeclared files are refused with a request for ``--encoding`` rather than
decoded into plausible nonsense.

Names are widened to their supersets, as browsers do: GB2312 and GBK text is
decoded as GB18030, which holds every GBK character (朱镕基's 镕 is not in
GB2312); Big5 is decoded as Windows code page 950 (which keeps ～ and ‧ as
Chinese documents mean them) and, if that fails, as Big5-HKSCS (着, 綫).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import cache

from charset_normalizer import from_bytes

from kg import regexes
from kg.errors import KgError

#: Byte-order marks, the codec of the bytes after them and the name a user knows them by, longest first
#: (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
#: The codecs tried, in order, for each family of encoding names (keys are Python's canonical names).
_FAMILIES = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("cp950", "big5hkscs"),
    "cp950": ("cp950", "big5hkscs"),
    "big5hkscs": ("cp950", "big5hkscs"),
}
#: What charset-normalizer may choose between for Chinese bytes that are not UTF-8.
_CHINESE = ["gb18030", "cp950", "big5hkscs"]
#: Text without a byte-order mark holds NUL bytes only in UTF-16 or UTF-32 (or in a binary file).
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
#: Fewer undeclared bytes than this are too few for a reliable guess (see the module docstring).
MIN_GUESS_BYTES = 40
#: charset-normalizer's limits for a guess: its "chaos" (share of the decoded text that looks like mojibake)
#: must stay under _MAX_CHAOS, and above _CLEAN_CHAOS the text must also read like some language (its
#: "coherence", the use of that language's common characters, above 0).  Measured: with its default limit
#: (0.2) it refused two of the 52 Government Work Reports in GB18030 and took 13 of 3000 Latin-1 texts for
#: Chinese; with these, all 52 reports in GB18030 and in Big5 are read and no Latin-1 text is.
_MAX_CHAOS = 0.3
_CLEAN_CHAOS = 0.1
#: Control characters no text document holds; a decoding that yields one has read a binary file.
_BINARY = regexes.compile("[\x00-\x08\x0e-\x19\x1c-\x1f]")


class EncodingProblem(KgError, ValueError):
    """The bytes cannot be decoded; ``str()`` is a one-line reason a user can act on."""


@dataclass(frozen=True)
class Decoded:
    """A document's text, the codec that produced it (``gb18030``, ``cp950``, ``utf-8`` …) and how many bytes of
    the file come before the decoded ones (a byte-order mark; for a line read alone, the lines before it)."""

    text: str
    encoding: str
    skipped: int = 0


def decode(data: bytes, encoding: str | None = None, declared: str | None = None, *, final: bool = True) -> Decoded:
    """Decode ``data`` as ``encoding`` if given, else by BOM, ``declared`` charset, UTF-8 or a guess.

    A leading byte-order mark never reaches the text.  ``declared`` is what
    the document says of itself; a declaration its bytes contradict is
    ignored, as pages are often re-encoded without updating it.  ``final``
    is false when ``data`` is only the start of a file, whose last character
    may be cut short.  Raises :class:`EncodingProblem`.
    """
    if encoding is not None:
        return decode_as(data, encoding, final=final)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            claim = f"starts with a {name} byte-order mark but is"
            return decode_as(data[len(bom) :], codec, claim, skipped=len(bom), final=final)
    if declared is not None:
        try:
            return decode_as(data, declared, final=final)
        except EncodingProblem:
            pass
    nul = data.find(b"\x00")
    if nul >= 0:
        wide = _guess(data, _WIDE, final)
        if wide is None:
            raise EncodingProblem(f"looks like a binary file (NUL byte at byte offset {nul}), not text")
        return wide
    try:
        return Decoded(_text(data, "utf-8", final), "utf-8")
    except UnicodeDecodeError as error:
        not_utf8 = f"not valid UTF-8 at byte offset {error.start} (byte 0x{data[error.start]:02x}: {error.reason})"
    if len(data) < MIN_GUESS_BYTES:
        raise EncodingProblem(f"{not_utf8}, and too short to tell its encoding: give it with --encoding")
    chinese = _guess(data, _CHINESE, final)
    if chinese is None:
        raise EncodingProblem(f"{not_utf8}, nor GB18030 or Big5: give its encoding with --encoding")
    return chinese


@cache
def codecs_for(encoding: str) -> tuple[str, ...]:
    """The codecs that decode text labelled ``encoding``, its supersets first; raises :class:`EncodingProblem`.

    Found once per name: a file of many documents decodes each line alone.
    """
    try:
        name = codecs.lookup(encoding).name
        b"a".decode(name)  # raises LookupError for codecs that are not text encodings (base64, zlib, rot13 …)
    except LookupError:
        raise EncodingProblem(f"unknown text encoding {encoding!r}") from None
    except UnicodeError:
        pass  # a text encoding in which one byte is not a whole character (UTF-16 …)
    return _FAMILIES.get(name, (name,))


def decode_as(data: bytes, encoding: str, claim: str = "is", skipped: int = 0, *, final: bool = True) -> Decoded:
    """``data`` decoded strictly by the first codec of ``encoding``'s family that accepts it; raises
    :class:`EncodingProblem`.

    ``skipped`` bytes (a byte-order mark, or the lines before a line read
    alone) came before ``data`` in the file: error offsets count them, so
    they are offsets into the file.  ``final`` is as :func:`decode` says.
    """
    first_error: UnicodeError | None = None
    for codec in codecs_for(encoding):
        try:
            text = _text(data, codec, final)
        except UnicodeError as error:
            first_error = first_error or error
            continue
        return Decoded(text if skipped else text.removeprefix("\ufeff"), codec, skipped)
    if isinstance(first_error, UnicodeDecodeError):
        byte = data[first_error.start]
        where = f"at byte offset {first_error.start + skipped} (byte 0x{byte:02x}: {first_error.reason})"
    else:  # a codec such as punycode or idna that does not say where
        where = f"({first_error})"
    raise EncodingProblem(f"{claim} not valid {encoding} {where}")


def _text(data: bytes, codec: str, final: bool) -> str:
    """``data`` decoded strictly; a character cut short at its end is left out unless ``final``."""
    return data.decode(codec) if final else codecs.getincrementaldecoder(codec)().decode(data)


def _guess(data: bytes, candidates: list[str], final: bool = True) -> Decoded | None:
    """charset-normalizer's choice among ``candidates`` if it decodes ``data`` into text, else ``None``."""
    if len(data) < MIN_GUESS_BYTES:
        return None
    best = from_bytes(data, cp_isolation=candidates, threshold=_MAX_CHAOS).best()
    if best is None or (best.chaos >= _CLEAN_CHAOS and best.coherence <= 0):
        return None
    try:
        decoded = decode_as(data, best.encoding, final=final)
    except EncodingProblem:
        return None
    return None if _BINARY.search(decoded.text) else decoded
