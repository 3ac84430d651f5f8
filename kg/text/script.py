"""A Simplified-script view of a text whose offsets map 1:1 onto the original.

Rules and the thesaurus are written once, in Simplified forms; Traditional
input is matched through this view.  OpenCC's Traditional→Simplified
conversion keeps the length of almost every text, but not of every one, so
the length is verified and, where a piece changes length, that piece is
converted character by character instead (a single character that would
still change length is kept as it is).  The original text is never replaced:
Traditional→Simplified→Traditional is not the identity (於/于, 製/制).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import opencc

from kg import regexes

_PIECES = regexes.compile(r"[^\n]*\n?")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert ``text`` to Simplified, possibly changing its length."""
    return _converter("t2s").convert(text)


def to_simplified_each(texts: Sequence[str]) -> list[str]:
    """:func:`to_simplified` of each text, in one call to OpenCC: a call costs more than a short text's
    conversion.  The texts go one per line, and no conversion spans a line, so none may hold a line break."""
    if any("\n" in text for text in texts):
        raise ValueError("to_simplified_each converts texts one per line: a text holds a line break")
    return to_simplified("\n".join(texts)).split("\n") if texts else []


def to_traditional(text: str) -> str:
    """Convert ``text`` to (OpenCC standard, mainland-vocabulary) Traditional."""
    return _converter("s2t").convert(text)


def simplified_view(text: str) -> str:
    """The Simplified view of ``text``: same length, same offsets."""
    whole = to_simplified(text)
    if len(whole) == len(text):
        return whole
    out = []
    for piece in _PIECES.findall(text):
        converted = to_simplified(piece)
        out.append(converted if len(converted) == len(piece) else _by_character(piece))
    return "".join(out)


def _by_character(piece: str) -> str:
    chars = []
    for ch in piece:
        converted = to_simplified(ch)
        chars.append(converted if len(converted) == 1 else ch)
    return "".join(chars)
