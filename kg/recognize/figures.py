"""FIGURE recognizer: reported quantities with value, unit, indicator, period.

Finding a figure
    A figure is a numeral followed by a unit or measure word (``24.5%``,
    ``1.79倍``, ``29万款``, ``113.9户/百人``) or by a multiplier alone
    (``15.92亿``).  Everything else that looks like a number is left out by
    rules of the genre rather than by lists of strings: a date or age unit
    (年, 月, 日, 时, 岁, 周年) is not in the unit list; 第 makes an ordinal,
    每 a rate base (每10万人), an adjacent Latin letter a name (5G, L2级, PM2.5);
    Chinese-numeral counts are figures only from 100 up or with 万/亿 (GB/T
    15835 keeps Chinese numerals for small narrative counts: 三家, 两个强国),
    and 数/几/上 before them make them vague (数十万, 上百万).  A duration
    preceded by 前/近/未来 or by a range dash is a period (前10个月, 3—5个月).
    Fractions and shares are quantities at any size: 三分之一 (1/3), 一半
    (0.5), both without unit, and 五成 (5, unit 成) where 成 ends the phrase.

Describing it
    Rules are written once against the Simplified view.  Within a sentence,
    figures joined by 和/、/与 form a group sharing one predicate (``分别增长
    31.2%和39.9%``); the indicator is the subject before the predicate, cut
    free of time expressions, comparison bases and the verb chain, or, for a
    count followed by a noun (``29万款APP技术检测``), that noun phrase.  A
    subject that is only a rate word (两年平均增速) or is empty takes the
    previous subject of the sentence, and coordinated subjects are split over
    the group (高技术制造业、装备制造业增加值 → one indicator per figure).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from kg import regexes
from kg.recognize.component import declare
from kg.recognize.doc import Doc, Figure
from kg.text.numerals import parse_numeral
from kg.text.words import default_boundaries

__all__ = ["recognize_figures"]

# --- units -----------------------------------------------------------------

RATIO_UNITS = ("%", "‰", "倍", "个百分点", "百分点", "个千分点", "千分点", "个基点", "基点")
DURATION_UNITS = ("个月", "天", "周", "小时", "分钟", "个工作日", "工作日")
CURRENCY_UNITS = ("元", "美元", "欧元", "日元", "港元", "港币", "澳元", "英镑", "卢布", "韩元", "人民币", "新台币")
PHYSICAL_UNITS = (
    "吨", "千克", "公斤", "克", "斤", "市斤", "担", "公担",
    "公里", "千米", "米", "公尺", "平方米", "平方公里", "平方千米", "平方公尺", "立方米", "立方公尺",
    "亩", "公顷", "千公顷", "千瓦", "千瓦时", "兆瓦", "吉瓦", "瓦", "度",
    "桶", "升", "标准箱", "标箱", "吨标准煤", "吨公里", "人公里", "公方", "马力", "门",
)  # fmt: skip
MEASURE_WORDS = (
    "个", "家", "项", "款", "户", "人", "人次", "名", "位", "件", "次", "座", "所", "台", "台套",
    "辆", "架", "架次", "艘", "套", "部", "条", "只", "头", "株", "棵", "批", "类", "种", "处",
    "份", "篇", "本", "册", "张", "场", "间", "栋", "幢", "块", "片", "宗", "笔", "起", "例",
    "剂", "支", "枚", "颗", "根",
)  # fmt: skip
#: A one-character measure word that begins one of these words is not a unit:
#: 1000万家庭 is 1000万 (unit None) like 2600万用户, and 15部门 is no figure.
_COMPOUNDS = frozenset((
    "人口", "人民", "人员", "人才", "人士", "家庭", "家电", "家居", "家具", "家乡", "部门",
    "部分", "部署", "部委", "条例", "条件", "项目", "台湾", "台阶", "名单", "名额", "位于",
    "位居", "所有", "所得", "所以", "场景", "场所", "份额", "次数", "种类", "种植", "元年",
    "支出", "支持", "支付", "支撑", "起来", "例如", "处理", "处于", "本届", "间接", "只有",
    "只是", "只能", "只要", "头部", "户籍", "批次", "类型", "个体", "个性", "件事", "度过",
))  # fmt: skip
_UNITS = RATIO_UNITS + DURATION_UNITS + CURRENCY_UNITS + PHYSICAL_UNITS + MEASURE_WORDS
_UNIT_ALTERNATIVES = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_UNIT = rf"(?:{_UNIT_ALTERNATIVES})(?!年|岁)(?:/[百千万]?(?:{_UNIT_ALTERNATIVES}))?"

# --- numerals --------------------------------------------------------------

# 千瓦, 百分点, 兆瓦 and 千兆 begin with a multiplier character that is not one.
_MULTIPLIER = r"(?:[十万亿]|千(?!瓦|米|克|公顷|兆)|百(?!分)|兆(?!瓦|帕|赫|焦|字节|比特))"
_MINUS = "-−－"
_ARABIC = r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?"
_CHINESE = rf"(?:[零〇一二两三四五六七八九]|{_MULTIPLIER})+(?:点[零〇一二三四五六七八九]+)?"
_FIGURE = regexes.compile(
    # The lookahead names every character a figure can begin with, so that the engine rejects
    # the other positions at once instead of trying each alternative (3× faster, same matches).
    rf"(?=[{_MINUS}\d百千零〇一二两三四五六七八九十万亿兆])"
    rf"(?P<percent>百分之|千分之)?"
    rf"(?P<number>(?<![\d.])[{_MINUS}]?{_ARABIC}(?:{_MULTIPLIER}+{_ARABIC})*|{_CHINESE})"
    rf"(?P<approx>[多余])?(?P<scale>{_MULTIPLIER}+(?:[多余]{_MULTIPLIER}+)?)?[多余]?(?P<unit>{_UNIT})?"
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％○", "0123456789.%〇")
_FULL_WIDTH_RUN = regexes.compile("[０-９．％○]+")
_AFTER_DIGITS = regexes.compile(r"[\d.,]*(.?)")
_JOINER = regexes.compile(r"[和与及、至到或—–~～-]")
_VAGUE_BEFORE = "数几上成近逾好"
#: Fractions and shares spelled in Chinese: 三分之一, 一半, 五成 (not 一成不变, 另一半, 八成是).
_SHARE = regexes.compile(
    r"(?=[一二两三四五六七八九十])"  # every share begins with a numeral: other positions fail at once
    r"(?:(?<![百千万\d])(?P<denominator>[一二两三四五六七八九十][一二两三四五六七八九十百千]*)分之"
    r"(?P<numerator>[一二两三四五六七八九十]+)"
    r"|(?<![另这那])(?P<half>一半)"
    r"|(?<![一二两三四五六七八九十])(?P<tenths>[一二两三四五六七八九])(?P<unit>成)(?=以上|以下|左右|多|的|[^\u4e00-\u9fff]|$))"
)
_PERIOD_BEFORE = ("前", "头", "近", "后", "未来", "过去", "最近")


@dataclass
class _Mention:
    """A figure found in the normalized Simplified text, before description."""

    start: int
    end: int
    value: Decimal
    unit: tuple[int, int] | None  # offsets of the unit's text (a shared unit lies after the span)
    kind: str  # "ratio", "share" (三分之一, 一半, 五成), "duration", "measure" or "scale" (multiplier only)


@declare("figure", ("FIGURE", "figures"), rank=22)
def recognize_figures(doc: Doc) -> None:
    """Append a FIGURE span and a :class:`Figure` for every reported quantity in ``doc``."""
    text = _half_width(doc.simplified)
    mentions = _find_mentions(text)
    sentences = doc.sentences or [(0, len(text))]
    starts = [start for start, _ in sentences]
    by_sentence: dict[int, list[_Mention]] = {}
    for mention in mentions:
        index = max(bisect.bisect_right(starts, mention.start) - 1, 0)
        by_sentence.setdefault(index, []).append(mention)
    for index, group in by_sentence.items():
        for figure in _Describer(doc, text, sentences[index]).describe(group):
            doc.figures.append(figure)
            doc.candidates.append(doc.span(figure.start, figure.end, "FIGURE", recognize_figures.declaration.name))


def _half_width(text: str) -> str:
    """Full-width digits, point, percent and ○ as ASCII / 〇; translating only their runs is much faster."""
    return _FULL_WIDTH_RUN.sub(lambda run: run.group().translate(_FULL_WIDTH), text)


# --- finding ---------------------------------------------------------------


def _find_mentions(text: str) -> list[_Mention]:
    """The figures of a normalized Simplified ``text`` (ASCII digits, ``%``)."""
    found: list[_Mention] = []
    bare: list[re.Match[str]] = []  # numbers without unit, waiting for a shared one
    for match in _FIGURE.finditer(text):
        mention = _mention(match, text)
        if mention is None:
            if _is_bare_arabic(match, text):
                bare.append(match)
            continue
        found.extend(_share_unit(bare, match, mention))
        bare = []
        found.append(mention)
    shares = [share for share in _shares(text) if not any(m.start < share.end and share.start < m.end for m in found)]
    return _adopt_coordinated_units(sorted(found + shares, key=lambda mention: mention.start), text)


def _shares(text: str) -> list[_Mention]:
    """Fractions and shares (三分之一, 一半, 五成): ratios at any size, the unit only for 成."""
    found = []
    for match in _SHARE.finditer(text):
        if match["half"]:
            value = Decimal(1) / 2
        elif match["tenths"]:
            value = parse_numeral(match["tenths"])
        else:
            try:
                value = parse_numeral(match["numerator"]) / parse_numeral(match["denominator"])
            except (ValueError, ArithmeticError):
                continue  # not one well-formed numeral (一一百分之…)
        unit = match.span("unit") if match["unit"] else None
        found.append(_Mention(match.start(), match.end(), value, unit, "share"))
    return found


def _mention(match: re.Match[str], text: str) -> _Mention | None:
    """The figure ``match`` makes, or ``None`` if it is a date, name, ordinal or vague number."""
    number = match["number"]
    if _is_ordinal_rate_or_name(text, match.start()):
        return None
    unit_span = _unit_span(match, text)
    if unit_span is None and not match["scale"] and not match["percent"]:
        return None  # a bare number (一些, 统一, 2021): most matches end here, before the numeral is parsed
    try:
        value = _scaled(number, match["scale"])
    except ValueError:
        return None
    if match["percent"]:
        return _Mention(match.start(), match.end("number"), value, None, "ratio")
    end = unit_span[1] if unit_span else (match.start("unit") if match["unit"] else match.end())
    unit = text[unit_span[0] : unit_span[1]] if unit_span else None
    kind = _kind(unit)
    if not _is_arabic(number) and not _is_chinese_figure(match, text, value, kind):
        return None
    if kind == "duration" and _is_period(match, text):
        return None
    return _Mention(match.start(), end, value, unit_span, kind)


def _is_ordinal_rate_or_name(text: str, start: int) -> bool:
    """第三批 is an ordinal, 每10万人 a rate base, 5G/L2级/PM2.5/C919 names."""
    before = text[start - 1] if start else ""
    after = _AFTER_DIGITS.match(text, start)[1]
    return before in ("第", "每", ".", "×", "*") or _is_latin(before) or _is_latin(after)


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_arabic(number: str) -> bool:
    return number.lstrip(_MINUS)[:1].isdigit()


def _scaled(number: str, scale: str | None) -> Decimal:
    """24兆9310亿, 二十五亿七千多万 and 3万多亿 are one numeral each: 多/余 only round it off; -0.5% is negative."""
    digits = number.lstrip(_MINUS)
    value = parse_numeral(digits + re.sub("[多余]", "", scale or ""))  # 3万多亿: 3万亿 and more
    return -value if digits != number else value


def _unit_span(match: re.Match[str], text: str) -> tuple[int, int] | None:
    """The unit's offsets, unless a one-character measure word begins a longer word."""
    if not match["unit"]:
        return None
    start, end = match.span("unit")
    if end - start == 1 and text[start : start + 2] in _COMPOUNDS:
        return None
    return start, end


