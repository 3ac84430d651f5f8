"""The noise-free view of a reposted text, with a map back to the text as read.

Mirror and portal sites insert things into press releases that no
recognizer should see: pinyin glosses after characters some script marked
as hard to read (工業(yè)和信息化部), stock-ticker widgets after a company or
sector name (工業機器人(19.920, -0.20, -0.99%)), and invisible format
characters (zero-width spaces, soft hyphens, a stray BOM) that split a name
in two.  Sentence-aligned bilingual transcripts put an English line after
each Chinese one; the recognizer reads Chinese, and an English line would
only give it figures without indicators and headings it cannot parse.  The
recognizer runs on :attr:`CleanText.text`, with all of this cut out, so
工業和信息化部 is matched, -0.99% is not a figure, and the English lines
stay in the text as read (and inside the turns around them) unannotated.
A line break inside a word (政府工作报⏎告, left by a page's fixed line width or
a wiki link on a line of its own) is cut too, so the word is read whole; a
line break between two words stays, as it may end a heading.

Annotations must still be offsets into the text as read (``docs/annotation.md``),
so every cut is recorded and :meth:`CleanText.to_raw` maps a span back: its
start goes to the raw position of its first character and its end to just
after its last one.  Noise inside a span stays inside it (the ORG mention
is 工業(yè)和信息化部, all 13 characters, and ``raw[start:end]`` is its text);
noise at its edges stays out.  That keeps every span a real slice of the
raw text and every mention whole, at the price of surface forms that carry
the noise; the concept they link to is the one the clean form names.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg import regexes
from kg.text.script import to_simplified
from kg.text.words import default_boundaries

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: A pinyin syllable with its tone mark (yè, zhòng, lǜ); toneless Latin in brackets is often real text (GDP).
_SYLLABLE = "[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*"
#: Noise by kind, each a pattern for one removable piece of the text as read.  A pattern that needs a Han
#: character before it opens with what it removes and looks back past it (``[(（](?<=[…][(（])``, not
#: ``(?<=[…])[(（]``): the regular expression engine then skips to the characters a match can start with,
#: where a look behind first is tried at every character (28 ms of a million characters, against 8).
NOISE = {
    # a reading in brackets right after a Han character: 業(yè), 重（zhòng）, 中國(zhōng guó)
    "pinyin": regexes.compile(rf"[(（](?<=[{_HAN}][(（]) ?{_SYLLABLE}(?: {_SYLLABLE})* ?[)）]"),
    # a quote widget: (price, change, change%), as finance portals add after a stock or sector name
    "ticker": regexes.compile(
        r"[(（]\s*\d+(?:\.\d+)?\s*[,，]\s*[+-]?\d+(?:\.\d+)?\s*[,，]\s*[+-]?\d+(?:\.\d+)?%\s*[)）]"
    ),
    # invisible format characters: soft hyphen, zero-width and direction marks, word joiners, BOM
    "invisible": regexes.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+"),
    # a line without Han characters holding a Latin word: the English of a bilingual transcript, a URL
    # (the line break stays, so lines and sentences keep their boundaries)
    "latin": regexes.compile(rf"(?m:^[^\n{_HAN}]*[A-Za-z]{{2}}[^\n{_HAN}]*$)"),
    # one line break (and the next line's indent) between two Han characters: cut only inside a word
    "linebreak": regexes.compile(rf"(?:\r(?<=[{_HAN}]\r)\n|\n(?<=[{_HAN}]\n))[ \t\u3000]*(?=[{_HAN}])"),
}


def _inside_word(raw: str, start: int, end: int) -> bool:
    """Whether the line break ``raw[start:end]`` splits a word of the dictionary (either script) in two."""
    left, right = raw[max(0, start - 3) : start], raw[end : end + 3]
    words = default_boundaries()
    if words.joins(left, right):
        return True
    simplified = to_simplified(left + right)  # Traditional text: the dictionary is Simplified
    return simplified != left + right and words.joins(simplified[: len(left)], simplified[len(left) :])


def _cuts(raw: str) -> Iterator[Cut]:
    """The noise of ``raw``, left to right; where two pieces overlap, the first found (then first kind) wins."""
    found = sorted(
        (match.start(), order, match.end(), kind)
        for order, (kind, pattern) in enumerate(NOISE.items())
        for match in pattern.finditer(raw)
    )
    reached = 0
    for start, _, end, kind in found:
        if start >= reached and (kind != "linebreak" or _inside_word(raw, start, end)):
            reached = end
            yield Cut(start, end, kind)


@dataclass(frozen=True)
class Cut:
    """A removed piece: ``raw[start:end]``, of a kind named in :data:`NOISE`."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class CleanText:
    """A text without its ``cuts``; :meth:`to_raw` maps offsets in ``text`` back to the text as read."""

    text: str
    cuts: tuple[Cut, ...] = ()
    # For each cut: its offset in ``text`` and the number of raw characters removed up to and including it.
    _clean_at: list[int] = field(init=False, default_factory=list, repr=False, compare=False)
    _removed: list[int] = field(init=False, default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        removed = 0
        for cut in self.cuts:
            self._clean_at.append(cut.start - removed)
            removed += cut.end - cut.start
            self._removed.append(removed)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw offsets of ``text[start:end]``: from its first character to just after its last.

        An empty span stays empty, at the raw position of ``start``.
        """
        raw_start = start + self._shift(start)
        if end <= start:
            return raw_start, raw_start
        return raw_start, end + self._shift(end - 1)

    def _shift(self, index: int) -> int:
        """How many raw characters were removed before ``text[index]``."""
        n = bisect_right(self._clean_at, index)
        return self._removed[n - 1] if n else 0


def clean(raw: str) -> CleanText:
    """The view of ``raw`` the recognizer reads: every piece of :data:`NOISE` cut out."""
    cuts = tuple(_cuts(raw))
    if not cuts:
        return CleanText(raw)
    kept, previous = [], 0
    for cut in cuts:
        kept.append(raw[previous : cut.start])
        previous = cut.end
    kept.append(raw[previous:])
    return CleanText("".join(kept), cuts)
