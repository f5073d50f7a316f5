"""The document's own date: from front matter, a dateline, a date line near the top, or the file name."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from factcheck.load.markup import FRONT_MATTER

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY_MONTH_YEAR = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+(?P<year>(?:19|20)\d\d)"
_MONTH_DAY_YEAR = rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<year>(?:19|20)\d\d)"
_ISO = r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
_ZH = r"(?P<zyear>(?:19|20)\d\d)\s*年\s*(?P<zmonth>\d{1,2})\s*月\s*(?P<zday>\d{1,2})\s*日"
_PREFIX = r"^[ \t]*(?:(?:Date|Dated|Published|發布日期|日期)\s*[:：]?\s*)?"

#: "HONG KONG, July 11, 2022 /PRNewswire/ —", "Hong Kong, 17 September 2025 -"
_DATELINES = tuple(
    re.compile(rf"^[ \t]*[A-Z][A-Za-z .'-]{{1,40}},[ \t]*{form}", re.M) for form in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
)
#: A line that opens with the date and a dash: "1 July 2024 – The park ...", "July 1, 2024 — ..."
_LEADING_DATES = tuple(
    re.compile(rf"^[ \t]*{form}[ \t]*[-–—:][ \t]+\S", re.M) for form in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
)
#: A line that is only a date ("24 Feb 2021"), near the top of the document.
_DATE_LINES = tuple(
    re.compile(rf"{_PREFIX}{form}[ \t.]*$", re.M | re.I) for form in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _ZH)
)

#: How far from the top a dateline or date line may stand.
HEAD_CHARS = 3000


def _iso_from(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return dt.date.fromisoformat(groups["iso"]).isoformat()
        if groups.get("zyear"):
            return dt.date(int(groups["zyear"]), int(groups["zmonth"]), int(groups["zday"])).isoformat()
        month = MONTHS[groups["month"].lower()[:3]]
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def front_matter_date(original: str) -> str | None:
    match = FRONT_MATTER.match(original)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        # Front matter is the document's, not ours: "date: 2024-13-45" (ValueError from the
        # timestamp constructor) or deeply nested brackets must not stop the run.
        return None
    if not isinstance(data, dict):
        return None
    value = data.get("date")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


#: A file named by its date: "2024-07-01-harbour.txt", "press_2024_07_01.md", "20240701-update.txt".
_FILENAME_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<year>(?:19|20)[0-9]{2})(?P<sep>[-_.]?)(?P<month>[0-9]{2})(?P=sep)(?P<day>[0-9]{2})(?![0-9A-Za-z])"
)


def filename_date(name: str) -> str | None:
    """The date a file's name states (the last path component only), or None."""
    for match in _FILENAME_DATE.finditer(name.rsplit("/", 1)[-1]):
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
        except ValueError:
            continue
    return None


def detect_date(original: str, masked: str, name: str = "") -> tuple[str | None, str | None]:
    """Return (ISO date, source) where source is front-matter, dateline, header or filename.

    The text's own statements come first; a date in the file's name is the last resort.
    """
    date = front_matter_date(original)
    if date:
        return date, "front-matter"
    head = masked[:HEAD_CHARS]
    for patterns, source in ((_DATELINES + _LEADING_DATES, "dateline"), (_DATE_LINES, "header")):
        matches = [match for pattern in patterns for match in pattern.finditer(head)]
        for match in sorted(matches, key=lambda match: match.start()):
            date = _iso_from(match)
            if date:
                return date, source
    date = filename_date(name)
    if date:
        return date, "filename"
    return None, None
