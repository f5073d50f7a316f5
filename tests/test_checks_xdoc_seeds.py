"""The seed audit (`make audit`): the repository's config and rules/ on seeds/, cross-document rules only.

The behaviour issue 6 asks for: the differing HKSTP company counts as one info series with their dates,
the anniversary problem of seeds/003 as a warning with both sides, and nothing at warning or above for
legitimate differences (different dates, different entities, compatible lower bounds).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from tests.test_checks_xdoc_corpus import XDOC_RULES

REPO = Path(__file__).resolve().parent.parent
SEED_000 = "seeds/000_88ca1b1a06dcdc28.txt"
SEED_002 = "seeds/002_935ccf4a1b38e4a1.txt"
SEED_003 = "seeds/003_0cf2d92a9866af4f.txt"


@pytest.fixture(scope="module")
def seed_findings() -> list[dict[str, Any]]:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(REPO)
    try:
        stdout, stderr = io.StringIO(), io.StringIO()
        code = main(["check", "--format", "json", "--fail-on", "never", "--no-cache"], stdout, stderr)
        assert code == 0, stderr.getvalue()
    finally:
        monkeypatch.undo()
    findings: list[dict[str, Any]] = json.loads(stdout.getvalue())["findings"]
    return [finding for finding in findings if finding["rule"] in XDOC_RULES]


def _at(location: dict[str, Any]) -> tuple[str, int, int, str]:
    return (location["path"], location["line"], location["column"], location["text"])


def test_only_the_anniversary_problem_is_at_warning_or_above(seed_findings: list[dict[str, Any]]) -> None:
    serious = [finding for finding in seed_findings if finding["severity"] != "info"]
    assert [(finding["rule"], _at(finding["location"])) for finding in serious] == [
        ("anniversary-matches-founding", (SEED_003, 1, 18, "20 Years")),
    ]
    (anniversary,) = serious
    assert anniversary["severity"] == "warning"
    assert [(_at(other), other["note"]) for other in anniversary["related"]] == [
        ((SEED_003, 51, 16, "2001"), "founding year"),
        ((SEED_003, 5, 119, "20th"), "same anniversary"),
        ((SEED_003, 9, 18, "20th"), "same anniversary"),
        ((SEED_003, 19, 244, "20th"), "same anniversary"),
        ((SEED_003, 49, 68, "20 continuous years"), "same anniversary"),
    ]
    assert "May 2001" in anniversary["message"] and "21 years" in anniversary["message"]
    # The HKSAR's 25th anniversary (1997 + 25 = 2022) is consistent: no finding at line 7.
    assert not [f for f in seed_findings if f["location"]["path"] == SEED_003 and f["location"]["line"] == 7]


def test_the_hkstp_company_counts_are_one_dated_series(seed_findings: list[dict[str, Any]]) -> None:
    series = [f for f in seed_findings if f["rule"] == "figure-series" and "HKSTP companies" in f["message"]]
    assert len(series) == 1
    assert series[0]["message"] == (
        "HKSTP companies over time: around 900 (24 Feb 2021, Hong Kong Science Park) -> "
        "over 1,000 (11 Jul 2022) -> over 2,000 (2024)"
    )
    assert _at(series[0]["location"]) == (SEED_000, 9, 19, "over 2,000 tech companies")
    assert [_at(other)[:2] for other in series[0]["related"]] == [(SEED_002, 24), (SEED_003, 49)]
