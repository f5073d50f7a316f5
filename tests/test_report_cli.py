"""One run, many renderings: --format, --output, --html and repeatable --report FORMAT:FILE."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck.cli import main

DOCUMENT = """\
Acme annual review
31 May 2024

Acme has <script>alert(1)</script> over 500 staff in 12 offices.
"""


def test_one_run_writes_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "acme.txt").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(
        [
            "check",
            "docs",
            "--format",
            "github",
            "--output",
            "out/annotations.txt",
            "--html",
            "out/audit.html",
            "--report",
            "sarif:out/factcheck.sarif",
            "--report",
            "junit:out/junit.xml",
            "--report",
            "json:out/factcheck.json",
            "--report",
            "text:out/factcheck.txt",
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "in 1 document" in captured.err  # the summary line on stderr
    out = tmp_path / "out"
    assert json.loads((out / "factcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert json.loads((out / "factcheck.json").read_text(encoding="utf-8"))["documents"][0]["path"] == "docs/acme.txt"
    assert ET.fromstring((out / "junit.xml").read_bytes()).tag == "testsuites"
    assert (out / "factcheck.txt").read_text(encoding="utf-8").endswith("-- pass (fail-on: error)\n")
    assert (out / "annotations.txt").read_text(encoding="utf-8").endswith("-- pass (fail-on: error)\n")
    page = (out / "audit.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert 'href="#d-1"' in page


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "json", "text"])
def test_every_format_is_a_format_choice(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--format", name]) == 0
    assert capsys.readouterr().out.strip()


def test_report_spec_errors_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--report", "pdf:out.pdf"]) == 2
    assert "unknown format 'pdf'" in capsys.readouterr().err


def test_the_report_carries_the_index_alignment_for_the_timelines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.config import load_config
    from factcheck.engine import RunOptions, run_check

    (tmp_path / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = run_check(load_config(None), RunOptions(paths=(Path("a.txt"),)))
    keys = report.metadata["claim_keys"]
    assert keys, "the staff and office counts are indexed"
    assert set(keys) <= {claim.id for claim in report.claims}
    assert all(len(key) == 4 for key in keys.values())
