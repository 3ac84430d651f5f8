"""Draft English for the terms the thesaurus does not know.

A translator's glossary with an empty English column is of little use, and
most unknown terms are built the regular way official names are: a ministry
is X部, a campaign X专项行动, a plan “十四五”X规划.  So a draft is composed,
in this order, from

1. the thesaurus: a name that is another concept's label takes its English;
2. patterns whose English form is regular: a qualifier in parentheses
   (（草案） → "(Draft)"), the prefix 中华人民共和国, a five-year plan
   (“十四五”规划 → "14th Five-Year Plan"), and the heads of names of
   organizations (X部 → "Ministry of X", 国家X局 → "National X
   Administration") and of programs and documents (X专项行动 → "special
   campaign on X", X暂行规定 → "Interim Provisions on X"), where X is
   drafted again by the same steps;
3. a word-by-word gloss: the name is cut into the longest thesaurus labels
   and CC-CEDICT headwords, each rendered by its thesaurus English or its
   first usable CC-CEDICT sense;
4. for a person, the name in pinyin, surname first (黄利斌 → "Huang Libin").

A draft is made only where every part is known and the result reads as a
name; otherwise there is none, and :attr:`Draft.basis` says why, so that the
glossary shows the term as ``untranslated`` instead of word salad
(8项行动 was "eight back of neck campaign", 用户实现了携号转网 "user achieve
finish carry roar turn net").  A part is unknown when it is a single
character no thesaurus label covers (CC-CEDICT's first sense of 项 is "back
of neck", of 号 "roar"), a word without a usable sense, or a verb (its sense
is "to …": 实现 "to achieve"), since a verb makes a clause, not a name; and
no Chinese character may be left in the English.  ``bench/english.py``
measures the drafts against the official English the thesaurus has.

A draft is never official: it says how it was made (:attr:`Draft.basis`) so
a reviewer can judge it, and every export marks it ``draft``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from kg import regexes
from kg.errors import KgError
from kg.export.cedict import Cedict, default_cedict
from kg.link.thesaurus import Thesaurus, default_thesaurus, surface_key
from kg.text.numerals import parse_numeral
from kg.text.script import to_simplified

_NUMERAL = "[一二三四五六七八九十]+"
_NUMERALS = frozenset("一二两三四五六七八九十")
_GROUP = regexes.compile(r"\(\?P<(\w+)>[^)]*\)")
_ORG, _NAMED_THING, _INDICATOR = frozenset({"ORG"}), frozenset({"POLICY", "PROGRAM"}), frozenset({"INDICATOR"})


@dataclass(frozen=True, slots=True)
class Draft:
    """A composed English name and how it was made (``"pattern X部; CC-CEDICT gloss"``).

    When no draft can be made honestly, ``text`` is empty and ``basis`` says
    why (``"项 is a single character with no reliable gloss"``).
    """

    text: str
    basis: str

    @property
    def drafted(self) -> bool:
        """Whether there is an English draft (else the term stays untranslated, for ``basis``)."""
        return bool(self.text)


class _Refused(KgError):
    """A part of the name has no reliable English: no draft is made, for the reason given (never shown as an error:
    the drafter returns it as the :class:`Draft`'s basis)."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A name shape whose English is regular: ``template`` is filled with the drafts of the named groups."""

    shape: re.Pattern[str]
    template: str
    categories: frozenset[str] | None = None  # None: any category

    @property
    def basis(self) -> str:
        """The pattern as a reviewer reads it: ``pattern X部``, ``pattern XN年行动``."""
        return "pattern " + _GROUP.sub(lambda group: group[1].upper(), self.shape.pattern)


def _patterns(categories: frozenset[str] | None, *pairs: tuple[str, str]) -> list[_Pattern]:
    return [_Pattern(regexes.compile(shape), template, categories) for shape, template in pairs]


#: Longest heads first: the first pattern that matches the whole name is used.  Templates of documents are
#: in lower case: a policy's draft is title-cased as a whole, a program's is not.
PATTERNS: tuple[_Pattern, ...] = (
    *_patterns(
        _ORG,
        (r"国家(?P<x>.+)总局", "General Administration of {x}"),
        (r"国家(?P<x>.+)局", "National {x} Administration"),
        (r"国家(?P<x>.+)委员会", "National {x} Commission"),
        (r"(?P<x>.+)总局", "General Administration of {x}"),
        (r"(?P<x>.+)委员会", "{x} Commission"),
        (r"(?P<x>.+)办公厅", "General Office of {x}"),
        (r"(?P<x>.+)办公室", "Office of {x}"),
        (r"(?P<x>.+)研究院", "{x} Research Institute"),
        (r"(?P<x>.+)协会", "{x} Association"),
        (r"(?P<x>.+)中心", "{x} Center"),
        (r"(?P<x>.+)局", "{x} Bureau"),
        (r"(?P<x>.+)部", "Ministry of {x}"),
        (r"(?P<x>.+)司", "Department of {x}"),
        (r"(?P<x>.+)署", "{x} Administration"),
    ),
    *_patterns(
        _NAMED_THING,
        (r"(?P<x>.+)专项整治行动", "special campaign to rectify {x}"),
        (r"(?P<x>.+)专项行动", "special campaign on {x}"),
        (rf"(?P<x>.+?)(?P<n>{_NUMERAL})年行动计划", "{n}-year action plan for {x}"),
        (rf"(?P<x>.+?)(?P<n>{_NUMERAL})年行动", "{n}-year campaign on {x}"),
        (r"(?P<x>.+)行动计划", "action plan for {x}"),
        (r"(?P<x>.+)行动", "{x} campaign"),
        (r"(?P<x>.+)重大工程", "major {x} project"),
        (r"(?P<x>.+)工程", "{x} project"),
        (r"(?P<x>.+)试点示范", "{x} pilot and demonstration program"),
        (r"(?P<x>.+)试点", "{x} pilot program"),
        (r"(?P<x>.+)示范区", "{x} demonstration zone"),
        (r"(?P<x>.+)示范基地", "{x} demonstration base"),
        (r"(?P<x>.+)示范平台", "{x} demonstration platform"),
        (r"(?P<x>.+)活动", "{x} activities"),
        (r"(?P<x>.+)暂行规定", "interim provisions on {x}"),
        (r"(?P<x>.+)规定", "provisions on {x}"),
        (r"(?P<x>.+)管理办法", "measures for the administration of {x}"),
        (r"(?P<x>.+)办法", "measures for {x}"),
        (r"(?P<x>.+)条例", "regulations on {x}"),
        (r"(?P<x>..+)法", "{x} law"),
        (r"(?P<x>.+)指导意见", "guiding opinions on {x}"),
        (r"(?P<x>.+)意见", "opinions on {x}"),
        (r"(?P<x>.+)通知", "notice on {x}"),
        (r"(?P<x>.+)决定", "decision on {x}"),
        (r"(?P<x>.+)实施方案", "implementation plan for {x}"),
        (r"(?P<x>.+)方案", "plan for {x}"),
        (r"(?P<x>.+)发展规划", "{x} development plan"),
        (r"(?P<x>.+)规划", "{x} plan"),
        (r"(?P<x>.+)纲要", "outline of {x}"),
        (r"(?P<x>.+)指南", "guidelines for {x}"),
        (r"(?P<x>.+)规范", "specification for {x}"),
        (r"(?P<x>.+)若干政策", "several policies for {x}"),
        (r"(?P<x>.+)若干措施", "several measures for {x}"),
        (r"(?P<x>.+)手册", "{x} handbook"),
        (r"(?P<x>.+)协定", "{x} agreement"),
        (r"(?P<x>.+)战略", "{x} strategy"),
        (r"(?P<x>.+)计划", "{x} plan"),
    ),
    # indicators as the statistical bulletins' English writes them (the thesaurus's INDICATOR concepts)
    *_patterns(
        _INDICATOR,
        (r"(?P<x>.+)占(?P<y>.+)的?比重", "share of {x} in {y}"),
        (r"(?P<x>.+)增加值", "value added of {x}"),
        (r"(?P<x>.+)利润总额", "total profits of {x}"),
        (r"(?P<x>.+)营业收入", "operating revenue of {x}"),
        (r"(?P<x>.+)人均可支配收入", "per capita disposable income of {x}"),
        (r"(?P<x>.+)产量", "output of {x}"),
        (r"(?P<x>.+)总数", "total number of {x}"),
        (r"(?P<x>.+)总量", "total volume of {x}"),
        (r"(?P<x>.+)总额", "total {x}"),
        (r"(?P<x>.+)均价", "average price of {x}"),
        (r"(?P<x>.+)普及率", "{x} penetration rate"),
        (r"(?P<x>.+)投资", "investment in {x}"),
        (r"规模以上(?P<x>.+)", "{x} above designated size"),
    ),
)

#: Words whose first CC-CEDICT sense is not the one a name uses them in (全国 "whole nation", 我国 "our country"),
#: and the few single characters that modify or head a name with one meaning (新 new, 率 rate).
NAME_SENSES = {
    "全国": "national", "我国": "China's", "地方": "local", "城镇": "urban", "农村": "rural",
    "中小": "small and medium", "新": "new", "高": "high", "低": "low", "率": "rate",
    "和": "and", "与": "and", "及": "and",
}  # fmt: skip

#: Qualifiers that documents carry in parentheses after their title.
QUALIFIERS = {"草案": "Draft", "试行": "Trial", "征求意见稿": "Draft for Comment", "修订": "Revised", "暂行": "Interim"}

_QUALIFIED = regexes.compile(r"(?P<x>.+?)\s*[（(](?P<q>[^（）()]+)[）)]")
_YEARS = regexes.compile(r"(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})年?")
_PRC = "中华人民共和国"
_FIVE_YEAR_PLAN = regexes.compile(rf"[“\"]?(?P<n>{_NUMERAL})五[”\"]?(?!年)(?P<x>.*?)(?:规划|计划)(?P<outline>纲要)?")
_PUNCTUATION = {
    "、": ",", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "《": '"', "》": '"',
    "“": '"', "”": '"', "「": '"', "」": '"', "—": "–", "－": "-", "·": " ", "．": ".",
}  # fmt: skip
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
#: Words a title keeps in lower case unless they begin it.
_MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
_TITLE_CATEGORIES = frozenset({"ORG", "POLICY"})
_HAN = regexes.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: A name split into runs of Chinese characters and runs of anything else.
_RUNS = regexes.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+")
#: Outside Chinese runs: Latin words and numbers stay whole, punctuation is one token each.
_NON_HAN_TOKEN = regexes.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-]*|\S")
_SYLLABLE_NEEDS_APOSTROPHE = regexes.compile(r"^[aoe]")
#: Words of a dictionary sense that explains a word rather than naming its meaning.
_EXPLANATION = regexes.compile(r"\b(?:a|an|the|of|to|one's|oneself|sb|sth|etc)\b", re.IGNORECASE)


