"""JUnit XML: a passing case per clean rule, a case with one failure per finding, valid XML whatever the text."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from factcheck.model import Report
from factcheck.report import junit


def test_passing_rules_are_one_case_and_each_finding_a_case_of_its_own(sample_report: Report) -> None:
    root = ET.fromstring(junit.render(sample_report).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    per_rule = {rule.id: sum(1 for f in sample_report.findings if f.rule == rule.id) for rule in sample_report.rules}
    assert len(cases) == sum(count or 1 for count in per_rule.values())
    assert suite.get("tests") == str(len(cases))
    assert suite.get("failures") == str(len(sample_report.findings)) == root.get("failures")
    passing = next(case for case in cases if case.get("name") == "unit-mismatch")
    assert passing.find("failure") is None
    conflict = next(case for case in cases if (case.get("name") or "").startswith("figure-conflict "))
    assert conflict.get("name") == "figure-conflict press/2025-09-17-cyberport.txt:6:51"
    assert conflict.get("classname") == "factcheck.conflict"
    failures = conflict.findall("failure")
    assert len(failures) == 1
    assert failures[0].get("type") == "error"
    assert failures[0].get("message", "").startswith("press/2025-09-17-cyberport.txt:6:51: Cyberport start-ups")
    assert "see press/2025-09-17-cyberport.txt:5:28: over 400 start-ups" in (failures[0].text or "")


def test_several_findings_of_one_rule_are_several_cases_with_one_failure_each(sample_report: Report) -> None:
    first = sample_report.findings[0]
    report = dataclasses.replace(sample_report, findings=(first, dataclasses.replace(first, message="again")))
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    cases = [case for case in root.iter("testcase") if (case.get("name") or "").startswith(first.rule + " ")]
    assert [len(case.findall("failure")) for case in cases] == [1, 1]
    assert [case.findall("failure")[0].get("message", "").split(": ", 1)[1] for case in cases] == [
        first.message,
        "again",
    ]


def test_hostile_text_stays_valid_xml(xss_report: Report) -> None:
    finding = xss_report.findings[0]
    nasty = dataclasses.replace(finding, message='a < b & "c" ]]> \x00\x1b[31m \ud800 end')
    report = dataclasses.replace(xss_report, findings=(nasty,))
    rendered = junit.render(report)
    root = ET.fromstring(rendered.encode("utf-8"))
    failure = next(root.iter("failure"))
    message = failure.get("message", "")
    assert message.endswith('a < b & "c" ]]> \\x00\\x1b[31m \\xd800 end')
    assert "\x1b" not in rendered
