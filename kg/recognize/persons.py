"""Person names from the places official texts put them.

Without a statistical model, names are taken where the genre's layout or
grammar marks them, and nowhere else:

* speaker headings of a transcript (their ``turns``);
* photo credits, with or without an outlet and brackets: ``（刘健 摄）``,
  ``中国网 宗超 摄``, ``新华社记者 李明、王芳 摄``, ``（图／记者任以芳摄）``;
* bylines: ``（记者 张三 李四）``, ``电（记者曹嘉玥、许可）`` and a byline line of
  its own (``本报记者 王冬梅``); the editor line ``责任编辑：宋岩``, ``（责编：甲、乙）``;
* a title right before a name (局长黄利斌，总理李克强) or right after one
  (李克强总理, 请毛盛勇司长发布).

A credit, a byline or a heading says by its layout that a name stands
there, so any two to four characters there are a name, whatever the
surname.  A title next to running text says much less: there the name must
start with a surname (:mod:`kg.recognize.surnames`, the whole inventory,
rare ones included), contain none of the characters that make it a word
instead (时任, 国务院, 也是), be closed by punctuation or a word that follows
names (先生, 表示, 介绍 …), and not overlap a name the thesaurus knows as
something else (国务院总理: 国务院 is an organization).  A bare surname with
a title (黄局长) is not a name.

Once found, a name is matched everywhere else in the document by
:mod:`kg.recognize.propagate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg import regexes
from kg.recognize.component import declare
from kg.recognize.doc import Doc
from kg.recognize.heads import word_set, words
from kg.recognize.surnames import COMPOUND_SURNAMES, has_surname
from kg.text.words import default_boundaries

#: Han characters, the extension blocks included: OpenCC writes some rare characters of names there (蟜 → 𫊸).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Titles and posts that stand right before or after a name, or end a speaker's role (Simplified).
TITLES = words(
    "总书记 国家主席 主席 副主席 国务院总理 总理 副总理 国务委员 委员长 副委员长 部长 副部长 "
    "部长助理 局长 副局长 司长 副司长 署长 副署长 主任 副主任 常务副主任 主任委员 副主任委员 "
    "行长 副行长 秘书长 副秘书长 书记 副书记 党组书记 党委书记 党组成员 新闻发言人 发言人 主持人 "
    "董事长 总经理 副总经理 总裁 院长 副院长 会长 副会长 理事长 所长 厅长 副厅长 处长 副处长 "
    "关长 台长 社长 总编辑 省长 副省长 市长 副市长 县长 区长 大使 总领事 参赞 外长 巡视员 "
    "副巡视员 一级巡视员 二级巡视员 督察长 参事 专员 组长 副组长 委员 总工程师 总经济师 总会计师 "
    "总审计师 总统计师 总规划师 总农艺师 首席经济学家 首席科学家 首席专家 研究员 教授 院士"
)


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching the longest of ``words``, written as a trie of their characters.

    Python's regex engine tries the branches of ``a|b|c`` one by one at
    every position; branching on the first character instead tries only
    the words that can start there, which is what keeps a title scan over
    a report fast.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{group})?" if ends else group


#: A title, or an honorific a name may stand before (黄利斌先生).
_TITLE_AT = regexes.compile(trie_pattern([*TITLES, "先生", "女士"]))
#: A name as a credit, a byline or a heading writes it: two to four characters, or a transcribed name with a dot.
NAME = rf"[{_HAN}]{{1,6}}·[{_HAN}]{{1,8}}|[{_HAN}]{{2,4}}"
_NAME_RE = regexes.compile(rf"(?:{NAME})")
#: Names listed in a credit (李明、王芳 摄) or, spaces allowed, in a byline (（记者 张三 李四）).
_LISTED = rf"(?:{NAME})(?:[、，,](?:{NAME}))*"
_NAMES = rf"(?:{NAME})(?:(?:[、，,]|[ \t\u3000]+)(?:{NAME}))*"
_SPACE = r"[ \t\u3000]*"
#: Words that fill a credit's or heading's name slot without being names (作者：佚名, 主持人：).
NOT_NAMES = word_set(
    "佚名 本报 本台 本网 记者 通讯员 主持人 发言人 各位 大家 朋友 女士 先生 同志 代表 委员 问题 现场 同期 "
    "解说 字幕 标题 原标题 时间 地点 来源 作者 编辑 责编 摘要 导读 附件 备注 说明 提示 打印 关闭 纠错 分享"
)
#: Characters that make a free-text candidate a word or a phrase rather than a given name.
_NOT_GIVEN = frozenset("副总部局司处委院省市县区厅署办的了是在对把被等们这该其各本任兼和与及也都还就将从以于两")
#: A reporter's heading that names the reporter.
_REPORTER_NAMED = regexes.compile(rf"记者[ \t\u3000]+(?P<name>{NAME})[ \t\u3000]*[:：\]】]?[ \t\u3000]*$")
#: Characters no given name in a credit holds: what holds them is a sentence (记者在现场拍摄).
_NOT_IN_CREDIT = frozenset("的了是在对把被们这那该其拍摄")
#: Surnames that, leading a free-text candidate, are nearly always a function word (也, 都, 于今日) or a common
#: word's first character (全国, 国两国) instead.
_FUNCTION_SURNAMES = frozenset("也都还那从和有却时于中全国")
#: Verbs of saying: a candidate holding one is the title's clause going on (周总理强调说), not a name.
_SAYING = regexes.compile("说|表示|指出|强调|介绍|重申|认为|提出")

#: ``（刘健 摄）``, ``中国网 宗超 摄``, ``新华网/中国政府网 翟子赫摄``, ``（图／记者任以芳摄）``,
#: ``…化肥。唐克 摄（新华社发）``: names right before 摄, after a space, a bracket, a slash, 记者 or the end of
#: the caption's sentence, and the credit ends the line or a bracket, or is followed by its agency in brackets.
_CREDIT = regexes.compile(
    rf"(?<=[\s/／(（者员。])(?P<names>{_LISTED}){_SPACE}摄(?:影)?"
    rf"(?=[)）\]】]|{_SPACE}(?:\n|$)|[(（][^()（）\n]{{1,12}}发[)）])"
)
#: ``（记者 张三）``, ``电(记者曹嘉玥、许可)``, ``（北京＝新华社记者／张玉薇）``.
_BYLINE = regexes.compile(rf"[(（][^()（）\n]{{0,24}}?(?:记者|通讯员)[ \t\u3000/／]*(?P<names>{_NAMES}){_SPACE}[)）]")
#: A byline line of its own: ``本报记者 王冬梅``, ``红星新闻记者 胡伊文 吴阳 北京报道``.
_BYLINE_LINE = regexes.compile(
    rf"^{_SPACE}[^\s:：，,。]{{0,20}}?记者[ \t\u3000]+(?P<names>{_NAMES}){_SPACE}$",
    re.MULTILINE,
)
_EDITOR = regexes.compile(
    rf"(?:责任编辑|责编|编辑)(?:{_SPACE}[:：]|[ \t\u3000]+){_SPACE}(?P<names>{_NAMES})(?![{_HAN}])"
)
#: Each pattern of credits and bylines with the words it cannot match without: a text that holds none of them is
#: not searched with it.  The credit's search alone took 20 ms a million characters, and 48 of the 50 reports
#: hold no 摄.
_CREDITS = ((_CREDIT, ("摄",)), (_BYLINE, ("记者", "通讯员")), (_BYLINE_LINE, ("记者",)), (_EDITOR, ("编",)))
#: What follows a name and its title: not a character (…总理，), or a word a person does (总理在…, 司长发布).
#: A title followed by anything else may be a word's end (严厉查处长春…, 居民委员会).
_DOES = (
    "在|说|表示|指出|强调|介绍|主持|出席|会见|发布|回答|答|讲|称|认为|透露|坦言|谈到|提到|解释|宣布|回应|提出"
    "|要求|也|还|就|率|一行|今天|今日|昨天|昨日|当天|日前|近日"
    "|将|从|向|与|同|是|已|曾|正|做|除了|接受|参加|出任|担任|来到|抵达|访问|会谈|致辞|发表|签署|前往|带领|等人"
)
_FOLLOWS = regexes.compile(rf"[^{_HAN}]|$|{_DOES}|等|和|与|及|的|作|对|同")
#: What closes a name after a title: punctuation, a date, an honorific, or the press conference it holds; a
#: three-character name may also be followed by what a person does (总经济师阚立平也出席…); a two-character
#: one would then too often be a word (发言人简单介绍, 主任同时表示).
_CLOSED = r"[，,。、；;：:！？!?）)\s0-9]|先生|女士|同志|主持|答记者问"
_COMPOUND = "|".join(sorted(COMPOUND_SURNAMES))
_NAME_AFTER = regexes.compile(
    rf"(?P<four>(?:{_COMPOUND})[{_HAN}]{{2}})(?={_CLOSED}|{_DOES})"
    rf"|(?P<two>[{_HAN}]{{2}})(?={_CLOSED})|(?P<three>[{_HAN}]{{3}})(?={_CLOSED}|{_DOES})"
    rf"|(?P<two_doing>[{_HAN}]{{2}})(?={_DOES})"
)
#: A two-character "name" before what people do that the dictionary counts this often is a word (简单, 同时).
_COMMON_WORD = 100
#: Words after which a name before a title starts (请毛盛勇司长发布); elsewhere it starts after a non-character.
_TAKES_PERSON = ("感谢", "谢谢", "欢迎", "邀请", "请", "由", "向", "和", "与", "同", "及")
_HAN_RUN = regexes.compile(f"[{_HAN}]+")


def is_name(name: str) -> bool:
    """``name`` (Simplified) has a name's shape where layout says a name stands: a heading, a credit, a byline."""
    return bool(_NAME_RE.fullmatch(name)) and name not in NOT_NAMES and not name.endswith("们")


