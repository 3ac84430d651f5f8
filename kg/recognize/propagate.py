"""Every occurrence of a name found once.

The contract annotates every occurrence, but rules fire only where a name is
marked (a heading, quotes, a governing verb).  A slogan quoted once is the
same slogan unquoted later; a speaker named in a heading is the same person
in the text.  This component collects the names the rules proposed and
matches them again over the whole document with a per-document trie,
leftmost-longest, run only where a name may begin
(:func:`kg.recognize.longest.longest_matches`), and never where the
name would cut a word of the text (a person 王勇 is not in 王勇敢).
"""

from __future__ import annotations

from collections.abc import Collection

from hanlp_trie import TrieDict

from kg.recognize.component import declare, propagates
from kg.recognize.doc import NAME_TYPES, Doc
from kg.recognize.longest import Openings, longest_matches
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


#: Up to this many names a ``str.find`` per name is the cheaper way to their starts; beyond it, one scan.
_FEW_NAMES = 128


def _occurrences(text: str, names: Collection[str]) -> list[int]:
    """Ascending offsets that include every one where one of ``names`` begins, for
    :func:`~kg.recognize.longest.longest_matches`.

    A document names a few dozen things: a ``str.find`` per name gives exactly
    their starts, fastest.  A long document names thousands, and that is time
    in names × text (a million characters took a second, four took eight), so
    past :data:`_FEW_NAMES` the text is scanned once instead
    (:class:`~kg.recognize.longest.Openings`).
    """
    return _name_starts(text, names) if len(names) <= _FEW_NAMES else Openings(names)(text)


def _name_starts(text: str, names: Collection[str]) -> list[int]:
    """Every offset where one of ``names`` begins, overlapping ones included."""
    starts = set()
    for name in names:
        at = text.find(name)
        while at >= 0:
            starts.add(at)
            at = text.find(name, at + 1)
    return sorted(starts)
