"""malformed-number: a figure written wrongly, so its value is in doubt.

* ordinal suffixes doubled or wrong for the number: 25thth, 3th, 22th, 11st, 2th, 1nd (11th, 12th,
  13th, 111th are right);
* thousands separators in the wrong place: 14,0000; $1,25.6 million; 1,00,0; 14,,000 — unless the
  document consistently groups another way (Indian lakh grouping 1,00,000 throughout);
* a figure glued to a word: "April 2022the", "in2022" (units, 5G, Web3, 17W, 27001:2022, 1990s are fine).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping

from factcheck.checks.base import CheckContext, Param, param
from factcheck.checks.textscan import documents, message, prose, report
from factcheck.model import Document, Finding
from factcheck.rules.model import Rule
from factcheck.rules.regexes import first_char_guard
from factcheck.rules.types import StrList

NAME = "malformed-number"
#: Findings in a document depend on that document alone (a --focus run checks only the focus files).
SCOPE = "document"
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
DESCRIPTION = (
    "A figure written wrongly: a doubled or wrong ordinal suffix (25thth, 3th, 11st), thousands "
    "separators in the wrong place (14,0000; $1,25.6 million) unless the document consistently uses "
    "another grouping (Indian 1,00,000), or a figure glued to a word ('April 2022the')."
)
PARAMS: Mapping[str, Param] = {
    "glued_words": Param(
        (StrList,),
        [
            "the",
            "and",
            "to",
            "of",
            "for",
            "with",
            "on",
            "by",
            "from",
            "was",
            "were",
            "is",
            "are",
            "has",
            "have",
            "had",
            "will",
            "which",
            "that",
            "this",
            "these",
            "those",
            "as",
            "an",
            "its",
            "their",
            "our",
            "into",
            "when",
            "where",
            "while",
            "after",
            "before",
            "since",
            "until",
            "under",
            "over",
            "between",
            "among",
            "but",
            "or",
            "nor",
            "so",
            "at",
            "in",
        ],
        "Words that, written against a figure with no space ('2022the', 'in2022'), show a lost space.",
    ),
    "ordinals": Param((bool,), True, "Report doubled or wrong ordinal suffixes."),
    "separators": Param((bool,), True, "Report misplaced thousands separators."),
    "glued": Param((bool,), True, "Report figures glued to a word."),
}

_ORDINAL = re.compile(first_char_guard(r"(?<![\w.,])(\d+)((?:st|nd|rd|th)+)(?![A-Za-z])"), re.I)
_GROUPED = re.compile(first_char_guard(r"(?<![\w.,/:-])\d+(?:,+\d+)+(?:\.\d+)?(?![\d,]\d)"))
_GLUED_AFTER = re.compile(first_char_guard(r"(?<![\w.,:/])(\d[\d,.]*\d|\d)([A-Za-z]+)\b"))
_GLUED_BEFORE = re.compile(r"\b([A-Za-z]+)(\d{2,}(?:[,.]\d+)*)(?![\w])")


def ordinal_suffix(number: int) -> str:
    """The right English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 111th."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _western(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _indian(groups: list[str]) -> bool:
    """Lakh/crore grouping: the last group has 3 digits, the ones before it 2, the first 1 or 2."""
    return (
        len(groups) >= 2
        and len(groups[-1]) == 3
        and all(len(group) == 2 for group in groups[1:-1])
        and 1 <= len(groups[0]) <= 2
    )


def _is_list(groups: list[str]) -> bool:
    """'1,2,3' or '2019,2020' read as lists written without spaces, not as one figure."""
    if all(len(group) == 4 for group in groups):
        return True
    if len(groups) < 3 or any(len(group) > 2 or (len(group) > 1 and group[0] == "0") for group in groups):
        return False
    values = [int(group) for group in groups]
    return all(later > earlier for earlier, later in itertools.pairwise(values))


class _Scanner:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.glued_words = {word.lower() for word in param(rule, "glued_words", PARAMS)}

    def scan(self, document: Document) -> Iterator[Finding]:
        text = prose(document)
        if param(self.rule, "ordinals", PARAMS):
            yield from self._ordinals(document, text)
        if param(self.rule, "separators", PARAMS):
            yield from self._separators(document, text)
        if param(self.rule, "glued", PARAMS):
            yield from self._glued(document, text)

    def _ordinals(self, document: Document, text: str) -> Iterator[Finding]:
        for match in _ORDINAL.finditer(text):
            number, suffix = int(match.group(1)), match.group(2)
            right = ordinal_suffix(number)
            if suffix.lower() == right:
                continue
            expected = match.group(1) + right
            default = (
                f"'{match.group()}': doubled ordinal suffix (write '{expected}')"
                if len(suffix) > 2
                else f"'{match.group()}': wrong ordinal suffix (write '{expected}')"
            )
            yield report(
                self.rule,
                document,
                match.start(),
                match.end(),
                message(self.rule, default, text=match.group(), expected=expected),
            )

    def _separators(self, document: Document, text: str) -> Iterator[Finding]:
        numbers: list[tuple[re.Match[str], list[str]]] = []
        for match in _GROUPED.finditer(text):
            integer = match.group().split(".")[0]
            if ",," in integer:
                numbers.append((match, []))
                continue
            groups = integer.split(",")
            if not _is_list(groups):
                numbers.append((match, groups))
        western_only = sum(1 for _, groups in numbers if groups and _western(groups) and not _indian(groups))
        indian_only = sum(1 for _, groups in numbers if groups and _indian(groups) and not _western(groups))
        accept_indian = indian_only > western_only
        for match, groups in numbers:
            if groups and (_western(groups) if not accept_indian else _indian(groups)):
                continue
            if not groups:
                default = f"'{match.group()}': doubled separator"
            elif _indian(groups):
                default = f"'{match.group()}': lakh grouping in a document that groups by thousands"
            elif accept_indian and _western(groups):
                default = f"'{match.group()}': grouped by thousands in a document that uses lakh grouping"
            else:
                default = f"'{match.group()}': thousands separator in the wrong place"
            yield report(
                self.rule, document, match.start(), match.end(), message(self.rule, default, text=match.group())
            )

    def _glued(self, document: Document, text: str) -> Iterator[Finding]:
        for match in _GLUED_AFTER.finditer(text):
            letters = match.group(2)
            if not self._glued_word(letters, match.group(1)):
                continue
            yield self._glued_finding(document, match)
        for match in _GLUED_BEFORE.finditer(text):
            letters = match.group(1)
            if not self._glued_word(letters, match.group(2)):
                continue
            yield self._glued_finding(document, match)

    def _glued_word(self, letters: str, digits: str) -> bool:
        if letters.lower() not in self.glued_words:
            return False
        if not (letters.islower() or (letters[0].isupper() and letters[1:].islower())):
            return False  # "5G", "17W", "4K" are names and units, not lost spaces
        return len(digits.replace(",", "").replace(".", "")) >= 3 or letters.lower() not in {"in", "at", "on"}

    def _glued_finding(self, document: Document, match: re.Match[str]) -> Finding:
        default = f"'{match.group()}': a figure glued to a word (a space is missing)"
        return report(self.rule, document, match.start(), match.end(), message(self.rule, default, text=match.group()))


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    scanner = _Scanner(rule)
    for document in documents(ctx, rule):
        yield from scanner.scan(document)
