"""ocr-artifact: text damaged by OCR or scraping in a way that distorts a name or a figure.

What counts as damage is data: each rule gives ``substitutions``, a list of
``{find: REGEX, means: TEXT, context: REGEX, not_before: REGEX, not_after: REGEX}``:

* ``find`` — the damaged form ("1&T" for "I&T");
* ``means`` — what it stands for (may use ``\\1`` for groups of ``find``);
* ``context`` — optional: only when this also matches in the same sentence (an "Al" is "AI" only
  in a sentence about technology);
* ``note`` — optional: the message for this substitution instead of "looks like OCR damage of";
* ``not_before`` / ``not_after`` — optional: not when this matches right after / right before the
  hit ("Al Gore", "Mr Al"); both are anchored at the hit.

The regexes are checked like every user pattern (no catastrophic backtracking) and matched line
by line under a time budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.checks.base import CheckContext, Param, param
from factcheck.checks.textscan import documents, message, report, sentence_span
from factcheck.model import Document, Finding
from factcheck.rules.model import Rule
from factcheck.rules.regexes import TimedPattern, compile_safe, first_char_guard
from factcheck.rules.types import Substitutions

NAME = "ocr-artifact"
#: Findings in a document depend on that document alone (a --focus run checks only the focus files).
SCOPE = "document"
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
DESCRIPTION = (
    "Text damaged by OCR or scraping that distorts a name or figure: '1&T', '|&T', 'I1&T' for 'I&T'; "
    "'Al' for 'AI' in a sentence about technology; '[email protected]' left by an e-mail protection "
    "script. The damaged forms are data (the rule's substitutions)."
)
PARAMS: Mapping[str, Param] = {
    "substitutions": Param((Substitutions,), [], "Damaged forms and what they stand for (see the check type)."),
    "window": Param((int,), 60, "For not_before/not_after: how many characters after/before the hit to look at."),
    "budget_seconds": Param((int, float), 2.0, "Time budget for matching one substitution over the whole run."),
}


@dataclass
class _Substitution:
    find: TimedPattern
    means: str
    note: str
    context: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None


def _optional(spec: Mapping[str, Any], key: str, suffix: str = "") -> re.Pattern[str] | None:
    value = spec.get(key)
    return None if value is None else compile_safe(f"(?:{value}){suffix}")


def _substitutions(rule: Rule) -> list[_Substitution]:
    budget = float(param(rule, "budget_seconds", PARAMS))
    return [
        _Substitution(
            find=TimedPattern(compile_safe(first_char_guard(str(spec["find"]))), budget),
            means=str(spec["means"]),
            note=str(spec.get("note", "")),
            context=_optional(spec, "context"),
            not_before=_optional(spec, "not_before"),
            not_after=_optional(spec, "not_after", r"\Z"),
        )
        for spec in param(rule, "substitutions", PARAMS)
    ]


def _meaning(match: re.Match[str], means: str) -> str:
    try:
        return match.expand(means)
    except (re.error, IndexError):
        return means


def _unmasked(document: Document, start: int, end: int) -> bool:
    """True unless part of the span is markup (code, a tag, a URL); link brackets do not count."""
    text, original = document.text, document.original
    return all(text[i] == original[i] or original[i] in "[]()" for i in range(start, end))


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    substitutions = _substitutions(rule)
    window = int(param(rule, "window", PARAMS))
    for document in documents(ctx, rule):
        # Matched on the original text (brackets of "[email protected]" are markup in markdown),
        # then kept only where the span is prose.
        text = document.original
        hits: dict[int, Finding] = {}
        for substitution in substitutions:
            for match in substitution.find.finditer(text):
                start, end = match.span()
                if start == end or start in hits or not _unmasked(document, start, end):
                    continue
                if substitution.not_before and substitution.not_before.match(text[end : end + window]):
                    continue
                if substitution.not_after and substitution.not_after.search(text[max(0, start - window) : start]):
                    continue
                if substitution.context:
                    low, high = sentence_span(text, start)
                    if not substitution.context.search(text, low, high):
                        continue
                written = " ".join(match.group().split())
                meant = _meaning(match, substitution.means)
                default = (
                    f"'{written}': {substitution.note}"
                    if substitution.note
                    else f"'{written}' looks like OCR damage of '{meant}'"
                )
                hits[start] = report(rule, document, start, end, message(rule, default, text=written, expected=meant))
        if ctx.memo is not None and any(substitution.find.exhausted for substitution in substitutions):
            ctx.memo.incomplete(document.path)  # the time budget ran out: do not keep these findings
        for start in sorted(hits):
            yield hits[start]
