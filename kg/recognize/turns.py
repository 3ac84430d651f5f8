"""Transcript structure: speaker headings and the turns they open.

Press-conference transcripts (the SCIO, ministries, the NPC press centre,
the Foreign Ministry, provincial departments) mark every turn with a
heading.  What varies is how it is printed:

* on a line of its own, ending with a colon, the speech on the next lines
  (``工業和信息化部新聞發言人、運行監測協調局局長 黃利斌:``);
* at the start of a line, the speech right after the colon
  (``汪文斌：女士们…``, ``国家发展改革委党组成员 副主任 赵辰昕：…``);
* in brackets, with or without a colon (``[海关总署综合统计司副司长 张三]…``,
  ``【何亚东】：…``), after a bullet (``▲新华社记者：``) or a time stamp;
* in running text, when a page prints the whole transcript as one line:
  the same headings then follow the end of a sentence (``…谢谢。 何咏前：…``);
* without a colon, each part alone on its line (``主持人`` / roles / name,
  ``OUTLET记者``), as china.com.cn prints them, taken only from a document
  that has both a reporter's and a person's heading of that kind.

What a heading holds (read on the Simplified view, so both scripts share
the patterns):

* ``ROLES NAME`` — an organization and titles, then the name, after a space
  or after the last title; the roles become the turn's ``roles`` and the
  leading organization its ``org``;
* ``NAME`` alone — a speaker introduced elsewhere.  Such a heading is
  trusted only when the document vouches for the name: a full heading of
  it, a title next to it in the text (请…司长张三介绍, 图为…张三), or two
  headings of it with a surname.  Its roles and organization are the full
  heading's or, failing that, the introduction's or a caption's;
* ``OUTLET记者`` (or ``记者``) — a reporter, whose turn has no person and the
  outlet as organization;
* ``主持人``, ``主持人 NAME``, ``主持人（ROLES NAME）`` — the host;
* ``ROLE`` alone (财政司司长：, as Hong Kong's transcripts print it) — in a
  transcript, the turn of the one person the text names in that role
  (以下是财政司司长曾俊华…), or of the role as written if none;
* ``问`` / ``答`` — a question-and-answer transcript.  Its turns are kept
  only when the lead names the one who answers (外交部发言人洪磊主持例行记者会):
  an ``答`` turn is then that person's, a ``问`` turn a reporter's (speaker
  问 as written, no outlet).  When no single answerer is named (有关负责人答
  记者问), the document is an interview write-up, not a transcript, and gets
  no turns, unless speakers answer under their own names (问：… 赵立坚：…):
  the questions are then reporters' turns.

A colon that ends a sentence (他指出：), an address to the audience (各位记者朋友：),
a list label, a clock time (15:00) or a web address is none of these.

A transcript may follow a news lead (…实录如下：, 以下为发布会全文实录); the
lead has no turns.  A turn runs from the end of its heading to the next
heading (time stamps of a live transcript left out), and the last one stops
at the page footer (【我要纠错】, 责任编辑, 扫一扫…).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg import regexes
from kg.link.thesaurus import Thesaurus
from kg.recognize.component import declare
from kg.recognize.doc import Doc, Turn
from kg.recognize.heads import words
from kg.recognize.persons import NAME, NOT_NAMES, TITLES, is_name, looks_like_name, names_by_titles, trie_pattern
from kg.recognize.surnames import has_surname
from kg.text.script import to_traditional

_SPACE = "[ \t\u3000]"
#: What a heading's label may not contain: sentence punctuation, quotes, brackets, colons; nor start with a
#: parenthesis (a credit before it, …（刘健 摄） 新华社记者：, is not part of it).
_LABEL = r"[^\s。，,！？!?；;:：“”\"「」『』\[\]【】［］(（][^\n。，,！？!?；;:：“”\"「」『』\[\]【】［］]{0,47}?"
_HEAD = (
    rf"(?P<head>(?:[▲■●◆★►•\-—]+{_SPACE}*)?"  # a bullet
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}{_SPACE}+\d{{1,2}}:\d{{2}}(?::\d{{2}})?{_SPACE}*-?{_SPACE}*)?"  # a time stamp
    rf"(?:[\[【［]{_SPACE}*(?P<bracketed>{_LABEL}){_SPACE}*[\]】］]{_SPACE}*[:：]?"
    rf"|(?P<plain>{_LABEL}){_SPACE}*[:：]))"
)
_AT_LINE_START = regexes.compile(rf"^{_SPACE}*{_HEAD}", re.MULTILINE)
#: In running text a heading follows the end of a sentence or a colon (…实录如下： 何咏前：…).
_IN_TEXT = regexes.compile(rf"(?<=[。！？!?…”」』）):：]){_SPACE}*{_HEAD}")
#: What a heading ends with: a colon, or the closing bracket of a bracketed one.
_ANCHOR = regexes.compile(r"[:：\]】］]")
#: Where a transcript printed after a news lead begins.
_TRANSCRIPT_START = regexes.compile(
    r"(?=[文全图现实以发])"
    r"(?:(?:文字|全文|图文|现场)?实录(?:全文)?如下|以下为[^。\n]{0,30}?实录|(?:文字|全文)如下|发布会(?:文字|全文)?实录)"
)
#: The time stamps a live transcript prints after what is said: on a line of their own before the next heading
#: (2024-03-08 10:49:41), or in brackets at the end of a paragraph (…请提问。[10:32]).
_TRAILING_STAMP = regexes.compile(
    r"(?:\n[ \t\u3000]*\d{4}-\d{1,2}-\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t\u3000]*"
    r"|[\[［]\d{1,2}:\d{2}(?::\d{2})?[\]］]\s*)+\s*$"
)
#: Page furniture that ends the last turn of a web transcript.
_FOOTER = regexes.compile(r"【我要纠错】|责任编辑[:：]|扫一扫在手机打开|【打印本页】|【关闭窗口】")
_REPORTER = regexes.compile(
    rf"(?P<outlet>[《〈]?[\u4e00-\u9fffA-Za-z0-9·&]{{0,24}}?[》〉]?){_SPACE}*记者(?:{_SPACE}+(?:{NAME}))?"
)
#: Words an outlet never starts with: 各位记者, 有记者, 他对记者 are not reporters' headings.
_NOT_OUTLET = regexes.compile(r"各位|诸位|全体|有|据|对|向|他|她|我|你|请|跟|给|同|和|与|这|那|一位|女|男")
_HOST = regexes.compile(r"主持人(?:\s+\S.*|[（(](?P<inner>[^()（）]+)[)）])", re.DOTALL)
#: A line that may be part of a heading printed without a colon.
_NOT_IN_LINE = '。，,！？!?；;:：“”"「」『』\\[\\]【】（）()'
_REPORTER_LINE = regexes.compile(rf"记者{_SPACE}*(?:\n|$)")
_BARE_LINE = regexes.compile(rf"^{_SPACE}*([^\s{_NOT_IN_LINE}][^\n{_NOT_IN_LINE}]{{0,39}}?){_SPACE}*$", re.MULTILINE)
_QUESTION = frozenset({"问", "记者问", "提问"})
_ANSWER = "答"
#: Words that end a role: the titles before names and the posts of people who speak at press conferences.
_ROLE_ENDS = words(" ".join(TITLES) + " 代表 成员 负责人 负责同志 专家 医师 医生 经理 馆长 校长 站长 队长 律师 教师")
#: Words after which the roles of an introduced person begin (请…, 图为…, 出席今天发布会的有…, 5月14日…).
_INTRODUCING = regexes.compile(
    r".*(?:邀请|有请|请|图为|由|还有|作为|出席|的|了|是|[0-9０-９]+[日时]|[上下]午|今天|当天)"
)
#: Where the stretch of text introducing a person starts, at the latest.
_CLAUSE_STOPS = "，,。；;：:（(“\n"
#: A clause that ends with a person introduced by their roles: …运行监测协调局局长黄利斌.
_ROLES_THEN_NAME = regexes.compile(rf"(?:{trie_pattern(_ROLE_ENDS)})(?P<name>{NAME})$")


@dataclass(slots=True)
class _Heading:
    start: int  # where the heading begins (its bullet or bracket): the previous turn ends here
    end: int  # where the speech begins: after the colon or the closing bracket
    label: str  # the heading text without brackets and colon, in the original script
    simplified: str
    set_off: bool  # bracketed, or alone on its line: the layout, not only a colon, marks it as a heading


@dataclass(slots=True)
class _Speaker:
    """What a heading says of its speaker."""

    kind: str  # "person", "name" (a name alone), "role" (a post alone), "host", "reporter", "question", "answer"
    name: str = ""  # original script
    key: str = ""  # the name in Simplified
    roles_text: str = ""  # original script


@declare("turns", ("turns",))
class TurnSegmenter:
    """Pipeline component: fill ``doc.turns`` from speaker headings."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus

    def __call__(self, doc: Doc) -> Doc:
        parsed = [(heading, speaker) for heading in _headings(doc) if (speaker := _speaker(heading))]
        parsed = _after_lead(doc, parsed)
        vouched = _vouched(doc, parsed)
        transcript = any(s.kind in ("person", "reporter", "question") for _, s in parsed)
        parsed = [
            (h, s) for h, s in parsed if (s.kind != "name" or s.key in vouched) and (s.kind != "role" or transcript)
        ]
        answerer = _answerer(doc, parsed)
        named = any(s.kind in ("person", "name") for _, s in parsed)
        parsed = [(h, s) for h, s in parsed if _kept(s, answerer, named)]
        known: dict[str, Turn] = {}
        for index, (heading, speaker) in enumerate(parsed):
            limit = parsed[index + 1][0].start if index + 1 < len(parsed) else _footer(doc, heading.end)
            said = _trim(doc.text, heading.end, limit)
            if said[0] == said[1]:
                continue
            turn = self._turn(doc, heading, said, answerer if speaker.kind == "answer" and answerer else speaker, known)
            if turn.roles and not turn.reporter:
                known[turn.speaker] = turn
            doc.turns.append(turn)
        return doc

    def _turn(
        self, doc: Doc, heading: _Heading, said: tuple[int, int], speaker: _Speaker, known: dict[str, Turn]
    ) -> Turn:
        """The turn of ``speaker`` (for an 答 heading, the answerer) saying ``doc.text[said[0]:said[1]]``."""
        base = {"start": said[0], "end": said[1], "heading_start": heading.start, "heading_end": heading.end}
        label = heading.label.strip()
        if speaker.kind in ("reporter", "question"):
            return Turn(speaker=label, roles=[_reporter_role(heading)], reporter=True, **base)
        if speaker.roles_text:
            roles, org = self._roles(speaker.roles_text)
            holder = speaker.name or _holder(doc, heading.simplified.strip()) or label
            return Turn(speaker=holder, roles=roles, org=org, **base)
        if speaker.kind == "host":
            return Turn(speaker=label, roles=[label], **base)
        if speaker.name in known:
            previous = known[speaker.name]
            return Turn(speaker=speaker.name, roles=list(previous.roles), org=previous.org, **base)
        roles, org = self._introduced(doc, speaker.key)
        return Turn(speaker=speaker.name, roles=roles, org=org, **base)

    def _roles(self, roles_text: str) -> tuple[list[str], str | None]:
        """Split ``ORG ROLE、ROLE`` into roles, taking the leading organization out of the first."""
        roles = [r for r in re.split(r"[、,，\s]+", roles_text) if r]
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

    def _introduced(self, doc: Doc, key: str) -> tuple[list[str], str | None]:
        """Roles and organization of ``name`` from the text that introduces it: ``请…司长张三介绍``, ``图为…张三``.

        Of all the places the name follows its roles, the one that gives the
        most roles wins (the announcement usually; a caption otherwise).
        Someone listed after a colleague of the same organization
        (请工信部新闻发言人、运行监测协调局局长黄利斌，新闻发言人、信息通信管理局局长赵志国)
        takes that organization.
        """
        best: tuple[list[str], str | None] = ([], None)
        for at in _occurrences(doc.simplified, key):
            start = _roles_start(doc.simplified, at)
            if start is None:
                continue
            roles, org = self._roles(doc.text[start:at])
            if org is None:
                org = self._colleague_org(doc, start)
            if len(roles) > len(best[0]):
                best = (roles, org)
        return best

    def _colleague_org(self, doc: Doc, before: int) -> str | None:
        """The organization of the person introduced just before ``before``, in the same sentence."""
        sentence_start, _ = doc.sentence_of(before)
        clause = doc.simplified[sentence_start:before].rstrip("，,、 ")
        match = _ROLES_THEN_NAME.search(clause)
        if not match:
            return None
        name_start = sentence_start + match.start("name")
        start = _roles_start(doc.simplified, name_start)
        return None if start is None else self._leading_org(doc.text[start:name_start])[0]


