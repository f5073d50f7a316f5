"""Inline suppression: directives in a document switch rules off for a line or a range of lines.

Markdown and HTML (anywhere on a line)::

    <!-- factcheck: disable-next-line blank-figure -->
    <!-- factcheck: disable-line name-variant, ocr-artifact -->
    <!-- factcheck: disable magnitude-typo -->  ...  <!-- factcheck: enable magnitude-typo -->
    <!-- factcheck: disable all -->             ...  <!-- factcheck: enable all -->

Plain text (and any format): the same directive alone on its line, bare or after a comment mark
``#``, ``//``, ``%`` or ``;``, e.g. ``# factcheck: disable-next-line blank-figure``. A line that holds
nothing but ``factcheck: <directive>`` does not occur in prose, so plain text needs no comment syntax.

``disable-next-line`` applies to the next non-blank line (OCR text is full of blank lines);
``disable`` runs to the matching ``enable`` or to the end of the document. A finding is suppressed
when its primary location starts on a suppressed line. Directives are read from
``Document.original``. A directive that suppresses nothing, or names an unknown rule, is itself
reported by the ``unused-suppression`` rule (category ``other``, severity ``info``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from factcheck.fingerprint import with_fingerprints
from factcheck.model import Document, Finding
from factcheck.rules.model import Rule
from factcheck.rules.schema import did_you_mean

UNUSED_RULE = "unused-suppression"
ALL = "all"

_RULES = r"(?P<rules>[A-Za-z0-9_-]+(?:(?:[ \t]*,[ \t]*|[ \t]+)[A-Za-z0-9_-]+)*)"
_ACTION = r"(?P<action>disable-next-line|disable-line|disable|enable)"
_HTML_DIRECTIVE = re.compile(r"<!--[ \t]*factcheck:[ \t]*" + _ACTION + r"[ \t]+" + _RULES + r"[ \t]*-->", re.I)
_LINE_DIRECTIVE = re.compile(
    r"^[ \t]*(?:(?:#|//|%|;)[ \t]*)?factcheck:[ \t]*" + _ACTION + r"[ \t]+" + _RULES + r"[ \t]*$", re.I | re.M
)


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive for one rule id (``all`` for every rule)."""

    path: str
    action: str
    rule: str
    start: int
    end: int
    line: int


@dataclass
class _Scope:
    directive: Directive
    first_line: int
    last_line: int
    used: int = 0


@dataclass(frozen=True, slots=True)
class Suppressed:
    """Findings left after suppression, how many were suppressed, and unused-suppression findings."""

    findings: tuple[Finding, ...]
    suppressed: int
    unused: tuple[Finding, ...] = field(default=())


def directives(document: Document) -> list[Directive]:
    """Every directive in the document, in order, one per rule id named."""
    found: dict[int, tuple[re.Match[str], int]] = {}
    for pattern in (_HTML_DIRECTIVE, _LINE_DIRECTIVE):
        for match in pattern.finditer(document.original):
            found.setdefault(match.start("action"), (match, 0))
    result: list[Directive] = []
    for _, (match, _unused) in sorted(found.items()):
        line = document.position(match.start())[0]
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        for rule in re.split(r"[\s,]+", match.group("rules").strip()):
            if rule:
                result.append(Directive(document.path, match.group("action").lower(), rule, start, match.end(), line))
    return result


def _next_content_lines(document: Document, directive_lines: set[int]) -> list[int]:
    """For each line number, the first later line that is neither blank nor only a directive."""
    lines = document.original.split("\n")
    directive_lines = {
        number
        for number in directive_lines
        if _LINE_DIRECTIVE.fullmatch(lines[number - 1].strip()) or _HTML_DIRECTIVE.fullmatch(lines[number - 1].strip())
    }
    following = [0] * (len(lines) + 2)
    following[len(lines)] = len(lines) + 1
    for number in range(len(lines), 0, -1):
        content_next = number + 1 <= len(lines) and lines[number].strip() and number + 1 not in directive_lines
        following[number - 1] = number + 1 if content_next else following[number]
    return following


