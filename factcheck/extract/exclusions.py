"""Spans that hold digits but no figure: phone numbers, URLs, e-mails, standards, versions, times.

Each pattern is anchored at a distinctive start (a scheme, an "@", "Tel", "(852)", "ISO"),
so the whole text is scanned once per pattern without backtracking over every position.
"""

from __future__ import annotations

import re

#: (triggers, pattern): a pattern runs on a window only if one of its triggers is in it (see _TRIGGERED).
_PATTERNS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # URLs and bare web addresses
    (("://", "www."), re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\"'“”]+", re.I)),
    (
        (".com", ".org", ".net", ".gov", ".edu", ".hk", ".cn", ".uk", ".io", ".info", ".biz", ".int"),
        re.compile(
            r"(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|hk|cn|uk|io|info|biz|int)(?:\.[a-z]{2})?(?:/[^\s<>()\"'“”]*)?(?![\w])",
            re.I,
        ),
    ),
    # e-mail addresses, and Cloudflare's "[email protected]" stand-in
    (("@",), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (("[email",), re.compile(r"\[email[\s\u00a0]*protected\]", re.I)),
    # phone numbers: after Tel/Fax/Phone, or with a country code
    (
        ("tel", "fax", "phone", "mobile", "hotline", "enquir", "whatsapp", "t:", "f:", "t.", "f."),
        re.compile(
            r"(?<![\w])(?:Tel|Fax|Phone|Telephone|Mobile|Hotline|Enquiries|Whatsapp|WhatsApp|T|F)\.?\s*(?:No\.?)?\s*[:：]?\s*"
            r"(?:\(?\+?\d{1,4}\)?[\s-]?)?\d{3,5}[\s-]?\d{3,5}(?:\s*/\s*\d{3,4}[\s-]?\d{4})*",
            re.I,
        ),
    ),
    (
        ("hotline", "call", "phone", "tel", "dial", "contact", "fax", "whatsapp", "sms", "enquir", "mobile"),
        re.compile(r"(?<![\d,.])(?:\d{4}[ -]\d{4}|\d{3}[ -]\d{3}[ -]\d{4})(?![\d,])"),
    ),
    # ... and with a country code: "(852) 3166 3841", "+91 98765 43210", "+91 22 2345 6789"
    (
        ("(", "+"),
        re.compile(
            r"(?:\(\+?\d{2,4}\)|\+\d{1,4})[\s-]?\d{3,4}[\s-]?\d{3,4}(?:[\s-]?\d{2,4})?"
            r"|\+\d{1,4}(?:[\s-]\d{2,5}){1,3}[\s-]\d{3,5}(?!\d)"
        ),
    ),
    # a country code, an optional area code in brackets, two or more groups: "+1 (555) 010-2345", "+44 1224 555 0199"
    (("+",), re.compile(r"\+\d{1,4}[ .-]?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,3}(?![\d%])")),
    # after call/phone/contact/dial: seven digits or more in groups ("call 555 0199 12", "contact: (555) 010 2345")
    (
        ("call", "phone", "tel", "contact", "dial", "sms", "fax"),
        re.compile(
            r"(?<![\w])(?:call|phone|tel|telephone|contact|dial|sms|fax)(?:\s+(?:us|me|them|on|at|the\s+\w+)){0,2}"
            r"\s*[:：]?\s*(?=(?:\D{0,3}\d){7})\+?\(?\d{3,5}\)?(?:[ .-]\(?\d{2,5}\)?){1,4}(?![\d%])",
            re.I,
        ),
    ),
    # a number with a leading zero in prose is never a count: a phone number or a code ("01224 555 0199", "007");
    # not a decimal ("0.5"), a time ("09:00"), nor a group of a spaced thousand ("1 050 000")
    ((" 0", "\n0", "(0", "\t0"), re.compile(r"(?<![\w.,:/])(?<!\d\s)0\d{2,}(?:[ -]\d{2,})*(?![\d.,:]?\d)")),
    # standards and specifications: "ISO/IEC 27001:2022", "IEEE 802.11", "RFC 2616"
    (
        ("ISO", "IEC", "EN", "IEEE", "RFC", "ANSI", "ASTM", "BS", "DIN", "JIS", "GB", "NIST", "PCI", "ITU", "SOC"),
        re.compile(
            r"(?<![\w])(?:ISO|IEC|EN|IEEE|RFC|ANSI|ASTM|BS|DIN|JIS|GB(?:/T)?|NIST|PCI|ITU-T|SOC)(?:\s*/\s*(?:ISO|IEC|IEEE|DSS|TS))*"
            r"[\s-]?(?:SP\s?)?\d[\w.:-]*(?<![.:-])"
        ),
    ),
    # versions and addresses: "1.2.3", "192.168.1.2", "v2.0"
    (
        (".", "v"),
        re.compile(
            r"(?<![\w.])(?!(?:19|20)\d\d\.\d{1,2}\.\d{1,2}(?![\d.]))(?:v|V|version\s)?\d+(?:\.\d+){2,}(?![\w]|,\d)|(?<![\w])[vV]\d+(?:\.\d+)*(?![\w])"
        ),
    ),
    # times of day: "10:30", "10:30 am", "3 pm"
    (
        (":", "am", "pm", "a.m", "p.m"),
        re.compile(r"(?<![\w:.])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.|hrs?))?(?![\d:])", re.I),
    ),
    (("am", "pm", "a.m", "p.m"), re.compile(r"(?<![\w.])\d{1,2}(?:\.\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?![\w])", re.I)),
)


