"""Every occurrence of a name found once.

The contract annotates every occurrence, but rules fire only where a name is
marked (a heading, quotes, a governing verb).  A slogan quoted once is the
same slogan unquoted later; a speaker named in a heading is the same person
in the text.  This component collects the names the rules proposed and
matches them again over the whole document with a per-document trie,
leftmost-longest, run only where the text holds the first characters of a
name (:func:`kg.recognize.longest.longest_matches`), and never where the
name would cut a word of the text (a person 王勇 is not in 王勇敢).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from hanlp_trie import TrieDict

from kg.recognize.component import declare, propagates
from kg.recognize.doc import NAME_TYPES, Doc
from kg.recognize.longest import longest_matches
from kg.text.words import default_boundaries

_MIN_LENGTH = {"PERSON": 2, "SLOGAN": 2}


@declare("propagated", NAME_TYPES, rank=40)
class NamePropagator:
    """Pipeline component: propose each rule-found name wherever else it occurs."""

    def __call__(self, doc: Doc) -> Doc:
        names: dict[str, str] = {}
        for span in doc.candidates:
            key = doc.simplified[span.start : span.end]
            if propagates(span.source) and len(key) >= _MIN_LENGTH.get(span.label, 3):
                names.setdefault(key, span.label)
        if not names:
            return doc
        text = doc.simplified
        words = default_boundaries()

        def whole_words(start: int, end: int) -> bool:
            return not words.cuts(text, start, end)

        starts = _occurrences(text, names)
        for start, end, label in longest_matches(TrieDict(names), names, text, starts, whole_words):
            doc.candidates.append(doc.span(start, end, label, self.declaration.name))
        return doc


def _occurrences(text: str, names: Collection[str]) -> list[int]:
    """Every offset where one of ``names`` may begin, ascending: where the text holds a name's first three
    characters (or all of a shorter name).

    That is a superset of where one does begin, which is what
    :func:`~kg.recognize.longest.longest_matches` asks for, found in one pass
    over the text whatever the number of names: a ``str.find`` per name
    took time in names × text, and a long document has both many names and
    much text (a 4 million character report spent 8 s here).
    """
    prefixes = [{name[:3] for name in names if len(name[:3]) == size} for size in (1, 2, 3)]
    ones, twos, threes = prefixes
    firsts = re.compile("[" + re.escape("".join(sorted({name[0] for name in names if name}))) + "]")
    return [
        at
        for match in firsts.finditer(text)
        if text[(at := match.start()) : at + 3] in threes or text[at : at + 2] in twos or text[at] in ones
    ]
