"""GitHub workflow commands: escaping and the ten-annotations-per-type limit."""

from __future__ import annotations

import dataclasses

from factcheck.model import Report, Severity
from factcheck.report import github


def test_annotation_properties(sample_report: Report) -> None:
    lines = github.render(sample_report).splitlines()
    conflict = next(line for line in lines if "figure-conflict" in line)
    assert conflict.startswith(
        "::error file=press/2025-09-17-cyberport.txt,line=6,endLine=6,col=51,endColumn=90,"
        "title=factcheck figure-conflict (conflict)::Cyberport start-ups: about 300 here"
    )
    # The related location is on a second line of the message, escaped as %0A.
    assert "%0Asee press/2025-09-17-cyberport.txt:5:28: over 400 start-ups" in conflict
    assert any(line.startswith("::notice file=press/2024-05-31-cyberport.txt,line=5") for line in lines)
    assert lines[-1].startswith("2 errors, 3 warnings, 1 info in 5 documents")


def test_escaping_follows_github_rules() -> None:
    assert github.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_hostile_paths_and_messages_cannot_inject_commands(sample_report: Report) -> None:
    finding = sample_report.findings[0]
    location = dataclasses.replace(finding.location, path="a,b:c.txt")
    hostile = dataclasses.replace(finding, location=location, message="bad\n::error::injected 100%")
    line = github.annotation(hostile)
    assert "file=a%2Cb%3Ac.txt," in line
    assert line.count("\n") == 0
    assert line.endswith(
        "::bad%0A::error::injected 100%25%0Asee guide/2025-ict-guide.txt:3:46: over 2,000 tech companies (English version)"
    )


def test_only_ten_annotations_per_type_then_a_summary(sample_report: Report) -> None:
    base = sample_report.findings[0]
    findings = tuple(
        dataclasses.replace(base, severity=severity, message=f"{severity.value} {number}")
        for severity in (Severity.ERROR, Severity.WARNING)
        for number in range(13)
    )
    report = dataclasses.replace(sample_report, findings=findings)
    lines = github.render(report).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    start = lines.index("::group::6 more findings (GitHub shows only the first 10 annotations of each type)")
    end = lines.index("::endgroup::")
    rest = lines[start + 1 : end]
    assert [line.rsplit(" ", 1)[1] for line in rest] == ["10", "11", "12", "10", "11", "12"]
    assert rest[0] == "guide/2025-ict-guide.txt:8:20: error [bilingual-figures] error 10"
    assert lines[-1].startswith("13 errors, 13 warnings, 0 infos")
