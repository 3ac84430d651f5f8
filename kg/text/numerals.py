"""Exact values of numerals as Chinese official text writes them.

Press releases mix three notations, often in one number: Arabic digits
(``1,862``, ``24.5``, full-width ``２４.５``), Chinese numerals (``两千三百万``,
``一千零五``, ``百分之十四点一`` in older reports) and Arabic digits scaled by
Chinese multipliers (``15.92亿``, ``3千``, ``24兆9310亿``).  Values are returned
as :class:`~decimal.Decimal` so that ``15.92亿`` is exactly ``1592000000``:
figures are compared with gold values to a relative 1e-6 and a float product
would drift.

Multipliers follow the Chinese grouping by myriads: 万 = 10^4, 亿 = 10^8 and
兆 = 10^12 (the Taiwan and Traditional reading; mainland text says 万亿, which
is parsed as 万 × 亿).  A multiplier applies to everything before it that is
smaller than itself, so ``一亿五千万`` is 1.5 × 10^8 and ``11.67万亿`` is
1.167 × 10^13.  Both scripts are accepted (萬/万, 億/亿, 兩/两).
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg import regexes

__all__ = ["parse_numeral"]

#: Chinese digits, including the financial forms and Traditional 兩.
_DIGITS = {
    **dict.fromkeys("零〇", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二两兩贰貳", 2),
    **dict.fromkeys("三叁參", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_SMALL_UNITS = {**dict.fromkeys("十拾", 10), **dict.fromkeys("百佰", 100), **dict.fromkeys("千仟", 1000)}
_BIG_UNITS = {**dict.fromkeys("万萬", 10**4), **dict.fromkeys("亿億", 10**8), "兆": 10**12}
#: Every character that scales a number: 十 百 千 万 亿 兆 (both scripts).
_MULTIPLIERS = {**_SMALL_UNITS, **_BIG_UNITS}

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TOKEN = regexes.compile(rf"{_ARABIC}|.", re.S)
_DECIMAL_POINT = "点點"


def parse_numeral(text: str) -> Decimal:
    """The exact value of a numeral such as ``15.92亿``, ``两千三百万`` or ``1,862``.

    A run of bare Chinese digits is read positionally (``二〇二一`` → 2021), so
    a year written in Chinese gets its number; telling a year from a quantity
    is the caller's business.  Raises :class:`ValueError` on anything that is
    not one well-formed numeral (``十四五``, ``1,86``, ``万亿万``).
    """
    text = text.translate(_FULL_WIDTH).strip()
    if not text:
        raise ValueError("empty numeral")
    for point in _DECIMAL_POINT:
        if point in text:
            whole, _, fraction = text.partition(point)
            return _parse_integer_part(whole) + _parse_chinese_fraction(fraction)
    return _parse_integer_part(text)


def _parse_chinese_fraction(digits: str) -> Decimal:
    """``五`` after 点 → 0.5: decimal places are always spelled digit by digit."""
    if not digits or any(ch not in _DIGITS for ch in digits):
        raise ValueError(f"not a decimal fraction: {digits!r}")
    return Decimal("0." + "".join(str(_DIGITS[ch]) for ch in digits))


def _tokens(text: str) -> list[str]:
    tokens = _TOKEN.findall(text)
    for token in tokens:
        if not (token[0].isdigit() or token in _DIGITS or token in _MULTIPLIERS):
            raise ValueError(f"not a numeral: {text!r}")
    return tokens


def _parse_integer_part(text: str) -> Decimal:
    tokens = _tokens(text)
    if len(tokens) > 1 and all(token in _DIGITS for token in tokens):
        return Decimal("".join(str(_DIGITS[token]) for token in tokens))
    return _Accumulator().feed_all(tokens)


class _Accumulator:
    """Left-to-right reading of digits and multipliers.

    ``section`` collects the part below the current myriad (三千四百 → 3400);
    a big multiplier multiplies the section together with every finished
    group smaller than itself (``groups`` holds ``(amount, magnitude)``),
    which is what makes 万亿 a compound and 一亿五千万 a sum.
    """

    def __init__(self) -> None:
        self.groups: list[tuple[Decimal, int]] = []
        self.section = Decimal(0)
        self.number: Decimal | None = None
        self.last_small = 10**4  # small units must descend within a section
        self.last_unit = 0  # magnitude of the last multiplier, for 三千五 → 3500
        self.after_zero = False
        self.seen = 0

    def feed_all(self, tokens: list[str]) -> Decimal:
        for token in tokens:
            self.feed(token)
            self.seen += 1
        return self.total()

    def feed(self, token: str) -> None:
        if token[0].isdigit() or token in _DIGITS:
            self._digit(token)
        elif token in _SMALL_UNITS:
            self._small_unit(_SMALL_UNITS[token])
        else:
            self._big_unit(_BIG_UNITS[token])

    def _digit(self, token: str) -> None:
        if self.number is not None:
            raise ValueError("two numbers without a multiplier between them")
        if token in _DIGITS and _DIGITS[token] == 0:
            self.after_zero = True
            return
        self.number = Decimal(token.replace(",", "")) if token[0].isdigit() else Decimal(_DIGITS[token])

    def _small_unit(self, unit: int) -> None:
        if unit >= self.last_small:
            raise ValueError("small multipliers out of order")
        self.section += (self.number if self.number is not None else 1) * unit
        self.number, self.last_small, self.last_unit, self.after_zero = None, unit, unit, False

    def _big_unit(self, unit: int) -> None:
        amount = self.section + (self.number or 0)
        merged = False
        while self.groups and self.groups[-1][1] < unit:
            amount += self.groups.pop()[0]
            merged = True
        if amount == 0 and not merged:
            if self.seen:
                raise ValueError("a multiplier with nothing to multiply")
            amount = Decimal(1)  # a leading bare 万 is one myriad
        self.groups.append((amount * unit, unit))
        self.section, self.number, self.last_small = Decimal(0), None, 10**4
        self.last_unit, self.after_zero = unit, False

    def total(self) -> Decimal:
        number = self.number or Decimal(0)
        if self.number is not None and self.last_unit >= 10 and not self.after_zero and number < 10:
            number *= self.last_unit // 10  # 三千五 is 3500, 一万二 is 12000
        return sum((amount for amount, _ in self.groups), Decimal(0)) + self.section + number
