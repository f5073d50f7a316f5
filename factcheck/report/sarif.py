"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, VS Code's SARIF viewer).

Paths are relative to ``%SRCROOT%`` (the folder factcheck ran in), columns count Unicode code points,
and ``partialFingerprints`` carry the finding's content-based fingerprint so that an edit elsewhere in
the file does not reopen a finding.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.model import Location, Report, Severity
from factcheck.report.common import report_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
#: The partialFingerprints key: versioned, so a change of fingerprint recipe can never match old ones.
FINGERPRINT_KEY = "factcheck/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact_location(path: str, indexes: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"uri": path, "uriBaseId": SRCROOT}
    if path in indexes:
        location["index"] = indexes[path]
    return location


def _physical(location: Location, indexes: dict[str, int]) -> dict[str, Any]:
    return {
        "artifactLocation": _artifact_location(location.path, indexes),
        "region": {
            "startLine": location.line,
            "startColumn": location.column,
            "endLine": location.end_line,
            "endColumn": location.end_column,
            "snippet": {"text": location.text},
        },
    }


def _rule(rule_id: str, check: str, category: str, severity: Severity, description: str, source: str) -> dict[str, Any]:
    summary = (
        description.strip().split("\n\n")[0].replace("\n", " ") if description.strip() else f"{category} ({rule_id})"
    )
    help_text = description.strip() or f"factcheck rule {rule_id}: {category} findings."
    properties: dict[str, Any] = {"category": category, "tags": ["factcheck", category]}
    if check:
        properties["check"] = check
    if source:
        properties["source"] = source
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-") if part),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": f"**{rule_id}** ({category}): {help_text}"},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": properties,
    }


def sarif_log(report: Report) -> dict[str, Any]:
    rules = report_rules(report)
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    indexes = {document.path: index for index, document in enumerate(report.documents)}
    artifacts = []
    for document in report.documents:
        artifact: dict[str, Any] = {
            "location": {"uri": document.path, "uriBaseId": SRCROOT},
            "encoding": "utf-8",
            "properties": {"lang": document.lang, "date": document.date, "dateSource": document.date_source},
        }
        if document.sha256:
            artifact["hashes"] = {"sha-256": document.sha256}
        artifacts.append(artifact)
    results = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": rule_index[finding.rule],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": _physical(finding.location, indexes)}],
        }
        if finding.related:
            result["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": _physical(related.location, indexes),
                    "message": {"text": related.note or related.location.text},
                }
                for number, related in enumerate(finding.related, start=1)
            ]
        if finding.fingerprint:
            result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
        result["properties"] = {"category": finding.category, "claims": list(finding.claims)}
        results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.problems:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "warning",
                "message": {"text": f"skipped: {problem.reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": problem.path, "uriBaseId": SRCROOT}}}],
            }
            for problem in report.problems
        ]
    driver: dict[str, Any] = {
        "name": "factcheck",
        "rules": [
            _rule(rule.id, rule.check, rule.category, rule.severity, rule.description, rule.source) for rule in rules
        ],
    }
    if report.tool_version:
        driver["version"] = report.tool_version
        driver["semanticVersion"] = report.tool_version
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The folder factcheck ran in."}}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "failOn": report.fail_on,
            "failed": report.failed,
            "baselined": report.baselined,
            "suppressed": report.suppressed,
        },
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