def looks_like_name(name: str) -> bool:
    """``name`` (Simplified), found in running text next to a title, can only be a name.

    It starts with a surname that is not mostly a function word, and no
    later character makes it a word (时任, 国务院, 副总).
    """
    return (
        is_name(name)
        and (len(name) <= 3 or name[:2] in COMPOUND_SURNAMES)
        and has_surname(name)
        and name[0] not in _FUNCTION_SURNAMES
        and not any(ch in _NOT_GIVEN for ch in name[1:])
        and not _SAYING.search(name)
        and name[0] != name[1]  # 谢谢主持人, 刚刚
    )


@declare("person", ("PERSON",), rank=21, propagates=True)
class PersonRecognizer:
    """Pipeline component: PERSON spans from headings, credits, bylines and title–name patterns."""

    def __call__(self, doc: Doc) -> Doc:
        name = self.declaration.name
        for start, end in self._heading_names(doc):
            doc.candidates.append(doc.span(start, end, "PERSON", name))
        text = doc.simplified
        for pattern in (pattern for pattern, needed in _CREDITS if any(word in text for word in needed)):
            for match in pattern.finditer(text):
                for start, end in _listed_names(text, *match.span("names")):
                    doc.candidates.append(doc.span(start, end, "PERSON", name))
        known = _other_names(doc)
        for start, end in names_by_titles(text, 0, len(text)):
            if not any(known[start:end]):
                doc.candidates.append(doc.span(start, end, "PERSON", name))
        persons = [(c.start, c.end) for c in doc.candidates if c.label == "PERSON"]
        for start, end in _listed_with(text, persons):
            if not any(known[start:end]):
                doc.candidates.append(doc.span(start, end, "PERSON", name))
        return doc

    @staticmethod
    def _heading_names(doc: Doc) -> list[tuple[int, int]]:
        """The name closing each heading that names a person: the speaker's, or a reporter's (中新社记者 梁晓辉)."""
        spans = []
        for turn in doc.turns:
            if turn.reporter:
                named = _REPORTER_NAMED.search(doc.simplified, turn.heading_start, turn.heading_end)
                spans.extend([named.span("name")] if named else [])
                continue
            start = doc.text.rfind(turn.speaker, turn.heading_start, turn.heading_end)
            if start >= 0 and is_name(doc.simplified[start : start + len(turn.speaker)]):
                spans.append((start, start + len(turn.speaker)))
        return spans


