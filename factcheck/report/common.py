"""Small helpers the formatters share."""

from __future__ import annotations

import re

from factcheck.model import Finding, Report, RuleInfo

#: C0 and C1 control characters except tab and newline, DEL, and lone surrogates: never copied raw to a
#: terminal (escape-sequence injection) or into XML (where they are not allowed at all).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def visible(text: str, newlines: bool = True) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes (and newlines too unless ``newlines``)."""
    escaped = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    if not newlines:
        escaped = escaped.replace("\n", "\\n")
    return escaped


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def report_rules(report: Report) -> list[RuleInfo]:
    """The report's rules, plus a bare entry for any rule that has findings but no RuleInfo."""
    rules = list(report.rules)
    known = {rule.id for rule in rules}
    for finding in report.findings:
        if finding.rule not in known:
            known.add(finding.rule)
            rules.append(RuleInfo(finding.rule, "", finding.category, finding.severity, "", ""))
    return rules


def findings_by_rule(report: Report) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in report.findings:
        grouped.setdefault(finding.rule, []).append(finding)
    return grouped
