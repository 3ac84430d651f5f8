"""Titles in 《…》: laws, regulations, plans, reports, guidelines, standards.

Chinese typography puts the name of every document, law and publication in
double angle brackets, so the bracketed text is a POLICY mention (the marks
excluded) — unless the thesaurus knows it as an organization, as it does
newspapers (《人民日报》).  Short forms that refer back (《指南》) are titles
too; :mod:`kg.link.linker` ties them to the full title.
"""

from __future__ import annotations

from kg import regexes
from kg.link.thesaurus import Thesaurus
from kg.recognize.component import declare
from kg.recognize.doc import Doc

_TITLE = regexes.compile(r"《\s*([^《》\n]{0,99}[^《》\s])\s*》")


@declare("title", ("POLICY", "ORG"), rank=10, propagates=True)
class TitleRecognizer:
    """Pipeline component: a POLICY (or a known ORG) for each 《…》 title."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus

    def __call__(self, doc: Doc) -> Doc:
        for match in _TITLE.finditer(doc.simplified):
            start, end = match.span(1)
            name = match.group(1)
            known = self.thesaurus.lookup(name)
            label = "ORG" if known and known[0].category == "ORG" else "POLICY"
            doc.candidates.append(doc.span(start, end, label, self.declaration.name))
        return doc


#: A five-year plan named without 《》: “十四五”规划, “十四五”大数据产业规划, “十四五”规划和2035年远景目标纲要,
#: “八五”计划 (the plans were 计划 until the eleventh), or by its ordinal: 第一个五年计划, 第十一个五年规划纲要.
_PLAN = regexes.compile(
    r"(?=[“「国第])"  # where a plan's name can begin: other positions fail at once
    r"(?:[“「](?:十[一二三四五六七八九]?|[一二三四五六七八九])五[”」][\u4e00-\u9fff0-9和及与]{0,24}|"
    r"(?:国民经济和社会发展)?第[一二三四五六七八九十]{1,3}个五年)"
    r"(?:规划纲要|规划|纲要|计划)(?!体系|期|经济|体制)"
)
#: Words that make a plan phrase generic (“十四五”及中长期相关规划) rather than a title.
_GENERIC_PLAN = regexes.compile(r"相关|有关|各项|各类|重点|等|这些|一批")


@declare("plan", ("POLICY",), rank=11, propagates=True)
class PlanNameRecognizer:
    """Pipeline component: five-year plans named by their quoted period (a POLICY with the quotes) or ordinal."""

    def __call__(self, doc: Doc) -> Doc:
        for match in _PLAN.finditer(doc.simplified):
            if _GENERIC_PLAN.search(match.group(0)):
                continue
            doc.candidates.append(doc.span(match.start(), match.end(), "POLICY", self.declaration.name))
        return doc
