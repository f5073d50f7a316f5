"""JUnit XML: one test case per rule, a failure per finding, valid XML whatever the text."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from factcheck.model import Report
from factcheck.report import junit


def test_one_testcase_per_rule(sample_report: Report) -> None:
    root = ET.fromstring(junit.render(sample_report).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [rule.id for rule in sample_report.rules]
    assert suite.get("tests") == "7"
    assert suite.get("failures") == "6"
    passing = next(case for case in cases if case.get("name") == "unit-mismatch")
    assert passing.find("failure") is None
    conflict = next(case for case in cases if case.get("name") == "figure-conflict")
    failures = conflict.findall("failure")
    assert len(failures) == 1
    assert failures[0].get("type") == "error"
    assert failures[0].get("message", "").startswith("press/2025-09-17-cyberport.txt:6:51: Cyberport start-ups")
    assert "see press/2025-09-17-cyberport.txt:5:28: over 400 start-ups" in (failures[0].text or "")


def test_several_findings_of_one_rule_are_several_failures(sample_report: Report) -> None:
    first = sample_report.findings[0]
    report = dataclasses.replace(sample_report, findings=(first, dataclasses.replace(first, message="again")))
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    case = next(case for case in root.iter("testcase") if case.get("name") == first.rule)
    assert [failure.get("message", "").split(": ", 1)[1] for failure in case.findall("failure")] == [
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
