"""Names found by their head word, with a sound left boundary.

Chinese institutional and program names are right-headed: 运行监测协调局,
产业基础再造工程.  The head is easy to find; the hard part is where the name
begins, since no spaces separate it from the verb before it (实施产业基础再造工程)
or from the name before it (财政部和教育部).  A :class:`HeadRule` walks left
from the head over name characters and stops at the nearest of

* punctuation, a line break or the start of the text;
* a governing word that takes the name as its object or partner
  (实施, 开展, 会同, 联合 …), or a structural particle (的, 在 …);
* the head of a previous name joined by a conjunction (…工程和产业…).

A name that would start or end inside a word of the text (对|外承包工程,
各|级革命委员会) is no name (:mod:`kg.text.words`).

A candidate is kept only if such a boundary was found within the maximum
length, its content (leading years, ordinals and determiners removed) is
long enough, and it is not one of the ordinary words that end in the head
(干部, 布局, 平台 …).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg import regexes
from kg.recognize.component import Declaration, register
from kg.recognize.doc import Doc
from kg.text.words import default_boundaries

#: Characters a name may contain besides CJK ideographs (3.0版升级协定).
_NAME_CHAR = regexes.compile(r"[\u4e00-\u9fffA-Za-z0-9+·.]")
#: A run of them, matched on the reversed text left of a head: how far a name can reach.  A single
#: dash joins two parts of a name (中国—东盟自贸区); a double one opens a list item.
_NAME_RUN = regexes.compile(rf"(?:{_NAME_CHAR.pattern}|[—－](?![—－]))*")
#: The same, where a name may hold a short quoted part (“两学一做”学习教育); reversed, “…” reads ”…“.
_QUOTED_NAME_RUN = regexes.compile(rf"(?:{_NAME_CHAR.pattern}|[—－](?![—－])|”[^“”\n]{{1,12}}“|」[^「」\n]{{1,12}}「)*")
#: Conjunctions that join two names.
_CONJUNCTIONS = "和及与、"
#: How long each of several names sharing one head may be (蓝天、碧水、净土保卫战).
_SHARED_HEAD_PART = range(2, 5)
#: What may lead a name without being part of it: years, ordinals, determiners.
_LEADING_NOISE = regexes.compile(
    r"(?:好|[0-9]{4}年(?:度)?|第[一二三四五六七八九十0-9]+[批届期次轮个]|首批|新一轮|一批|这些|这项|该项?|各项?|本次|"
    r"我国|我部|国家级)+"
)


@dataclass(frozen=True)
class HeadRule:
    """A component proposing spans of its one declared label that end in one of ``heads``.

    ``declaration`` names the rule and gives its label and rank (it is
    registered when the rule is made); ``heads`` is a regular expression for the head with its context guards
    (``(?<![全内干])部(?![门分署])``: not 全部, 干部, 部门, 部署); ``boundaries`` are the governing words a name
    stops at on its left; ``generic`` are content words too general to make
    a name on their own (重大, 专项 …); ``non_names`` are ordinary words that
    end in a head.  With ``quoted_parts`` a name may hold a quoted part
    (“两学一做”学习教育); with ``shared_heads`` names listed with 、 before
    it share its head and make one name (蓝天、碧水、净土保卫战); with
    ``parents`` a name starts no earlier than the last known name of its type
    inside it, its parent (全国政协外事委员会, not …主席会议确定全国政协外事委员会);
    with ``whole_words`` a governing word that only begins a longer word of
    the text is none (对 in 中共中央对外宣传办公室): names of bodies and
    documents hold such words, while before a program's head a verb phrase
    that holds one (就有把握再经过…计划) is a clause, not a name.
    """

    declaration: Declaration
    heads: re.Pattern[str]
    boundaries: tuple[str, ...]
    generic: frozenset[str]
    non_names: frozenset[str]
    min_content: int = 2
    max_length: int = 24
    quoted_parts: bool = False
    shared_heads: bool = False
    parents: bool = False
    whole_words: bool = False

    def __post_init__(self) -> None:
        register(self.declaration)

    @property
    def label(self) -> str:
        """The one type of name this rule finds."""
        return self.declaration.assigns[0]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.simplified
        known = Known.of(doc)
        parents = _known_spans(doc, self.label) if self.parents else []
        words = default_boundaries()
        for match in self.heads.finditer(text):
            start = self._left_edge(text, match.start(), known)
            if start is None:
                continue
            start = _yield_to_known(known, _strip_noise(text, start, match.start()), match.end())
            if self.parents:
                start = _parent_start(parents, start, match.start())
            if not self._is_name(text[start : match.start()], text[start : match.end()]):
                continue
            if self.shared_heads:
                start = _strip_noise(text, self._shared_head_start(text, start, match.start(), known), match.start())
            if not words.cuts(text, start, match.end()):
                doc.candidates.append(doc.span(start, match.end(), self.label, self.declaration.name))
        return doc

    def _left_edge(self, text: str, head_start: int, known: Known) -> int | None:
        """Where the name ending at ``head_start`` begins, or ``None`` without a sound boundary."""
        floor = max(0, head_start - self.max_length)
        run = _QUOTED_NAME_RUN if self.quoted_parts else _NAME_RUN
        position = head_start - run.match(text[floor:head_start][::-1]).end()
        cut = self._cut(text, position, head_start, known)
        if cut is not None:
            return cut
        return position if position == 0 or not _NAME_CHAR.match(text[position - 1]) else None

    def _cut(self, text: str, start: int, stop: int, known: Known) -> int | None:
        """Where a name in ``text[start:stop]`` must start: after a governing word or an earlier name, if any."""
        cuts = (self._boundary_end(text, start, stop), self._previous_name_end(text, start, stop, known))
        return max((cut for cut in cuts if cut is not None), default=None)

    def _shared_head_start(self, text: str, start: int, head_start: int, known: Known) -> int:
        """The start of the first of several short names listed with 、 before the one at ``start``.

        Each listed part, and the name that carries the head, must be a short
        run of name characters (after a governing word, if one is in it):
        anything longer is a clause or a list of topics, not names sharing
        the head; a part with a head of its own (探月工程、深海工程) is a name
        of its own.
        """
        if head_start - start not in _SHARED_HEAD_PART:
            return start
        while start > 0 and text[start - 1] == "、":
            stop = start - 1
            floor = max(0, stop - self.max_length)
            part = stop - _NAME_RUN.match(text[floor:stop][::-1]).end()
            governed = self._cut(text, part, stop, known)
            part = governed if governed is not None else part
            if stop - part not in _SHARED_HEAD_PART or self.heads.search(text, part, stop):
                break
            start = part
            if governed is not None:
                break
        return start

    def _boundary_end(self, text: str, start: int, stop: int) -> int | None:
        """The end of the rightmost governing word in ``text[start:stop]``.

        Searched in the reversed window, where the rightmost end comes first.
        With :attr:`whole_words`, an occurrence that is only the start of a
        longer word of the text is passed over.
        """
        window = text[start:stop][::-1]
        for match in _reversed_alternation(self.boundaries).finditer(window):
            end = stop - match.start()
            if not self.whole_words or end >= stop or not default_boundaries().inside_word(text, end):
                return end
        return None

    def _previous_name_end(self, text: str, start: int, stop: int, known: Known) -> int | None:
        """Just after an earlier name and its conjunction in ``text[start:stop]``: a name ending in a head
        (…工程和产业…) or one the thesaurus knows (国家科技重大专项和国家重点研发计划)."""
        ends = [match.end() for match in self.heads.finditer(text, start, stop)]
        ends += known.ends_within(start, stop)
        joined = [end + 1 for end in ends if end < stop and text[end] in _CONJUNCTIONS]
        return max(joined, default=None)

    def _is_ordinary_word(self, name: str) -> bool:
        name = name.translate(_MARKS)
        return any(_ends_in_word(name, word) for word in self.non_names)

    def _is_name(self, content: str, name: str) -> bool:
        """Whether ``content`` before the head makes ``name`` a name.

        Content that ends in a conjunction (集中打击和专项斗争, 人大及其常委会) is
        another thing listed before a bare head, not a modifier of it.
        """
        if content.endswith((*_CONJUNCTIONS, "及其")):
            return False
        content = content.translate(_MARKS)
        if len(content) < self.min_content or self._is_ordinary_word(name):
            return False
        remainder = _COUNT.sub("", content)
        for word in _longest_first(self.generic):
            remainder = remainder.replace(word, "")
        return len(remainder) >= self.min_content


_MARKS = str.maketrans("", "", "“”「」、")
#: A count (六个, 十大, 一批) says how many names there are, not which: it is no content of a name.
_COUNT = regexes.compile(r"[一二两三四五六七八九十百千几多数0-9]+[个项大批类种条家]")


@cache
def _reversed_alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for ``words`` written backwards, longest first; compiled once per word list."""
    return re.compile("|".join(re.escape(word[::-1]) for word in sorted(words, key=len, reverse=True)))