def _kind(unit: str | None) -> str:
    if unit is None:
        return "scale"
    if unit in RATIO_UNITS:
        return "ratio"
    if unit in DURATION_UNITS:
        return "duration"
    return "measure"


def _is_chinese_figure(match: re.Match[str], text: str, value: Decimal, kind: str) -> bool:
    """Chinese numerals report a quantity only when large, exact and with a unit.

    A single character (千家万户, 百年) is idiom, a leading myriad (万亿元级,
    亿万人民) or 千万 is hyperbole or adverb, 数十万/上百万/十几个 are vague,
    a run of bare digits (二〇二一) is a year, and a count below 100 is narrative (三家, 两个强国) —
    but a ratio (一倍, 两个百分点) is a quantity at any size.
    """
    number = match["number"]
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    if match["unit"] is None or text.startswith("几", match.end()):
        return False
    if number[0] in "万亿兆" or number == "千万":
        return False
    if number[0] in "十百千" and before and before in _VAGUE_BEFORE:
        return False
    if len(number) == 1:
        return kind == "ratio" and number not in "十百千万亿兆"
    if all(ch in "零〇一二两三四五六七八九" for ch in number):
        return False
    return kind == "ratio" or value >= 100 or bool(re.search("[万亿兆]", number + (match["scale"] or "")))


