"""A small check type for the gate tests (focus, baseline, exit codes), independent of extraction.

It reads lines ``KEY: VALUE`` from the documents' masked text (``Budget: 120``)
and reports, per key, each pair of documents that state different values: the
finding is at the first document (sorted by path), the related location at the
other.  So the tests get cross-document findings with known positions whatever
the extractors and the real checks do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext, Param, finding
from factcheck.model import Finding, Location, RelatedLocation
from factcheck.rules.model import Rule

NAME = "test-key-conflict"
DESCRIPTION = "KEY: VALUE lines that disagree across documents (test only)."
PARAMS = {"keys": Param((list,), [], "keys to compare (all when empty)")}
_LINE = re.compile(r"^(?P<key>[A-Z][a-z]+): (?P<value>\d+)$", re.M)

RULES_YAML = """\
rules:
  - id: key-conflict
    check: test-key-conflict
    category: conflict
    severity: {severity}
    message: "{{key}}: {{value}} here but {{other_value}} in {{other_path}}:{{other_line}}"
"""


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    stated: dict[str, list[tuple[Location, str]]] = {}
    for path in sorted(ctx.documents):
        document = ctx.documents[path]
        for match in _LINE.finditer(document.text):
            location = document.location(match.start("value"), match.end("value"))
            stated.setdefault(match["key"], []).append((location, match["value"]))
    keys = rule.params.get("keys") or sorted(stated)
    for key in keys:
        places = stated.get(key, [])
        for index, (here, value) in enumerate(places):
            for there, other in places[index + 1 :]:
                if other != value and there.path != here.path:
                    message = rule.format_message(
                        key=key, value=value, other_value=other, other_path=there.path, other_line=there.line
                    )
                    yield finding(rule, here, message, (RelatedLocation(there, "other value"),))


def install(monkeypatch: pytest.MonkeyPatch, folder: Path, severity: str = "error") -> Path:
    """Register the check type and write a rules file using it; returns the rules file."""
    import sys

    monkeypatch.setitem(CHECKS, NAME, sys.modules[__name__])
    rules = folder / "test-rules.yaml"
    rules.write_text(RULES_YAML.format(severity=severity), "utf-8")
    return rules