def _trigger_pattern(triggers: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a pattern's triggers: lower-case ones match any case, upper-case ones ("ISO", "EN") only
    as written."""
    exact = [re.escape(trigger) for trigger in triggers if trigger.isupper()]
    folded = [re.escape(trigger) for trigger in triggers if not trigger.isupper()]
    parts = exact + ([f"(?i:{'|'.join(folded)})"] if folded else [])
    return re.compile("|".join(parts))


#: (trigger regex, pattern): a pattern runs on a window only if its trigger regex finds something in it.
_TRIGGERED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (_trigger_pattern(triggers), pattern) for triggers, pattern in _PATTERNS
)


def blocked_spans(text: str, start: int, end: int, digit_runs: list[int]) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text[start:end]`` where no figure may be read.

    Only digits can be wrongly read as figures, so the patterns run on short windows around
    the digit runs (``digit_runs``: their start offsets), never over the whole text.
    """
    spans: list[tuple[int, int]] = []
    covered = -1
    if not digit_runs:
        return []
    patterns = _TRIGGERED
    if len(digit_runs) * (WINDOW_BEFORE + WINDOW_AFTER) > end - start:
        # The windows cover the segment: one search of it rules out the patterns whose triggers occur nowhere.
        segment = text[start:end]
        lowered = segment.lower()
        patterns = tuple(
            (trigger, pattern)
            for (triggers, _), (trigger, pattern) in zip(_PATTERNS, _TRIGGERED, strict=True)
            if any(word in (segment if word.isupper() else lowered) for word in triggers)
        )
    for digit in digit_runs:
        if digit < covered:
            continue
        window_start, window_end = max(start, digit - WINDOW_BEFORE), min(end, digit + WINDOW_AFTER)
        for trigger, pattern in patterns:
            if trigger.search(text, window_start, window_end) is None:
                continue
            for match in pattern.finditer(text, window_start, window_end):
                if match.start() <= digit < match.end() or (
                    match.start() > digit and any(c.isdigit() for c in match.group(0))
                ):
                    spans.append(match.span())
                    covered = max(covered, match.end())
    return merge(spans)


#: How far before and after a digit the exclusion patterns look (a URL or phone number around it).
WINDOW_BEFORE = 80
WINDOW_AFTER = 60


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
