"""Transcript structure: speaker headings and the turns they open.

SCIO and ministry transcripts print each turn under a heading line of its
own, ending with a colon:

* ``ORG ROLE、ROLE NAME:`` — a full heading (``工業和信息化部新聞發言人、運行監測協調局局長 黃利斌:``);
* ``NAME:`` — a short heading for a speaker already introduced, who keeps
  the roles and organization of the full heading;
* ``OUTLET記者:`` — a reporter, attributed to the outlet.

A turn runs from the line after its heading to the next heading, and the
last one stops at the page footer (【我要糾錯】, 責任編輯, 掃一掃…).  Headings
are recognised on the Simplified view, so both scripts share the patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.doc import Doc, Turn
from kg.recognizers.persons import looks_like_name
from kg.thesaurus import Thesaurus

#: A heading is a short line of its own ending with a colon, with no sentence punctuation in it.
_HEADING = re.compile(r"^[ \t\u3000]*([^\n。，,！？!?；;:：]{2,60}?)[ \t\u3000]*[:：][ \t\u3000]*$", re.MULTILINE)
#: Page furniture that ends the last turn of a web transcript.
_FOOTER = re.compile(r"【我要纠错】|责任编辑[:：]|扫一扫在手机打开|【打印本页】|【关闭窗口】")
_REPORTER = "记者"
#: Titles and posts that end a role; the name follows the last of them.
_TITLE_ENDS = (
    "发言人", "部长", "副部长", "局长", "副局长", "司长", "副司长", "主任", "副主任", "署长", "副署长",
    "行长", "副行长", "主席", "副主席", "秘书长", "总理", "副总理", "书记", "委员", "会长", "院长",
    "总经理", "董事长", "主持人", "巡视员", "总工程师", "总经济师", "总会计师", "专员", "组长", "处长",
)  # fmt: skip


@dataclass(slots=True)
class _Heading:
    start: int
    end: int  # end of the heading line, colon included
    label: str  # the heading text without the colon, in the original script
    simplified: str


class TurnSegmenter:
    """Pipeline component: fill ``doc.turns`` from speaker headings."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus

    def __call__(self, doc: Doc) -> Doc:
        headings = [h for h in _headings(doc) if _is_speaker_heading(h.simplified)]
        known: dict[str, Turn] = {}
        for index, heading in enumerate(headings):
            limit = headings[index + 1].start if index + 1 < len(headings) else _footer(doc, heading.end)
            start, end = _trim(doc.text, heading.end, limit)
            turn = self._turn(heading, start, end, known)
            if turn.roles and not turn.reporter:
                known[turn.speaker] = turn
            doc.turns.append(turn)
        return doc

    def _turn(self, heading: _Heading, start: int, end: int, known: dict[str, Turn]) -> Turn:
        base = {"heading_start": heading.start, "heading_end": heading.end}
        if heading.simplified.endswith(_REPORTER):
            role = heading.label[-len(_REPORTER) :]
            return Turn(start, end, speaker=heading.label, roles=[role], reporter=True, **base)
        roles_text, name = _split_name(heading.label, heading.simplified)
        if not roles_text and name in known:
            previous = known[name]
            return Turn(start, end, speaker=name, roles=list(previous.roles), org=previous.org, **base)
        roles, org = self._roles(roles_text)
        return Turn(start, end, speaker=name, roles=roles, org=org, **base)

    def _roles(self, roles_text: str) -> tuple[list[str], str | None]:
        """Split ``ORG ROLE、ROLE`` into roles, taking the leading organization out of the first."""
        roles = [r.strip() for r in re.split(r"[、,，]", roles_text) if r.strip()]
        if not roles:
            return [], None
        org, rest = self._leading_org(roles[0])
        if org is not None and rest:
            roles[0] = rest
        return roles, org

    def _leading_org(self, role: str) -> tuple[str | None, str]:
        """The longest formal organization the role starts with, and what follows it."""
        for cut in range(len(role) - 1, 1, -1):
            for concept in self.thesaurus.lookup(role[:cut]):
                if concept.category == "ORG" and not concept.unit:
                    return concept.id, role[cut:]
        return None, role


def _headings(doc: Doc) -> list[_Heading]:
    found = []
    for match in _HEADING.finditer(doc.simplified):
        start, end = match.span(1)
        found.append(_Heading(start, match.end(), doc.text[start:end], match.group(1)))
    return found


def _is_speaker_heading(simplified: str) -> bool:
    """A heading names a speaker: it ends with 记者, or with a name (各位代表: is an address, not a speaker)."""
    if simplified.endswith(_REPORTER):
        return True
    _, name = _split_name(simplified, simplified)
    return looks_like_name(name)


def _split_name(label: str, simplified: str) -> tuple[str, str]:
    """``(roles, name)`` of a heading: the name is after the last space, or after the last title."""
    parts = label.rsplit(None, 1)
    if len(parts) == 2:
        return parts[0], parts[1]
    best = max((simplified.rfind(title) + len(title) for title in _TITLE_ENDS if title in simplified), default=0)
    return label[:best], label[best:]


def _footer(doc: Doc, after: int) -> int:
    match = _FOOTER.search(doc.simplified, after)
    return match.start() if match else len(doc.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
