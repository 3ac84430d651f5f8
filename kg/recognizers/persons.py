"""Person names from the places official texts put them.

Without a statistical model, names are taken where the genre's layout or
grammar marks them, and nowhere else:

* speaker headings of a transcript (their ``turns``);
* photo credits ``（刘健 摄）`` and the editor line ``责任编辑：宋岩``;
* a title right before a name (局长黄利斌，总理李克强) or right after one
  (李克强总理, 赵志国局长), where the name starts with a common surname and is
  closed by punctuation or a word that follows names (先生, 表示, 介绍 …).

Once found, a name is matched everywhere else in the document by
:mod:`kg.recognizers.propagate`.
"""

from __future__ import annotations

import re

from kg.doc import Doc

#: Common Chinese surnames (Simplified), single then double.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习栗禹"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "夏侯", "长孙")
#: Titles that stand right before or after a name.
_TITLES = (
    "总书记|国家主席|副主席|主席|国务院总理|副总理|总理|国务委员|委员长|部长|副部长|局长|副局长|司长|副司长|主任|副主任|"
    "署长|副署长|行长|副行长|秘书长|书记|新闻发言人|发言人|董事长|总经理|院长|副院长|会长|省长|市长|县长|大使|教授|院士"
)
#: What closes a name after a title: punctuation or an honorific; a three-character name may also
#: be followed by a verb of saying (a two-character one would too often be a word: 发言人简单介绍).
_CLOSED = r"[，,。、；;：:！？!?）)\s]|先生|女士|同志"
_TITLE_THEN_NAME = re.compile(
    rf"(?:{_TITLES})(?:([\u4e00-\u9fff]{{2}})(?={_CLOSED})|([\u4e00-\u9fff]{{3}})(?={_CLOSED}|表示|介绍|指出|强调|说|回答|主持))"
)
_NAME_THEN_TITLE = re.compile(rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{{2,3}})(?:{_TITLES})")
_CAPTION = re.compile(r"[（(]\s*(?:记者\s*)?([\u4e00-\u9fff]{2,4})\s*摄\s*[)）]")
_EDITOR = re.compile(r"(?:责任编辑|编辑)[:：][ \t\u3000]*([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])")


def looks_like_name(name: str) -> bool:
    """A two-to-four character string starting with a surname."""
    if not 2 <= len(name) <= 4:
        return False
    if name[:2] in COMPOUND_SURNAMES:
        return len(name) >= 3
    return name[0] in SURNAMES and len(name) <= 3


class PersonRecognizer:
    """Pipeline component: PERSON spans from headings, credits and title–name patterns."""

    source = "person"

    def __call__(self, doc: Doc) -> Doc:
        for start, end in self._heading_names(doc):
            doc.candidates.append(doc.span(start, end, "PERSON", "heading"))
        for pattern in (_CAPTION, _EDITOR, _TITLE_THEN_NAME, _NAME_THEN_TITLE):
            for match in pattern.finditer(doc.simplified):
                group = next(i for i in range(1, len(match.groups()) + 1) if match.group(i))
                start, end = match.span(group)
                if looks_like_name(match.group(group)):
                    doc.candidates.append(doc.span(start, end, "PERSON", self.source))
        return doc

    @staticmethod
    def _heading_names(doc: Doc) -> list[tuple[int, int]]:
        """The speaker name closing each non-reporter heading."""
        spans = []
        for turn in doc.turns:
            if turn.reporter:
                continue
            start = doc.text.rfind(turn.speaker, turn.heading_start, turn.heading_end)
            if start >= 0 and looks_like_name(doc.simplified[start : start + len(turn.speaker)]):
                spans.append((start, start + len(turn.speaker)))
        return spans
