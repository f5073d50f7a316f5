"""Baselines: record today's findings, then report only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.baseline import BaselineError, load_baseline, parse_baseline
from tests import fakecheck
from tests.cli_support import run


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    rules = fakecheck.install(monkeypatch, tmp_path)
    (tmp_path / "factcheck.yaml").write_text(f"paths: [docs/]\nrules: [{rules.name}]\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Park figures.\nBudget: 120\nStaff: 40\n", "utf-8")
    (tmp_path / "docs" / "b.txt").write_text("Revised.\nBudget: 150\nStaff: 40\n", "utf-8")
    return tmp_path


def test_create_records_reviewable_findings(corpus: Path) -> None:
    code, out, _ = run("baseline", "create")
    assert code == 0
    assert out == "baseline .factcheck-baseline.json: 1 finding recorded\n"
    data = json.loads((corpus / ".factcheck-baseline.json").read_text("utf-8"))
    [entry] = data["findings"]
    assert data["format_version"] == 1
    assert {key: entry[key] for key in ("rule", "severity", "path", "line", "text")} == {
        "rule": "key-conflict",
        "severity": "error",
        "path": "docs/a.txt",
        "line": 2,
        "text": "120",
    }
    assert entry["message"] == "Budget: 120 here but 150 in docs/b.txt:2"
    _, full, _ = run("check", "--format", "json")
    assert entry["fingerprint"] == json.loads(full)["findings"][0]["fingerprint"]


def test_check_with_baseline_reports_only_new_findings(corpus: Path) -> None:
    run("baseline", "create", "--output", "ci/baseline.json")
    code, out, _ = run("check", "--baseline", "ci/baseline.json")
    assert code == 0
    summary = out.splitlines()[-1]
    assert summary.startswith("0 errors, 0 warnings, 0 infos in 2 documents (")
    assert summary.endswith(" claims); 1 baselined -- pass (fail-on: error)")
    # An edit elsewhere in the file keeps the fingerprint: still baselined.
    path = corpus / "docs" / "a.txt"
    path.write_text("A new first paragraph.\n\n" + path.read_text("utf-8"), "utf-8")
    # A new conflict is reported.
    (corpus / "docs" / "b.txt").write_text("Revised.\nBudget: 150\nStaff: 41\n", "utf-8")
    code, out, err = run("check", "--baseline", "ci/baseline.json", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [(f["location"]["path"], f["location"]["line"], f["location"]["text"]) for f in data["findings"]] == [
        ("docs/a.txt", 5, "40")
    ]
    assert data["summary"]["baselined"] == 1
    assert "1 baselined" in err


def test_recreating_the_baseline_drops_fixed_findings(corpus: Path) -> None:
    (corpus / "docs" / "b.txt").write_text("Revised.\nBudget: 150\nStaff: 41\n", "utf-8")
    run("baseline", "create")
    assert len(load_baseline(corpus / ".factcheck-baseline.json").entries) == 2
    (corpus / "docs" / "b.txt").write_text("Revised.\nBudget: 120\nStaff: 41\nTeams: 3\n", "utf-8")
    (corpus / "docs" / "a.txt").write_text("Park figures.\nBudget: 120\nStaff: 40\nTeams: 4\n", "utf-8")
    code, out, _ = run("baseline", "create")
    assert code == 0
    assert (
        out
        == "baseline .factcheck-baseline.json: 2 findings recorded (1 new, 1 fixed or gone since the previous baseline)\n"
    )
    entries = load_baseline(corpus / ".factcheck-baseline.json").entries
    assert [(entry.path, entry.line, entry.text) for entry in entries] == [
        ("docs/a.txt", 3, "40"),
        ("docs/a.txt", 4, "4"),
    ]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "no such baseline file (create it with `factcheck baseline create --output base.json`)"),
        ('{"format_version": 1, "findings": [', "not a factcheck baseline (invalid JSON"),
        ("[]", "no 'findings' list"),
        ('{"format_version": 7, "findings": []}', "format_version 7 is not supported"),
        ('{"format_version": 1, "findings": [{"rule": "x"}]}', "finding 1 has no fingerprint"),
    ],
)
def test_missing_or_corrupt_baseline_exits_2(corpus: Path, content: str | None, fragment: str) -> None:
    if content is not None:
        (corpus / "base.json").write_text(content, "utf-8")
    code, out, err = run("check", "--baseline", "base.json")
    assert code == 2
    assert out == ""
    assert err.startswith("factcheck: base.json: ") and fragment in err


def test_create_repairs_a_corrupt_baseline(corpus: Path) -> None:
    (corpus / ".factcheck-baseline.json").write_text("{not json", "utf-8")
    code, out, _ = run("baseline", "create")
    assert code == 0 and out == "baseline .factcheck-baseline.json: 1 finding recorded\n"
    assert len(load_baseline(corpus / ".factcheck-baseline.json").entries) == 1


def test_parse_baseline_tolerates_missing_context_fields() -> None:
    baseline = parse_baseline('{"format_version": 1, "findings": [{"fingerprint": "ab"}]}', "b.json")
    assert baseline.fingerprints == frozenset({"ab"})
    assert baseline.entries[0].line == 0 and baseline.entries[0].path == ""
    with pytest.raises(BaselineError, match=r"b\.json"):
        parse_baseline('{"format_version": 1, "findings": ["ab"]}', "b.json")