def _is_period(match: re.Match[str], text: str) -> bool:
    """前10个月, 近3天, 3—5个月: a duration that dates the sentence, not a quantity."""
    before = text[max(match.start() - 2, 0) : match.start()]
    return before.endswith(_PERIOD_BEFORE) or bool(re.search(r"\d[—–~～-]$", before))


def _is_bare_arabic(match: re.Match[str], text: str) -> bool:
    """An Arabic number followed by a joiner: maybe the first of 2.8和1.4个百分点."""
    return (
        _is_arabic(match["number"])
        and not match["scale"]
        and not match["unit"]
        and match.end() < len(text)
        and bool(_JOINER.fullmatch(text[match.end()]))
        and not _is_ordinal_rate_or_name(text, match.start())
    )


def _share_unit(bare: list[re.Match[str]], match: re.Match[str], last: _Mention) -> list[_Mention]:
    """Give a chain of bare numbers (1.2、1.5和2.0万亿元) the unit and scale of its last member."""
    chain: list[_Mention] = []
    follower = match.start()
    for candidate in reversed(bare):
        if candidate.end() + 1 != follower:
            break
        value = _scaled(candidate["number"], None)
        if match["scale"]:
            value *= parse_numeral(match["scale"])
        chain.append(_Mention(candidate.start(), candidate.end(), value, last.unit, last.kind))
        follower = candidate.start()
    return chain[::-1]


