"""Config discovery and errors; the CLI's commands, formats and exit codes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.config import ConfigError, find_config, load_config
from tests.cli_support import run


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Northbridge, 3 March 2024 - The park hosts 120 firms.\n", "utf-8")
    (tmp_path / "docs" / "b.md").write_text("# Notes\n\nThe park hosts about 120 firms.\n", "utf-8")
    return tmp_path


def test_config_is_found_in_parent_folders(tmp_path: Path) -> None:
    (tmp_path / "factcheck.yaml").write_text("paths: [docs/]\n", "utf-8")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "factcheck.yaml"
    config = load_config(start=nested)
    assert config.paths == (tmp_path / "docs/",)


def test_dot_config_name_is_found(tmp_path: Path) -> None:
    (tmp_path / ".factcheck.yaml").write_text("fail_on: warning\n", "utf-8")
    assert load_config(start=tmp_path).fail_on == "warning"


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        ("paths: [docs]\nfail_onn: error\n", 2, "did you mean 'fail_on'"),
        ("fail_on: sometimes\n", 1, "fail_on must be one of"),
        ("paths: [docs\n", 2, "YAML syntax error"),
        ("documents:\n  a.txt:\n    dte: 2024-01-01\n", 3, "did you mean 'date'"),
        ("documents:\n  a.txt: {date: 'last year'}\n", 2, "date must be"),
        ("include: 3\n", 1, "must be a list of strings"),
        ("x: !!python/object/apply:os.system [ls]\n", 1, "not allowed"),
        ("x: !!python/name:os.system\n", 1, "constructor"),
        ("fail_on: error\ndocuments:\n  a.txt: {date: 2024-13-45}\n", 3, "invalid value '2024-13-45'"),
    ],
)
def test_config_errors_name_file_and_line(tmp_path: Path, content: str, line: int, fragment: str) -> None:
    path = tmp_path / "factcheck.yaml"
    path.write_text(content, "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    message = str(raised.value)
    assert f"factcheck.yaml:{line}:" in message
    assert fragment in message


def test_config_metadata_applies_to_documents(corpus: Path) -> None:
    (corpus / "factcheck.yaml").write_text(
        "paths: [docs/]\ndocuments:\n  docs/b.md: {date: 2023-06, lang: en, currency: HKD}\n", "utf-8"
    )
    code, out, _ = run("claims", "--format", "json")
    assert code == 0
    documents = {doc["path"]: doc for doc in json.loads(out)["documents"]}
    assert documents["docs/b.md"]["date"] == "2023-06"
    assert documents["docs/b.md"]["date_source"] == "config"
    assert documents["docs/a.txt"]["date"] == "2024-03-03"
    assert documents["docs/a.txt"]["date_source"] == "dateline"


def test_check_json_follows_the_contract(corpus: Path) -> None:
    code, out, err = run("check", "docs", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format_version"] == 1
    assert set(data["summary"]) >= {"documents", "claims", "errors", "warnings", "infos"}
    assert data["summary"]["documents"] == 2
    assert isinstance(data["findings"], list)
    assert "pass" in err


def test_claims_formats(corpus: Path) -> None:
    for fmt in ("text", "json", "jsonl", "csv"):
        code, out, _ = run("claims", "docs", "--format", fmt)
        assert code == 0, fmt
    code, out, _ = run("claims", "docs", "--format", "csv")
    assert out.splitlines()[0].startswith("id,path,line,column")


def test_paths_in_output_are_relative_with_forward_slashes(corpus: Path) -> None:
    _code, out, _ = run("claims", str(corpus / "docs"), "--format", "json")
    assert [doc["path"] for doc in json.loads(out)["documents"]] == ["docs/a.txt", "docs/b.md"]


def test_output_file_is_written(corpus: Path) -> None:
    code, out, _err = run("check", "docs", "--format", "json", "--output", "reports/out.json")
    assert code == 0 and out == ""
    assert json.loads((corpus / "reports" / "out.json").read_text("utf-8"))["format_version"] == 1
    # Written through a temporary file, yet with the permissions of any file the user creates.
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((corpus / "reports" / "out.json").stat().st_mode) == 0o666 & ~mask


def test_exit_2_for_usage_config_and_rule_errors(corpus: Path) -> None:
    assert run("check", "--format", "yaml")[0] == 2
    assert run("check", "--fail-on", "sometimes")[0] == 2
    assert run()[0] == 2
    (corpus / "bad.yaml").write_text("paths: [\n", "utf-8")
    code, _, err = run("check", "docs", "--config", "bad.yaml")
    assert code == 2 and "bad.yaml:" in err
    code, _, err = run("check", "docs", "--rules", "missing-rules/")
    assert code == 2 and "missing-rules" in err


def test_exit_2_when_no_document_is_readable(corpus: Path) -> None:
    (corpus / "empty").mkdir()
    code, _, err = run("check", "empty")
    assert code == 2
    assert "no readable document" in err
    (corpus / "empty" / "bad.txt").write_bytes(b"\xe9\xfa broken")
    code, _, err = run("check", "empty")
    assert code == 2
    assert "skipped empty/bad.txt" in err


def test_unreadable_document_is_skipped_and_the_run_goes_on(corpus: Path) -> None:
    (corpus / "docs" / "broken.txt").write_bytes(b"caf\xe9 \xff 12 firms")
    code, out, err = run("check", "docs", "--format", "json")
    assert code == 0
    assert "skipped docs/broken.txt: not valid UTF-8" in err
    data = json.loads(out)
    assert data["summary"]["documents"] == 2
    assert data["skipped"] == [{"path": "docs/broken.txt", "reason": err.split("docs/broken.txt: ")[1].splitlines()[0]}]


def test_rules_lists_the_active_rules(corpus: Path) -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "CHECK", "CATEGORY", "SEVERITY", "SOURCE"]


def test_help_and_version_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert main(["--version"]) == 0
    assert "factcheck" in capsys.readouterr().out