def _headings(doc: Doc) -> list[_Heading]:
    """Every place a heading could stand, in order: at a line start, in running text after a sentence, or
    on lines of its own without a colon."""
    text = doc.simplified
    found: dict[int, _Heading] = {heading.start: heading for heading in _bare_headings(doc)}
    matches = list(_AT_LINE_START.finditer(text))
    # A heading in running text ends with a colon or a closing bracket, and these are few: it is looked for
    # only just before them, not after every sentence of a report.
    for anchor in _ANCHOR.finditer(text):
        matches.extend(_IN_TEXT.finditer(text, max(0, anchor.start() - 64), anchor.end()))
    for match in matches:
        bracketed = match.group("bracketed") is not None
        start, end = match.span("bracketed" if bracketed else "plain")
        at = match.start("head")
        if at in found and found[at].end >= match.end():
            continue
        line_end = text.find("\n", match.end())
        alone = not text[match.end() : line_end if line_end >= 0 else len(text)].strip()
        found[at] = _Heading(at, match.end(), doc.text[start:end], text[start:end], bracketed or alone)
    return [found[at] for at in sorted(found)]


def _bare_headings(doc: Doc) -> list[_Heading]:
    """Headings printed without a colon, each part alone on its line: ``主持人`` / ``ROLES`` / ``NAME``, or
    ``OUTLET记者`` (as china.com.cn prints SCIO and NHC transcripts).

    Lines of prose can look like that (a section title, a name under a
    photo), so they are taken only from a document that has both kinds, a
    reporter's and a person's with roles: a transcript.
    """
    if not _REPORTER_LINE.search(doc.simplified):  # no reporter, no transcript: spare the rest
        return []
    matches = list(_BARE_LINE.finditer(doc.simplified))
    lines = [(m.start(1), m.end(1), _bare_kind(m.group(1))) for m in matches]
    headings: list[_Heading] = []
    index = 0
    while index < len(lines):
        taken = _bare_heading_length(doc.simplified, lines[index : index + 3])
        if taken:
            start, end = lines[index][0], lines[index + taken - 1][1]
            headings.append(_Heading(start, end, doc.text[start:end], doc.simplified[start:end], set_off=True))
        index += taken or 1
    kinds = {tuple(kind for *_, kind in lines[i : i + 3]) for i in range(len(lines))}
    reporter = any(k[:1] == ("reporter",) for k in kinds)
    person = any(k[:2] == ("roles", "name") for k in kinds)
    return headings if reporter and person else []


