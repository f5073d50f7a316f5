"""The CI gate: exit codes of CONTRACT.md (0 pass, 1 findings at or above --fail-on, 2 usage/config/rule errors)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from factcheck.cli import main
from tests import fakecheck
from tests.cli_support import run


def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, severity: str) -> Path:
    monkeypatch.chdir(tmp_path)
    rules = fakecheck.install(monkeypatch, tmp_path, severity)
    (tmp_path / "factcheck.yaml").write_text(f"paths: [docs/]\nrules: [{rules.name}]\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Budget: 120\n", "utf-8")
    (tmp_path / "docs" / "b.txt").write_text("Budget: 150\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [
        ("error", None, 1),  # default: error
        ("warning", None, 0),
        ("error", "error", 1),
        ("warning", "error", 0),
        ("warning", "warning", 1),
        ("info", "warning", 0),
        ("info", "info", 1),
        ("error", "info", 1),
        ("error", "never", 0),
    ],
)
def test_fail_on_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, severity: str, fail_on: str | None, expected: int
) -> None:
    corpus(tmp_path, monkeypatch, severity)
    options = ["--fail-on", fail_on] if fail_on else []
    code, out, _ = run("check", "--format", "json", *options)
    assert code == expected
    data = json.loads(out)
    assert data["summary"]["failed"] is bool(expected)
    assert [finding["severity"] for finding in data["findings"]] == [severity]


def test_fail_on_from_the_config_and_the_option_overrides_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path, monkeypatch, "warning")
    (root / "factcheck.yaml").write_text("paths: [docs/]\nrules: [test-rules.yaml]\nfail_on: warning\n", "utf-8")
    assert run("check")[0] == 1
    assert run("check", "--fail-on", "error")[0] == 0


def test_unreadable_document_is_skipped_and_the_exit_code_follows_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus(tmp_path, monkeypatch, "error")
    (root / "docs" / "c.txt").write_bytes(b"Budget: \xff\xfe 9\n")
    (root / "docs" / "d.html").write_bytes(b"\x00\x01\x02binary")
    code, _, err = run("check")
    assert code == 1
    assert "factcheck: skipped docs/c.txt: not valid UTF-8" in err
    assert "factcheck: skipped docs/d.html: binary file" in err
    (root / "docs" / "b.txt").write_text("Budget: 120\n", "utf-8")
    code, out, err = run("check")
    assert code == 0
    assert "skipped docs/c.txt" in err
    assert out.startswith("0 errors, 0 warnings, 0 infos in 2 documents (") and out.endswith(
        "-- pass (fail-on: error)\n"
    )


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["check", "--fail-on", "sometimes"], "invalid choice"),
        (["check", "--format", "yaml"], "invalid choice"),
        (["check", "--baseline", "missing.json"], "missing.json: no such baseline file"),
        (["check", "--rules", "no-such-rules.yaml"], "no-such-rules.yaml: no such rules file"),
        (["check", "--config", "absent.yaml"], "absent.yaml: no such config file"),
        (["check", "nothing-here/"], "no readable document"),
        (["check", "--report", "sarif"], "--report takes FORMAT:FILE"),
        (["baseline"], "the following arguments are required"),
    ],
)
def test_usage_config_and_rule_errors_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    corpus(tmp_path, monkeypatch, "error")
    code, out, err = run(*argv)
    assert code == 2
    assert fragment in err + capsys.readouterr().err  # argparse writes its usage errors to sys.stderr
    assert out == ""


def test_broken_config_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path, monkeypatch, "error")
    (root / "factcheck.yaml").write_text("paths: [docs/]\nfail_onn: error\n", "utf-8")
    code, _, err = run("check")
    assert code == 2
    assert err.startswith("factcheck: factcheck.yaml:2: unknown setting 'fail_onn'")


def test_no_readable_document_exits_2_and_names_what_was_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus(tmp_path, monkeypatch, "error")
    (root / "only").mkdir()
    (root / "only" / "x.txt").write_bytes(b"\xff\xff")
    code, _, err = run("check", "only")
    assert code == 2
    assert "skipped only/x.txt" in err and "no readable document found in only" in err


def test_documented_ci_configurations_are_valid_and_the_code_quality_conversion_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex
    import subprocess
    import sys

    import yaml

    markdown = (Path(__file__).resolve().parent.parent / "docs" / "ci.md").read_text("utf-8")
    blocks = [yaml.safe_load(block.split("```", 1)[0]) for block in markdown.split("```yaml\n")[1:]]
    [workflow] = [block for block in blocks if isinstance(block, dict) and "jobs" in block]
    steps = workflow["jobs"]["factcheck"]["steps"]
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in steps)
    run = next(step["run"] for step in steps if step.get("name") == "factcheck")
    assert "--format github" in run and "--report sarif:factcheck.sarif" in run
    [gitlab] = [
        block for block in blocks if isinstance(block, dict) and "factcheck" in block and "script" in block["factcheck"]
    ]
    job = gitlab["factcheck"]
    assert job["artifacts"]["reports"] == {"junit": "factcheck-junit.xml", "codequality": "gl-code-quality.json"}
    # Run the job's conversion on a real report with a finding.
    corpus(tmp_path, monkeypatch, "warning")
    assert main(["check", "--report", "json:factcheck.json"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    convert = next(line for line in job["script"] if "gl-code-quality.json" in line).split("&& ", 1)[1]
    subprocess.run([sys.executable, *shlex.split(convert)[1:]], cwd=tmp_path, check=True, timeout=60)
    [issue] = json.loads((tmp_path / "gl-code-quality.json").read_text("utf-8"))
    assert issue["check_name"] == "key-conflict" and issue["severity"] == "minor"
    assert issue["location"] == {"path": "docs/a.txt", "lines": {"begin": 1}}
    assert len(issue["fingerprint"]) == 64
