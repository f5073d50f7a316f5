"""Chinese numerals -> numbers: 二千, 兩千, 一萬五千, 二〇二四, 28億, 1,000萬, 3.5萬, 四百 点 五.

Only ever applied to spans the Chinese extractor has already matched (never to
running text), so idioms such as 一國兩制 are never rewritten.  Values are
:class:`~decimal.Decimal` so that "4.78萬億" stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

#: Digit characters, including the financial (大寫) forms and the zeros 零 / 〇 / ○.
DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "貳": 2,
    "贰": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陸": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
#: The financial (大寫) digits: alone, they are usually part of another word (登陆, 入伍, 收拾).
FORMAL_DIGITS = frozenset("壹貳贰叁參肆伍陸陆柒捌玖拾佰仟")
#: Units below ten thousand.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Myriad scales: 萬 = 10^4, 億 = 10^8, 兆 = 10^12 (the Traditional / Japanese reading).
BIG_UNITS: dict[str, int] = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}
#: "Some" inside a numeral (二十幾萬, 五百余萬, 500多億): the value is read without it, as a lower bound.
APPROX = "几幾余餘多"
POINTS = "点點"
MINUS = "负負-−－"
ZEROS = "零〇○"

#: Larger values are not figures (4.78萬億 = 4.78e12 is; a 40-digit run is not).
MAX_VALUE = Decimal(10) ** 18

DIGIT_CLASS = "".join(DIGITS)
SMALL_CLASS = "".join(SMALL_UNITS)
BIG_CLASS = "".join(BIG_UNITS)

_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|\.\d+|[{DIGIT_CLASS}{SMALL_CLASS}{BIG_CLASS}]")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A parsed numeral: its value, how it was written and what its rounding unit is."""

    value: Decimal
    #: "digits" (2,000), "mixed" (3.5萬) or "words" (二千).
    form: str
    #: Half the rounding unit in the number's own units (2,000 -> 50; 3.5萬 -> 500; 二千 -> 50).
    half_unit: float
    #: Written with 几/餘/多 inside (二十幾萬): read as "more than".
    approximate: bool = False
    #: A digit-by-digit string of Chinese digits (二〇二四, 九九).
    digit_string: bool = False
    #: Contains at least one digit character (not only units such as 千萬 or 十).
    has_digit: bool = True


def _half_unit(written: str, scale: int = 1) -> float:
    # Imported here to keep this module free of the interval policy's other names.
    from factcheck.extract.intervals import rounding_half_unit

    return rounding_half_unit(written, float(scale))


def _section(tokens: list[str]) -> Decimal | None:
    """A numeral below 萬 (十, 一百五十二, 两千四百五, 5千4百, 1千零20); None if malformed."""
    total = Decimal(0)
    number: Decimal | None = None
    number_is_cn_digit = False
    last_unit: int | None = None
    zero_since_unit = False
    previous_was_number = False
    for token in tokens:
        if token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            if last_unit is not None and unit >= last_unit and number is None:
                return None  # 十百, 百百
            if last_unit is not None and unit >= last_unit and not zero_since_unit and number is not None:
                return None  # 五百三百
            total += (number if number is not None else Decimal(1)) * unit
            number = None
            last_unit = unit
            zero_since_unit = False
            previous_was_number = False
        elif token in ZEROS:
            zero_since_unit = True
            previous_was_number = False
            if number is not None:
                return None
        else:
            if previous_was_number:
                return None  # two numbers in a row: a digit string, not a section
            if token in DIGITS:
                number = Decimal(DIGITS[token])
                number_is_cn_digit = True
            else:
                number = Decimal(token.replace(",", ""))
                number_is_cn_digit = False
            previous_was_number = True
    if number is not None:
        if last_unit is not None and last_unit >= 100 and not zero_since_unit and number_is_cn_digit:
            # 两千四百五 = 2450, 一百五 = 150: a trailing digit abbreviates the next unit down.
            total += number * last_unit // 10
        else:
            total += number
    return total


