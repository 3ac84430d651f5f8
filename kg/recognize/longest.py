"""Leftmost-longest matching of a trie, run only where a match can start.

``hanlp_trie.TrieDict.tokenize`` walks the trie from every character of the
text, left to right, takes the longest key found there and resumes after it.
Most characters of a document start no key at all, and that walk in pure
Python is the recognizer's most expensive step.  :func:`longest_matches`
gives exactly the same matches while visiting only the positions a caller
knows a key may start at (found with C-speed string searches): at any other
position ``tokenize`` finds nothing and moves on by one character, so
skipping it changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from hanlp_trie import Trie


def longest_matches(
    trie: Trie,
    keys: Mapping[str, Any],
    text: str,
    starts: Iterable[int],
    accept: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, Any]]:
    """``(start, end, value)`` of ``trie.tokenize(text)``, trying only the ascending positions ``starts``.

    ``keys`` maps every key of ``trie`` to its value (what the trie was built
    from); the trie bounds how far a key can reach from a position and the
    mapping says which of those prefixes are keys.  ``starts`` may hold
    positions that start no key, but must hold every position that does.
    ``accept(start, end)``, if given, may refuse a match (one that cuts a
    word of the text): the next longest key at the same position is tried
    instead, and the text it would have covered stays open to other matches.
    """
    found = []
    resume = 0
    length = len(text)
    for start in starts:
        if start < resume:
            continue
        node = trie.transit(text[start])
        reach = start
        while node is not None:
            reach += 1
            if reach == length:
                break
            node = node.transit(text[reach])
        for end in range(reach, start, -1):
            value = keys.get(text[start:end])
            if value is not None and (accept is None or accept(start, end)):
                found.append((start, end, value))
                resume = end
                break
    return found
