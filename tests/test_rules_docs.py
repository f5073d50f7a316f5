"""docs/rules.md is generated from the packs and check types and must be current."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.checks import CHECKS
from factcheck.rules import load_ruleset
from factcheck.rules.docs import main, render

REPO = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(Path("rules")), "docs/rules.md is out of date: run python -m factcheck.rules.docs"


def test_docs_name_every_rule_and_check_type_and_parameter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    text = render(Path("rules"))
    for rule in load_ruleset([REPO / "rules"]).rules:
        assert f"### `{rule.id}`" in text
        assert rule.description.split()[0] in text
    for name, module in CHECKS.items():
        assert f"### check type `{name}`" in text
        for param in module.PARAMS:
            assert f"| `{param}` |" in text


def test_every_builtin_rule_has_a_description() -> None:
    for rule in load_ruleset().rules:
        assert len(rule.description) > 40, rule.id


def test_check_mode_reports_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    stale = tmp_path / "rules.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert main(["--check", "--output", str(stale)]) == 1
    assert main(["--output", str(stale)]) == 0
    assert main(["--check", "--output", str(stale)]) == 0
