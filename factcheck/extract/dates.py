"""English dates: day, month, quarter, half, part of a year, fiscal year.

Values follow CONTRACT.md: an ISO 8601 string at the stated precision ("2024",
"2024-10", "2024-10-31"); spans that ISO cannot name at one precision are ISO
intervals ("2025-01/2025-03" for the first quarter of 2025, "2021/2022" for the
2021-22 fiscal year).  ``lower``/``upper`` are the first and last day covered.

Documented choices for vague parts of a period:
- "end-2024", "end of 2024" -> December 2024 (value "2024-12"); "late 2024" -> October..December;
  "early 2024" -> January..March; "mid-2025" -> April..September (the middle two quarters);
  "beginning/start of 2024" -> January.
- A fiscal year written "2021-22" or "2021-2022" runs from April to March (Hong Kong, the UK,
  India, Japan): value "2021-04/2022-03"; a longer span ("2020-2025") is whole calendar years.
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

from factcheck.extract import numbers
from factcheck.extract.patterns_en import HOLIDAYS, MONTHS

# Full names never take a dot ("October." ends a sentence); abbreviations may ("Sept. 2024").
_MONTH_NAMES = "|".join(
    f"{name}\\.?" if len(name) <= 4 and name not in ("may", "june", "july") else name
    for name in sorted(MONTHS, key=len, reverse=True)
)
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")"
_MONTH2 = r"(?P<month2>" + _MONTH_NAMES + r")"
_YEAR = r"(?P<year>(?:1\d|20)\d\d)(?![\d%]|\.\d|,\d{3})"
_YEAR2 = r"(?P<year2>(?:1\d|20)\d\d)(?![\d%]|\.\d|,\d{3})"
_DAYWORD = (
    r"(?P<dayword>(?:twenty|thirty)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    r"(?:twenty|thirty)(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
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
        ("dmy", r"(?<![\w.])" + _DAY + r"\.?(?:\s+of)?[\s/.-]*" + _MONTH + r"(?:\s*,?\s*|[-/.]\s?)" + _YEAR),
        # 18-19 November 2024, 18 to 20 November 2024
        (
            "ddmy",
            r"(?<![\w.])"
            + _DAY
            + r"\s*(?:[-–]|to)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
            + _MONTH
            + r"\s*,?\s*"
            + _YEAR,
        ),
        # November 18-19, 2024
        (
            "mddy",
            r"(?<![\w])"
            + _MONTH
            + r"\s+"
            + _DAY
            + r"\s*(?:[-–]|to)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s*"
            + _YEAR,
        ),
        # Jan-Feb 2017, from January to April 2015
        ("mmy", r"(?<![\w])" + _MONTH + r"\s*(?:[-–]|to|through|until)\s*" + _MONTH2 + r"\s*,?\s*" + _YEAR),
        # twenty second of June 2017, fourth of July 1995, January first 2000
        ("wdmy", r"(?<![\w])" + _DAYWORD + r"\s+(?:of\s+)?" + _MONTH + r"\s*,?\s*" + _YEAR),
        ("mwdy", r"(?<![\w])" + _MONTH + r"\s+(?:the\s+)?" + _DAYWORD + r"\s*,?\s*" + _YEAR),
        # 2014 to 2018, between 2014 and 2018, from 2010 through 2018
        (
            "yrange",
            r"(?<![\w])(?:(?P<between>between)\s+|from\s+)?"
            + _YEAR
            + r"\s*(?P<join>to|through|till|until|and|–|—)\s*"
            + _YEAR2,
        ),
        # the 1990s, 1990 s
        ("decade", r"(?<![\w])(?P<year>(?:1\d|20)\d0)\s?'?s(?![\w])"),
        # 2019-H2, 2019 H1
        ("yh", r"(?<![\w])(?P<year>(?:19|20)\d\d)\s*-?\s*H(?P<h>[12])(?!\w)"),
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
        # 05/05/89, 3-7-07: two-digit years (19xx from 30 up, else 20xx)
        ("dmy_yy", r"(?<![\w./-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[01]?\d)(?P=sep)(?P<yy>\d{2})(?![\w/.-]|\.\d)"),
        # 12-2015, 12/2015
        ("my_num", r"(?<![\w./-])(?P<mnum>0?[1-9]|1[0-2])[-/](?P<year>(?:19|20)\d\d)(?![\w/-]|\.\d)"),
        # 2016 10 16
        ("ymd_spaced", r"(?<![\w.,])(?P<year>(?:19|20)\d\d) (?P<mnum>0?[1-9]|1[0-2]) (?P<day>[0-3]?\d)(?![\w.]|,\d)"),
        # Christmas Day 2024, black friday 2010, earth day 2010
        (
            "holiday",
            r"(?<![\w])(?P<holiday>"
            + "|".join(sorted((h.replace(" ", r"\s+").replace("'", "['’]?") for h in HOLIDAYS), key=len, reverse=True))
            + r")(?:\s+of)?\s*,?\s*"
            + _YEAR,
        ),
        # 2015-12
        ("ym", r"(?<![\w.-])(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])(?![\w-]|\.\d)"),
        # in January, last October, since March (no year; capitalised)
        (
            "m",
            r"(?<![\w])(?P<rel>last|this|next|in|since|from|until|till|by|during|early|late|mid|(?:the\s+)?end\s+of|"
            r"(?:the\s+)?beginning\s+of)[\s-]+" + _MONTH + r"(?![\w]|\s*,?\s*\d)",
        ),
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
    "late": (10, 12),
    "early": (1, 3),
    "mid": (4, 9),
    "middle": (4, 9),
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


_DAY_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
)  # fmt: skip
_ORDINAL_DAY: dict[str, int] = {word: number for number, word in enumerate(_DAY_ORDINALS, start=1)}
_ORDINAL_DAY.update({f"twenty {word}": 20 + number for word, number in list(_ORDINAL_DAY.items())[:9]})
_ORDINAL_DAY.update({"thirtieth": 30, "thirty first": 31})


def _day_number(words: str) -> int:
    """A day written in words: "twenty-second" -> 22, "twenty two" -> 22."""
    key = re.sub(r"[\s-]+", " ", words.lower())
    return _ORDINAL_DAY.get(key) or int(numbers.words_value(key) or 0)


def _holiday(written: str, year: int) -> tuple[int, int] | None:
    """(month, day) of a named holiday in ``year``; floating ones are computed."""
    key = re.sub(r"[’']", "", re.sub(r"\s+", " ", written.lower()))
    rule = HOLIDAYS.get(key)
    if rule is None:
        return None
    month, day = rule
    if day > 0:
        return month, day
    # A negative day is "the nth Thursday": -4 -> fourth Thursday (US Thanksgiving), -5 -> the Friday after it.
    thursdays = [week[3] for week in calendar.monthcalendar(year, month) if week[3]]
    if day == -4:
        return month, thursdays[3]
    if day == -5:
        return month, thursdays[3] + 1
    return None


def _build(name: str, match: re.Match[str], context_year: int | None) -> DateMatch | None:
    groups = match.groupdict()
    start, end = match.span()
    year = int(groups["year"]) if groups.get("year") else None
    flags: tuple[str, ...] = ()
    from_context = False
    lower: str | None
    upper: str | None
    if name in ("md", "dm", "quarter", "half") and year is None:
        year = context_year
        from_context = year is not None
    if name == "m":
        month = _month_number(groups.get("month"))
        word = groups["month"]
        if month is None or not word[0].isupper() or len(word.rstrip(".")) < 3:
            return None
        start = match.start("month")
        if context_year is None:
            return DateMatch(start, end, f"XXXX-{month:02d}", None, None, flags)
        value, lower, upper = _month_value(context_year, month)
        return DateMatch(start, end, value, lower, upper, ("year-from-context",), True)
    if name in ("ddmy", "mddy", "mmy"):
        assert year is not None
        month = _month_number(groups.get("month"))
        if month is None:
            return None
        if name == "mmy":
            last_month = _month_number(groups.get("month2"))
            if last_month is None or last_month <= month:
                return None
            lower, upper = _month_span(year, month, last_month)
            return DateMatch(start, end, f"{year:04d}-{month:02d}/{year:04d}-{last_month:02d}", lower, upper, flags)
        day, day2 = int(groups["day"]), int(groups["day2"])
        if not (_valid_day(year, month, day) and _valid_day(year, month, day2)) or day2 <= day:
            return None
        lower, upper = f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}-{day2:02d}"
        return DateMatch(start, end, f"{lower}/{upper}", lower, upper, flags)
    if name in ("yrange", "decade"):
        assert year is not None
        if name == "decade":
            last_year = year + 9
            flags = ("decade",)
        else:
            last_year = int(groups["year2"])
            if last_year <= year or last_year - year > 100 or (groups["join"] == "and" and not groups.get("between")):
                return None  # "in 2020 and 2021" names two years; "between 2020 and 2021" a range
            flags = ("year-range",)
        return DateMatch(
            start, end, f"{year:04d}/{last_year:04d}", f"{year:04d}-01-01", f"{last_year:04d}-12-31", flags
        )
    if name == "holiday":
        assert year is not None
        day_of = _holiday(groups["holiday"], year)
        if day_of is None:
            return None
        value, lower, upper = _day_value(year, day_of[0], day_of[1])
        return DateMatch(start, end, value, lower, upper, ("holiday",))
    if name in ("ymd", "dmy", "mdy", "md", "dm", "wdmy", "mwdy", "ymd_spaced"):
        month = _month_number(groups.get("month")) or (int(groups["mnum"]) if groups.get("mnum") else None)
        if month is None:
            return None
        if name in ("md", "dm") and not _is_capital_month(match):
            return None
        day = _day_number(groups["dayword"]) if groups.get("dayword") else int(groups["day"])
        if not _valid_day(year, month, day):
            return None
        value, lower, upper = _day_value(year, month, day)
        return DateMatch(start, end, value, lower, upper, flags, from_context)
    if name in ("dmy_num", "dmy_yy"):
        a, b = int(groups["a"]), int(groups["b"])
        if name == "dmy_yy":
            yy = int(groups["yy"])
            year = (1900 if yy >= 30 else 2000) + yy
            flags = ("two-digit-year",)
        assert year is not None
        if a > 12 and _valid_day(year, b, a):
            day, month = a, b
        elif b > 12 and _valid_day(year, a, b):
            day, month = b, a
        elif _valid_day(year, b, a):
            day, month = a, b  # day first, as Hong Kong, the UK and most of the world write it
            if a != b:
                flags = (*flags, "ambiguous-date")
        else:
            return None
        value, lower, upper = _day_value(year, month, day)
        return DateMatch(start, end, value, lower, upper, flags)
    if name in ("my", "ym", "my_num"):
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
        if name == "quarter" and groups.get("year") is None and groups["ord"].lower() in ("last", "final"):
            return None  # "last quarter" without a year is relative, not the fourth quarter
        if name == "quarter" and groups.get("year") is None and year is None:
            return DateMatch(start, end, f"XXXX-Q{quarter}", None, None, flags)
        first = 3 * quarter - 2
        value, lower, upper = _interval_value(year, first, first + 2)
        return DateMatch(start, end, value, lower, upper, flags, from_context)
    if name in ("half", "hn", "yh"):
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
        if len(y2_text) == 2 and y2 != y1 + 1:
            return None  # "2015-32" is no fiscal year
        if y2 == y1 + 1:
            return DateMatch(
                start, end, f"{y1:04d}-04/{y2:04d}-03", f"{y1:04d}-04-01", f"{y2:04d}-03-31", ("fiscal-year",)
            )
        return DateMatch(start, end, f"{y1:04d}/{y2:04d}", f"{y1:04d}-01-01", f"{y2:04d}-12-31", ("year-range",))
    return None


def find_dates(
    text: str, start: int, end: int, year_at: YearLookup, year_anchors: list[int], word_anchors: list[int]
) -> list[DateMatch]:
    """Every date in ``text[start:end]``, overlapping candidates resolved longest-first.

    A date must contain an anchor: the start of a year's digits (``year_anchors``), or of a month
    or period word (``word_anchors``: "June 30", "in January", "the first quarter").  The patterns
    run on a short window around each anchor, so the cost follows the number of anchors, not the
    length of the text; a word anchor only tries the patterns that have no year.
    """
    found: dict[tuple[int, int], DateMatch] = {}
    for anchors, patterns in ((year_anchors, _YEAR_PATTERNS), (word_anchors, _WORD_PATTERNS)):
        for anchor in anchors:
            window_start, window_end = max(start, anchor - WINDOW), min(end, anchor + WINDOW)
            # Most patterns need a word; a window of digits and signs alone ("2024-2024-...") has none.
            letters = _LETTER.search(text, window_start, window_end) is not None
            present: dict[str, bool] = {}
            for name, pattern in patterns:
                need = _NEEDS.get(name)
                if need is not None:
                    if not letters:
                        continue
                    # One search for a word the pattern cannot match without, instead of the pattern itself.
                    if need.pattern not in present:
                        present[need.pattern] = need.search(text, window_start, window_end) is not None
                    if not present[need.pattern]:
                        continue
                for match in pattern.finditer(text, window_start, window_end):
                    if not match.start() <= anchor < match.end() or match.span() in found:
                        continue
                    # A window edge must not cut a longer date short.
                    if (match.start() == window_start and window_start > start) or (
                        match.end() == window_end and window_end < end
                    ):
                        continue
                    context_year = year_at(match.start()) if name in _YEARLESS else None
                    if name == "m":
                        context_year = year_at.for_month(match.start(), match.group("rel"), match.group("month"))
                    built = _build(name, match, context_year)
                    if built is not None:
                        found[match.span()] = built
    return resolve_overlaps(list(found.values()))


_LETTER = re.compile(r"[A-Za-z]")
_NEED_MONTH = re.compile(_MONTH_NAMES, re.I)
_NEED_PART = re.compile(r"end|mid|early|late|beginning|start|half", re.I)
_NEED_HOLIDAY = re.compile(
    "|".join(sorted((h.replace(" ", r"\s+").replace("'", "['’]?") for h in HOLIDAYS), key=len, reverse=True)), re.I
)
#: Pattern name -> what it cannot match without (it is part of every match, so a window without it has none).
_NEEDS: dict[str, re.Pattern[str]] = {
    **{name: _NEED_MONTH for name in ("dmy", "ddmy", "mddy", "mmy", "wdmy", "mwdy", "mdy", "my", "md", "dm", "m")},
    "part": _NEED_PART,
    "holiday": _NEED_HOLIDAY,
    "quarter": re.compile("quarter", re.I),
    "half": re.compile("half", re.I),
    "qn": re.compile("q", re.I),
    "yq": re.compile("q", re.I),
}

#: Patterns that may have no year in them, tried at month and period words.
_YEARLESS = frozenset({"md", "dm", "m", "quarter", "half"})
_WORD_PATTERNS = tuple((name, pattern) for name, pattern in _PATTERNS if name in _YEARLESS)
_YEAR_PATTERNS = tuple((name, pattern) for name, pattern in _PATTERNS if name not in ("md", "dm", "m"))

#: Characters either side of an anchor that a date may span ("the end of\n\nNovember 2024").
WINDOW = 40


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

    def __init__(
        self, text: str, sentences: list[tuple[int, int]], document_year: int | None, document_month: int | None = None
    ) -> None:
        self._text = text
        self._sentences = sentences
        self._starts = [start for start, _ in sentences]
        self._document_year = document_year
        self._document_month = document_month
        self._years: dict[int, int | None] = {}

    def for_month(self, offset: int, relation: str, month_word: str) -> int | None:
        """The year of a month named without one: "last October" is the October before the document's
        date, "next March" the one after; otherwise the sentence's year, else the document's."""
        month = _month_number(month_word)
        relation = relation.lower()
        if relation in ("last", "next") and self._document_year is not None and self._document_month and month:
            if relation == "last":
                return self._document_year - (1 if month >= self._document_month else 0)
            return self._document_year + (1 if month <= self._document_month else 0)
        return self(offset)

    def __call__(self, offset: int) -> int | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if not 0 <= index < len(self._sentences):
            return self._document_year
        if index not in self._years:
            start, end = self._sentences[index]
            year = _YEAR_IN_SENTENCE.search(self._text, start, end)
            self._years[index] = int(year.group(1)) if year is not None else None
        found = self._years[index]
        return found if found is not None else self._document_year


_YEAR_IN_SENTENCE = re.compile(r"(?<![\w$.,])((?:19|20)\d\d)(?![\d%]|\.\d|,\d{3})")
