"""Every occurrence of a name found once.

The contract annotates every occurrence, but rules fire only where a name is
marked (a heading, quotes, a governing verb).  A slogan quoted once is the
same slogan unquoted later; a speaker named in a heading is the same person
in the text.  This component collects the names the rules proposed and
matches them again over the whole document with a per-document trie,
leftmost-longest, run only where ``str.find`` saw one of the (few) names
begin (:func:`kg.recognize.longest.longest_matches`), and never where the
name would cut a word of the text (a person 王勇 is not in 王勇敢).
"""

from __future__ import annotations

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


def _occurrences(text: str, names: dict[str, str]) -> list[int]:
    """Every offset where one of ``names`` begins, overlapping ones included, ascending."""
    starts = set()
    for name in names:
        at = text.find(name)
        while at >= 0:
            starts.add(at)
            at = text.find(name, at + 1)
    return sorted(starts)
