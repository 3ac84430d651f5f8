"""Bare document nouns that refer back to a titled document.

After 《中华人民共和国……第十四个五年规划和2035年远景目标纲要》, a sentence may say
贯彻落实纲要部署: 纲要 there is the outline, a POLICY mention linked to the title.
A bare head noun is taken as such a reference only when a title with that
head came earlier and a verb of implementation governs the noun, so generic
uses (各项规划, 有关意见) stay out.
"""

from __future__ import annotations

from kg import regexes
from kg.recognize.component import declare
from kg.recognize.doc import Doc

#: Heads of document titles that are used alone to refer back.
_HEADS = ("纲要", "指南", "条例", "办法", "意见", "决定", "规定", "通知", "方案")
_GOVERNING = "贯彻落实|贯彻|落实|根据|按照|依据|依照|遵照|执行|实施"
_ANAPHOR = regexes.compile(rf"(?:{_GOVERNING})({'|'.join(_HEADS)})(?=部署|要求|精神|规定|提出|中|的|[，,。、；;\s]|$)")


@declare("anaphor", ("POLICY",), rank=41)
class DocumentAnaphora:
    """Pipeline component: a POLICY for a bare head noun governed by a verb of implementation."""

    def __call__(self, doc: Doc) -> Doc:
        titles = [s for s in doc.candidates if s.label == "POLICY"]
        for match in _ANAPHOR.finditer(doc.simplified):
            start, end = match.span(1)
            head = match.group(1)
            if any(t.end <= start and doc.simplified[t.start : t.end].rstrip("”」").endswith(head) for t in titles):
                doc.candidates.append(doc.span(start, end, "POLICY", self.declaration.name))
        return doc
