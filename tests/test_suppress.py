"""Inline suppression directives: scopes, formats, counts and unused directives."""

from __future__ import annotations

from factcheck.load import document_from_text
from factcheck.model import Document, Finding, Severity
from factcheck.rules import load_ruleset
from factcheck.suppress import apply, directives

RULES = load_ruleset().rules


def _finding(document: Document, rule: str, line: int) -> Finding:
    start = document.offset(line, 1)
    end = document.original.index("\n", start)
    return Finding(rule, "other", Severity.WARNING, "m", document.location(start, end))


def test_directives_in_html_comments_and_bare_lines() -> None:
    document = document_from_text(
        "<!-- factcheck: disable-next-line blank-figure, name-variant -->\nx\n"
        "  # factcheck: disable all\n"
        "text <!-- factcheck: disable-line ocr-artifact --> more\n"
        "We discussed factcheck: disable all in prose.\n",
        "d.md",
        "markdown",
    )
    found = [(d.action, d.rule, d.line) for d in directives(document)]
    assert found == [
        ("disable-next-line", "blank-figure", 1),
        ("disable-next-line", "name-variant", 1),
        ("disable", "all", 3),
        ("disable-line", "ocr-artifact", 4),
    ]


def test_next_line_skips_blank_lines_and_other_directives() -> None:
    document = document_from_text(
        "factcheck: disable-next-line blank-figure\n\n"
        "factcheck: disable-next-line magnitude-typo\n"
        "a total of $ million and 3 bilion\n"
        "a total of $ million\n",
        "d.txt",
    )
    findings = [
        _finding(document, "blank-figure", 4),
        _finding(document, "magnitude-typo", 4),
        _finding(document, "blank-figure", 5),
    ]
    result = apply(findings, [document], RULES)
    assert result.suppressed == 2
    assert [(f.rule, f.location.line) for f in result.findings] == [("blank-figure", 5)]


def test_disable_enable_range_and_all() -> None:
    document = document_from_text(
        "line one\n<!-- factcheck: disable all -->\nline three\nline four\n<!-- factcheck: enable all -->\nline six\n",
        "d.md",
        "markdown",
    )
    findings = [_finding(document, "blank-figure", line) for line in (1, 3, 4, 6)]
    result = apply(findings, [document], RULES)
    assert result.suppressed == 2
    assert [f.location.line for f in result.findings] == [1, 6]
    assert result.unused == ()


def test_disable_without_enable_runs_to_the_end() -> None:
    document = document_from_text("a\n# factcheck: disable name-variant\nb\nc\n", "d.txt")
    findings = [_finding(document, "name-variant", 3), _finding(document, "name-variant", 4)]
    result = apply(findings, [document], RULES)
    assert result.suppressed == 2
    assert result.findings == ()


def test_unused_and_unknown_directives_are_reported_at_the_directive() -> None:
    document = document_from_text("intro\n<!-- factcheck: disable-next-line magnitud-typo -->\nx\n", "d.md", "markdown")
    result = apply([], [document], RULES)
    assert [(f.rule, f.category, f.severity, f.location.line, f.location.column) for f in result.unused] == [
        ("unused-suppression", "other", Severity.INFO, 2, 1)
    ]
    assert "did you mean 'magnitude-typo'" in result.unused[0].message
    assert result.unused[0].location.text.startswith("<!-- factcheck:")
    assert result.unused[0].fingerprint


def test_no_unused_findings_when_the_rule_is_off() -> None:
    document = document_from_text("<!-- factcheck: disable-line blank-figure -->\n", "d.md", "markdown")
    rules = tuple(rule for rule in RULES if rule.id != "unused-suppression")
    assert apply([], [document], rules).findings == ()


def test_next_line_is_a_line_with_an_inline_directive_too() -> None:
    document = document_from_text(
        "<!-- factcheck: disable-next-line blank-figure -->\n"
        "a total of $ million <!-- factcheck: disable-line name-variant -->\n",
        "d.md",
        "markdown",
    )
    result = apply([_finding(document, "blank-figure", 2)], [document], RULES)
    assert result.suppressed == 1
    assert [(f.rule, f.location.line) for f in result.findings] == [("unused-suppression", 2)]


def test_a_directive_on_the_last_line_suppresses_nothing() -> None:
    document = document_from_text("text\nfactcheck: disable-next-line blank-figure", "d.txt")
    result = apply([_finding(document, "blank-figure", 1)], [document], RULES)
    assert result.suppressed == 0
    assert [f.rule for f in result.findings] == ["blank-figure", "unused-suppression"]
