"""magnitude-typo: a misspelt scale word next to a figure ("$46 bilion", "3 milion people").

Words are fuzzy-matched (rapidfuzz ``ratio``) against the scale words; a word counts only when a
number, a currency sign or a number word comes right before it (so a surname "Bilion" in prose is
left alone), and never when it is itself a correct word ("million", "millionaire", "bullion").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from rapidfuzz import fuzz, process

from factcheck.checks.base import CheckContext, Param, param
from factcheck.checks.textscan import CURRENCY, NUMBER_WORDS, documents, message, prose, report
from factcheck.model import Finding
from factcheck.rules.model import Rule
from factcheck.rules.types import StrList

NAME = "magnitude-typo"
#: Findings in a document depend on that document alone (a --focus run checks only the focus files).
SCOPE = "document"
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
DESCRIPTION = (
    "A scale word misspelt next to a figure: bilion, milion, trilion, millon, billon, thousnad. "
    "Words are fuzzy-matched against the scale words and must follow a number, a currency sign or "
    "a number word; correct words (million, millionaire, bullion, ...) are never reported."
)
PARAMS: Mapping[str, Param] = {
    "scale_words": Param(
        (StrList,),
        ["million", "billion", "trillion", "thousand", "millions", "billions", "trillions", "thousands"],
        "Correctly spelt scale words to compare against.",
    ),
    "allow": Param(
        (StrList,),
        [
            "millionaire",
            "millionaires",
            "billionaire",
            "billionaires",
            "trillionaire",
            "millionth",
            "billionth",
            "trillionth",
            "millionths",
            "trillionths",
            "hundredths",
            "billionths",
            "bullion",
            "pillion",
            "zillion",
            "zillions",
            "gazillion",
            "jillion",
            "mullion",
            "mullions",
            "milieu",
            "thousandth",
            "thousandths",
            "millennia",
            "millenium",
            "millennium",
            "billing",
            "milling",
            "pillions",
            "billow",
        ],
        "Real words never reported even though they look like a scale word (lowercase).",
    ),
    "threshold": Param((int, float), 85, "Minimum rapidfuzz ratio (0-100) to a scale word."),
    "require_number": Param(
        (bool,), True, "Only words right after a number, a currency sign or a number word (false: anywhere)."
    ),
}

_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{5,12}(?![A-Za-z])")
_NUMBER_BEFORE = re.compile(
    r"(?:\d(?:[\d,. \u00a0]*\d)?|" + CURRENCY + r"|\b(?:" + "|".join(NUMBER_WORDS) + r"))[ \t\u00a0]*\n?[ \t]*\Z",
    re.I,
)


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    scale = [word.lower() for word in param(rule, "scale_words", PARAMS)]
    allow = {word.lower() for word in param(rule, "allow", PARAMS)} | set(scale)
    threshold = float(param(rule, "threshold", PARAMS))
    require_number = bool(param(rule, "require_number", PARAMS))
    initials = {word[0] for word in scale}
    for document in documents(ctx, rule):
        text = prose(document)
        for match in _WORD.finditer(text):
            word = match.group().lower()
            if word[0] not in initials or word in allow:
                continue
            best = process.extractOne(word, scale, scorer=fuzz.ratio, score_cutoff=threshold)
            if best is None:
                continue
            if require_number and not _NUMBER_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                continue
            correct = best[0]
            written = match.group()
            if written[0].isupper():
                correct = correct.capitalize()
            yield report(
                rule,
                document,
                match.start(),
                match.end(),
                message(rule, f"'{written}' looks like a misspelling of '{correct}'", word=written, expected=correct),
            )
