"""Terminal text: ``path:line:col: severity [rule] message``, grouped by file."""

from __future__ import annotations

from factcheck.model import Report, Severity
from factcheck.report.common import plural as _plural
from factcheck.report.common import visible

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def summary_line(report: Report) -> str:
    parts = [
        _plural(report.count(Severity.ERROR), "error"),
        _plural(report.count(Severity.WARNING), "warning"),
        _plural(report.count(Severity.INFO), "info"),
    ]
    line = (
        f"{', '.join(parts)} in {_plural(len(report.documents), 'document')} ({_plural(len(report.claims), 'claim')})"
    )
    if report.baselined:
        line += f"; {report.baselined} baselined"
    if report.suppressed:
        line += f"; {report.suppressed} suppressed"
    verdict = "FAIL" if report.failed else "pass"
    return f"{line} -- {verdict} (fail-on: {report.fail_on})"


def render(report: Report, colour: bool = False) -> str:
    lines: list[str] = []
    current: str | None = None
    # Grouped by file even if the findings come unsorted (files in order of first appearance).
    order: dict[str, int] = {}
    for finding in report.findings:
        order.setdefault(finding.location.path, len(order))
    for finding in sorted(report.findings, key=lambda finding: order[finding.location.path]):
        loc = finding.location
        if loc.path != current:
            if current is not None:
                lines.append("")
            current = loc.path
            path = visible(loc.path, newlines=False)
            lines.append(f"{_BOLD}{path}{_RESET}" if colour else path)
        severity = finding.severity.value
        if colour:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        lines.append(
            f"{visible(loc.path, newlines=False)}:{loc.line}:{loc.column}: {severity} [{finding.rule}] "
            f"{visible(finding.message, newlines=False)}"
        )
        for related in finding.related:
            rel = related.location
            note = f" ({related.note})" if related.note else ""
            lines.append(
                f"    see {visible(rel.path, newlines=False)}:{rel.line}:{rel.column}: "
                f"{visible(rel.text, newlines=False)}{visible(note, newlines=False)}"
            )
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_colour(report: Report) -> str:
    return render(report, colour=True)


def render_claims(report: Report) -> str:
    lines = []
    for claim in report.claims:
        loc = claim.location
        about = " ".join(
            f"{name}={value}"
            for name, value in (
                ("entity", claim.entity),
                ("metric", claim.metric),
                ("as_of", claim.as_of),
                ("unit", claim.unit),
                ("currency", claim.currency),
            )
            if value is not None
        )
        lines.append(
            f"{loc.path}:{loc.line}:{loc.column}: {claim.kind} {claim.value!r} "
            f"[{claim.lower!r}, {claim.upper!r}] {claim.qualifier} {loc.text!r} {about}".rstrip()
        )
    lines.append(f"{_plural(len(report.claims), 'claim')} in {_plural(len(report.documents), 'document')}")
    return "\n".join(lines) + "\n"