def names_by_titles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the names a title stands next to in ``text[start:end]`` (Simplified), in order."""
    spans = []
    for title in _TITLE_AT.finditer(text, start, end):
        after = _NAME_AFTER.match(text, title.end(), end) if title.group() not in ("先生", "女士") else None
        if after and (after.lastgroup != "two_doing" or default_boundaries().count(after["two_doing"]) < _COMMON_WORD):
            spans.append(after.span(after.lastgroup or 0))
        before = _name_before(text, title.start(), start) if _FOLLOWS.match(text, title.end(), end) else None
        if before:
            spans.append(before)
    # 新闻|发言人 and 国务院|总理 are one title, not a name and a title
    return sorted(
        (a, b)
        for a, b in spans
        if looks_like_name(text[a:b]) and not any(text.startswith(TITLES, at) for at in range(a, b))
    )


def _name_before(text: str, title_start: int, floor: int) -> tuple[int, int] | None:
    """Three, else two characters right before a title, if a phrase or a word taking a person precedes them.

    Four, if they start with a two-character surname (亓官文远副主任).  None where a surname and the title
    are a word of the dictionary (毛主席, 周总理): what stands before them is another word (高举毛主席).
    """
    title = _TITLE_AT.match(text, title_start)
    if title and default_boundaries().count(text[title_start - 1 : title.end()]) >= _SURNAME_AND_TITLE:
        return None
    for length in (4, 3, 2):
        start = title_start - length
        if start < floor or not _HAN_RUN.fullmatch(text, start, title_start):
            continue
        if length == 4 and text[start : start + 2] not in COMPOUND_SURNAMES:
            continue
        if start == 0 or not _HAN_RUN.match(text, start - 1, start) or text.endswith(_TAKES_PERSON, 0, start):
            return start, title_start
    return None


def _listed_with(text: str, persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names listed with 、 beside a person already found (习近平、李强、王沪宁、蔡奇): a list of people.

    Each listed item must be two or three characters that make a name and end
    at the 、 or at the end of the list (punctuation, 等, 和 …).
    """
    found = set()
    for start, end in persons:
        at = end
        while text.startswith("、", at) and (item := _LIST_ITEM.match(text, at + 1)) and _listed_name(item[1]):
            found.add(item.span(1))
            at = item.end(1)
        at = start
        while at > 0 and text[at - 1] == "、" and (item := _LIST_ITEM_BEFORE.search(text, max(0, at - 5), at - 1)):
            if not _listed_name(item[1]):
                break
            found.add(item.span(1))
            at = item.start(1)
    return sorted(found - set(persons))


