"""The numeral parser gives exact values for every notation press releases use."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text.numerals import parse_numeral

DIGIT_CHARS = "零一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def render_below_myriad(n: int, two: str) -> str:
    """1..9999 in standard Chinese: inner zeros collapse to one 零, trailing zeros vanish."""
    out, pending_zero = [], False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        word = two if digit == 2 and unit in ("千", "百") else DIGIT_CHARS[digit]
        out.append(word + unit)
    return "".join(out)


def render_chinese(n: int, two: str = "二") -> str:
    """A test-side renderer: myriad groups (万) inside 亿 groups, 零 where a group is short."""
    if n < 10**4:
        return render_below_myriad(n, two) if n else "零"
    for size, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            joint = "零" if 0 < low < size // 10 else ""
            return render_chinese(high, two) + unit + joint + (render_chinese(low, two) if low else "")
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("24.5", "24.5"),
        ("1,862", "1862"),
        ("２４.５", "24.5"),
        ("15.92億", "1592000000"),
        ("29萬", "290000"),
        ("百萬", "1000000"),
        ("兩千三百萬", "23000000"),
        ("一千零五", "1005"),
        ("十二", "12"),
        ("二〇二一", "2021"),
        ("24兆9310億", "24931000000000"),
        ("11.67万亿", "11670000000000"),
        ("3千", "3000"),
        ("一亿五千万", "150000000"),
        ("三千八百五十六亿", "385600000000"),
        ("十四点一", "14.1"),
        ("三千五", "3500"),
        ("一百零一", "101"),
    ],
)
def test_values_of_the_notations_in_the_corpus(numeral: str, value: str) -> None:
    assert parse_numeral(numeral) == Decimal(value)


@pytest.mark.parametrize("numeral", ["十四五", "1,86", "亿万", "万亿万", "", "5G", "十百"])
def test_names_and_malformed_numerals_are_rejected(numeral: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(numeral)


@given(st.integers(min_value=0, max_value=10**16 - 1), st.sampled_from("二两"))
def test_chinese_numerals_round_trip(n: int, two: str) -> None:
    assert parse_numeral(render_chinese(n, two)) == n


@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_traditional_multipliers_equal_simplified_ones(n: int) -> None:
    simplified = render_chinese(n)
    traditional = simplified.translate(str.maketrans("万亿两", "萬億兩"))
    assert parse_numeral(traditional) == parse_numeral(simplified)


@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=4),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("萬", 10**4), ("億", 10**8), ("万亿", 10**12)]),
)
def test_arabic_with_a_multiplier_is_exact(digits: int, places: int, scale: tuple[str, int]) -> None:
    number = Decimal(digits).scaleb(-places)
    word, factor = scale
    assert parse_numeral(f"{number}{word}") == number * factor


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_taiwan_zhao_groups_add_up(trillions: int, hundred_millions: int) -> None:
    assert parse_numeral(f"{trillions}兆{hundred_millions}億") == trillions * 10**12 + hundred_millions * 10**8


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_thousands_separators_and_full_width_digits(n: int, cents: int) -> None:
    written = f"{n:,}.{cents:02d}"
    expected = Decimal(f"{n}.{cents:02d}")
    assert parse_numeral(written) == expected
    assert parse_numeral(written.translate(FULL_WIDTH)) == expected


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿兆0123456789.,点", max_size=12))
def test_anything_numeral_like_parses_or_raises_value_error(text: str) -> None:
    try:
        value = parse_numeral(text)
    except ValueError:
        return
    assert value >= 0