#: The shapes of a colon-less heading, line by line, longest first.
_BARE_SHAPES = (("host", "roles", "name"), ("host", "name"), ("roles", "name"), ("reporter",), ("name",))


def _bare_heading_length(text: str, lines: list[tuple[int, int, str | None]]) -> int:
    """How many of ``lines`` (adjacent ones, blank lines between them allowed) make a heading, or 0."""
    adjacent = lines[:1]
    for line in lines[1:]:
        if text[adjacent[-1][1] : line[0]].strip():
            break
        adjacent.append(line)
    kinds = tuple(kind for *_, kind in adjacent)
    return next((len(shape) for shape in _BARE_SHAPES if kinds[: len(shape)] == shape), 0)


def _bare_kind(line: str) -> str | None:
    """What a line of a colon-less heading is: a reporter, 主持人, roles (ending in a title) or a name."""
    reporter = _REPORTER.fullmatch(line)
    if reporter:
        return None if _NOT_OUTLET.match(reporter.group("outlet")) else "reporter"
    if line == "主持人":
        return "host"
    if line.endswith(_ROLE_ENDS):
        return "roles"
    return "name" if is_name(line) else None


def _speaker(heading: _Heading) -> _Speaker | None:
    """What the heading says of its speaker, or ``None`` if it is no speaker's heading."""
    label, original = heading.simplified.strip(), heading.label.strip()
    if label in _QUESTION:
        return _Speaker("question")
    if label == _ANSWER:
        return _Speaker("answer")
    reporter = _REPORTER.fullmatch(label)
    if reporter:
        return None if _NOT_OUTLET.match(reporter.group("outlet")) else _Speaker("reporter")
    if label == "主持人":
        return _Speaker("host")
    host = _HOST.fullmatch(label)
    if host:  # 主持人 曲卫国, 主持人（省生态环境厅宣教处处长杨正国）, 主持人 / ROLES / NAME
        inner = _person(original[4:-1], host.group("inner"), heading.set_off) if host.group("inner") else None
        if not host.group("inner"):
            inner = _person(original[3:].strip(), label[3:].strip(), set_off=True)
        if inner is None:
            return None
        return _Speaker("person", inner.name, inner.key, "、".join(filter(None, (inner.roles_text, original[:3]))))
    return _person(original, label, heading.set_off)


