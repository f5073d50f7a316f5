"""blank-figure: a figure is missing where the wording needs one.

Three shapes, all read across line breaks and blank lines (OCR text wraps and splits sentences):

* a currency sign or code with a scale word and no number: "$ million", "HK$\\nbillion", "USD bn";
  a qualifier with a bare scale word: "around million";
* a lead-in that promises a figure and is followed by something else: "a total of projects",
  "a funding amount of around ." and a lead-in left dangling at the end of a paragraph;
* a placeholder where a figure belongs: XX, xx, X,XXX, 20XX, TBC, TBD, ___, ??, N/A — next to a
  currency, a %, a scale word, a lead-in or a counted noun — and any bracketed one ([TBC], [XX]).
  "TBC" in other prose, "XX" as a roman numeral (Super Bowl XX, XXth century) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from factcheck.checks.base import CheckContext, Param, param
from factcheck.checks.textscan import (
    CURRENCY,
    NUMBER_WORDS,
    SCALE,
    documents,
    message,
    paragraph_break_between,
    prose,
    report,
)
from factcheck.model import Document, Finding
from factcheck.rules.model import Rule
from factcheck.rules.regexes import compile_safe, first_char_guard
from factcheck.rules.types import RegexList

NAME = "blank-figure"
#: Findings in a document depend on that document alone (a --focus run checks only the focus files).
SCOPE = "document"
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
DESCRIPTION = (
    "A figure is missing: a currency sign or scale word with no number ('$ million'), a lead-in "
    "with no figure after it ('a total of projects', 'a funding amount of around .'), or a "
    "placeholder where a figure belongs (XX, TBC, TBD, [TBC], ___, ??, N/A)."
)

_QUALIFIERS = (
    r"(?:around|about|approximately|approx\.|roughly|over|nearly|almost|some|up\s+to|more\s+than|"
    r"at\s+least|less\s+than|fewer\s+than|under|close\s+to|just\s+over|just\s+under|in\s+excess\s+of)"
)
PARAMS: Mapping[str, Param] = {
    "lead_ins": Param(
        (RegexList,),
        [
            r"\ba\s+(?:grand\s+)?total\s+of",
            r"\btotall?ing",
            r"\bamounting\s+to",
            r"\ba\s+sum\s+of",
            r"\bto\s+the\s+tune\s+of",
            r"\b(?:amount|total|number|sum|cost|value|budget|funding|investment|figure|population)\s+of\s+"
            + _QUALIFIERS,
        ],
        "Phrases that must be followed by a figure (matched case-insensitively, across line breaks).",
    ),
    "placeholders": Param(
        (RegexList,),
        [
            r"X{1,3}(?:,XXX)+(?:\.X+)?",
            r"X{2,}(?:\.X+)?",
            r"x{1,3}(?:,xxx)+(?:\.x+)?",
            r"x{2,}(?:\.x+)?",
            r"(?:19|20)XX",
            r"TB[CDA]",
            r"_{3,}",
            r"\?{2,}",
            r"#?N/A",
            r"n/a",
        ],
        "Placeholder tokens; reported where a figure belongs (after a currency or a lead-in, before %, "
        "a scale word or a counted noun) or anywhere inside square brackets.",
    ),
    "bracket_words": Param(
        (RegexList,),
        [r"number", r"amount", r"figure", r"value", r"[●•…]", r"\.\.\.", r"insert\b[^\]\n]{0,30}"],
        "Further words that are placeholders when written in square brackets ([number], [●]).",
    ),
}

_CURRENCY_NO_NUMBER = re.compile(first_char_guard("(" + CURRENCY + r")[ \t\u00a0]*(?:\n\s{0,20})?" + SCALE))
_CHINESE_CURRENCY_NO_NUMBER = re.compile(r"(?:港幣|港元|人民幣|美元)\s*(?:億|萬|千萬|百萬)元?")
_BARE_SCALE = re.compile(first_char_guard(r"\b(?:million|billion|trillion)\b(?!s)", re.I), re.I)
_QUALIFIER_BEFORE = re.compile(r"\b" + _QUALIFIERS + r"\s+\Z", re.I)
_FIGURE = re.compile(
    r"(?:\d|" + CURRENCY + r"\s*\d|(?:" + "|".join(NUMBER_WORDS) + r")\b|" + _QUALIFIERS + r"\b)",
    re.I,
)
_CURRENCY_START = re.compile(CURRENCY)
_BEFORE_CURRENCY = re.compile(CURRENCY + r"[ \t\u00a0]*\Z")
_AFTER_FIGURE_WORD = re.compile(r"[ \t\u00a0]*(?:%|per\s*cent\b|percent\b|" + SCALE + ")")
_COUNTED_NOUN = re.compile(r"[ \t\u00a0]+[a-z][a-z-]{2,}s\b")
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][A-Za-z.]*[ \t\u00a0]+\Z")
_NEXT_TOKEN = re.compile(r"\s*(\S)")


def _pattern(items: list[str], flags: int = 0, guard: bool = False) -> re.Pattern[str]:
    pattern = "(?:" + "|".join(f"(?:{item})" for item in items) + ")"
    return compile_safe(first_char_guard(pattern, flags) if guard else pattern, flags)


class _Scanner:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        lead_ins = list(param(rule, "lead_ins", PARAMS))
        placeholders = list(param(rule, "placeholders", PARAMS))
        self.lead_in = _pattern(lead_ins, re.I, guard=True)
        self.lead_in_before = compile_safe(
            r"(?:" + "|".join(f"(?:{item})" for item in lead_ins) + r"|\b" + _QUALIFIERS + r")\s*\Z", re.I
        )
        self.placeholder = compile_safe(first_char_guard(r"(?<![\w/])(?:" + "|".join(placeholders) + r")(?![\w/])"))
        inner = "|".join([*placeholders, *param(rule, "bracket_words", PARAMS)])
        self.bracketed = compile_safe(r"\[[ \t]*(?:" + inner + r")[ \t]*\]", re.I)

    def scan(self, document: Document) -> Iterator[Finding]:
        text = prose(document)
        seen: set[int] = set()
        for finding in self._findings(document, text):
            if finding.location.start not in seen:
                seen.add(finding.location.start)
                yield finding

    def _findings(self, document: Document, text: str) -> Iterator[Finding]:
        rule = self.rule
        for match in _CURRENCY_NO_NUMBER.finditer(text):
            written = " ".join(match.group().split())
            yield report(
                rule,
                document,
                match.start(),
                match.end(),
                message(rule, f"'{written}' has no figure: the amount is missing", text=written),
            )
        for match in _CHINESE_CURRENCY_NO_NUMBER.finditer(text):
            yield report(
                rule,
                document,
                match.start(),
                match.end(),
                message(rule, f"'{match.group()}' has no figure: the amount is missing", text=match.group()),
            )
        for scale in _BARE_SCALE.finditer(text):
            qualifier = _QUALIFIER_BEFORE.search(text, max(0, scale.start() - 40), scale.start())
            if qualifier is None:
                continue
            written = " ".join(text[qualifier.start() : scale.end()].split())
            yield report(
                rule,
                document,
                qualifier.start(),
                scale.end(),
                message(rule, f"'{written}' has no figure", text=written),
            )
        yield from self._lead_ins(document, text)
        yield from self._placeholders(document, text)

    def _lead_ins(self, document: Document, text: str) -> Iterator[Finding]:
        rule = self.rule
        for match in self.lead_in.finditer(text):
            after = _NEXT_TOKEN.match(text, match.end())
            written = " ".join(match.group().split())
            if after is None:
                yield report(
                    rule, document, match.start(), match.end(), message(rule, _dangling(written), text=written)
                )
                continue
            position = after.start(1)
            if _FIGURE.match(text, position) or self.placeholder.match(text, position) or text[position] == "[":
                continue
            currency = _CURRENCY_START.match(text, position)
            if currency and not paragraph_break_between(text, match.end(), position):
                continue  # "a total of $ million": the currency's own finding says it
            if paragraph_break_between(text, match.end(), position) or text[position] in ".,;:)":
                default = _dangling(written)
            else:
                default = f"'{written}' is not followed by a figure"
            yield report(rule, document, match.start(), match.end(), message(rule, default, text=written))

    def _placeholders(self, document: Document, text: str) -> Iterator[Finding]:
        rule = self.rule
        original = document.original
        for match in self.bracketed.finditer(original):
            inner = slice(match.start() + 1, match.end() - 1)
            if text[inner] != original[inner]:
                continue  # inside code or a tag
            yield report(
                rule,
                document,
                match.start(),
                match.end(),
                message(rule, f"placeholder '{match.group()}' left in the text", text=match.group()),
            )
        for match in self.placeholder.finditer(text):
            if match.start() > 0 and original[match.start() - 1] == "[":
                continue
            if not self._figure_context(text, match):
                continue
            yield report(
                rule,
                document,
                match.start(),
                match.end(),
                message(rule, f"placeholder '{match.group()}' where a figure belongs", text=match.group()),
            )

    def _figure_context(self, text: str, match: re.Match[str]) -> bool:
        token = match.group()
        start, end = match.start(), match.end()
        if re.fullmatch(r"(?:19|20)XX", token):
            return True
        window = max(0, start - 60)
        if _BEFORE_CURRENCY.search(text, window, start) or self.lead_in_before.search(text, window, start):
            return True
        if _AFTER_FIGURE_WORD.match(text, end):
            return True
        numeric_shape = token[0] in "Xx_?"
        return (
            numeric_shape
            and _COUNTED_NOUN.match(text, end) is not None
            and not _CAPITALISED_BEFORE.search(text, window, start)
        )


def _dangling(written: str) -> str:
    return f"'{written}' ends without its figure (the figure is missing or was moved by OCR)"


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    scanner = _Scanner(rule)
    for document in documents(ctx, rule):
        yield from scanner.scan(document)
