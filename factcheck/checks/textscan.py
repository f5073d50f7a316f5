"""Shared helpers of the checks that read one document's text (blank figures, typos, OCR damage, names).

They scan ``Document.text`` (markup blanked, same length as ``original``) and report spans of
``original``; OCR text wraps lines and inserts blank lines mid-sentence, so "whitespace" here
always includes newlines, and a *paragraph break* is a blank line.
"""

from __future__ import annotations

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


def documents(ctx: CheckContext) -> Iterator[Document]:
    """The context's documents in path order."""
    for path in sorted(ctx.documents):
        yield ctx.documents[path]


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