def _person(original: str, label: str, set_off: bool) -> _Speaker | None:
    """A heading that ends with a name: roles then the name, or the name alone.

    Roles run into a name without a space (新闻发言人毛宁：) also in a sentence
    (毛主席说过：), so a heading only a colon marks must then hold a name
    that running text would take for one too.
    """
    roles_end = _split(label)
    key = label[roles_end:].strip()
    if not key and label.endswith(_ROLE_ENDS) and len(label) <= 20 and label[:2] not in NOT_NAMES:
        return _Speaker("role", roles_text=original)  # 财政司司长：, 部长：
    if not is_name(key):
        return None
    name = original[len(original) - len(key) :]
    if roles_end == 0:
        return _Speaker("name", name, key)
    roles = label[:roles_end]
    spaced = roles != roles.rstrip()
    if not roles.strip().endswith(_ROLE_ENDS) or not (set_off or spaced or looks_like_name(key)):
        return None
    return _Speaker("person", name, key, original[:roles_end].strip())


def _split(label: str) -> int:
    """Where a heading's name begins: after the last space, or after the last title."""
    space = max(label.rfind(" "), label.rfind("\t"), label.rfind("\u3000"), label.rfind("\n"))
    if space >= 0:
        return space + 1
    return max((label.rfind(title) + len(title) for title in _ROLE_ENDS if title in label), default=0)


