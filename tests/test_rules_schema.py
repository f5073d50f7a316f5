"""Rule pack validation: every mistake is a RuleError naming file, line and rule, and exit code 2."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.model import Severity
from factcheck.rules import RuleError, load_ruleset


def _pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    path = _pack(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_ruleset([path])
    message = str(caught.value)
    assert message.startswith(path.as_posix() + ":")
    return message[len(path.as_posix()) + 1 :]


def test_a_valid_pack_loads_entities_metrics_names_and_rules(tmp_path: Path) -> None:
    path = _pack(
        tmp_path,
        """\
        entities:
          Harbour Labs: {aliases: [HL, 海港實驗室], kind: organisation, founded: 2009-04, parent: null}
          HL Annex: {aliases: [Annex], parent: Harbour Labs, founded: 2015}
        metrics:
          start-ups: [start-ups, startups, 初創企業]
          staff: {synonyms: [employees, workforce], measure_words: [名], stable: false, monotonic: increasing}
        names:
          canonical: [Marina Bay, {name: Science Centre, variants: [Science Center]}]
          distinct: [[Marina Bay, Marine Bay]]
        rules:
          - id: local-blanks
            check: blank-figure
            category: blank-figure
            severity: warning
            description: Blank figures, as a warning.
            params: {placeholders: ['TBC', '\\?{2,}']}
            select: {lang: en}
        """,
    )
    ruleset = load_ruleset([path])
    knowledge = ruleset.knowledge
    assert [entity.name for entity in knowledge.entities] == ["Harbour Labs", "HL Annex"]
    assert knowledge.entities[0].founded == "2009-04"
    assert knowledge.entities[1].founded == "2015"
    assert knowledge.metrics[0].synonyms == ("start-ups", "startups", "初創企業")
    assert knowledge.metrics[1].monotonic == "increasing"
    assert knowledge.names[1].variants == ("Science Center",)
    assert knowledge.distinct == (("Marina Bay", "Marine Bay"),)
    rule = next(rule for rule in ruleset.rules if rule.id == "local-blanks")
    assert rule.severity is Severity.WARNING
    assert rule.source == f"{path.as_posix()}:11"
    assert type(rule.params["placeholders"]) is list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rulez: []\n", "1: unknown key 'rulez' in a rule pack (did you mean 'rules'?)"),
        (
            "rules:\n  - {id: x, check: blank-figur, category: blank-figure}\n",
            "2: rule 'x': unknown check type 'blank-figur' (did you mean 'blank-figure'?)",
        ),
        (
            "rules:\n  - id: x\n    check: blank-figure\n    category: blank-figures\n",
            "4: rule 'x': unknown category 'blank-figures' (did you mean 'blank-figure'?)",
        ),
        (
            "rules:\n  - id: x\n    check: blank-figure\n    category: other\n    severity: fatal\n",
            "5: rule 'x': unknown severity 'fatal' (expected error, warning or info)",
        ),
        (
            "rules:\n  - id: x\n    check: blank-figure\n    category: other\n    serverity: error\n",
            "5: rule 'x': unknown key 'serverity' in a rule (did you mean 'severity'?)",
        ),
        (
            "rules:\n  - id: x\n    check: name-variant\n    category: other\n    params:\n      treshold: 80\n",
            "6: rule 'x': unknown parameter 'treshold' for check 'name-variant' (did you mean 'threshold'?)",
        ),
        (
            "rules:\n  - id: x\n    check: name-variant\n    category: other\n    params: {threshold: high}\n",
            "5: rule 'x': parameter 'threshold' must be integer or number, not 'high'",
        ),
        (
            "rules:\n  - id: x\n    check: name-variant\n    category: other\n    params: {min_count: true}\n",
            "5: rule 'x': parameter 'min_count' must be integer, not True",
        ),
        (
            "rules:\n  - id: x\n    check: blank-figure\n    category: other\n    params: {lead_ins: ['(a']}\n",
            "5: rule 'x': parameter 'lead_ins' pattern '(a': invalid regular expression",
        ),
        (
            "rules:\n  - id: x\n    check: blank-figure\n    category: other\n    params: {lead_ins: ['(\\w+\\s?)+$']}\n",
            "may backtrack catastrophically",
        ),
        (
            "rules:\n  - id: Bad_Id\n    check: blank-figure\n    category: other\n",
            "2: rule 'Bad_Id': rule ids are lowercase letters, digits and hyphens",
        ),
        ("rules:\n  - id: x\n    category: other\n", "2: rule 'x': missing 'check'"),
        ("rules:\n  - {id: x, check: blank-figure}\n", "2: rule 'x': missing 'category'"),
        ("rules: {id: x}\n", "1: 'rules' must be a list of rules"),
        ("entities:\n  HL: {alias: [HL]}\n", "2: unknown key 'alias' in entity 'HL' (did you mean 'aliases'?)"),
        ("entities:\n  HL: {founded: last year}\n", "2: founded of 'HL' must be a date YYYY, YYYY-MM or YYYY-MM-DD"),
        ("entities:\n  HL: {parent: HQ}\n", "2: entity 'HL': unknown parent 'HQ'"),
        ("metrics:\n  staff: {monotonic: up}\n", "2: monotonic of 'staff' must be increasing, decreasing or null"),
        ("metrics:\n  staff: {stable: maybe}\n", "2: stable of 'staff' must be true or false"),
        ("names:\n  distinct: [[Marina Bay]]\n", "2: each names.distinct entry is a list of two or more names"),
        ("names:\n  canonical: [{nam: X}]\n", "2: unknown key 'nam' in a canonical name (did you mean 'name'?)"),
        ("- just\n- a list\n", "1: a rule pack is a mapping"),
    ],
)
def test_validation_errors_name_line_rule_and_suggestion(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in _error(tmp_path, text)


def test_duplicate_rule_ids_across_files_name_the_first_definition(tmp_path: Path) -> None:
    first = _pack(tmp_path, "rules:\n  - {id: dup, check: blank-figure, category: other}\n", "a.yaml")
    second = _pack(tmp_path, "\nrules:\n  - {id: dup, check: blank-figure, category: other}\n", "b.yaml")
    with pytest.raises(RuleError) as caught:
        load_ruleset([tmp_path])
    assert str(caught.value).startswith(f"{second.as_posix()}:3: rule 'dup': duplicate rule id")
    assert f"first defined at {first.as_posix()}:2" in str(caught.value)


def test_duplicate_of_a_builtin_rule_explains_overrides(tmp_path: Path) -> None:
    message = _error(tmp_path, "rules:\n  - {id: blank-figure, check: blank-figure, category: other}\n")
    assert "duplicate rule id (first defined at <builtin>:" in message
    assert "leave out 'check'" in message


def test_an_override_changes_severity_and_merges_params(tmp_path: Path) -> None:
    path = _pack(
        tmp_path,
        """\
        rules:
          - {id: name-variant, severity: info, params: {min_count: 5}}
          - {id: unused-suppression, enabled: false}
        """,
    )
    rules = {rule.id: rule for rule in load_ruleset([path]).rules}
    assert rules["name-variant"].severity is Severity.INFO
    assert rules["name-variant"].params["min_count"] == 5
    assert rules["name-variant"].source.startswith("<builtin>:")
    assert "unused-suppression" not in rules


def test_an_override_may_not_change_the_check(tmp_path: Path) -> None:
    message = _error(tmp_path, "rules:\n  - {id: name-variant, category: other}\n")
    assert message.startswith("2: rule 'name-variant': an override of a rule defined at <builtin>:")
    assert "not 'category'" in message


def test_an_override_of_an_unknown_rule_suggests_the_nearest(tmp_path: Path) -> None:
    assert "(did you mean 'name-variant'?)" in _error(tmp_path, "rules:\n  - {id: name-varient, severity: info}\n")


def test_yaml_syntax_errors_tags_and_alias_bombs_are_refused(tmp_path: Path) -> None:
    assert _error(tmp_path, "rules:\n  - id: [unclosed\n").startswith("3: YAML syntax error")
    assert "could not determine a constructor" in _error(tmp_path, "rules: !!python/name:os.system x\n")
    assert _error(tmp_path, "rules: !!python/object:os.system {}\n").startswith("1: ")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    assert "alias bomb" in _error(tmp_path, bomb)


def test_a_file_reached_twice_is_loaded_once(tmp_path: Path) -> None:
    path = _pack(tmp_path, "rules:\n  - {id: once, check: blank-figure, category: other}\n")
    ruleset = load_ruleset([tmp_path, path])
    assert [rule.id for rule in ruleset.rules].count("once") == 1


def test_missing_rules_path(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no such rules file or directory"):
        load_ruleset([tmp_path / "nope"])


def test_cli_exits_2_with_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text("Nothing to see.\n", encoding="utf-8")
    _pack(tmp_path, "rules:\n  - {id: x, check: name-variant, category: other, params: {treshold: 1}}\n")
    for command in (["check", "doc.txt"], ["rules"]):
        stderr = io.StringIO()
        code = main([*command, "--rules", "pack.yaml"], stdout=io.StringIO(), stderr=stderr)
        assert code == 2
        assert stderr.getvalue().startswith("factcheck: pack.yaml:2: rule 'x': unknown parameter 'treshold'")


def test_rules_command_lists_id_check_category_severity_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _pack(tmp_path, "rules:\n  - {id: local-names, check: name-variant, category: name-variant, severity: info}\n")
    stdout = io.StringIO()
    assert main(["rules", "--rules", "pack.yaml"], stdout=stdout, stderr=io.StringIO()) == 0
    lines = stdout.getvalue().splitlines()
    assert lines[0].split() == ["ID", "CHECK", "CATEGORY", "SEVERITY", "SOURCE"]
    assert ["local-names", "name-variant", "name-variant", "info", "pack.yaml:2"] in [line.split() for line in lines]
    assert next(line.split()[:4] for line in lines if line.startswith("blank-figure ")) == [
        "blank-figure",
        "blank-figure",
        "blank-figure",
        "error",
    ]
