"""GitHub Actions workflow commands: one annotation per finding.

GitHub shows only the first ten annotations of each type (error, warning, notice) per step, so factcheck
writes at most ten of each and lists the rest as plain log lines in a collapsed group, then a summary.
"""

from __future__ import annotations

from factcheck.model import Finding, Report, Severity
from factcheck.report.common import plural, visible
from factcheck.report.text import summary_line

#: Annotations of one type GitHub shows per step.
ANNOTATION_LIMIT = 10

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (GitHub's ``escapeData``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property's value (GitHub's ``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _message(finding: Finding) -> str:
    lines = [visible(finding.message)]
    for related in finding.related:
        rel = related.location
        note = f" ({related.note})" if related.note else ""
        lines.append(f"see {rel.path}:{rel.line}:{rel.column}: {visible(rel.text, newlines=False)}{note}")
    return "\n".join(lines)


def annotation(finding: Finding) -> str:
    loc = finding.location
    properties = [
        ("file", loc.path),
        ("line", str(loc.line)),
        ("endLine", str(loc.end_line)),
        ("col", str(loc.column)),
        ("endColumn", str(loc.end_column)),
        ("title", f"factcheck {finding.rule} ({finding.category})"),
    ]
    rendered = ",".join(f"{name}={escape_property(visible(value))}" for name, value in properties)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(_message(finding))}"


def _plain(finding: Finding) -> str:
    loc = finding.location
    message = visible(finding.message, newlines=False)
    line = f"{visible(loc.path, newlines=False)}:{loc.line}:{loc.column}: {finding.severity.value} [{finding.rule}] {message}"
    # A log line that starts with "::" would be read as a workflow command: a file name must not inject one.
    return " " + line if line.startswith("::") else line


def render(report: Report) -> str:
    lines: list[str] = []
    shown: dict[Severity, int] = dict.fromkeys(COMMANDS, 0)
    rest: list[Finding] = []
    for finding in report.findings:
        if shown[finding.severity] < ANNOTATION_LIMIT:
            shown[finding.severity] += 1
            lines.append(annotation(finding))
        else:
            rest.append(finding)
    if rest:
        title = (
            f"{plural(len(rest), 'more finding')} (GitHub shows only the first "
            f"{ANNOTATION_LIMIT} annotations of each type)"
        )
        lines.append(f"::group::{escape_data(title)}")
        lines.extend(_plain(finding) for finding in rest)
        lines.append("::endgroup::")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
