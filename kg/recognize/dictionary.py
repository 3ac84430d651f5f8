"""The thesaurus matcher: every Chinese label of every concept, matched longest-first.

The labels are compiled into a ``hanlp_trie.TrieDict`` keyed by their
Simplified forms and run over the document's Simplified view, so one entry
matches 工业和信息化部, 工業和信息化部 and any mix of the two scripts, and the
match offsets are offsets into the original text.

A match must not cut a word of the text (稳增长 is no slogan inside 平稳增长;
:mod:`kg.text.words`): where the longest label at a position does,
the next longest is tried.

A label that keeps quotation marks inside it (“两学一做”学习教育, 钢铁去产能“回头看”检查)
is also found with them, in either quoting style.

Labels made of numerals only (十四五, 六五, “十五”) are left to the quote
recognizer: unquoted, 十五 is fifteen and 七五 a discount.

Every label has two characters or more, so the trie is run only where the
text holds a two-character label or the first three characters of a longer
one (:func:`kg.recognize.longest.longest_matches`); a regular expression
narrows the search to the places with a possible first and second character,
in C.  That makes the matcher several times faster than walking the trie from
every character, with the same matches.
"""

from __future__ import annotations

from hanlp_trie import TrieDict

from kg import regexes
from kg.link.thesaurus import MENTION_CATEGORIES, Thesaurus
from kg.recognize.component import declare
from kg.recognize.doc import NAME_TYPES, Doc
from kg.recognize.longest import Openings, longest_matches
from kg.text.script import to_simplified
from kg.text.words import WordBoundaries, default_boundaries

_NUMERALS_ONLY = regexes.compile(r"^[零〇一二两三四五六七八九十百千万亿0-9]+$")


def _is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@declare("thesaurus", NAME_TYPES, rank=0)
class DictionaryMatcher:
    """Pipeline component: propose a span for each longest thesaurus label in the text."""

    def __init__(self, thesaurus: Thesaurus, words: WordBoundaries | None = None) -> None:
        self.thesaurus = thesaurus
        self.words = words or default_boundaries()
        entries: dict[str, tuple[str, str]] = {}
        for form, ids in thesaurus.forms().items():
            concepts = [thesaurus[i] for i in ids if thesaurus[i].category in MENTION_CATEGORIES]
            if concepts and len(form) >= 2 and not _NUMERALS_ONLY.match(form):
                entries[form] = (concepts[0].id, concepts[0].category)
        for concept in thesaurus.concepts.values():
            if concept.category in MENTION_CATEGORIES:
                for form in concept.zh_forms():
                    for quoted in _with_inner_quotes(form):
                        entries.setdefault(quoted, (concept.id, concept.category))
        self._entries = entries
        self._trie = TrieDict(entries)
        self._openings = Openings(entries)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.simplified

        def whole_words(start: int, end: int) -> bool:
            return not (_splits_ascii_word(text, start, end) or self.words.cuts(text, start, end))

        for start, end, (concept, category) in longest_matches(
            self._trie, self._entries, text, self._openings(text), whole_words
        ):
            doc.candidates.append(doc.span(start, end, category, self.declaration.name, concept))
        return doc


def _with_inner_quotes(label: str) -> tuple[str, ...]:
    """The keys a label with quotes inside (“两学一做”学习教育) is found by in a text that keeps them, either style."""
    if not any(mark in label for mark in _QUOTES):
        return ()  # most labels, which OpenCC would not give a quote mark: the matcher is built at every start
    key = to_simplified(label).strip("《》 ")
    wholly_quoted = key[:1] in "“「" and key[-1:] in "”」" and not any(mark in key[1:-1] for mark in _QUOTES)
    if wholly_quoted or not any(mark in key for mark in _QUOTES):
        return ()
    return key, key.translate(_CORNER_QUOTES), key.translate(_CURLY_QUOTES)


_QUOTES = "“”「」"
_CORNER_QUOTES = str.maketrans("“”", "「」")
_CURLY_QUOTES = str.maketrans("「」", "“”")


def _splits_ascii_word(text: str, start: int, end: int) -> bool:
    """Whether a match cuts a Latin word or number in two (``PMI`` inside ``PMIS``, ``5G`` inside ``15G``)."""
    left = start > 0 and _is_ascii_word_char(text[start]) and _is_ascii_word_char(text[start - 1])
    right = end < len(text) and _is_ascii_word_char(text[end - 1]) and _is_ascii_word_char(text[end])
    return left or right