def _integer(tokens: list[str], top: bool = True) -> Decimal | None:
    """Value of a token list with myriad scales, split recursively at the largest scale."""
    if not tokens:
        return None if top else Decimal(0)
    bigs = [(BIG_UNITS[token], index) for index, token in enumerate(tokens) if token in BIG_UNITS]
    if not bigs:
        return _section(tokens)
    largest = max(scale for scale, _index in bigs)
    split = max(index for scale, index in bigs if scale == largest)
    left, right = tokens[:split], tokens[split + 1 :]
    left_value = _integer(left)
    if left_value is None or left_value == 0:
        return None  # 萬 alone, 萬一
    if len(right) == 1 and right[0] in DIGITS and right[0] not in ZEROS:
        # 一萬五 = 15,000; 九万四 = 94,000.
        right_value: Decimal | None = Decimal(DIGITS[right[0]]) * largest // 10
    else:
        if right and right[0] in ZEROS:
            right = right[1:]
        right_value = _integer(right, top=False)
    if right_value is None or right_value >= largest:
        return None
    return left_value * largest + right_value


@lru_cache(maxsize=4096)
def parse(written: str) -> Numeral | None:
    """Parse a matched numeral span; None when it is not a well-formed number (memoised: a pure function of the
    span, and documents repeat their figures)."""
    text = written.replace(" ", "").replace("\u3000", "")
    if not text:
        return None
    negative = text[0] in MINUS
    if negative:
        text = text[1:]
    approximate = any(char in APPROX for char in text)
    text = "".join(char for char in text if char not in APPROX)
    fraction = ""
    for point in POINTS:
        if point in text:
            text, fraction = text.split(point, 1)
            break
    if not text:
        return None
    has_digit = any(char in DIGITS or char.isdigit() for char in text)
    cn_chars = sum(1 for char in text if not char.isdigit() and char not in ",.")
    latin_chars = len(text) - cn_chars
    form = "digits" if cn_chars == 0 else ("words" if latin_chars == 0 else "mixed")
    digit_string = False
    if form == "digits":
        if not _ARABIC.fullmatch(text):
            return None
        integer = Decimal(text.replace(",", ""))
        half = _half_unit(text)
    elif all(char in DIGITS for char in text) and len(text) > 1:
        # 二〇二四, 一九九七: read digit by digit.
        integer = Decimal("".join(str(DIGITS[char]) for char in text))
        digit_string = True
        half = 0.5
    else:
        tokens = _TOKEN.findall(text)
        if "".join(tokens) != text:
            return None
        parsed = _integer(tokens)
        if parsed is None:
            return None
        integer = parsed
        half = _half_unit_of_scaled(tokens, integer)
    value = integer
    if fraction:
        if fraction.isdigit() and fraction.isascii():
            digits = fraction
        elif all(char in DIGITS for char in fraction):
            digits = "".join(str(DIGITS[char]) for char in fraction)
        else:
            return None
        try:
            value = integer + Decimal("0." + digits)
        except InvalidOperation:
            return None
        half = 0.5 * 10.0 ** (-len(digits))
    if abs(value) >= MAX_VALUE:
        return None  # a digit run, not a figure (and past what a float holds exactly)
    if negative:
        value = -value
    return Numeral(value, form, half, approximate, digit_string, has_digit)


def _half_unit_of_scaled(tokens: list[str], value: Decimal) -> float:
    """Rounding of 3.5萬 (500), 1,000萬 (50 萬 -> 500,000 as 2 significant figures), 二千 (50)."""
    if len(tokens) == 2 and tokens[1] in BIG_UNITS and _ARABIC.fullmatch(tokens[0]):
        return _half_unit(tokens[0], BIG_UNITS[tokens[1]])
    return _half_unit(str(int(value)))


def to_number(value: Decimal) -> int | float:
    """A plain int when integral, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
