"""JUnit XML for CI test dashboards.

A rule with no findings is one passing test case; each finding is a test case of its own with one
``<failure>``, because dashboards (GitLab, Jenkins) show only the first failure of a test case and
strict JUnit schemas allow one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.model import Finding, Report
from factcheck.report.common import findings_by_rule, report_rules, visible


def _xml_text(value: str) -> str:
    """Characters XML 1.0 cannot hold at all (escaping does not help) are shown as ``\\xNN`` escapes."""
    return visible(value)


def _failure_text(finding: Finding) -> str:
    loc = finding.location
    lines = [
        f"{loc.path}:{loc.line}:{loc.column}: {finding.severity.value} [{finding.rule}] {finding.message}",
        f"    {loc.text}",
    ]
    for related in finding.related:
        rel = related.location
        note = f" ({related.note})" if related.note else ""
        lines.append(f"    see {rel.path}:{rel.line}:{rel.column}: {rel.text}{note}")
    return "\n".join(lines)


def junit_tree(report: Report) -> ET.Element:
    rules = report_rules(report)
    grouped = findings_by_rule(report)
    failures = sum(len(grouped.get(rule.id, ())) for rule in rules)
    tests = sum(len(grouped.get(rule.id, ())) or 1 for rule in rules)
    totals = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": "factcheck", **totals, "time": "0"})
    suite = ET.SubElement(root, "testsuite", {"name": "factcheck", **totals, "skipped": "0", "time": "0"})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("documents", str(len(report.documents))),
        ("claims", str(len(report.claims))),
        ("fail_on", report.fail_on),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    for rule in rules:
        classname = f"factcheck.{rule.category}"
        findings = grouped.get(rule.id, ())
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": classname, "name": rule.id, "time": "0"})
        for finding in findings:
            loc = finding.location
            place = f"{loc.path}:{loc.line}:{loc.column}"
            case = ET.SubElement(
                suite, "testcase", {"classname": classname, "name": _xml_text(f"{rule.id} {place}"), "time": "0"}
            )
            failure = ET.SubElement(
                case,
                "failure",
                {"type": finding.severity.value, "message": _xml_text(f"{place}: {finding.message}")},
            )
            failure.text = _xml_text(_failure_text(finding))
    if report.problems:
        out = ET.SubElement(suite, "system-err")
        out.text = _xml_text("\n".join(f"skipped {problem}" for problem in report.problems))
    return root


def render(report: Report) -> str:
    root = junit_tree(report)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
