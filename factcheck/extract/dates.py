"""English dates: day, month, quarter, half, part of a year, fiscal year.

Values follow CONTRACT.md: an ISO 8601 string at the stated precision ("2024",
"2024-10", "2024-10-31"); spans that ISO cannot name at one precision are ISO
intervals ("2025-01/2025-03" for the first quarter of 2025, "2021/2022" for the
2021-22 fiscal year).  ``lower``/``upper`` are the first and last day covered.

Documented choices for vague parts of a period:
- "end-2024", "end of 2024", "late 2024" (end) -> December 2024 (value "2024-12");
  "late 2024" -> September..December; "early 2024" -> January..April;
  "mid-2025" -> May..August; "beginning/start of 2024" -> January.
- "end of October 2024", "end-May 2024", "early/mid/late October" -> that month.
- A day or month without a year ("June 30", "the first quarter") takes the year of the
  sentence, else of the document's date; with neither, the value is "XXXX-06-30"
  and ``lower``/``upper`` are null.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass

from factcheck.extract.patterns_en import MONTHS

_MONTH_NAMES = sorted(MONTHS, key=len, reverse=True)
_MONTH = r"(?P<month>" + "|".join(_MONTH_NAMES) + r")\.?"
_MONTH2 = r"(?P<month2>" + "|".join(_MONTH_NAMES) + r")\.?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d%]|\.\d|,\d{3})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ORD = r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
# Month words that are also ordinary English words need a capital ("May", "March") unless a number touches them.
_LOWER_AMBIGUOUS = {"may", "march", "mar", "jan", "sep", "dec", "oct", "aug", "jun", "jul", "apr", "feb", "nov"}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        # 2024-10-31, 2024/10/31, 2019/aug/01, 2019-sep-1
        (
            "ymd",
            r"(?<![\w.-])(?P<year>(?:1[5-9]|20)\d\d)[-/.](?:(?P<mnum>[01]?\d)|"
            + _MONTH
            + r")[-/.](?P<day>[0-3]?\d)(?![\w-]|\.\d)",
        ),
        # 31/10/2024, 31-10-2024, 10/31/2024
        (
            "dmy_num",
            r"(?<![\w./-])(?P<a>[0-3]?\d)[/.-](?P<b>[01]?\d|3[01]|2\d)[/.-](?P<year>(?:1[5-9]|20)\d\d)(?![\w-]|\.\d)",
        ),
        # 24 Feb 2021, 04th Jan 2019, 15th of April 2020, 22 april, 2020
        ("dmy", r"(?<![\w.])" + _DAY + r"(?:\s+of)?[\s-]*" + _MONTH + r"(?:\s*,?\s*|-)" + _YEAR),
        # July 11, 2022; January 7th 2020; january12,2016
        ("mdy", r"(?<![\w])" + _MONTH + r"[\s-]*" + _DAY + r"(?![\d:])(?:\s*,\s*|\s+|-)" + _YEAR),
        # end of October 2024, end-May 2024, early 2024, mid-2025, the end of 2019
        (
            "part",
            r"(?<![\w-])(?P<part>end|mid|middle|early|late|beginning|start|first\s+half|second\s+half)"
            r"(?:\s*-\s*|\s+of\s+(?:the\s+)?(?:year\s+)?|\s+)(?:" + _MONTH2 + r"[\s,]+)?" + _YEAR,
        ),
        # the first quarter of 2025, third quarter of 2025, Q3 2025, 2025 Q3, 2017-q1
        ("quarter", r"(?<![\w])" + _ORD + r"\s+quarter(?:\s+of(?:\s+the\s+year)?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"),
        ("qn", r"(?<![\w])Q(?P<q>[1-4])\s*,?\s*(?P<year>(?:19|20)\d\d)(?!\d)"),
        ("yq", r"(?<![\w])(?P<year>(?:19|20)\d\d)\s*-?\s*Q(?P<q>[1-4])(?!\w)"),
        # the first half of 2025, H1 2025
        (
            "half",
            r"(?<![\w])(?P<ord>first|second|1st|2nd)\s+half(?:\s+of(?:\s+the\s+year)?\s+(?P<year>(?:19|20)\d\d)(?!\d))?",
        ),
        ("hn", r"(?<![\w])H(?P<h>[12])\s*,?\s*(?P<year>(?:19|20)\d\d)(?!\d)"),
        # 2021-22, 2021-2022, 2021/22, FY2021-22
        (
            "fiscal",
            r"(?<![\w.,/-])(?:FY\s?)?(?P<y1>(?:19|20)\d\d)\s?[-–/]\s?(?P<y2>(?:19|20)?\d\d)(?![\w%]|[-/.]\d|,\d)",
        ),
        # November 2015, December\n2022, Sept. 2024
        ("my", r"(?<![\w])" + _MONTH + r"\s*,?\s+" + _YEAR),
        # 2015-12
        ("ym", r"(?<![\w.-])(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])(?![\w-]|\.\d)"),
        # June 30, Jan 2nd (no year)
        ("md", r"(?<![\w])" + _MONTH + r"\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:,.]\d|\d|\s*(?:%|per\s?cent))"),
        # 30 June, 22nd of April (no year)
        ("dm", r"(?<![\w.,$])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s*" + _MONTH + r"(?![a-z])"),
    )
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    value: str
    lower: str | None
    upper: str | None
    flags: tuple[str, ...] = ()
    #: True when the year came from context, not the text.
    year_from_context: bool = False


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, first: int, last: int) -> tuple[str, str]:
    return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last:02d}-{_last_day(year, last):02d}"


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= _last_day(year if year is not None else 2000, month)


def _month_number(word: str | None) -> int | None:
    if not word:
        return None
    return MONTHS.get(word.lower().rstrip("."))


def _is_capital_month(match: re.Match[str], group: str = "month") -> bool:
    word = match.group(group)
    return word is None or word.lower() not in _LOWER_AMBIGUOUS or word[0].isupper()


def _day_value(year: int | None, month: int, day: int) -> tuple[str, str | None, str | None]:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}", None, None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return iso, iso, iso


def _month_value(year: int | None, month: int) -> tuple[str, str | None, str | None]:
    if year is None:
        return f"XXXX-{month:02d}", None, None
    lower, upper = _month_span(year, month, month)
    return f"{year:04d}-{month:02d}", lower, upper


def _interval_value(year: int | None, first: int, last: int) -> tuple[str, str | None, str | None]:
    if year is None:
        return f"XXXX-{first:02d}/XXXX-{last:02d}", None, None
    lower, upper = _month_span(year, first, last)
    return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", lower, upper


_PART_MONTHS = {
    "end": (12, 12),
    "late": (9, 12),
    "early": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "beginning": (1, 1),
    "start": (1, 1),
}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _build(name: str, match: re.Match[str], context_year: int | None) -> DateMatch | None:
    groups = match.groupdict()
    start, end = match.span()
    year = int(groups["year"]) if groups.get("year") else None
    flags: tuple[str, ...] = ()
    from_context = False
    if name in ("md", "dm", "quarter", "half") and year is None:
        year = context_year
        from_context = year is not None
    if name in ("ymd", "dmy", "mdy", "md", "dm"):
        month = _month_number(groups.get("month")) or (int(groups["mnum"]) if groups.get("mnum") else None)
        if month is None:
            return None
        if name in ("md", "dm") and not _is_capital_month(match):
            return None
        day = int(groups["day"])
        if not _valid_day(year, month, day):
            return None
        value, lower, upper = _day_value(year, month, day)
        return DateMatch(start, end, value, lower, upper, flags, from_context)
    if name == "dmy_num":
        a, b = int(groups["a"]), int(groups["b"])
        assert year is not None
        if a > 12 and _valid_day(year, b, a):
            day, month = a, b
        elif b > 12 and _valid_day(year, a, b):
            day, month = b, a
        elif _valid_day(year, b, a):
            day, month = a, b  # day first, as Hong Kong, the UK and most of the world write it
            if a != b:
                flags = ("ambiguous-date",)
        else:
            return None
        value, lower, upper = _day_value(year, month, day)
        return DateMatch(start, end, value, lower, upper, flags)
    if name in ("my", "ym"):
        month = _month_number(groups.get("month")) or (int(groups["mnum"]) if groups.get("mnum") else None)
        if month is None or year is None:
            return None
        if name == "my" and not _is_capital_month(match):
            return None
        value, lower, upper = _month_value(year, month)
        return DateMatch(start, end, value, lower, upper, flags)
    if name == "part":
        assert year is not None
        part = re.sub(r"\s+", " ", groups["part"].lower())
        month = _month_number(groups.get("month2"))
        if month is not None:
            value, lower, upper = _month_value(year, month)
            return DateMatch(start, end, value, lower, upper, flags)
        if part in ("first half", "second half"):
            first = 1 if part == "first half" else 7
            value, lower, upper = _interval_value(year, first, first + 5)
            return DateMatch(start, end, value, lower, upper, flags)
        first, last = _PART_MONTHS[part]
        lower, upper = _month_span(year, first, last)
        value = f"{year:04d}-12" if part == "end" else f"{year:04d}"
        return DateMatch(start, end, value, lower, upper, flags)
    if name in ("quarter", "qn", "yq"):
        quarter = int(groups["q"]) if groups.get("q") else _ORDINALS[groups["ord"].lower()]
        if name == "quarter" and groups.get("year") is None and year is None:
            return DateMatch(start, end, f"XXXX-Q{quarter}", None, None, flags)
        first = 3 * quarter - 2
        value, lower, upper = _interval_value(year, first, first + 2)
        return DateMatch(start, end, value, lower, upper, flags, from_context)
    if name in ("half", "hn"):
        half = int(groups["h"]) if groups.get("h") else _ORDINALS[groups["ord"].lower()]
        first = 1 if half == 1 else 7
        if year is None:
            return DateMatch(start, end, f"XXXX-H{half}", None, None, flags)
        value, lower, upper = _interval_value(year, first, first + 5)
        return DateMatch(start, end, value, lower, upper, flags, from_context)
    if name == "fiscal":
        y1 = int(groups["y1"])
        y2_text = groups["y2"]
        y2 = int(y2_text) if len(y2_text) == 4 else (y1 // 100) * 100 + int(y2_text)
        if y2 <= y1 or y2 - y1 > 30:
            return None
        value = f"{y1:04d}/{y2:04d}"
        flags = ("fiscal-year",) if y2 == y1 + 1 else ("year-range",)
        return DateMatch(start, end, value, f"{y1:04d}-01-01", f"{y2:04d}-12-31", flags)
    return None


def find_dates(text: str, start: int, end: int, year_at: YearLookup) -> list[DateMatch]:
    """Every date in ``text[start:end]``, overlapping candidates resolved longest-first."""
    found: list[DateMatch] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            built = _build(name, match, year_at(match.start()) if name in ("md", "dm", "quarter", "half") else None)
            if built is not None:
                found.append(built)
    return resolve_overlaps(found)


def resolve_overlaps(found: list[DateMatch]) -> list[DateMatch]:
    """Left to right, the longest candidate at each start; later overlapping ones are dropped."""
    found.sort(key=lambda item: (item.start, -(item.end - item.start)))
    chosen: list[DateMatch] = []
    taken_end = -1
    for item in found:
        if item.start >= taken_end:
            chosen.append(item)
            taken_end = item.end
        elif item.end > taken_end and chosen and item.end - item.start > chosen[-1].end - chosen[-1].start:
            # A longer candidate that starts inside the previous one wins ("2021-2022 Budget" over "2021").
            chosen[-1] = item
            taken_end = item.end
    return chosen


class YearLookup:
    """The year a yearless date means at an offset: the sentence's year, else the document's."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], document_year: int | None) -> None:
        self._text = text
        self._sentences = sentences
        self._starts = [start for start, _ in sentences]
        self._document_year = document_year

    def __call__(self, offset: int) -> int | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if 0 <= index < len(self._sentences):
            start, end = self._sentences[index]
            years = _YEAR_IN_SENTENCE.findall(self._text, start, end)
            if years:
                return int(years[0])
        return self._document_year


_YEAR_IN_SENTENCE = re.compile(r"(?<![\w$.,])((?:19|20)\d\d)(?![\d%]|\.\d|,\d{3})")
