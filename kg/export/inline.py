"""Data a self-contained HTML page carries in a ``<script>`` element, as JSON no string inside can break out of.

The glossary page (:mod:`kg.export.html`) and the network views
(:mod:`kg.export.viz`) both inline their data; this is the one escaping
they share.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kg import regexes
from kg.batches import batched

#: Characters :func:`script_json` writes as ``\\uXXXX``: markup, line separators and bidirectional controls.
_SCRIPT_ESCAPES = {
    ord(char): f"\\u{ord(char):04x}"
    for char in "<>&\u2028\u2029\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
}
_SCRIPT_ESCAPED = regexes.compile("[" + "".join(map(chr, _SCRIPT_ESCAPES)) + "]")


class Streamed:
    """A list in a page's data that is made each time it is read (by ``make``), item by item: what a large
    page holds as it writes, instead of every item at once (the snippets of a glossary's samples, hundreds of
    megabytes of text for a million documents, read back from SQLite).  It equals a list, or another
    :class:`Streamed`, of the same items."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, make: Callable[[], Iterable[Any]], length: int | None = None) -> None:
        self._make, self._length = make, length

    def __iter__(self) -> Iterator[Any]:
        return iter(self._make())

    def __len__(self) -> int:
        """The items ``make`` makes: ``length`` if it was given, else counted as they are made."""
        return self._length if self._length is not None else sum(1 for _ in self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, list | Streamed):
            return NotImplemented
        return list(self) == list(other)

    def __repr__(self) -> str:
        return f"Streamed({list(self)!r})"


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside ``<script>``: no ``</script>`` or ``<!--`` can end the element.

    Line and paragraph separators (U+2028, U+2029) and bidirectional
    controls are escaped too: they are valid in JSON strings, but the first
    end a line in older JavaScript parsers and the others make the page's
    source read in another order than it runs (Trojan Source, CVE-2021-42574).
    """
    return "".join(script_json_chunks(value))


def script_json_chunks(value: Any, batch: int = 100) -> Iterator[str]:
    """:func:`script_json` of ``value`` in pieces, so that a page of any size is written without its data
    ever being one string: a dict's entries, and the items of a list (or a :class:`Streamed`) among them,
    ``batch`` at a time.

    The pieces join to what ``json.dumps`` writes for the whole (compact
    separators, non-ASCII as it is); each piece is made by ``json.dumps``
    itself, whose C encoder the standard library uses only for a whole value.
    A hundred at a time: a glossary's concept carries its samples (up to a
    hundred contexts and figures), and a thousand of them made strings of
    tens of megabytes, held twice while escaped: the peak of a build of
    50,000 short documents.
    """
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        yield _escaped(_dumps(value))  # a key that is not a string is converted by json.dumps alone
        return
    yield "{"
    for position, (key, item) in enumerate(value.items()):
        yield _escaped(f"{',' if position else ''}{_dumps(key)}:")
        if not isinstance(item, list | Streamed):
            yield _escaped(_dumps(item))
            continue
        yield "["
        separator = ""
        for part in batched(item, batch):
            yield _escaped(separator + _dumps(part)[1:-1])  # one call of the encoder a batch, not one an item
            separator = ","
        yield "]"
    yield "}"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _escaped(text: str) -> str:
    # one regular-expression pass finds the few characters to escape; str.translate looked up every character
    return _SCRIPT_ESCAPED.sub(lambda char: _SCRIPT_ESCAPES[ord(char[0])], text)
