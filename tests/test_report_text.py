"""Terminal text: grouped by file, colour only when asked, control characters never reach the terminal."""

from __future__ import annotations

import dataclasses
import io

import pytest

from factcheck import cli
from factcheck.model import Report
from factcheck.report import text


def test_grouped_by_file_with_a_summary(sample_report: Report) -> None:
    lines = text.render(sample_report).splitlines()
    assert lines[0] == "guide/2025-ict-guide.txt"
    assert lines[1] == (
        "guide/2025-ict-guide.txt:8:20: warning [bilingual-figures] "
        "The Chinese text says 1,800 tech companies where the English says over 2,000"
    )
    assert lines[2] == "    see guide/2025-ict-guide.txt:3:46: over 2,000 tech companies (English version)"
    headings = [line for line in lines if line and ":" not in line]
    assert headings == [
        "guide/2025-ict-guide.txt",
        "press/2022-07-11-anniversary.txt",
        "press/2024-05-31-cyberport.txt",
        "press/2025-09-17-cyberport.txt",
    ]
    assert lines[-1] == "2 errors, 3 warnings, 1 info in 5 documents (16 claims) -- FAIL (fail-on: error)"


def test_summary_passes_below_the_threshold(sample_report: Report) -> None:
    assert text.summary_line(dataclasses.replace(sample_report, fail_on="never")).endswith("-- pass (fail-on: never)")


def test_colour_only_when_asked(sample_report: Report) -> None:
    assert "\x1b[" not in text.render(sample_report)
    coloured = text.render_colour(sample_report)
    assert "\x1b[31merror\x1b[0m" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, True), ({"NO_COLOR": "1"}, False), ({"NO_COLOR": ""}, True), ({"TERM": "dumb"}, False)],
)
def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert cli._colour(_Tty()) is expected
    assert cli._colour(io.StringIO()) is False


def test_control_characters_are_shown_not_sent(sample_report: Report) -> None:
    finding = sample_report.findings[0]
    hostile = dataclasses.replace(finding, message="red \x1b[31malert\x07 done\nsecond line")
    rendered = text.render(dataclasses.replace(sample_report, findings=(hostile,)))
    assert "\x1b" not in rendered and "\x07" not in rendered
    assert "red \\x1b[31malert\\x07 done\\nsecond line" in rendered


def test_unsorted_findings_are_still_grouped(sample_report: Report) -> None:
    shuffled = dataclasses.replace(sample_report, findings=sample_report.findings[::-1])
    headings = [line for line in text.render(shuffled).splitlines() if line and ":" not in line]
    assert headings == [
        "press/2025-09-17-cyberport.txt",
        "press/2024-05-31-cyberport.txt",
        "press/2022-07-11-anniversary.txt",
        "guide/2025-ict-guide.txt",
    ]