#: A surname and a title the dictionary counts this often are one word (毛主席, 周总理, 江主席).
_SURNAME_AND_TITLE = 5
#: A list item starting with a word this common is a phrase, not a name (特别是, 同时也).
_COMMON_START = 5000
#: A listed name and what may end it: the next 、, punctuation, or a word that closes a list.
_LIST_ITEM = regexes.compile(rf"([{_HAN}]{{2,3}})(?=、|[^{_HAN}]|等|和|与|及|同志|$)")
_LIST_ITEM_BEFORE = regexes.compile(rf"(?:^|(?<=、)|(?<=[^{_HAN}]))([{_HAN}]{{2,3}})$")


def _listed_name(item: str) -> bool:
    """A list item is a name unless its first two characters are a common word (特别是)."""
    return is_name(item) and default_boundaries().count(item[:2]) < _COMMON_START


def _listed_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of a credit or byline list ``text[start:end]`` (李明、王芳 / 胡伊文 吴阳), place words dropped."""
    spans = []
    for match in _NAME_RE.finditer(text, start, end):
        name = match.group()
        if is_name(name) and not name.endswith(("报道", "电", "摄")) and not _NOT_IN_CREDIT.intersection(name[1:]):
            spans.append(match.span())
    return spans


def _other_names(doc: Doc) -> bytearray:
    """A mask of the characters the thesaurus already names as something other than a person."""
    mask = bytearray(len(doc.text))
    for span in doc.candidates:
        if span.concept is not None and span.label != "PERSON":  # a name the thesaurus knows
            mask[span.start : span.end] = b"\x01" * span.length
    return mask
