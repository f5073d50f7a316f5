"""Shared helpers of the checks that read one document's text (blank figures, typos, OCR damage, names).

They scan ``Document.text`` (markup blanked, same length as ``original``) and report spans of
``original``; OCR text wraps lines and inserts blank lines mid-sentence, so "whitespace" here
always includes newlines, and a *paragraph break* is a blank line.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from typing import Any

from factcheck.checks.base import CheckContext, finding
from factcheck.model import Document, Finding, RelatedLocation
from factcheck.rules.model import Rule

#: Currency signs and codes written before an amount ("HK$", "US$", "RMB", "€").
CURRENCY = (
    r"(?:(?:HK|US|NT|NZ|A|AU|C|CA|S|SG|M|R|MOP|RM)\$|\$|€|£|¥|￥|₹|₩|"
    r"\b(?:HKD|USD|RMB|CNY|EUR|GBP|JPY|SGD|AUD|CAD|NTD|TWD|MOP|INR|KRW|CHF|NZD|MYR|RM|Rs|Rp)\b)"
)
#: Scale words a figure may carry ("million"); abbreviations only when standing alone.
SCALE = r"(?:[Mm]illions?|[Bb]illions?|[Tt]rillions?|[Tt]housands?|[Hh]undred|mn|bn|tn|m|b|k|K)(?![A-Za-z])"
#: Number words that may stand where a figure is expected.
NUMBER_WORDS: tuple[str, ...] = (
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "several",
    "many",
    "few",
    "some",
    "half",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "over",
    "more",
    "less",
    "fewer",
    "under",
    "up",
    "at",
    "just",
    "close",
    "between",
    "from",
    "no",
    "zero",
    "single",
    "double",
    "triple",
    "quarter",
    "third",
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
#: URLs and e-mail addresses in plain text (markup front ends already blank them in Markdown/HTML).
_NOT_PROSE = re.compile(r"(?<![\w.+-])(?:(?:https?|ftp)://[^\s<>\"]+|www\.[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def documents(ctx: CheckContext, rule: Rule | None = None) -> Iterator[Document]:
    """The context's documents in path order; a rule's ``select`` may narrow them by ``path`` (glob
    patterns) and ``lang`` (other select keys are claim fields and do not apply to text checks)."""
    select = rule.select if rule is not None else {}
    paths = _values(select.get("path"))
    langs = _values(select.get("lang"))
    for path in sorted(ctx.documents):
        document = ctx.documents[path]
        if paths and not any(fnmatch.fnmatchcase(path, pattern) for pattern in paths):
            continue
        if langs and document.lang not in langs:
            continue
        yield document


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def prose(document: Document) -> str:
    """``Document.text`` with URLs and e-mail addresses blanked too (same length, newlines kept)."""
    text = document.text
    spans = [match.span() for match in _NOT_PROSE.finditer(text)]
    if not spans:
        return text
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def message(rule: Rule, default: str, **values: Any) -> str:
    """The rule's message template filled with ``values``, or ``default`` when the rule has none."""
    return rule.format_message(**values) if rule.message else default


def report(
    rule: Rule,
    document: Document,
    start: int,
    end: int,
    text: str,
    related: tuple[RelatedLocation, ...] = (),
) -> Finding:
    return finding(rule, document.location(start, end), text, related)


def paragraph_break_between(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds a blank line."""
    return _PARAGRAPH_BREAK.search(text, start, end) is not None


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def sentence_span(text: str, offset: int, limit: int = 400) -> tuple[int, int]:
    """A rough sentence around ``offset``: up to ., !, ? or a paragraph break, at most ``limit`` chars each way."""
    low = max(0, offset - limit)
    start = low
    for match in re.finditer(r"[.!?。！？](?=\s)|\n[ \t]*\n", text[low:offset]):
        start = low + match.end()
    stop = min(len(text), offset + limit)
    found = re.compile(r"[.!?。！？](?=\s|$)|\n[ \t]*\n").search(text, offset, stop)
    return start, found.end() if found else stop