def _scopes(document: Document) -> list[_Scope]:
    scopes: list[_Scope] = []
    open_ranges: dict[str, _Scope] = {}
    last_line = len(document.line_starts)
    found = directives(document)
    if not found:  # most documents: no directive, no scope (and no line table to build)
        return scopes
    following = _next_content_lines(document, {directive.line for directive in found})
    for directive in found:
        key = directive.rule.lower()
        if directive.action == "disable-next-line":
            target = following[directive.line - 1] if directive.line - 1 < len(following) else directive.line + 1
            scopes.append(_Scope(directive, target, target))
        elif directive.action == "disable-line":
            scopes.append(_Scope(directive, directive.line, directive.line))
        elif directive.action == "disable":
            if key not in open_ranges:
                scope = _Scope(directive, directive.line, last_line)
                open_ranges[key] = scope
                scopes.append(scope)
        elif key in open_ranges:  # enable
            open_ranges.pop(key).last_line = directive.line
        elif key == ALL:
            for scope in open_ranges.values():
                scope.last_line = min(scope.last_line, directive.line)
            open_ranges.clear()
    return scopes


def _matching(scopes: Sequence[_Scope], rule: str, line: int) -> Iterator[_Scope]:
    for scope in scopes:
        if scope.first_line <= line <= scope.last_line and scope.directive.rule.lower() in (ALL, rule):
            yield scope


def apply(
    findings: Sequence[Finding],
    documents: Iterable[Document],
    rules: Sequence[Rule],
) -> Suppressed:
    """Drop findings on suppressed lines; report directives that suppressed nothing.

    ``unused`` findings are produced only when the rule ``unused-suppression`` is active.
    """
    docs = {document.path: document for document in documents}
    scopes_by_path = {path: _scopes(document) for path, document in docs.items()}
    # One-line scopes by line; ranges (few) are checked in full.
    by_line: dict[tuple[str, int], list[_Scope]] = defaultdict(list)
    ranges: dict[str, list[_Scope]] = defaultdict(list)
    for path, scopes in scopes_by_path.items():
        for scope in scopes:
            if scope.first_line == scope.last_line:
                by_line[(path, scope.first_line)].append(scope)
            else:
                ranges[path].append(scope)
    kept: list[Finding] = []
    suppressed = 0
    for item in findings:
        path, line, rule = item.location.path, item.location.line, item.rule.lower()
        hits = [*_matching(by_line.get((path, line), ()), rule, line), *_matching(ranges.get(path, ()), rule, line)]
        for scope in hits:
            scope.used += 1
        if hits:
            suppressed += 1
        else:
            kept.append(item)
    unused = _unused(scopes_by_path, docs, rules)
    combined = sorted([*kept, *unused], key=Finding.sort_key)
    return Suppressed(tuple(combined), suppressed, tuple(unused))


def _unused(
    scopes_by_path: Mapping[str, list[_Scope]], docs: Mapping[str, Document], rules: Sequence[Rule]
) -> list[Finding]:
    reporter = next((rule for rule in rules if rule.id == UNUSED_RULE), None)
    if reporter is None:
        return []
    known = [rule.id for rule in rules]
    result: list[Finding] = []
    for path in sorted(scopes_by_path):
        for scope in scopes_by_path[path]:
            directive = scope.directive
            if scope.used:
                continue
            if directive.rule.lower() != ALL and directive.rule not in known:
                default = f"'factcheck: {directive.action}' names an unknown rule {directive.rule!r}"
                default += did_you_mean(directive.rule, known)
            else:
                default = f"'factcheck: {directive.action} {directive.rule}' suppresses nothing"
            message = (
                reporter.format_message(rule=directive.rule, action=directive.action) if reporter.message else default
            )
            result.append(
                Finding(
                    rule=reporter.id,
                    category=reporter.category,
                    severity=reporter.severity,
                    message=message,
                    location=docs[path].location(directive.start, directive.end),
                )
            )
    return with_fingerprints(result, docs)