def _adopt_coordinated_units(mentions: list[_Mention], text: str) -> list[_Mention]:
    """2.8个和1.4个百分点, 700万到800万吨: the first member's unit is the shared one, elided."""
    for current, following in reversed(list(itertools.pairwise(mentions))):
        if following.unit is None or not _JOINER.fullmatch(text[current.end : following.start]):
            continue
        mine = text[slice(*current.unit)] if current.unit else ""
        theirs = text[slice(*following.unit)]
        if mine != theirs and theirs.startswith(mine):
            current.unit, current.kind = following.unit, following.kind
    return mentions


# --- describing ------------------------------------------------------------

_N = r"(?:\d+|[一二两三四五六七八九十]+)"
_RANGE = r"[—–~～至到-]"
_PART = (
    rf"(?:前|头|后|第)?{_N}个?季度|(?:前|头|后|近|最近){_N}个月|[上下]半年|年初|年底|年末|年中|全年"
    rf"|上月|本月|上季度|{_N}(?:{_RANGE}{_N})?月(?:份|底|末|初|上旬|中旬|下旬)?"
)
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年|今年|去年|上一?年|明年|前年|本年|当年"
_PERIOD_CORE = (
    rf"(?:{_YEAR})(?:{_PART})?|{_PART}|“?十[一二三四五六七八九十]五”?(?:时期|期间|末|初)?"
    rf"|(?:前|头|近|过去|未来|今后|最近)?{_N}(?:{_RANGE}{_N})?年(?!平均)(?:时间|内|来|间)?"
    r"|目前|(?<![实出表体呈发])现在|当前|至今|迄今|近年来|近年|近期"
)
# A period and a basis each open with a lookahead of the characters they can start with, as the name heads do
# (kg.recognize.names): the engine then rejects a character with one check instead of trying every alternative
# there.  Over the reports' million characters a search for periods took 0.28 s without it, 0.04 s with it.
_PERIOD = regexes.compile(
    r"(?=[\d〇零一二两三四五六七八九十自从今去上明前本当头后第近最下年全“过未目现至迄])"
    rf"(?<!第)(?:自|从)?(?:{_PERIOD_CORE})(?:(?:到|至|{_RANGE})(?:{_PERIOD_CORE}))?(?:以来|开始|期间|时期|时间)?"
)
_BASIS = regexes.compile(
    r"(?=[同环两年按等相由从比较与])"
    rf"(?:同比|环比|两年平均|年均|按[^，,；;]{{1,12}}?计算|(?:等于|相当于|由|从)(?:{_PERIOD_CORE})的"
    rf"|(?<!相)(?:比|较|与)(?:{_PERIOD_CORE})(?:[和与、](?:{_PERIOD_CORE}))*(?:同期)?(?:的?(?:预算数?|计划数?|预期))?"
    r"(?:相比|比较)?)"
)
_RATE_WORDS = regexes.compile(r"两年平均|年均|平均")  # a basis that stays part of the indicator
_CLAUSE_END = regexes.compile(r"[，；;：:。！？!?\n]|(?<!\d),|,(?!\d)")
_LABEL_LENGTH = 6
# Discourse openers and dangling comparatives before a subject, once time expressions are cut out.
_LEADING = regexes.compile(
    r"^(?:[，,；;：:、）)\s]|[（(][一二三四五六七八九十\d]+[）)]|以上|以下|左右|的|即|但|那么|预计|要(?!求|素|点)"
    r"|而且|而|并且|并|也|且|同时|此外|另外|其中|总的来看|从[^，]{0,10}看|据[^，]{0,10}(?:统计|测算)"
    r"|截至|截止到?|相比|远高于|远低于|高于|低于|超过|达到|下降到|下降至|已经|已"
    # planning verbs before what is planned (拟安排财政赤字), a demonstrative, adverbs that open a predicate,
    # and the prepositions 对 and 将 before their object (对外, 对比, 将来 are words and stay)
    r"|拟安排|拟(?!定)|安排|提出|实现(?!了)|先(?!进|导|锋|后|行)|了(?!解)|这些|那些|这(?![个种样里么])|则|又|只|才|把|对于"
    r"|对(?!外|比|象|应|称|接|口|手|话|策|照)|将(?!来|近))+"
)
# The verb chain between a subject and its figure: change verbs, copulas, adverbs of
# degree, approximation and frequency, and the particles that end it.
_TRAILING = regexes.compile(
    r"(?:(?:增长|增加|上升|提高|提升|上涨|下降|减少|降低|回落|下滑|下跌|扩大|发展|控制|压减|压缩|削减|缩减|缩短|增产|减产)"
    r"(?:到|至|为|在)?"
    r"|了|为|是|由|从|达到|达|等于|相当于|分别|大幅|小幅|明显|仍然|仍|依然|平均每年|每年|(?<!两年)平均|年均|(?<!平)均|都|名义"
    r"|已经|已|超过|突破|将要|要|近|逾|约为|大约|(?<![节制签条合公预])约|将近|接近|共有|共计|共|合计|总计"
    r"|实际|累计|在|仅为|仅|再降|再|到|至|保持|远高于|远低于|高于|低于|相比|较|快速|稳步|持续|连续|进一步"
    r"|有|中|的|也|就|还|将|预计|[、，,（(：:\s]"
    # a clause is never cut inside its verb chain: a plan (拟按, 拟定, 安排), a share (占, 所占), a negation
    # before a bound (不到, 未超过), an adverb (又, 只, 才, 则), a one-character change verb (降到, 减少 as 减)
    r"|拟按|拟定|定为|拟|按|安排|发行|所占|约占|占|不|未|又|却|只有|只|才|则|递增|降|减|可以|可|能够|能|收到)+$"
)
#: One-character members of the chain that also end words of a subject (产能, 人才, 核减, 人均, 总共, 收到).
_WORD_ENDS = frozenset("能才减可降占只共不未又则按拟均到")
# Nouns that name what a figure is (a target, a scale), not what it measures: 实现高职院校扩招100万人目标.
_NOT_AN_INDICATOR = frozenset(("目标", "任务", "规模", "水平", "左右", "以上", "以下", "程度"))
# A subject that is a person (我们一定要…保障好14亿人的粮食安全) opens a clause, not the name of a measure.
_PERSONAL = regexes.compile(r"^(?:我们|你们|他们|咱们|大家)")
_GENERIC = frozenset(("", "增速", "增幅", "涨幅", "降幅", "增长率", "增长速度", "速度", "增长"))
_INCREASE = "增长|增加|上升|提高|提升|上涨|扩大|加快|增产|增|涨|多"
_DECREASE = "下降|减少|降低|回落|下滑|下跌|缩小|收窄|压减|压缩|削减|缩减|缩短|减产|降|减|跌|少"
_DIRECTION = regexes.compile(rf"(?P<decrease>{_DECREASE})|(?P<increase>{_INCREASE})")
_NOT_A_NOUN = regexes.compile(
    r"[^\u4e00-\u9fffA-Za-z0-9“「《]|的|了|是|为|在|和|与|及|或|至|到|中|以|之|左右|比|等|占|已|将|均|都"
    r"|增长|增加|减少|下降|上升|提高|降低|实现|保持|完成|提出|达到|超过|同比|环比|分别"
)
_COORDINATOR = regexes.compile(r"[、和与及]")