class EnglishDrafter:
    """Compose draft English names from the thesaurus's English, name patterns and CC-CEDICT."""

    def __init__(self, thesaurus: Thesaurus, dictionary: Cedict) -> None:
        self.dictionary = dictionary
        self._known = _known_english(thesaurus)
        self._lengths = sorted({len(word) for word in (*self._known, *dictionary.headwords())})
        self._hidden: frozenset[str] = frozenset()

    def __call__(self, name: str, category: str, hidden: frozenset[str] = frozenset()) -> Draft:
        """The draft English of ``name`` (either script), a concept of ``category``.

        ``hidden`` are thesaurus labels (Simplified keys) to draft as if the
        thesaurus did not have them: how ``bench/english.py`` measures drafts
        against the official English of the concepts that have one.
        """
        name = "".join(character for character in to_simplified(name) if character.isprintable()).strip()
        bases: list[str] = []
        self._hidden = hidden
        try:
            if category == "PERSON":
                text = self._person(name, bases)
            else:
                text = self._compose(name, category, bases)
                if category in _TITLE_CATEGORIES:
                    text = title_case(text)
            if _HAN.search(text):
                raise _Refused(f"{''.join(_HAN.findall(text))} would stay Chinese in the English")
        except _Refused as refused:
            return Draft("", str(refused))
        finally:
            self._hidden = frozenset()
        return Draft(text, "; ".join(dict.fromkeys(bases)))

    def _thesaurus(self, key: str) -> str | None:
        """The curated English of a label, unless it is hidden."""
        return None if key in self._hidden else self._known.get(key)

    def _compose(self, name: str, category: str, bases: list[str]) -> str:
        key = surface_key(name)
        for form in (key, _PRC + key):  # titles are often cited without the 中华人民共和国 of their full form
            english = self._thesaurus(form)
            if english is not None:
                bases.append("thesaurus")
                return english
        for step in (self._qualified, self._prc, self._five_year_plan, self._pattern):
            text = step(name, category, bases)
            if text:
                return text
        return self._gloss(name, bases)

    def _qualified(self, name: str, category: str, bases: list[str]) -> str | None:
        match = _QUALIFIED.fullmatch(name)
        if not match:
            return None
        qualifier = match["q"].strip()
        years = _YEARS.fullmatch(qualifier)
        if years:
            english = f"{years[1]}–{years[2]}"
        elif not _HAN.search(qualifier):  # an acronym or a code: (PMI), (2021)
            english = qualifier
        else:
            english = QUALIFIERS.get(qualifier) or self._gloss(qualifier, bases)
        bases.append("pattern X（Q）")
        base = self._compose(match["x"], category, bases)
        return base if base.endswith(f"({english})") else f"{base} ({english})"

    def _prc(self, name: str, category: str, bases: list[str]) -> str | None:
        rest = name.removeprefix(_PRC)
        if rest == name or not rest:
            return None
        bases.append(f"pattern {_PRC}X")
        return f"{self._compose(rest, category, bases)} of the People's Republic of China"

    def _five_year_plan(self, name: str, category: str, bases: list[str]) -> str | None:
        match = _FIVE_YEAR_PLAN.fullmatch(name)
        if not match:
            return None
        bases.append("pattern “N五”X规划")
        plan = f"{ordinal(int(parse_numeral(match['n'])))} Five-Year Plan"
        if match["x"]:
            plan += f" for {self._compose(match['x'], category, bases)}"
        return f"Outline of the {plan}" if match["outline"] else plan

    def _pattern(self, name: str, category: str, bases: list[str]) -> str | None:
        for pattern in PATTERNS:
            if pattern.categories is not None and category not in pattern.categories:
                continue
            match = pattern.shape.fullmatch(name)
            if not match:
                continue
            bases.append(pattern.basis)
            parts = {
                group: number_word(int(parse_numeral(match[group])))
                if group == "n"
                else self._compose(match[group].removesuffix("的"), category, bases)
                for group in pattern.shape.groupindex
            }
            return pattern.template.format(**parts)
        return None

    def _gloss(self, text: str, bases: list[str]) -> str:
        """Each longest known word of the Chinese runs of ``text`` in English; Latin words and numbers as written.

        Raises :class:`_Refused` at the first part with no reliable English.
        """
        tokens: list[str] = []
        runs = [(run, self._words(run) if _HAN.match(run) else None) for run in _RUNS.findall(text)]
        alone = sum(len(words) for _, words in runs if words is not None) == 1
        for run, words in runs:
            if words is None:
                tokens.extend(_NON_HAN_TOKEN.findall(run))
                continue
            for word in words:
                english = self._thesaurus(word)
                if english is not None:
                    bases.append("thesaurus")
                    tokens.append(english)
                    continue
                if word in NAME_SENSES:
                    tokens.append(NAME_SENSES[word])
                    bases.append("name sense")
                    continue
                tokens.append(self._word_gloss(word, alone))
                bases.append("CC-CEDICT gloss")
        if not bases:
            bases.append("as written")
        return join_words(tokens)

    def _words(self, run: str) -> list[str]:
        """``run`` cut into the longest thesaurus labels and CC-CEDICT headwords, left to right (a character
        neither knows stands alone)."""
        words, position = [], 0
        while position < len(run):
            fitting = self._lengths[: bisect_right(self._lengths, len(run) - position)]  # the lengths that fit
            for length in reversed(fitting):
                word = run[position : position + length]
                if length == 1 or (word in self._known and word not in self._hidden) or word in self.dictionary:
                    break
            words.append(word)
            position += len(word)
        return words

    def _word_gloss(self, word: str, alone: bool) -> str:
        """The CC-CEDICT English of one word of a name, or :class:`_Refused` if it has none a name can use.

        A verb makes a clause, not a name; a sense that explains rather than
        translates (涨幅 "extent of a rise", 脱贫 "lift oneself out of
        poverty") makes salad beside other words, so it is used only alone.
        """
        if len(word) == 1:
            if word in _NUMERALS:
                return number_word(int(parse_numeral(word)))
            raise _Refused(f"{word} is a single character with no reliable gloss")
        sense = self.dictionary.sense(word)
        if sense is None:
            raise _Refused(f"{word} has no usable CC-CEDICT sense")
        english, verb = sense
        if verb:
            raise _Refused(f"{word} is a verb ('to {english}'): a clause, not a name")
        if not alone and _EXPLANATION.search(english):
            raise _Refused(f"{word} is explained, not translated ('{english}')")
        return english

    def _person(self, name: str, bases: list[str]) -> str:
        """A Chinese name in pinyin, surname first; foreign names transcribed (·-separated) part by part.

        The surname is read as a surname (曾 Zeng, 单 Shan, 欧阳 Ouyang), the
        given name by each character's common reading.
        """
        bases.append("pinyin (CC-CEDICT)")
        name = "".join(name.split())
        if "·" in name or len(name) < 2:
            return " ".join(_word(self._readings(part)).capitalize() for part in name.split("·") if part)
        compound = self.dictionary.surname(name[:2]) if len(name) > 2 else None
        cut = 2 if compound else 1
        surname = compound or self.dictionary.surname(name[0])
        family = surname.syllables() if surname else self._readings(name[:cut])
        if not family or _HAN.search(name) is None:
            raise _Refused(f"{name} is not a Chinese name")
        return f"{_word(family).capitalize()} {_word(self._readings(name[cut:])).capitalize()}"

    def _readings(self, text: str) -> list[str]:
        """The common pinyin of each character; a character the dictionary lacks stands for itself."""
        return [self.dictionary.reading(character) or character for character in text]


