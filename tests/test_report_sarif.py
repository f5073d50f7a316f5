"""SARIF 2.1.0: valid against the OASIS schema, with rules, related locations and fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.model import Report
from factcheck.report import sarif

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _log(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render(report))
    return data


def test_validates_against_the_sarif_schema(sample_report: Report, validator: jsonschema.Draft7Validator) -> None:
    errors = sorted(validator.iter_errors(_log(sample_report)), key=str)
    assert not errors, "\n".join(str(error) for error in errors[:5])


def test_hostile_report_validates(xss_report: Report, validator: jsonschema.Draft7Validator) -> None:
    assert not list(validator.iter_errors(_log(xss_report)))


def test_schema_rejects_a_broken_log(sample_report: Report, validator: jsonschema.Draft7Validator) -> None:
    log = _log(sample_report)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(log)), "the validator must catch a bad level"


def test_rules_carry_help_and_default_level(sample_report: Report) -> None:
    run = _log(sample_report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.id for rule in sample_report.rules]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["figure-conflict"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["name-variant"]["defaultConfiguration"] == {"level": "note"}
    assert by_id["bilingual-figures"]["help"]["text"].startswith("The English and Chinese versions")
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_positions_and_fingerprints(sample_report: Report) -> None:
    run = _log(sample_report)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    conflict = next(result for result in run["results"] if result["ruleId"] == "figure-conflict")
    location = conflict["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "press/2025-09-17-cyberport.txt",
        "uriBaseId": "%SRCROOT%",
        "index": 4,
    }
    assert location["region"]["startLine"] == 6
    assert location["region"]["startColumn"] == 51
    assert location["region"]["snippet"]["text"] == "about 300 AI and data science start-ups"
    related = conflict["relatedLocations"][0]
    assert related["physicalLocation"]["region"]["snippet"]["text"] == "over 400 start-ups"
    assert related["physicalLocation"]["region"]["startLine"] == 5
    finding = next(finding for finding in sample_report.findings if finding.rule == "figure-conflict")
    assert conflict["partialFingerprints"] == {sarif.FINGERPRINT_KEY: finding.fingerprint}
    assert conflict["level"] == "error"


def test_chinese_columns_count_code_points(sample_report: Report) -> None:
    run = _log(sample_report)["runs"][0]
    bilingual = next(result for result in run["results"] if result["ruleId"] == "bilingual-figures")
    region = bilingual["locations"][0]["physicalLocation"]["region"]
    line = "截至2024年3月，香港科技園公司匯聚超過1,800家科技公司，專業人員逾24,000名，其中超過15,000名從事研發工作。"
    assert region["startColumn"] == line.index("超過1,800") + 1
    assert region["endColumn"] - region["startColumn"] == len("超過1,800家科技公司")


def test_uris_are_relative(sample_report: Report) -> None:
    run = _log(sample_report)["runs"][0]
    uris = [artifact["location"]["uri"] for artifact in run["artifacts"]]
    assert uris == [document.path for document in sample_report.documents]
    assert all(not uri.startswith(("/", "file:")) for uri in uris)
