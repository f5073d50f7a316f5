"""Find figures and dates in normalised Chinese text.

The matcher of Chinese extraction (:mod:`factcheck.extract.zh`): anchored
regular expressions find a numeral, then read what is written around it (a
qualifier before, a measure word, unit, currency, 年/月/日 or 周年 after).  It
works on a *view* of the text (see :func:`make_view`): full-width digits are
ASCII, and a line break inside a Chinese sentence is removed, so "科\\n技園"
and "2,\\n000" read as written.  Offsets map back to the original through the
view's offset table; nothing here knows about documents or claims.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from factcheck.extract import zh_numerals as numerals
from factcheck.extract.records import replace
from factcheck.extract.zh_patterns import (
    CONTEXT_YEARS,
    DOCUMENT_YEARS,
    DURATIONS,
    FOUNDING_AFTER,
    FOUNDING_BEFORE,
    IDIOMS,
    MEASURE_WORDS,
    NOT_DISCOUNT,
    NOT_GRAM,
    NOT_LITRE,
    NOT_METRE,
    NOT_TENTHS,
    NOT_YUAN,
    NOUN_MEASURE_WORDS,
    NOUN_STOP_WORDS,
    NOUN_STOPS,
    ORDINAL_WORDS,
    PERIODS,
    PREFIX_QUALIFIERS,
    QUALIFIER_LINKS,
    SHARE_WORDS,
    SUFFIX_QUALIFIERS,
    TIME_FUNCTION_CHARS,
    TOTAL_WORDS,
)
from factcheck.extract.zh_units import CURRENCY_PREFIXES, CURRENCY_SUFFIXES, UNITS


# ---------------------------------------------------------------------------------------------
# The view: normalised text with a map back to document offsets
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class View:
    """Normalised text of a span; ``offsets[i]`` is the document offset of ``text[i]``."""

    text: str
    #: A ``range`` when the view is the span character for character (no list of a million ints).
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of the view span [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


_FULL_WIDTH_DIGITS = {chr(0xFF10 + digit): str(digit) for digit in range(10)}
_FULL_WIDTH_SIGNS = {"％": "%", "＄": "$", "～": "~", "／": "/", "－": "-", "\u3000": " "}


_FULL_WIDTH_TABLE = str.maketrans({**_FULL_WIDTH_DIGITS, **_FULL_WIDTH_SIGNS})
#: ４，５６５ and １．０７５３: full-width separators between digits.
_DIGIT_SEPARATOR = re.compile(r"(?<=[0-9\uff10-\uff19])[，．](?=[0-9\uff10-\uff19])")


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9" or "\uff10" <= char <= "\uff19"


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef]+")


def make_view(text: str, start: int, end: int) -> View:
    """The view of ``text[start:end]`` (``text`` is ``Document.text``: markup already blanked).

    URLs are blanked too ("?q=30%25" states no percentage).
    """
    urls = [(match.start(), match.end()) for match in _URL.finditer(text, start, end)]
    if not urls and text.find("\n", start, end) == -1:
        # One line and no URL (most of a long one-line text): character for character, without a Python loop.
        view = _DIGIT_SEPARATOR.sub(lambda match: "," if match.group() == "，" else ".", text[start:end])
        return View(view.translate(_FULL_WIDTH_TABLE), range(start, end + 1))
    chars: list[str] = []
    offsets: list[int] = []
    index = start
    while index < end:
        char = text[index]
        if urls and urls[0][0] <= index:
            if index < urls[0][1]:
                chars.append(" ")
                offsets.append(index)
                index += 1
                continue
            urls.pop(0)
            continue
        if char == "\n":
            # A blank line ends a paragraph: keep it as one "\n" (a sentence boundary).
            look = index + 1
            while look < end and text[look] in " \t\u3000":
                look += 1
            if look < end and text[look] == "\n":
                chars.append("\n")
                offsets.append(index)
                index = look
                continue
            before = chars[-1] if chars else ""
            after = text[look] if look < end else ""
            # Inside a Chinese sentence a line break is layout only; between Latin words or numbers it is a space.
            if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
                chars.append(" ")
                offsets.append(index)
            index += 1
            continue
        if char in _FULL_WIDTH_DIGITS:
            char = _FULL_WIDTH_DIGITS[char]
        elif char in _FULL_WIDTH_SIGNS:
            char = _FULL_WIDTH_SIGNS[char]
        elif char in "，．" and chars and _is_digit(text[index - 1]) and index + 1 < end and _is_digit(text[index + 1]):
            # ４，５６５ and １．０７５３: full-width separators between digits.
            char = "," if char == "，" else "."
        chars.append(char)
        offsets.append(index)
        index += 1
    offsets.append(end)
    return View("".join(chars), tuple(offsets))


_SENTENCE_END = re.compile(r"[。！？；!?]+[」』”’）)]*|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a view: they end at 。！？； (and ! ?) or a paragraph break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# ---------------------------------------------------------------------------------------------
# What the matcher finds
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ContextDate:
    """A date whose year is not written: 同年 (the last year mentioned), 今年 (the document's), 12月31日."""

    #: "context" (the last year mentioned), "document" (the document's date) or "either" (context first).
    source: str
    offset: int = 0
    month: int | None = None
    day: int | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure or date in view offsets; numeric bounds are applied later (they need the tolerance)."""

    start: int
    end: int
    kind: str
    value: float | int | str | None
    qualifier: str = "exact"
    #: Half the rounding unit of ``value`` (numeric kinds) for :func:`intervals.bounds`.
    half_unit: float = 0.0
    below_only: bool = False
    #: Dates and years carry their interval already.
    lower: float | int | str | None = None
    upper: float | int | str | None = None
    upper_value: float | None = None  # the upper end of a range ("20至30")
    unit: str | None = None
    #: ISO code; "" means 元 / $ written alone (resolved from the document's context).
    currency: str | None = None
    base_value: float | None = None
    base_unit: str | None = None
    metric: str | None = None
    measure_word: str | None = None
    flags: tuple[str, ...] = ()
    #: A year, month and day this figure states (for 同年 and as-of resolution).
    year: int | None = None
    #: Set when the year comes from context (同年, 年底, 12月31日).
    context: ContextDate | None = None
    #: "digits", "mixed" or "words".
    form: str = "digits"
    #: The numeral itself (view offsets), inside [start, end).
    number_start: int = 0
    number_end: int = 0


# ---------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------
def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\d.])\.\d+"
_CN_CHARS = numerals.DIGIT_CLASS + numerals.SMALL_CLASS + numerals.BIG_CLASS
_ELEMENT = rf"(?:{_ARABIC}|[{_CN_CHARS}]|[几幾余餘多](?=\s?[{numerals.SMALL_CLASS}{numerals.BIG_CLASS}]))"
_POINT = rf"(?:\s?[点點]\s?(?:\d+|[{numerals.DIGIT_CLASS}]+))"
# "-" after a figure or a date ("5-20%", "6月1日-6月30日") is a range dash, not a minus sign.
_NUMERAL_TEXT = rf"(?:[负負]|(?<![0-9A-Za-z.\-日月年號号%])-)?{_ELEMENT}(?:\s?{_ELEMENT})*{_POINT}?"
NUMERAL = re.compile(_NUMERAL_TEXT)
#: Every character a NUMERAL match can contain (signs, digits, separators, numeral characters, spaces, points).
_IN_NUMERAL = re.compile(rf"[负負\-\d,.\s{_CN_CHARS}几幾余餘多点點]")
_THOUSANDS = re.compile(r"[kK](?![A-Za-z])")
_SPACE_BETWEEN_DIGITS = re.compile(r" (?<=[\d,] )(?=\d)")  # the space first: the search skips to spaces in C

_PREFIX_QUALIFIER = re.compile(
    rf"(?P<q>{_alternation(PREFIX_QUALIFIERS)})(?:\s?(?:{_alternation(QUALIFIER_LINKS)}))?\s?$"
)
_SUFFIX_QUALIFIER = re.compile(rf"\s?(?P<q>{_alternation(SUFFIX_QUALIFIERS)})")
_CURRENCY_PREFIX = re.compile(rf"(?P<c>{_alternation(CURRENCY_PREFIXES)})\s?$")
_CURRENCY_SUFFIX = re.compile(rf"\s?(?P<c>{_alternation(CURRENCY_SUFFIXES)})")
_UNIT = re.compile(rf"\s?(?P<u>{_alternation(UNITS)})(?![A-Za-z])")
_MEASURE = re.compile(rf"\s?(?P<approx>[多餘余])?\s?(?P<m>{_alternation(MEASURE_WORDS)})")
_DURATION = re.compile(rf"\s?(?P<approx>[多餘余])?\s?(?P<d>{_alternation(DURATIONS)})(?!年)")
_ORDINAL_WORD = re.compile(rf"\s?(?P<w>{_alternation(ORDINAL_WORDS)})")
_ANNIVERSARY = re.compile(r"\s?(?P<approx>[多餘余])?\s?(?:周年|週年)")
_PERCENT_SIGN = re.compile(r"\s?%")
_PERCENT_POINTS = re.compile(r"\s*[个個]\s*百\s*分\s*[点點]")
_TENTHS = re.compile(r"\s?成")
_DISCOUNT = re.compile(r"\s?折")
_TIMES = re.compile(r"\s?倍")
_AGE = re.compile(r"\s?(?:[周週]\s?)?[歲岁]")
_APPROX_SUFFIX = re.compile(r"[多餘余](?![少])")
_YEAR_WORD = re.compile(r"\s?年(?![代級级齡龄紀纪薪息輕轻青])")
_PERIOD = re.compile(rf"\s?(?:的\s?)?(?P<p>{_alternation(PERIODS)})(?:度)?")
_PERIOD_AFTER_YEAR = re.compile(rf"\s?(?P<p>{_alternation(p for p in PERIODS if p.startswith('年'))})")
_MONTH = re.compile(rf"\s?(?P<n>\d{{1,2}}|[{numerals.DIGIT_CLASS}十]{{1,3}})\s?月(?:份|底|初|中|末)?")
_MONTH_OWN = re.compile(r"\s?月(?:份|底|初|中|末)?")
_DAY = re.compile(rf"\s?(?P<n>\d{{1,2}}|[{numerals.DIGIT_CLASS}十]{{1,3}})\s?(?P<mark>[日號号])?")
_DAY_INITIAL = re.compile(rf"\s?初(?P<n>[{numerals.DIGIT_CLASS}十])")
_RANGE_SEPARATOR = re.compile(r"\s?(?:至|到|~|-|–|—)\s?")
_ISO_DATE = re.compile(r"(?<![\d./-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d./-])")
_DAY_FIRST_DATE = re.compile(r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d./-])")
#: 2023/24年度, 2023-2024 財政年度: a fiscal or school year over two calendar years.
_FISCAL_YEAR = re.compile(
    r"(?<![\d/.-])(?P<y>\d{4})\s?[/-]\s?(?P<y2>\d{4}|\d{2})(?![\d/.-])(?P<suffix>\s?(?:財政|财政)?(?:年度|學年|学年))?"
)
#: Telephone and fax numbers: 2629 6800, +852 2629 6800, 電話：2629-6800.
_PHONE = re.compile(
    r"(?:(?:電話|电话|查詢|查询|傳真|传真|熱線|热线|Tel|Fax|TEL|FAX)\s?[:：]?\s?)(?:\+?\d[\d -]{6,}\d)"
    r"|\+\d{2,3}\s?\d{4}\s?\d{4}"
    r"|(?<![\d,.])\d{4} \d{4}(?![\d,.])"
)
_TWO_YEARS = re.compile(r"(?:19|20)\d\d (?:19|20)\d\d")
_PERCENT_PREFIX = re.compile(
    rf"(?<![{numerals.DIGIT_CLASS}\d])(?P<den>百萬|百万|百|千|萬|万)\s?分\s?之\s?(?P<num>{_NUMERAL_TEXT})"
)
_FRACTION = re.compile(
    rf"(?:(?P<whole>{_NUMERAL_TEXT})\s?又\s?)?(?P<den>{_NUMERAL_TEXT})\s*分\s*之\s*(?P<num>{_NUMERAL_TEXT})"
)
#: 3/5, -3/2 in Chinese text (dates there are written with 年月日; 2024/25 and 5/6月 are not fractions).
_SLASH_FRACTION = re.compile(
    r"(?<![\d/.])(?<!\d,)(?:(?P<whole>\d{1,3}) )?(?P<num>-?\d{1,3})/(?P<den>\d{1,3})(?![\d/.年月日號号])"
)
_CONTEXT_YEAR = re.compile(
    rf"(?P<w>{_alternation([*CONTEXT_YEARS, *DOCUMENT_YEARS])})(?:\s?(?:的\s?)?(?P<p>{_alternation(PERIODS)}))?"
)
_LONE_PERIOD = re.compile(
    rf"(?<![年每逐歷历多近數数幾几各])(?P<p>{_alternation(p for p in PERIODS if p[0] in '年上下首第')})(?:度)?"
)
_SCALED_UNITS = tuple(unit for unit in UNITS if unit[0] in numerals.SMALL_UNITS or unit[0] in numerals.BIG_UNITS)
_NOUN_STOP_WORDS = (*SUFFIX_QUALIFIERS, *NOUN_STOP_WORDS)
_IDIOM = re.compile(_alternation(IDIOMS))
_TITLE_OPEN = "《「『“〈"
_TITLE_CLOSE = "》」』”〉"
_PUNCTUATION = frozenset("，。；：、！？,.;:!?()（）《》「」『』“”‘’\"' \n")
_PERCENT_DENOMINATORS = {"百": 1, "千": 10, "萬": 100, "万": 100, "百萬": 10000, "百万": 10000}


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
def date_interval(
    year: int, month: int | None = None, day: int | None = None, period: str | None = None
) -> tuple[str, str | int, str | int, str | int] | None:
    """(kind, value, lower, upper) of a stated date; None when impossible (2月30日)."""
    if not 1 <= year <= 9999:
        return None
    if period is not None:
        first_month, first_day, last_month, last_day, precision = PERIODS[period]
        value: str = f"{year:04d}" if precision is None else f"{year:04d}-{precision:02d}"
        return (
            "date",
            value,
            f"{year:04d}-{first_month:02d}-{first_day:02d}",
            f"{year:04d}-{last_month:02d}-{last_day:02d}",
        )
    if month is None:
        return "year", year, year, year
    if not 1 <= month <= 12:
        return None
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return "date", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    try:
        iso = datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
    return "date", iso, iso, iso


def _small(text: str) -> int | None:
    """A month or day number (12, 十二, 三十一)."""
    parsed = numerals.parse(text)
    if parsed is None or parsed.value != parsed.value.to_integral_value():
        return None
    return int(parsed.value)


# ---------------------------------------------------------------------------------------------
# The matcher
# ---------------------------------------------------------------------------------------------
#: The most figures read in one sentence (``MAX_FIGURES``), and in each ``PIECE``-character piece of a sentence
#: longer than ``LONG_SENTENCE`` characters (``MAX_FIGURES_LONG``): a sentence with more is a dump of numbers
#: ("約900家，" repeated), and reading all of it would make the time follow the count of figures, not the length
#: of the text.  Real Chinese sentences are far shorter and sparser (the seeds' densest has under 20 figures).
#: The same bounds as the English pipeline's (``pipeline.MAX_ANCHORS``, ``MAX_ANCHORS_LONG``, ``LONG_SENTENCE``
#: and its pieces of at most ``MAX_CHUNK`` characters): about 8,400 figures per megabyte of such a line.
MAX_FIGURES = 48
MAX_FIGURES_LONG = 16
LONG_SENTENCE = 1_000
PIECE = 2_000


@dataclass
class _State:
    text: str
    figures: list[Figure] = field(default_factory=list)
    #: One flag per character: already part of a figure or a masked span (linear in the text, never quadratic).
    taken: bytearray = field(default_factory=bytearray)
    #: Sentence pieces (see ``MAX_FIGURES``): starts, ends, how many figures each may have and has.
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    limits: list[int] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.taken = bytearray(len(self.text))
        for start, end in sentence_spans(self.text):
            limit = MAX_FIGURES_LONG if end - start > LONG_SENTENCE else MAX_FIGURES
            for piece in range(start, end, PIECE):
                self.starts.append(piece)
                self.ends.append(min(end, piece + PIECE))
                self.limits.append(limit)
        self.counts = [0] * len(self.starts)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        self.take(figure.start, figure.end)
        index = bisect.bisect_right(self.starts, figure.start) - 1
        if index >= 0:
            self.counts[index] += 1
            if self.counts[index] >= self.limits[index]:
                self.take(self.starts[index], self.ends[index])  # full: nothing more is read in this piece


def find_figures(text: str) -> list[Figure]:
    """Every figure and date in a view's text, in text order."""
    state = _State(text)
    for mask in (_IDIOM, _PHONE):
        for match in mask.finditer(text):
            if not _TWO_YEARS.fullmatch(match.group()):  # "2023 2024" in a table is two years, not a phone
                state.take(match.start(), match.end())
    _find_separated_dates(state)
    _find_fiscal_years(state)
    _find_percent_prefixes(state)
    _find_fractions(state)
    _find_context_years(state)
    _find_numerals(state)
    _find_lone_periods(state)
    return sorted(state.figures, key=lambda figure: (figure.start, figure.end))


def _whole(match: re.Match[str], kind: str, value: float | int | str | None, **fields: Any) -> Figure:
    """A figure that is the whole of ``match`` (its numeral too)."""
    return Figure(match.start(), match.end(), kind, value, number_start=match.start(), number_end=match.end(), **fields)


def _find_fiscal_years(state: _State) -> None:
    for match in _FISCAL_YEAR.finditer(state.text):
        year, second = int(match["y"]), int(match["y2"])
        if second not in (year + 1, (year + 1) % 100) or not state.free(match.start(), match.end()):
            continue
        state.add(
            _whole(
                match,
                "date",
                f"{year:04d}",
                lower=f"{year:04d}-01-01",
                upper=f"{year + 1:04d}-12-31",
                year=year + 1,
                flags=("fiscal-year",),
            )
        )


def _find_separated_dates(state: _State) -> None:
    for pattern in (_ISO_DATE, _DAY_FIRST_DATE):
        for match in pattern.finditer(state.text):
            if not state.free(match.start(), match.end()):
                continue
            interval = date_interval(int(match["y"]), int(match["m"]), int(match["d"]))
            if interval is None:
                continue
            kind, value, lower, upper = interval
            state.add(
                _whole(
                    match,
                    kind,
                    value,
                    lower=lower,
                    upper=upper,
                    year=int(match["y"]),
                )
            )


def _prefix_qualifier(text: str, start: int) -> tuple[int, str, bool]:
    """(new start, qualifier, below_only) from a qualifier written just before ``start``."""
    window = text[max(0, start - 8) : start]
    match = _PREFIX_QUALIFIER.search(window)
    if match is None:
        return start, "exact", False
    word = match["q"]
    begin = start - len(window) + match.start()
    # 最近3年 is "the last 3 years", not "nearly 3".
    if word == "近" and begin > 0 and text[begin - 1] in "最將将接附鄰邻":
        return start, "exact", False
    qualifier, below_only = PREFIX_QUALIFIERS[word]
    return begin, qualifier, below_only


def _find_percent_prefixes(state: _State) -> None:
    text = state.text
    for match in _PERCENT_PREFIX.finditer(text):
        if not state.free(match.start(), match.end()):
            continue
        number = numerals.parse(match["num"])
        if number is None:
            continue
        divisor = _PERCENT_DENOMINATORS[match["den"]]
        start, qualifier, below_only = _prefix_qualifier(text, match.start())
        value = numerals.to_number(number.value / divisor)
        state.add(
            Figure(
                start,
                match.end(),
                "percent",
                value,
                qualifier=qualifier,
                below_only=below_only,
                half_unit=number.half_unit / divisor,
                unit="%",
                form="words" if number.form == "words" else "mixed",
                flags=_share_flags(text, start),
                number_start=match.start(),
                number_end=match.end(),
            )
        )


_FRACTION_MARK = re.compile(r"分\s*之")


def _fraction_matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of ``_FRACTION``, searched only around each 分之 (the full pattern is slow to try everywhere)."""
    for marker in _FRACTION_MARK.finditer(text):
        window = _FRACTION.finditer(text, max(0, marker.start() - 40), min(len(text), marker.end() + 40))
        found = next((match for match in window if match.start() <= marker.start() < match.end()), None)
        if found is not None:
            yield found


def _find_fractions(state: _State) -> None:
    """二分之一, 3又一千分之23, ３ 分 之 一百五十七 and 3/5: fractions, as ratios."""
    text = state.text
    for match in (*_fraction_matches(text), *_SLASH_FRACTION.finditer(text)):
        if not state.free(match.start(), match.end()):
            continue
        denominator = numerals.parse(match["den"])
        numerator = numerals.parse(match["num"])
        if denominator is None or numerator is None or denominator.value == 0 or denominator.digit_string:
            continue
        value = numerator.value / denominator.value
        forms = {denominator.form, numerator.form}
        whole_text = match.groupdict().get("whole")
        if whole_text:
            whole = numerals.parse(whole_text)
            if whole is None:
                continue
            value = whole.value - value if whole.value < 0 else whole.value + value
            forms.add(whole.form)
        begin, qualifier, below_only = _prefix_qualifier(text, match.start())
        figure = _whole(
            match,
            "ratio",
            round(float(value), 12),
            half_unit=0.0,
            qualifier=qualifier,
            below_only=below_only,
            form=forms.pop() if len(forms) == 1 else "mixed",
        )
        state.add(replace(figure, start=begin))


def _share_flags(text: str, start: int) -> tuple[str, ...]:
    clause = re.split(r"[，。；,;]", text[max(0, start - 12) : start])[-1]
    return ("share",) if any(word in clause for word in SHARE_WORDS) else ()


def _total_flags(text: str, start: int) -> tuple[str, ...]:
    return ("total",) if _TOTAL_WORD.search(text, max(0, start - 6), start) else ()


_TOTAL_WORD = re.compile(_alternation(TOTAL_WORDS))


def _numeral_end(text: str, start: int, end: int) -> int:
    """Cut a numeral at a space between two Arabic numbers ("2023 2024" is two figures)."""
    cut = _SPACE_BETWEEN_DIGITS.search(text, start, end)
    end = cut.start() if cut else end
    # 12千米, 2.3千克, 1兆赫: the last scale character belongs to the unit.
    if end - 1 > start and text.startswith(_SCALED_UNITS, end - 1):
        end -= 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def _find_numerals(state: _State) -> None:
    text = state.text
    position = 0
    while True:
        match = NUMERAL.search(text, position)
        if match is None:
            return
        start = match.start()
        if state.taken.find(0, start, match.end()) == -1:
            # All taken already (a figure, a mask, a full sentence): nothing to read.
            position = _past_taken(state, match.end())
            if position < 0:
                return
            continue
        end = _numeral_end(text, start, match.end())
        position = max(end, start + 1)
        if not state.free(start, end):
            continue
        figure = _read_figure(text, start, end)
        if figure is not None and state.free(figure.start, figure.end):
            state.add(figure)
            position = max(position, figure.end)


#: How far back from the end of a taken span a character no numeral contains is looked for.
_RESYNC_REACH = 32


def _past_taken(state: _State, position: int) -> int:
    """Where to search on for numerals after one that lies in a taken span and ends at ``position``; -1 when all
    the rest of the text is taken.

    Searching on from ``position`` would find every numeral of the taken span (a full sentence: "約900家，"
    repeated) only to skip each.  Skip to just after the last character before the span's end that no numeral
    contains (，, 家, 年): no numeral reaches across it, so the search from there finds what the search from
    ``position`` would have found after it, and the numerals before it lie in the taken span.
    """
    free = state.taken.find(0, position)
    if free < 0:
        return -1  # every later numeral lies in a taken span: none would be read
    text = state.text
    for index in range(free - 1, max(position, free - _RESYNC_REACH) - 1, -1):
        if _IN_NUMERAL.match(text, index) is None:
            return index + 1
    return position


def _is_identifier(text: str, start: int, end: int) -> bool:
    """Web3, H5N1, 5G, v1.2.3, 2:00, #12: digits that are part of a code, not a figure."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    code = bool(before) and before.isascii() and (before.isalpha() or before in "#_:")
    if code and _CURRENCY_PREFIX.search(text[max(0, start - 5) : start]) is None:
        return True
    if after == ":" and end + 1 < len(text) and text[end + 1].isdigit():
        return True
    if after == "." and end + 1 < len(text) and text[end + 1].isdigit():
        return True  # 1.2.3
    return after.isascii() and after.isalpha() and _UNIT.match(text, end) is None


def _is_delimited(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    return before in _PUNCTUATION and after in _PUNCTUATION


#: The longest numeral read: a longer run of digits or numeral characters is no figure (and would overflow).
MAX_NUMERAL = 64


def _read_figure(text: str, start: int, end: int) -> Figure | None:
    if end - start > MAX_NUMERAL:
        return None
    thousands = _THOUSANDS.match(text, end)
    if _is_identifier(text, start, end if thousands is None else thousands.end()):
        return None
    written = text[start:end]
    number = numerals.parse(written)
    if number is None:
        return None
    if thousands is not None and number.form == "digits":
        # 月薪 25K, 12k个百分点: K is a thousand.
        number = replace(number, value=number.value * 1000, half_unit=number.half_unit * 1000, form="mixed")
        end = thousands.end()
    value = number.value
    window_start = max(0, start - 64)  # not text[:start]: a copy of everything before, for every figure
    before = text[window_start:start].rstrip(" ")
    ordinal = before.endswith("第")
    if ordinal:
        return _ordinal(text, window_start + len(before) - 1, start, end, number)
    # Dates and years
    year_match = _YEAR_WORD.match(text, end)
    if year_match is not None:
        is_year = (number.form == "digits" and len(written) == 4 and "," not in written and "." not in written) or (
            number.digit_string and len(written) in (3, 4)
        )
        if not is_year and number.form == "words" and 1000 <= value <= 2999 and value == value.to_integral_value():
            # 两千零四年八月十五: a year in words, when a month follows.
            is_year = _MONTH.match(text, year_match.end()) is not None
        year = int(value)
        two_digits = len(written) == 2 and (number.digit_string or number.form == "digits")
        if two_digits and (number.digit_string or _MONTH.match(text, year_match.end()) is not None):
            # 九七年, 零八年, 18年10月1日: a two-digit year (00-49 -> 20xx, 50-99 -> 19xx).
            is_year, year = True, year + (2000 if year < 50 else 1900)
        if number.digit_string and not is_year:
            return None
        if is_year:
            return _date_after_year(text, start, end, year, year_match.end(), number.form)
    elif number.digit_string and not (_DISCOUNT.match(text, end) or _TENTHS.match(text, end)):
        return None
    month_match = _MONTH_OWN.match(text, end)
    if month_match is not None and value == value.to_integral_value() and 1 <= value <= 12:
        day = _day_after_month(text, month_match.end())
        figure_end = day[1] if day else month_match.end()
        return Figure(
            start,
            figure_end,
            "date",
            None,
            context=ContextDate("either", 0, int(value), day[0] if day else None),
            form=number.form,
            number_start=start,
            number_end=end,
        )
    begin, qualifier, below_only = _prefix_qualifier(text, start)
    currency_prefix = _CURRENCY_PREFIX.search(text[max(0, begin - 4) : begin])
    currency: str | None = None
    if currency_prefix is not None:
        currency = CURRENCY_PREFIXES[currency_prefix["c"]]
        begin -= len(currency_prefix.group(0))
    figure = _tail(text, begin, start, end, number, qualifier, below_only, currency)
    if figure is None:
        return None
    # A lone character numeral (一, 十, 千萬) is a figure only with a measure word or unit after it.
    words_only = number.form == "words"
    lone = words_only and (len(written.replace(" ", "")) == 1 or not number.has_digit)
    bare = figure.measure_word is None and figure.unit is None and figure.currency is None
    if (
        lone
        and bare
        and figure.kind not in ("percent", "duration", "ordinal")
        and not (_is_delimited(text, start, end) or before.endswith("前") or qualifier != "exact")
    ):
        return None
    if lone and written.strip() in numerals.FORMAL_DIGITS and not _is_delimited(text, start, end):
        return None  # 登陆, 入伍, 收拾: formal numerals alone are usually other words
    if lone and value == 1 and figure.kind == "count":
        return None  # 一個, 一家, 一項: the indefinite article, not a figure
    if words_only and not number.has_digit and figure.kind == "duration" and value >= 100:
        return None  # 百年一遇, 千年: set phrases more often than durations
    if (
        words_only
        and figure.kind == "number"
        and bare
        and figure.qualifier == "exact"
        and not _stands_alone(text, start, figure.end)
    ):
        return None  # 三十而立, 初一十五, 十一號碼頭: a bare figure in words inside a phrase
    if words_only and _VAGUE_BEFORE.search(text, max(0, start - 1), start):
        return None  # 數百名, 幾千: "several hundred" states no figure
    if words_only and _in_numeral_idiom(text, start, end):
        return None  # 三番四次, 五湖四海: a four-character idiom built on numerals
    return figure


_VAGUE_BEFORE = re.compile(r"[數数幾几]$")
_COUNTING_CHARS = frozenset(
    word for word in (*MEASURE_WORDS, *DURATIONS, *UNITS, *CURRENCY_SUFFIXES, "年") if len(word) == 1
)
_COPULAS = frozenset("是為为達达約约逾近有共")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A bare figure in words is one only between punctuation or after a copula ("為四十九兆")."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    return (before in _PUNCTUATION or before in _COPULAS) and (after in _PUNCTUATION or after in "的")


def _in_numeral_idiom(text: str, start: int, end: int) -> bool:
    """Numerals at the 1st and 3rd place of a four-character phrase: 三番四次, 一心一意, 五湖四海.

    Not when both other characters count something (五年三次: three times in five years).
    """
    for first in range(max(0, start - 3), min(end, start + 1)):
        phrase = text[first : first + 4]
        idiom = (
            len(phrase) == 4
            and all(_is_han(char) for char in phrase)
            and phrase[0] in numerals.DIGITS
            and phrase[2] in numerals.DIGITS
            and phrase[1] not in _CN_CHARS + numerals.POINTS
            and phrase[3] not in _CN_CHARS
            and not (phrase[1] in _COUNTING_CHARS and phrase[3] in _COUNTING_CHARS)
        )
        if idiom and first in (start, start - 2):
            return True
    return False


def _ordinal(text: str, mark: int, start: int, end: int, number: numerals.Numeral) -> Figure | None:
    if number.value != number.value.to_integral_value() or number.value < 0:
        return None
    figure_end = end
    word = _ORDINAL_WORD.match(text, end)
    flags: tuple[str, ...] = ()
    if word is not None and word["w"] in ("屆", "届"):
        figure_end = word.end()
    if word is not None and word["w"] == "季" and 1 <= number.value <= 4:
        return None  # 第一季: a quarter, read as a date (with the year from context)
    anniversary = _ANNIVERSARY.match(text, end)
    if anniversary is not None:
        figure_end = anniversary.end()
        flags = ("anniversary",)
    if number.form == "words" and word is None and anniversary is None:
        after = text[end] if end < len(text) else "\n"
        # 第三代互聯網, 第三方, 第一時間: an ordinal in a name or set phrase.
        if after not in _PUNCTUATION and not after.isdigit():
            return None
    return Figure(
        mark,
        figure_end,
        "ordinal",
        int(number.value),
        half_unit=0.0,
        form=number.form,
        flags=flags,
        number_start=start,
        number_end=end,
    )


def _day_after_month(text: str, position: int) -> tuple[int, int] | None:
    """(day, end) of a day written after 月: 31日, 三十一日, 十五 (八月十五), 初一."""
    initial = _DAY_INITIAL.match(text, position)
    if initial is not None:
        day = _small(initial["n"])
        return (day, initial.end()) if day else None
    match = _DAY.match(text, position)
    if match is None:
        return None
    day = _small(match["n"])
    if day is None or not 1 <= day <= 31:
        return None
    if match["mark"] is None:
        # 八月十五 with no 日: only when no other figure follows (八月十五日 / 八月15 號 are handled above).
        after = text[match.end()] if match.end() < len(text) else "\n"
        if match["n"].isdigit() or after.isdigit() or after in numerals.SMALL_UNITS or after in numerals.BIG_UNITS:
            return None
        if after in "年月個个名家人":
            return None
    return day, match.end()


def _month_and_day(text: str, position: int) -> tuple[int | None, int | None, int]:
    """(month, day, end) of "12月31日" / "八月十五" at ``position``; (None, None, position) if none."""
    month_match = _MONTH.match(text, position)
    if month_match is None:
        return None, None, position
    month = _small(month_match["n"])
    if month is None or not 1 <= month <= 12:
        return None, None, position
    day_match = _day_after_month(text, month_match.end())
    if day_match is None:
        return month, None, month_match.end()
    return month, day_match[0], day_match[1]


def _date_after_year(text: str, start: int, end: int, year: int, after_year: int, form: str) -> Figure | None:
    """2024年, 2024年12月31日, 2024 年年初, 二〇二四年上半年, 2024年第一季."""
    period_match = _PERIOD.match(text, after_year)
    if period_match is None:
        period_match = _PERIOD_AFTER_YEAR.match(text, end)
    month: int | None = None
    day: int | None = None
    period: str | None = None
    if period_match is not None:
        period = period_match["p"]
        figure_end = period_match.end()
    else:
        month, day, figure_end = _month_and_day(text, after_year)
    interval = date_interval(year, month, day, period)
    if interval is None:
        return None
    kind, value, lower, upper = interval
    begin = start
    flags: list[str] = []
    window = text[max(0, start - 4) : start].rstrip(" ")
    if window.endswith(FOUNDING_BEFORE) or text[figure_end : figure_end + 4].lstrip(" ").lstrip("正式").startswith(
        FOUNDING_AFTER
    ):
        flags.append("founding")
    return Figure(
        begin,
        figure_end,
        kind,
        value,
        lower=lower,
        upper=upper,
        year=year,
        flags=tuple(flags),
        form=form,
        number_start=start,
        number_end=end,
    )


def _noun_after(text: str, position: int) -> tuple[str, int]:
    """The noun phrase after a measure word (家科企 -> 科企), and where it ends."""
    end = position
    while end < len(text) and end - position < 6:
        char = text[end]
        if not (_is_han(char) or (char.isascii() and char.isalpha()) or char == "&"):
            break
        if char in NOUN_STOPS or char in _CN_CHARS or text.startswith(_NOUN_STOP_WORDS, end):
            break
        end += 1
    return text[position:end].lower(), end


def _tail(
    text: str,
    begin: int,
    start: int,
    end: int,
    number: numerals.Numeral,
    qualifier: str,
    below_only: bool,
    currency: str | None,
) -> Figure | None:
    """Read what follows a numeral: 周年, %, 成, currency, unit, 倍, duration, measure word."""
    value = number.value
    half = number.half_unit
    form = number.form
    if number.approximate and qualifier == "exact":
        qualifier = "over"
    base = Figure(
        begin,
        end,
        "number",
        numerals.to_number(value),
        qualifier,
        half,
        below_only,
        flags=_total_flags(text, begin),
        form=form,
        number_start=start,
        number_end=end,
    )
    # A range: 20至30家, 20~100个, 4,000-5,000
    range_match = _RANGE_SEPARATOR.match(text, end)
    if range_match is not None and currency is None:
        second = NUMERAL.match(text, range_match.end())
        if second is not None:
            second_end = _numeral_end(text, second.start(), second.end())
            other = numerals.parse(text[second.start() : second_end])
            if other is not None and other.value > value and not other.digit_string:
                scale = _shared_scale(text[start:end], text[second.start() : second_end])
                base = replace(
                    base,
                    value=numerals.to_number(value * scale),
                    half_unit=half * float(scale),
                    qualifier="range",
                    upper_value=float(other.value) + other.half_unit,
                    end=second_end,
                )
                end = second_end
                value = value * scale
                half = half * float(scale)
    figure = _tail_kind(text, end, base, value, half, currency)
    if figure is None:
        return None
    suffix = _SUFFIX_QUALIFIER.match(text, figure.end)
    if suffix is None and figure.measure_word is not None and figure.metric:
        suffix = None
    if suffix is not None and figure.qualifier in ("exact",) and figure.kind not in ("date", "year", "ordinal"):
        suffix_qualifier, suffix_below = SUFFIX_QUALIFIERS[suffix["q"]]
        figure = replace(figure, qualifier=suffix_qualifier, below_only=suffix_below, end=suffix.end())
    return figure


def _shared_scale(first: str, second: str) -> Decimal:
    """20至30萬: the scale written once applies to both ends."""
    if second and second[-1] in numerals.BIG_UNITS and first and first[-1] not in numerals.BIG_UNITS:
        return Decimal(numerals.BIG_UNITS[second[-1]])
    return Decimal(1)


def _tail_kind(text: str, end: int, base: Figure, value: Decimal, half: float, currency: str | None) -> Figure | None:
    number = numerals.to_number(value)
    anniversary = _ANNIVERSARY.match(text, end)
    if anniversary is not None:
        qualifier = "over" if anniversary["approx"] else base.qualifier
        return replace(
            base, kind="ordinal", end=anniversary.end(), flags=(*base.flags, "anniversary"), qualifier=qualifier
        )
    points = _PERCENT_POINTS.match(text, end)
    if points is not None:
        return replace(base, kind="percent", unit="pp", end=points.end())
    sign = _PERCENT_SIGN.match(text, end)
    if sign is not None:
        return replace(
            base, kind="percent", unit="%", end=sign.end(), flags=(*base.flags, *_share_flags(text, base.start))
        )
    tenths = _TENTHS.match(text, end)
    if tenths is not None and 0 < value <= 10 and (tenths.end() >= len(text) or text[tenths.end()] not in NOT_TENTHS):
        return _tenths(base, value, half, tenths.end())
    discount = _DISCOUNT.match(text, end)
    if discount is not None and (discount.end() >= len(text) or text[discount.end()] not in NOT_DISCOUNT):
        if 0 < value < 10:
            return _tenths(base, value, half, discount.end())
        if 10 < value < 100 and value == value.to_integral_value():
            return replace(base, kind="percent", unit="%", end=discount.end())
    money = _CURRENCY_SUFFIX.match(text, end)
    if money is not None:
        word = money["c"]
        after = text[money.end()] if money.end() < len(text) else ""
        if not (word in ("元", "圓") and after in NOT_YUAN):
            code = CURRENCY_SUFFIXES[word]
            figure_end = money.end()
            if not code:
                # 8亿元人民币: the currency named after 元.
                named = _CURRENCY_SUFFIX.match(text, figure_end)
                if named is not None and CURRENCY_SUFFIXES[named["c"]]:
                    code, figure_end = CURRENCY_SUFFIXES[named["c"]], named.end()
            chosen = code or currency or ""
            cents, figure_end = _subunits(text, figure_end)
            if cents:
                base = replace(base, value=numerals.to_number(value + cents), half_unit=0.005)
            return replace(base, kind="money", currency=chosen, end=figure_end)
    if currency is not None:
        return replace(base, kind="money", currency=currency)
    unit = _UNIT.match(text, end)
    if unit is not None and _unit_applies(text, unit):
        name = UNITS[unit["u"]]
        figure_end = unit.end()
        quantity = value
        if text.startswith("半", figure_end):
            quantity = value + Decimal("0.5")  # 一吨半, 两米半
            figure_end += 1
        from factcheck.extract.zh_units import to_base

        factor, base_unit = to_base(name)
        return replace(
            base,
            kind="quantity",
            value=numerals.to_number(quantity),
            unit=name,
            base_value=round(float(quantity) * factor, 9),
            base_unit=base_unit,
            end=figure_end,
        )
    times = _TIMES.match(text, end)
    if times is not None:
        return replace(base, kind="ratio", unit="times", end=times.end())
    age = _AGE.match(text, end)
    if age is not None:
        return replace(base, kind="number", metric="歲", end=age.end())
    years = _YEAR_WORD.match(text, end)
    if years is not None and value == value.to_integral_value():
        return replace(base, kind="duration", unit="year", end=years.end())
    duration = _DURATION.match(text, end)
    if duration is not None:
        qualifier = "over" if duration["approx"] and base.qualifier == "exact" else base.qualifier
        return replace(base, kind="duration", unit=DURATIONS[duration["d"]], end=duration.end(), qualifier=qualifier)
    measure = _MEASURE.match(text, end)
    if measure is not None and value == value.to_integral_value():
        qualifier = "over" if measure["approx"] and base.qualifier == "exact" else base.qualifier
        noun, noun_end = _noun_after(text, measure.end())
        if measure["m"] in NOUN_MEASURE_WORDS:
            noun = measure["m"] + noun
        if measure["m"] == "打":  # a dozen
            base = replace(base, value=numerals.to_number(value * 12), half_unit=half * 12)
        return replace(
            base,
            kind="count",
            measure_word=measure["m"],
            metric=noun or None,
            end=noun_end if noun else measure.end(),
            qualifier=qualifier,
        )
    approx = _APPROX_SUFFIX.match(text, end)
    if approx is not None and base.form == "words" and base.qualifier == "exact":
        base = replace(base, qualifier="over", end=approx.end())  # 五百多
    if (
        base.form == "digits"
        and isinstance(number, int)
        and 1900 <= number <= 2100
        and base.qualifier == "exact"
        and len(text[base.number_start : base.number_end]) == 4
    ):
        return _bare_year(text, base, number)
    return base


_SUBUNIT_TENTHS = re.compile(rf"\s?(?P<n>\d|[{numerals.DIGIT_CLASS}])\s?[角毛]")
_SUBUNIT_CENTS = re.compile(
    rf"\s?又?\s?(?P<n>\d{{1,2}}|[{numerals.DIGIT_CLASS}十]{{1,3}})\s?(?:美分|仙|分)(?![之鐘钟數数])"
)


def _subunits(text: str, position: int) -> tuple[Decimal, int]:
    """50元6角三分, 两美元又三美分: tenths and hundredths of the currency unit, and where they end."""
    total = Decimal(0)
    tenths = _SUBUNIT_TENTHS.match(text, position)
    if tenths is not None:
        parsed = numerals.parse(tenths["n"])
        if parsed is not None:
            total += parsed.value / 10
            position = tenths.end()
    cents = _SUBUNIT_CENTS.match(text, position)
    if cents is not None:
        parsed = numerals.parse(cents["n"])
        if parsed is not None and parsed.value < 100:
            total += parsed.value / 100
            position = cents.end()
    return total, position


def _tenths(base: Figure, value: Decimal, half: float, end: int) -> Figure:
    """九成 = 90%, 七折 = 70%: tenths as a percentage."""
    return replace(
        base,
        kind="percent",
        unit="%",
        value=numerals.to_number(value * 10),
        half_unit=half * 10,
        end=end,
        upper_value=base.upper_value * 10 if base.upper_value is not None else None,
    )


def _unit_applies(text: str, match: re.Match[str]) -> bool:
    word = match["u"]
    after = text[match.end()] if match.end() < len(text) else ""
    exclusions = {"升": NOT_LITRE, "公升": NOT_LITRE, "米": NOT_METRE, "克": NOT_GRAM}
    return after not in exclusions.get(word, frozenset())


def _inside_title(text: str, position: int) -> bool:
    """Whether ``position`` is inside 《…》, 「…」 or “…” (the nearest mark before it opens one)."""
    for index in range(position - 1, max(-1, position - 80), -1):
        char = text[index]
        if char in _TITLE_OPEN:
            return True
        if char in _TITLE_CLOSE or char == "\n":
            return False
    return False


def _bare_year(text: str, base: Figure, year: int) -> Figure:
    """A year written without 年: a name (機械人大賽 2024, 《2025 香港通訊業概覽》) or a plain year."""
    start = base.number_start
    flags = list(base.flags)
    opened = _inside_title(text, start)
    previous = text[max(0, start - 64) : start].rstrip(" ")[-1:] or "\n"
    named = (_is_han(previous) and previous not in TIME_FUNCTION_CHARS) or (previous.isascii() and previous.isalpha())
    if opened or named:
        flags.append("year-name")
    return replace(base, kind="year", value=year, lower=year, upper=year, year=year, flags=tuple(flags))


def _find_context_years(state: _State) -> None:
    """同年, 今年年底, and periods with no year (年底, 上半年): resolved later from context."""
    text = state.text
    for match in _CONTEXT_YEAR.finditer(text):
        if not state.free(match.start(), match.end()):
            continue
        word = match["w"]
        source = "context" if word in CONTEXT_YEARS else "document"
        offset = CONTEXT_YEARS.get(word, DOCUMENT_YEARS.get(word, 0))
        month: int | None = None
        day: int | None = None
        figure_end = match.end()
        if match["p"] is None:
            month, day, figure_end = _month_and_day(text, figure_end)
        state.add(
            Figure(
                match.start(),
                figure_end,
                "date",
                None,
                context=ContextDate(source, offset, month, day, match["p"]),
                form="words",
                number_start=match.start(),
                number_end=figure_end,
            )
        )


def _find_lone_periods(state: _State) -> None:
    """年底, 上半年 with no year written: the year comes from context."""
    for match in _LONE_PERIOD.finditer(state.text):
        if not state.free(match.start(), match.end()):
            continue
        state.add(
            _whole(
                match,
                "date",
                None,
                context=ContextDate("either", 0, None, None, match["p"]),
                form="words",
            )
        )