@cache
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    """``words`` longest first, so that a long word is removed before a short one inside it; sorted once."""
    return tuple(sorted(words, key=len, reverse=True))


#: The starts of the thesaurus names of a document, by their end.
@dataclass(frozen=True)
class Known:
    """The thesaurus names in a document (the candidates that came linked): their starts by their end, and
    their ends in order, so that those within a stretch are found by bisection (a long document has
    thousands, and each head looks left of itself)."""

    starts: dict[int, list[int]]
    ends: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Known:
        starts: dict[int, list[int]] = {}
        for candidate in doc.candidates:
            if candidate.concept is not None:
                starts.setdefault(candidate.end, []).append(candidate.start)
        return cls(starts, sorted(starts))

    def ends_within(self, start: int, stop: int) -> list[int]:
        """The ends of the names that end strictly between ``start`` and ``stop``."""
        return self.ends[bisect_right(self.ends, start) : bisect_left(self.ends, stop)]


def _yield_to_known(known: Known, start: int, end: int) -> int:
    """Start where a thesaurus name ending at ``end`` starts: what lies left of it is not the name."""
    return max((known_start for known_start in known.starts.get(end, ()) if known_start >= start), default=start)


def _known_spans(doc: Doc, label: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the thesaurus names of type ``label`` in ``doc``, in order."""
    return sorted((c.start, c.end) for c in doc.candidates if c.concept is not None and c.label == label)


def _parent_start(parents: list[tuple[int, int]], start: int, head_start: int) -> int:
    """The start of the last known name lying inside ``[start, head_start)``, else ``start``."""
    window = parents[bisect_left(parents, (start,)) : bisect_left(parents, (head_start,))]
    return max((known_start for known_start, known_end in window if known_end <= head_start), default=start)


def _ends_in_word(name: str, word: str) -> bool:
    """``name`` is ``word`` or a short phrase ending in it (公开通报), not a longer name (人民邮电报)."""
    return name.endswith(word) and len(name) - len(word) <= 2


def _strip_noise(text: str, start: int, stop: int) -> int:
    match = _LEADING_NOISE.match(text, start, stop)
    return match.end() if match else start


def words(spaced: str) -> tuple[str, ...]:
    """A word list written as one space-separated string, longest first."""
    return tuple(sorted(set(spaced.split()), key=len, reverse=True))


def word_set(spaced: Iterable[str] | str) -> frozenset[str]:
    return frozenset(spaced.split() if isinstance(spaced, str) else spaced)
