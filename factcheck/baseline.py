"""Baselines: accept today's findings, fail only on new ones.

A baseline file records the fingerprints of the findings of one run (see
:mod:`factcheck.fingerprint`: content-based, so edits elsewhere in a file keep
them), each with its rule, place and text so that a reviewer can read what was
accepted.  ``factcheck check --baseline FILE`` drops the findings whose
fingerprints are in it; recreating the baseline drops the fixed ones.

Format (``format_version`` 1)::

    {"format_version": 1, "tool": "factcheck",
     "findings": [{"fingerprint": "…", "rule": "…", "severity": "warning",
                   "path": "a.txt", "line": 3, "text": "…", "message": "…"}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.load import display_path
from factcheck.model import Finding

BASELINE_VERSION = 1
DEFAULT_BASELINE = Path(".factcheck-baseline.json")


class BaselineError(Exception):
    """A baseline file that is missing or cannot be read; ``str()`` names the file and what to do."""


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    severity: str
    path: str
    line: int
    text: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "text": self.text,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[BaselineEntry, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(entry.fingerprint for entry in self.entries)


def baseline_from_findings(findings: Iterable[Finding]) -> Baseline:
    entries = [
        BaselineEntry(
            fingerprint=finding.fingerprint,
            rule=finding.rule,
            severity=finding.severity.value,
            path=finding.location.path,
            line=finding.location.line,
            text=finding.location.text,
            message=finding.message,
        )
        for finding in findings
    ]
    entries.sort(key=lambda entry: (entry.path, entry.line, entry.rule, entry.fingerprint))
    return Baseline(tuple(entries))


def render_baseline(baseline: Baseline) -> str:
    """The file's text: sorted, one finding per object, stable for review in diffs."""
    data = {
        "format_version": BASELINE_VERSION,
        "tool": "factcheck",
        "findings": [entry.to_json() for entry in baseline.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_FIELDS = {"fingerprint": str, "rule": str, "severity": str, "path": str, "line": int, "text": str, "message": str}


def _entry(item: Any, shown: str, number: int) -> BaselineEntry:
    if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) or not item["fingerprint"]:
        raise BaselineError(
            f"{shown}: finding {number} has no fingerprint; recreate it with `factcheck baseline create`"
        )
    values: dict[str, Any] = {
        name: item[name] if isinstance(item.get(name), kind) else kind() for name, kind in _FIELDS.items()
    }
    return BaselineEntry(**values)


def parse_baseline(text: str, shown: str) -> Baseline:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BaselineError(
            f"{shown}: not a factcheck baseline (invalid JSON: {error}); recreate it with `factcheck baseline create`"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{shown}: not a factcheck baseline (no 'findings' list)")
    version = data.get("format_version")
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"{shown}: baseline format_version {version!r} is not supported (expected {BASELINE_VERSION})"
        )
    return Baseline(tuple(_entry(item, shown, number) for number, item in enumerate(data["findings"], start=1)))


def load_baseline(path: Path) -> Baseline:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{shown}: no such baseline file (create it with `factcheck baseline create --output {shown}`)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise BaselineError(f"{shown}: cannot read the baseline: {reason}") from None
    return parse_baseline(text, shown)


def apply_baseline(findings: Iterable[Finding], baseline: Baseline) -> tuple[list[Finding], int]:
    """The findings not in ``baseline``, and how many were in it."""
    known = baseline.fingerprints
    kept: list[Finding] = []
    baselined = 0
    for finding in findings:
        if finding.fingerprint in known:
            baselined += 1
        else:
            kept.append(finding)
    return kept, baselined


def compare(old: Baseline, new: Baseline) -> tuple[int, int]:
    """(added, dropped): findings new in ``new``, and those of ``old`` no longer found (fixed)."""
    before, after = old.fingerprints, new.fingerprints
    return len(after - before), len(before - after)