def _word(syllables: list[str]) -> str:
    """Syllables written as one word, with an apostrophe where one would run into the last (Xi'an)."""
    word = ""
    for syllable in syllables:
        syllable = syllable.lower()
        if word and _SYLLABLE_NEEDS_APOSTROPHE.match(syllable):
            word += "'"
        word += syllable
    return word


@cache
def default_drafter() -> EnglishDrafter:
    """The drafter over the bundled thesaurus and the shipped CC-CEDICT, built once per process."""
    return EnglishDrafter(default_thesaurus(), default_cedict())


def draft_all(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Draft]:
    """The default drafter's draft of each ``(name, category)``, made ahead of the rows that show them.

    A build knows the names of its concepts without English once the last
    document is in (:attr:`kg.corpus.Assembler.unnamed`), and drafts them
    in a forked copy of itself, which has loaded CC-CEDICT while the
    documents were extracted, as the build assembles the corpus and reads
    the page's facts from its vocabulary store (:mod:`kg.forked`).
    """
    drafter = default_drafter()
    return {(name, category): drafter(name, category) for name, category in names}


class Drafted:
    """A drafter that gives the drafts ``made`` ahead (:func:`draft_all`, in a forked copy of a build), and
    drafts any other name itself: the same drafts either way, as the default drafter depends on nothing but
    the name and the category."""

    def __init__(self, made: Mapping[tuple[str, str], Draft]) -> None:
        self._made = made

    def __call__(self, name: str, category: str) -> Draft:
        draft = self._made.get((name, category))
        return draft if draft is not None else default_drafter()(name, category)