def _reporter_role(heading: _Heading) -> str:
    """记者 in the heading's own script (a question, 问 or 問, is a reporter's too)."""
    at = heading.simplified.rfind("记者")
    if at >= 0:
        return heading.label[at : at + 2]
    return "记者" if heading.label == heading.simplified else to_traditional("记者")


def _after_lead(doc: Doc, parsed: list[tuple[_Heading, _Speaker]]) -> list[tuple[_Heading, _Speaker]]:
    """The headings after the news lead, when the document says where its transcript begins."""
    marker = _TRANSCRIPT_START.search(doc.simplified) if "实录" in doc.simplified or "如下" in doc.simplified else None
    if marker is None:
        return parsed
    after = [(h, s) for h, s in parsed if h.start >= marker.end()]
    return after or parsed


def _vouched(doc: Doc, parsed: list[tuple[_Heading, _Speaker]]) -> set[str]:
    """The names (Simplified) the document vouches for, so that a heading of the name alone is trusted.

    A full heading of the name, a title next to it anywhere in the text
    (发言人汪文斌主持…, 毛盛勇司长, 请赵辰昕先生), or, in a document with other
    speakers' headings (a reporter, the host), two headings of it or one set
    off on its line or in brackets, if it starts with a surname: a list's
    labels (原煤：…, 水泥：…) are not speakers.
    """
    alone = Counter(s.key for _, s in parsed if s.kind == "name")
    set_off = {s.key for h, s in parsed if s.kind == "name" and h.set_off}
    vouched = {s.key for _, s in parsed if s.kind == "person"} & set(alone)
    transcript = any(s.kind in ("person", "host", "reporter", "question") for _, s in parsed)
    for key, count in alone.items():
        repeated = transcript and has_surname(key) and (count >= 2 or key in set_off)
        if key not in vouched and (repeated or _titled(doc.simplified, key)):
            vouched.add(key)
    return vouched


def _titled(text: str, key: str) -> bool:
    """``key`` stands next to a title in ``text``: after one (司长张三), or before one (张三司长, 张三先生)."""
    for at in _occurrences(text, key):
        if text[max(0, at - 8) : at].endswith(_ROLE_ENDS):
            return True
        if text[at + len(key) : at + len(key) + 8].startswith((*_ROLE_ENDS, "先生", "女士")):
            return True
    return False


def _answerer(doc: Doc, parsed: list[tuple[_Heading, _Speaker]]) -> _Speaker | None:
    """The one person a question-and-answer transcript's lead names (外交部发言人洪磊主持例行记者会), if any."""
    if not any(s.kind in ("question", "answer") for _, s in parsed):
        return None
    lead_end = parsed[0][0].start
    names = {
        doc.simplified[start:end]: doc.text[start:end] for start, end in names_by_titles(doc.simplified, 0, lead_end)
    }
    if len(names) != 1:
        return None
    ((key, name),) = names.items()
    return _Speaker("name", name, key)


