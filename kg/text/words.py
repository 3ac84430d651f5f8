"""Word boundaries: a name never starts or ends inside a word of the text.

稳增长 is a slogan, but not in 平稳增长, where 平稳 is a word; 监察部 is a
ministry, but not in 监察部门.  Chinese has no spaces, so whether an offset
falls between two words is a judgment about the text around it.  The judgment
here is a segmenter's: jieba's dictionary, a word list with frequencies
counted over a large general corpus, scores every segmentation of a few
characters around the offset with a unigram model, as jieba itself does
(``jieba.cut(..., HMM=False)``).

A candidate name's edge stands when the best segmentation that breaks the text
there is at most a *bonus* times less probable than the best segmentation of
all: what being a known or rule-found name is worth against the dictionary.
Names are right-headed, so the two edges differ.  What follows a name often
makes a compound with its head (天然林保护工程|建设, 澎湃新闻|记者, where
工程建设 and 新闻记者 are dictionary words), so the end gets a large bonus
(:data:`END_BONUS`) and only a strongly bound word stops it (监察部|门).  What
precedes a name is another word, a verb or a preposition, so the start gets a
small one (:data:`START_BONUS`): a name does not start inside 平稳, 对外, 由于
or 从事 (平|稳增长, 对|外承包工程, 由|于第一个五年计划).

Only the edges of candidates are checked, and an edge that no dictionary
word crosses is accepted at once, so the check costs little.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from kg import regexes
from kg.compiled import compiled

#: How much less probable a segmentation breaking at a name's start (or end) may be than the best one.
START_BONUS = 20.0
END_BONUS = 1000.0
#: Characters either side of an edge that the segmentation looks at.
WINDOW = 4
#: The longest word considered (longer dictionary entries are rare and never decide an edge).
MAX_WORD = 4
#: Multi-character entries counted fewer times than this are dictionary noise (费约, 设制) and are ignored.
MIN_COUNT = 5

_HAN = regexes.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class WordBoundaries:
    """Decides whether a span cuts a word of its text, from word counts."""

    def __init__(self, log_probabilities: Mapping[str, float], unknown: float) -> None:
        self._log = log_probabilities
        self._unknown = unknown

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> WordBoundaries:
        """Boundaries from word counts; an unseen character counts as seen once."""
        return cls(*log_probabilities(counts))

    def count(self, word: str) -> float:
        """How often ``word`` was counted in the dictionary's corpus (0 for a word it does not list)."""
        log = self._log.get(word)
        return math.exp(log - self._unknown) if log is not None else 0.0

    def inside_word(self, text: str, at: int) -> bool:
        """Whether offset ``at`` falls inside a word of ``text`` (as a name's start would: 对|外, 存|在)."""
        return not self._edge_stands(text, at, 0, len(text), math.log(START_BONUS))

    def cuts(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` starts or ends inside a word of ``text``."""
        return not (
            self._edge_stands(text, start, 0, end, math.log(START_BONUS))
            and self._edge_stands(text, end, start, len(text), math.log(END_BONUS))
        )

    def _edge_stands(self, text: str, at: int, low: int, high: int, bonus: float) -> bool:
        """Whether ``at`` may be a word boundary, looking only inside ``text[low:high]``."""
        if at <= low or at >= high or not (_HAN.match(text[at - 1]) and _HAN.match(text[at])):
            return True
        if not self._crossed(text, at, low, high):
            return True
        left, right = max(low, at - WINDOW), min(high, at + WINDOW)
        broken = self._best(text[left:at]) + self._best(text[at:right])
        return broken + bonus >= self._best(text[left:right])

    def joins(self, left: str, right: str) -> bool:
        """Whether a dictionary word runs from the end of ``left`` into the start of ``right`` (报 + 告)."""
        text = left[-(MAX_WORD - 1) :] + right[: MAX_WORD - 1]
        return self._crossed(text, min(len(left), MAX_WORD - 1), 0, len(text))

    def _crossed(self, text: str, at: int, low: int, high: int) -> bool:
        """Whether some dictionary word runs across ``at``."""
        for before in range(1, MAX_WORD):
            for after in range(1, MAX_WORD - before + 1):
                if at - before >= low and at + after <= high and text[at - before : at + after] in self._log:
                    return True
        return False

    def _best(self, piece: str) -> float:
        """The log-probability of the most probable segmentation of ``piece`` into dictionary words."""
        best = [0.0] + [-math.inf] * len(piece)
        for stop in range(1, len(piece) + 1):
            for length in range(1, min(MAX_WORD, stop) + 1):
                score = self._log.get(piece[stop - length : stop])
                if score is None:
                    if length > 1:
                        continue
                    score = self._unknown
                best[stop] = max(best[stop], best[stop - length] + score)
        return best[-1]


def jieba_dictionary() -> Path:
    """jieba's main dictionary, as shipped in its package (``word count tag`` per line).

    The package is located, not imported: importing jieba loads its HMM tables, which this does not use.
    """
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed: its dictionary decides word boundaries")
    return Path(spec.origin).parent / "dict.txt"


def log_probabilities(counts: Mapping[str, int]) -> tuple[dict[str, float], float]:
    """Each word's log-probability under a unigram model, and that of a character never seen."""
    total = sum(counts.values()) or 1
    return {word: math.log(count / total) for word, count in counts.items() if count > 0}, math.log(1 / total)


def read_counts(path: Path) -> dict[str, int]:
    """Single characters and the words of up to :data:`MAX_WORD` characters with a usable count."""
    counts = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            number = int(count)
            if len(word) == 1 or (len(word) <= MAX_WORD and number >= MIN_COUNT):
                counts[word] = number
    return counts


@cache
def default_boundaries() -> WordBoundaries:
    """Word boundaries from jieba's dictionary, compiled once per version of it."""
    path = jieba_dictionary()
    return WordBoundaries(*compiled("jieba-log-probabilities", [path], lambda: log_probabilities(read_counts(path))))