def ordinal(number: int) -> str:
    """``14`` → ``"14th"``, ``1`` → ``"1st"``, ``12`` → ``"12th"``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def number_word(number: int) -> str:
    """A count as English writes it in a name: words up to ten (``three``), digits beyond."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def title_case(text: str) -> str:
    """Capitalize the words of a name, except minor words inside it and words already capitalized."""
    words = text.split(" ")
    return " ".join(
        word if (index and word in _MINOR_WORDS) or not word[:1].islower() else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def join_words(tokens: list[str]) -> str:
    """English words and punctuation joined with spaces where English puts them."""
    out = ""
    open_quote = False
    for token in tokens:
        token = _PUNCTUATION.get(token, token)
        if not token.strip() or not token.isprintable():
            continue
        if token == '"':
            open_quote = not open_quote
            out += (" " if out and open_quote else "") + token
            continue
        glue = not out or out.endswith(("(", "-", "/")) or (open_quote and out.endswith('"'))
        if token in {",", ";", ":", ")", ".", "%"} or glue:
            out += token
        else:
            out += " " + token
    return out.strip()


def _known_english(thesaurus: Thesaurus) -> dict[str, str]:
    """Each Chinese label (Simplified key) of a thesaurus concept that has English, and that English.

    Ambiguous concepts and labels made of numerals only (十五: fifteen, or the
    10th five-year plan?) are left out, as the recognizer leaves them out.
    """
    known: dict[str, str] = {}
    for concept in thesaurus.concepts.values():
        english = next((label for lang, label in concept.pref.items() if lang.lower().startswith("en")), None)
        if english is None or concept.ambiguous:
            continue
        for form in concept.zh_forms():
            key = surface_key(form)
            if key and not re.fullmatch(rf"{_NUMERAL}|[0-9]+", key):
                known.setdefault(key, english)
    return known