def _holder(doc: Doc, role: str) -> str | None:
    """The one person the text names right after ``role`` (Simplified): 以下是财政司司长曾俊华… for 财政司司长：."""
    names = set()
    for at in _occurrences(doc.simplified, role):
        for start, end in names_by_titles(doc.simplified, at, min(len(doc.text), at + len(role) + 5)):
            if start == at + len(role):
                names.add(doc.text[start:end])
    return names.pop() if len(names) == 1 else None


def _occurrences(text: str, key: str) -> list[int]:
    found, at = [], text.find(key)
    while at >= 0:
        found.append(at)
        at = text.find(key, at + 1)
    return found


def _roles_start(text: str, name_start: int) -> int | None:
    """Where the roles right before a name begin (``图为国家统计局…司长、新闻发言人|毛盛勇``), or ``None``.

    The stretch runs back to the clause's start; of its 、-separated parts,
    only a trailing run that ends in titles is roles, and a word that
    introduces a person (请, 图为, 的 …) is cut from the first.
    """
    floor = max(0, name_start - 80)
    start = max((text.rfind(stop, floor, name_start) + 1 for stop in _CLAUSE_STOPS), default=floor)
    start = max(start, floor)
    roles_start = None
    at = name_start
    for part in reversed(text[start:name_start].split("、")):
        if not part.endswith(_ROLE_ENDS):
            break
        at -= len(part)
        roles_start = at
        at -= 1  # the 、
    if roles_start is None:
        return None
    introducing = _INTRODUCING.match(text, roles_start, name_start)
    if introducing:
        roles_start = introducing.end()
    return roles_start if text[roles_start:name_start].endswith(_ROLE_ENDS) else None


def _footer(doc: Doc, after: int) -> int:
    match = _FOOTER.search(doc.simplified, after)
    return match.start() if match else len(doc.text)


def _kept(speaker: _Speaker, answerer: _Speaker | None, named: bool) -> bool:
    """问 is a reporter's turn where someone answers: the named answerer, or speakers under their own names."""
    if speaker.kind == "answer":
        return answerer is not None
    if speaker.kind == "question":
        return answerer is not None or named
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without the white space and the time stamps of a live transcript around it."""
    while start < end and text[start].isspace():
        start += 1
    stamp = _TRAILING_STAMP.search(text, max(start, end - 40), end)
    if stamp:
        end = stamp.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@declare("outlet", ("ORG",), rank=20, propagates=True)
class ReporterOutlets:
    """Pipeline component: the outlet a reporter's heading names is an organization.

    Reporters come from outlets all over the world, most of them in no
    thesaurus (红星新闻记者, CNN记者), but the heading says what stands before
    记者 is the outlet: an ORG, without 记者 (``docs/annotation.md``).  It is
    proposed only where no other component proposed anything (香港中评社记者
    keeps the thesaurus's 中评社), and a title in 《》 there is a newspaper,
    not a document (《北京日报》记者).
    """

    def __call__(self, doc: Doc) -> Doc:
        for turn in doc.turns:
            span = _outlet(doc, turn) if turn.reporter else None
            if span is None:
                continue
            start, end = span
            inside = [c for c in doc.candidates if c.start < end and start < c.end]
            for candidate in inside:
                if candidate.label == "POLICY" and (candidate.start, candidate.end) == span:  # 《北京日报》
                    candidate.label = "ORG"
            if not inside:
                doc.candidates.append(doc.span(start, end, "ORG", self.declaration.name))
        return doc


def _outlet(doc: Doc, turn: Turn) -> tuple[int, int] | None:
    """The span of the outlet in a reporter's heading, title marks left out, or ``None`` (记者, 问)."""
    at = doc.text.find(turn.speaker, turn.heading_start, turn.heading_end)
    cut = doc.simplified.rfind("记者", at, at + len(turn.speaker)) if at >= 0 else -1
    if cut <= at:
        return None
    start, end = at, cut
    while start < end and (doc.text[start].isspace() or doc.text[start] in "《〈"):
        start += 1
    while end > start and (doc.text[end - 1].isspace() or doc.text[end - 1] in "》〉"):
        end -= 1
    return (start, end) if start < end else None
