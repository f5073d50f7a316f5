"""Rule case files (sqlfluff-style): ``tests/rules/cases/<rule-id>.yaml``, run by one parametrised test.

Each case writes its documents to a temporary folder, runs ``factcheck check --format json`` there with
the built-in pack, the repository's ``rules/`` and the case file's extra ``packs``, and compares the
primary locations (path, 1-based line, column) of the rule's findings with ``expect``. Messages are
not compared: wording may change, positions may not.

Format::

    rule: blank-figure
    packs: [rules/names-hk.yaml]   # optional, relative to the repository root
    config: {default_currency: HKD} # optional factcheck.yaml content
    cases:
      - name: a currency sign with no number
        documents: {a.txt: "It cost $ million.\\n"}
        expect: [{path: a.txt, line: 1, column: 9}]
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.cli import main
from factcheck.rules import load_ruleset

REPO = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "rules" / "cases"
PROJECT_RULES = REPO / "rules"
_FILE_KEYS = {"rule", "packs", "config", "cases"}
_CASE_KEYS = {"name", "documents", "expect"}
_EXPECT_KEYS = {"path", "line", "column"}


@dataclass(frozen=True)
class RuleCase:
    rule: str
    name: str
    file: Path
    documents: dict[str, str]
    expect: list[tuple[str, int, int]]
    packs: tuple[str, ...] = ()
    config: dict[str, Any] = field(default_factory=dict)


def _load_case_file(path: Path) -> tuple[str, list[RuleCase]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a case file is a mapping with rule, cases"
    unknown = set(data) - _FILE_KEYS
    assert not unknown, f"{path}: unknown keys {sorted(unknown)}"
    rule = data.get("rule")
    assert rule == path.stem, f"{path}: 'rule: {rule}' must match the file name"
    packs = tuple(str(pack) for pack in data.get("packs") or ())
    config = dict(data.get("config") or {})
    cases: list[RuleCase] = []
    for raw in data.get("cases") or []:
        unknown = set(raw) - _CASE_KEYS
        assert not unknown, f"{path}: case {raw.get('name')!r}: unknown keys {sorted(unknown)}"
        expect = []
        for item in raw.get("expect") or []:
            assert set(item) == _EXPECT_KEYS, f"{path}: case {raw['name']!r}: expect items have path, line, column"
            expect.append((str(item["path"]), int(item["line"]), int(item["column"])))
        cases.append(
            RuleCase(
                rule=str(rule),
                name=str(raw["name"]),
                file=path,
                documents={str(name): str(text) for name, text in (raw.get("documents") or {}).items()},
                expect=expect,
                packs=packs,
                config=config,
            )
        )
    return str(rule), cases


def _all_cases() -> list[RuleCase]:
    cases: list[RuleCase] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        cases.extend(_load_case_file(path)[1])
    return cases


def _case_id(case: RuleCase) -> str:
    return f"{case.rule}::{case.name}"


def _pack_paths(case: RuleCase) -> list[Path]:
    """rules/ plus the case's extra packs (a pack already inside rules/ is loaded once, by the loader)."""
    return [PROJECT_RULES, *(REPO / pack for pack in case.packs)]


def run_case(case: RuleCase, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Write the case's documents into ``folder``, run the CLI there and return all findings."""
    for name, text in case.documents.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = folder / "factcheck.yaml"
    config.write_text(yaml.safe_dump(case.config or {}, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(folder)
    argv = ["check", *case.documents, "--config", str(config), "--format", "json", "--fail-on", "never"]
    for pack in _pack_paths(case):
        argv += ["--rules", str(pack)]
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(argv, stdout=stdout, stderr=stderr)
    assert code == 0, f"factcheck exited {code}: {stderr.getvalue()}"
    findings: list[dict[str, Any]] = json.loads(stdout.getvalue())["findings"]
    return findings


@pytest.mark.parametrize("case", _all_cases(), ids=_case_id)
def test_rule_case(case: RuleCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    findings = [finding for finding in run_case(case, tmp_path, monkeypatch) if finding["rule"] == case.rule]
    found = sorted((f["location"]["path"], f["location"]["line"], f["location"]["column"]) for f in findings)
    assert found == sorted(case.expect), "\n".join(
        [f"{case.file.name}: {case.name}", *(f"  {f['location']} {f['message']}" for f in findings)]
    )
    ruleset = load_ruleset(_pack_paths(case))
    categories = {rule.id: rule.category for rule in ruleset.rules}
    for finding in findings:
        assert finding["category"] == categories[case.rule]


def _declared_rules() -> list[str]:
    """Every rule id in the built-in pack and in rules/*.yaml."""
    return sorted(rule.id for rule in load_ruleset([PROJECT_RULES]).rules)


@pytest.mark.parametrize("rule_id", _declared_rules())
def test_every_rule_has_failing_and_passing_cases(rule_id: str) -> None:
    path = CASES_DIR / f"{rule_id}.yaml"
    assert path.is_file(), f"rule {rule_id!r} has no case file {path.relative_to(REPO)}"
    _, cases = _load_case_file(path)
    assert any(case.expect for case in cases), f"{path.name}: no case expects a finding"
    assert any(not case.expect for case in cases), f"{path.name}: no case expects no finding"


@pytest.mark.parametrize("path", sorted(CASES_DIR.glob("*.yaml")), ids=lambda path: path.name)
def test_case_file_names_a_declared_rule(path: Path) -> None:
    rule, cases = _load_case_file(path)
    assert cases, f"{path.name}: no cases"
    packs = _pack_paths(cases[0])
    assert rule in {declared.id for declared in load_ruleset(packs).rules}, (
        f"{path.name}: no rule {rule!r} in the built-in pack, rules/ or the case file's packs"
    )
