"""Sentence boundaries for Chinese official prose.

A sentence ends at 。！？!? (closing quotes and brackets after the mark stay
with it) or at a line break, which in press releases separates headings,
captions and paragraphs.  Figures take their indicator and period from the
sentence, so a boundary is better too early than too late.
"""

from __future__ import annotations

from kg import regexes

_SENTENCE = regexes.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the non-blank sentences of ``text``."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
