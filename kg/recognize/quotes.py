"""Quoted formulas: slogans in “…” or 「…」, and scare quotes told apart from them.

Policy discourse quotes its formulas (“六稳”, “放管服”, “两个强国”), but writers
also quote ordinary words for emphasis (“面对面”, “操作系统”).  A quoted
phrase is taken as a SLOGAN when the thesaurus knows it as one or when it
has the shape of a formula: a numbered one (“三稳”, “两个强国”, “十四五”,
“321”) or a parallel one (“双轮驱动、协同发展”, a directive of two clauses).
Anything else in quotes is left alone.
"""

from __future__ import annotations

from kg import regexes
from kg.link.thesaurus import Thesaurus
from kg.recognize.component import declare
from kg.recognize.doc import Doc
from kg.text.script import to_simplified

_QUOTED = regexes.compile(r"[“「『]([^“”「」『』\n。！？]{1,40})[”」』]")
#: A numbered formula: a numeral (not 一, a common word prefix) heading a short coinage.
_NUMBERED = regexes.compile(r"^(?:[二两三四五六七八九十百千]+[个大项条种]?[\u4e00-\u9fff]{1,6}|[0-9]{2,5})$")
#: A parallel formula: two to eight clauses of two or more characters joined by 、or a comma.
_PARALLEL = regexes.compile(r"^[\u4e00-\u9fff]{2,16}(?:[、，,][\u4e00-\u9fff]{2,16}){1,7}$")


def is_formula(phrase: str) -> bool:
    """Whether a quoted phrase (either script) has the shape of a policy formula rather than a scare-quoted word."""
    phrase = to_simplified(phrase)
    return bool(_NUMBERED.match(phrase) or _PARALLEL.match(phrase))


@declare("quote", ("SLOGAN",), rank=12, propagates=True)
class QuoteRecognizer:
    """Pipeline component: a SLOGAN for each quoted formula."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus

    def __call__(self, doc: Doc) -> Doc:
        for match in _QUOTED.finditer(doc.simplified):
            phrase = match.group(1)
            known = self.thesaurus.lookup(phrase)
            if any(c.category == "SLOGAN" for c in known) or (not known and is_formula(phrase)):
                start, end = match.span(1)
                doc.candidates.append(doc.span(start, end, "SLOGAN", self.declaration.name))
        return doc
