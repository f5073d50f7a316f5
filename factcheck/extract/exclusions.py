"""Spans that hold digits but no figure: phone numbers, URLs, e-mails, standards, versions, times.

Each pattern is anchored at a distinctive start (a scheme, an "@", "Tel", "(852)", "ISO"),
so the whole text is scanned once per pattern without backtracking over every position.
"""

from __future__ import annotations

import re

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # URLs and bare web addresses
    re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\"'“”]+", re.I),
    re.compile(
        r"(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|hk|cn|uk|io|info|biz|int)(?:\.[a-z]{2})?(?:/[^\s<>()\"'“”]*)?(?![\w])",
        re.I,
    ),
    # e-mail addresses, and Cloudflare's "[email protected]" stand-in
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\[email[\s\u00a0]*protected\]", re.I),
    # phone numbers: after Tel/Fax/Phone, or with a country code
    re.compile(
        r"(?<![\w])(?:Tel|Fax|Phone|Telephone|Mobile|Hotline|Enquiries|Whatsapp|WhatsApp|T|F)\.?\s*(?:No\.?)?\s*[:：]?\s*"
        r"(?:\(?\+?\d{1,4}\)?[\s-]?)?\d{3,4}[\s-]?\d{3,4}(?:\s*/\s*\d{3,4}[\s-]?\d{4})*",
        re.I,
    ),
    re.compile(r"(?:\(\+?\d{2,4}\)|\+\d{1,4})[\s-]?\d{3,4}[\s-]?\d{3,4}(?:[\s-]?\d{2,4})?"),
    # standards and specifications: "ISO/IEC 27001:2022", "IEEE 802.11", "RFC 2616"
    re.compile(
        r"(?<![\w])(?:ISO|IEC|EN|IEEE|RFC|ANSI|ASTM|BS|DIN|JIS|GB(?:/T)?|NIST|PCI|ITU-T|SOC)(?:\s*/\s*(?:ISO|IEC|IEEE|DSS|TS))*"
        r"[\s-]?(?:SP\s?)?\d[\w.:-]*(?<![.:-])"
    ),
    # versions and addresses: "1.2.3", "192.168.1.2", "v2.0"
    re.compile(r"(?<![\w.])(?:v|V|version\s)?\d+(?:\.\d+){2,}(?![\w])|(?<![\w])[vV]\d+(?:\.\d+)*(?![\w])"),
    # times of day: "10:30", "10:30 am", "3 pm"
    re.compile(r"(?<![\w:.])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.|hrs?))?(?![\d:])", re.I),
    re.compile(r"(?<![\w.])\d{1,2}(?:\.\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?![\w])", re.I),
)


def blocked_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text[start:end]`` where no figure may be read."""
    spans: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            if any(char.isdigit() for char in match.group(0)):
                spans.append(match.span())
    return merge(spans)


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        if merged and span_start < merged[-1][1]:
            if span_end > merged[-1][1]:
                merged[-1] = (merged[-1][0], span_end)
        else:
            merged.append((span_start, span_end))
    return merged