Phrase = list[int]  # offsets of the characters of a phrase, which need not be contiguous


@dataclass
class _Group:
    """Coordinated figures sharing one predicate: 分别增长31.2%和39.9%."""

    mentions: list[_Mention]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end


class _Describer:
    """Indicator, period, direction and basis of the figures of one sentence."""

    def __init__(self, doc: Doc, text: str, sentence: tuple[int, int]) -> None:
        self.doc, self.text = doc, text
        self.start, self.end = sentence
        self.bases = [m.span() for m in _BASIS.finditer(text, self.start, self.end)]
        self.periods = [m.span() for m in _PERIOD.finditer(text, self.start, self.end) if self._is_period(m)]
        self.carried: list[Phrase] = []
        self.dropped: frozenset[int] | None = None

    def describe(self, mentions: list[_Mention]) -> list[Figure]:
        figures: list[Figure] = []
        groups = self._groups(mentions)
        previous_end = self.start
        for group, following in zip(groups, [*groups[1:], None], strict=True):
            limit = following.start if following else self.end
            figures.extend(self._describe_group(group, previous_end, limit))
            previous_end = group.end
        return figures

    def _groups(self, mentions: list[_Mention]) -> list[_Group]:
        groups: list[_Group] = []
        for mention in mentions:
            if groups and _JOINER.fullmatch(self.text[groups[-1].end : mention.start]):
                groups[-1].mentions.append(mention)
            else:
                groups.append(_Group([mention]))
        return groups

    def _is_period(self, match: re.Match[str]) -> bool:
        """A time expression inside a comparison (比2020年同期, 2019年水平) is a basis, not the period;
        a length of time that qualifies a noun (66年的营业税征收历史) is no period either."""
        start, end = match.span()
        in_basis = any(s <= start < e for s, e in self.bases)
        qualifier = bool(re.fullmatch(r"\d{1,3}年", match.group())) and self.text.startswith("的", end)
        return not in_basis and not qualifier and not self.text.startswith(("同期", "水平"), end)

    def _describe_group(self, group: _Group, previous_end: int, limit: int) -> list[Figure]:
        clause_start = self._clause_start(group.start, previous_end)
        before = self._cut(list(range(clause_start, group.start)))
        subject, tail = self._split_predicate(before)
        indicators = self._noun_after(group, limit) or self._subjects(group, subject)
        self.carried = indicators
        period = None if group.mentions[0].kind == "duration" else self._period_before(group.start)
        basis = self._basis_before(clause_start, group.start)
        direction = _direction(self._string(tail))
        return [
            self._figure(mention, indicator, period, direction, basis)
            for mention, indicator in zip(group.mentions, indicators, strict=True)
        ]

    def _clause_start(self, offset: int, previous_end: int) -> int:
        """The clause's first offset; a colon after a short label (粮食：达到…) does not end one."""
        start = self.start
        for match in _CLAUSE_END.finditer(self.text, self.start, offset):
            if match.group() not in "：:" or match.start() - start > _LABEL_LENGTH:
                start = match.end()
        return max(previous_end, start)

    def _clause_end(self, offset: int) -> int:
        match = _CLAUSE_END.search(self.text, offset, self.end)
        return match.start() if match else self.end

    def _cut(self, phrase: Phrase) -> Phrase:
        """Drop time expressions and comparison bases (two-year averages stay: they name a rate)."""
        if self.dropped is None:  # the same for every figure of the sentence
            spans = self.periods + [(s, e) for s, e in self.bases if not _RATE_WORDS.fullmatch(self.text[s:e])]
            self.dropped = frozenset(i for s, e in spans for i in range(s, e))
        return [i for i in phrase if i not in self.dropped]

    def _split_predicate(self, phrase: Phrase) -> tuple[Phrase, Phrase]:
        """Split ``phrase`` into its subject and the verb chain before the figure."""
        string = self._string(phrase)
        leading = _LEADING.match(string)
        skip = leading.end() if leading else 0
        cut = _chain_start(string, skip)
        return phrase[skip:cut], phrase[cut:]

    def _noun_after(self, group: _Group, limit: int) -> list[Phrase] | None:
        """29万款APP技术检测: a count or amount followed by the noun it counts."""
        last = group.mentions[-1]
        if last.kind not in ("measure", "scale") or _NOT_A_NOUN.match(self.text, last.end):
            return None
        end = min(self._clause_end(last.end), limit)
        noun = self._string(list(range(last.end, end)))
        noun_end = last.end + _chain_start(noun, 0)
        if noun_end <= last.end or self.text[last.end : noun_end] in _NOT_AN_INDICATOR:
            return None
        return [list(range(last.end, noun_end))] * len(group.mentions)

    def _subjects(self, group: _Group, subject: Phrase) -> list[Phrase | None]:
        size = len(group.mentions)
        string = self._string(subject)
        if _RATE_WORDS.sub("", string, count=1) in _GENERIC and self.carried:
            carried = self.carried if len(self.carried) == size else [self._merge(self.carried)] * size
            return [(phrase or []) + subject for phrase in carried]
        if not subject or _PERSONAL.match(string):
            return [None] * size
        subject = self._completed(subject)
        items = self._items(subject, size) if size > 1 else None
        return _distribute(items, self._string) if items else [subject] * size

    def _completed(self, subject: Phrase) -> Phrase:
        """营业收入利润率 after 中小工业企业营业收入…: restore the owner the repetition leaves out.

        When the subject begins with words of the previous subject (three
        characters or more) but not at its start, the words before them name
        the owner, which the sentence does not repeat.
        """
        string = self._string(subject)
        for phrase in self.carried:
            carried = self._string(phrase or [])
            for size in range(len(string), 2, -1):
                at = carried.find(string[:size])
                if at > 0:
                    return phrase[:at] + subject
        return subject

    def _merge(self, phrases: list[Phrase | None]) -> Phrase:
        merged: Phrase = []
        for phrase in phrases:
            merged += [i for i in phrase or [] if i not in merged]
        return sorted(merged)

    def _items(self, subject: Phrase, size: int) -> list[Phrase] | None:
        """Split a coordinated subject into ``size`` items, or ``None`` if it has another count."""
        string = self._string(subject)
        for pattern in ("、", _COORDINATOR.pattern):
            cuts = [m.start() for m in re.finditer(pattern, string)]
            if len(cuts) == size - 1:
                bounds = [-1, *cuts, len(string)]
                items = [subject[a + 1 : b] for a, b in itertools.pairwise(bounds)]
                return items if all(items) else None
        return None

    def _period_before(self, offset: int) -> tuple[int, int] | None:
        before = [span for span in self.periods if span[1] <= offset]
        return before[-1] if before else None

    def _basis_before(self, start: int, offset: int) -> tuple[int, int] | None:
        within = [span for span in self.bases if start <= span[0] and span[1] <= offset]
        return within[-1] if within else None

    def _string(self, phrase: Phrase) -> str:
        return "".join(self.text[i] for i in phrase)

    def _original(self, phrase: Phrase | None) -> str | None:
        return "".join(self.doc.text[i] for i in phrase) if phrase else None

    def _figure(
        self,
        mention: _Mention,
        indicator: Phrase | None,
        period: tuple[int, int] | None,
        direction: str | None,
        basis: tuple[int, int] | None,
    ) -> Figure:
        text = self.doc.text
        return Figure(
            start=mention.start,
            end=mention.end,
            text=text[mention.start : mention.end],
            value=float(mention.value),
            unit=_unit_text(text, mention),
            indicator=self._original(indicator),
            period=text[slice(*period)] if period else None,
            direction=direction,
            basis=text[slice(*basis)] if basis else None,
        )


