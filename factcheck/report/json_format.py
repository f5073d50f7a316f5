"""JSON (CONTRACT.md), JSON lines and CSV renderings."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from factcheck.model import FORMAT_VERSION, Report, Severity


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def documents_json(report: Report) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for claim in report.claims:
        counts[claim.path] = counts.get(claim.path, 0) + 1
    return [
        {
            "path": document.path,
            "lang": document.lang,
            "date": document.date,
            "date_source": document.date_source,
            "claims": counts.get(document.path, 0),
        }
        for document in report.documents
    ]


def check_json(report: Report) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "summary": {
            "documents": len(report.documents),
            "claims": len(report.claims),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "baselined": report.baselined,
            "suppressed": report.suppressed,
            "fail_on": report.fail_on,
            "failed": report.failed,
        },
        "documents": documents_json(report),
        "skipped": [{"path": problem.path, "reason": problem.reason} for problem in report.problems],
        "findings": [finding.to_json() for finding in report.findings],
    }


def render(report: Report) -> str:
    return _dump(check_json(report))


def render_claims(report: Report) -> str:
    return _dump(
        {
            "format_version": FORMAT_VERSION,
            "documents": documents_json(report),
            "claims": [claim.to_json() for claim in report.claims],
        }
    )


def render_claims_jsonl(report: Report) -> str:
    return "".join(json.dumps(claim.to_json(), ensure_ascii=False) + "\n" for claim in report.claims)


CSV_FIELDS = [
    "id",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "text",
    "kind",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "currency",
    "entity",
    "metric",
    "as_of",
    "lang",
]


def render_claims_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for claim in report.claims:
        writer.writerow(claim.to_json())
    return buffer.getvalue()
