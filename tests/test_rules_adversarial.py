"""The one-document checks and the suppression stage stay linear on adversarial input.

A quadratic pattern takes minutes on these inputs (20,000 characters already took ~10 s before
the patterns were fixed); linear code takes well under a second each, so the generous bound below
only trips on a real regression, not on a busy machine.
"""

from __future__ import annotations

import time

import pytest

from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.index import build_index
from factcheck.load import document_from_text
from factcheck.rules import load_ruleset
from factcheck.suppress import apply

SIZE = 200_000
INPUTS = {
    "digits": "1" * SIZE,
    "commas": "1," * (SIZE // 2),
    "dollars": "$" * SIZE,
    "spaces": " " * SIZE + "x",
    "capitalised": "Aa " * (SIZE // 3),
    "ordinals": "1st" * (SIZE // 3),
    "scale-words": "million " * (SIZE // 8),
    "lead-ins": "a total of " * (SIZE // 11),
    "placeholders": "X" * SIZE + "_" * SIZE + "?" * SIZE,
    "defects": "a total of $ million XX TBC 1&T Al ecosystem 25thth 14,0000 bilion Tseung Kwan O\n" * (SIZE // 90),
    "directives": "<!-- factcheck: disable-next-line " + "a" * SIZE + " x",
    "line-directives": "factcheck: disable-next-line blank-figure\n" * (SIZE // 45),
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_checks_are_linear_on_adversarial_input(name: str) -> None:
    ruleset = load_ruleset()
    document = document_from_text(INPUTS[name], name)
    ctx = CheckContext(
        documents={name: document},
        claims=(),
        claims_by_path={},
        index=build_index((), ruleset.knowledge),
        knowledge=ruleset.knowledge,
    )
    began = time.perf_counter()
    findings = [finding for rule in ruleset.rules for finding in CHECKS[rule.check].check(rule, ctx)]
    result = apply(findings, [document], ruleset.rules)
    elapsed = time.perf_counter() - began
    assert elapsed < 30, f"{name}: {elapsed:.1f}s"
    for finding in result.findings:
        location = finding.location
        assert document.original[location.start : location.end] == location.text