def _unit_text(text: str, mention: _Mention) -> str | None:
    """The unit as written, in the text's script but half-width (％ → %); 百分之 gives %."""
    if mention.unit:
        return unicodedata.normalize("NFKC", text[slice(*mention.unit)])
    return "%" if mention.kind == "ratio" else None


def _chain_start(string: str, skip: int) -> int:
    """Where the verb chain that ends ``string`` (:data:`_TRAILING`) begins; ``len(string)`` if none.

    Its first characters may also end a word of the subject (产|能, 核|减,
    人|才, 总|共): the chain then begins after them, so that a subject is
    never cut inside one of its words (and is left whole if what remains is
    no chain).
    """
    trailing = _TRAILING.search(string, skip)
    if trailing is None:
        return len(string)
    cut, words = trailing.start(), default_boundaries()
    while cut < len(string) and string[cut] in _WORD_ENDS and words.joins(string[:cut], string[cut]):
        cut += 1
    return cut if cut == len(string) or _TRAILING.match(string, cut) else len(string)


def _direction(chain: str) -> str | None:
    """The direction named by the last change verb before the figure."""
    found = list(_DIRECTION.finditer(chain))
    if not found:
        return None
    return "decrease" if found[-1]["decrease"] else "increase"


def _distribute(items: list[Phrase], string: Callable[[Phrase], str]) -> list[Phrase]:
    """Give each coordinated item the part the coordination shares.

    A shared head follows the last item (高技术制造业、装备制造业增加值;
    新能源汽车、工业机器人等产品产量; 铁矿石、铜精矿的均价); a shared
    modifier precedes the first (中小工业企业营业收入和利润总额), and parallel
    items are about as long, so the first item's surplus length is the prefix
    (unless both end alike: 专业技术人才、高技能人才 are whole names).
    """
    first, last = string(items[0]), string(items[-1])
    bounds = _shared_head(first, last)
    if bounds is not None:
        core_end, head_start = bounds
        head = items[-1][head_start:]
        return [item + head for item in items[:-1]] + [items[-1][:core_end] + head]
    if len(first) > len(last) + 1 and first[-1] != last[-1]:
        prefix = items[0][: len(first) - len(last)]
        return [items[0]] + [prefix + item for item in items[1:]]
    return items


def _shared_head(first: str, last: str) -> tuple[int, int] | None:
    """Where the last item's own part ends and the shared head begins, if it has one."""
    for marker in ("等", "的"):
        if marker in last[1:]:
            at = last.rindex(marker)
            return at, at + 1
    for size in range(min(len(first), 3), 0, -1):
        at = last.find(first[-size:])
        if at >= 0 and at + size < len(last):
            return at + size, at + size
    return None
