"""The built-in generic pack alone, on invented corpora it has never seen (tests/corpora/generic_*),
and the seed corpus with rules/ (what `make audit` must flag)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(__file__).resolve().parent / "corpora"
#: The rules this helper owns; other helpers' rules are not asserted here.
OWN_RULES = {"blank-figure", "malformed-number", "magnitude-typo", "name-variant", "ocr-artifact", "unused-suppression"}


def _check(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> dict[str, Any]:
    config = tmp_path / "empty.yaml"
    config.write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(
        ["check", ".", "--config", str(config), "--format", "json", "--fail-on", "never", *extra], stdout, stderr
    )
    assert code == 0, stderr.getvalue()
    report: dict[str, Any] = json.loads(stdout.getvalue())
    return report


def _positions(report: dict[str, Any]) -> set[tuple[str, str, int, int]]:
    return {
        (f["rule"], f["location"]["path"], f["location"]["line"], f["location"]["column"])
        for f in report["findings"]
        if f["rule"] in OWN_RULES
    }


def test_generic_pack_finds_every_kind_of_defect_in_an_unseen_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _check(CORPORA / "generic_defects", tmp_path, monkeypatch)
    assert _positions(report) == {
        ("ocr-artifact", "annual-review.txt", 3, 50),  # 1&E
        ("malformed-number", "annual-review.txt", 4, 43),  # 15thth
        ("blank-figure", "annual-review.txt", 9, 7),  # a total of <blank line>
        ("blank-figure", "annual-review.txt", 11, 1),  # EUR million
        ("blank-figure", "annual-review.txt", 13, 23),  # amount of around <blank line>
        ("magnitude-typo", "annual-review.txt", 17, 68),  # bilion
        ("magnitude-typo", "annual-review.txt", 18, 34),  # milion
        ("malformed-number", "annual-review.txt", 18, 49),  # 22th
        ("malformed-number", "annual-review.txt", 19, 5),  # 3th
        ("malformed-number", "annual-review.txt", 19, 59),  # 14,0000
        ("malformed-number", "annual-review.txt", 20, 22),  # 2023the
        ("name-variant", "board-minutes.html", 5, 29),  # Eastbank Innovation Quater
        ("blank-figure", "board-minutes.html", 5, 66),  # $ billion
        ("malformed-number", "board-minutes.html", 6, 68),  # 1,25.6
        ("blank-figure", "board-minutes.html", 7, 37),  # ___ visitors
        ("ocr-artifact", "press-release.md", 9, 50),  # (Al)
        ("blank-figure", "press-release.md", 11, 25),  # EUR XX million
        ("blank-figure", "press-release.md", 11, 53),  # a total of TBC
        ("name-variant", "press-release.md", 12, 5),  # Harbourfront Robotics Center
        ("ocr-artifact", "press-release.md", 17, 10),  # [email protected]
    }
    variant = next(f for f in report["findings"] if f["location"]["text"] == "Harbourfront Robotics Center")
    assert variant["related"][0]["text"] == "Harbourfront Robotics Centre"
    assert report["summary"]["documents"] == 4


def test_generic_pack_leaves_tempting_non_defects_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _check(CORPORA / "generic_clean", tmp_path, monkeypatch)
    assert _positions(report) == set()


SEED_001 = "seeds/001_0ba998b3efe101a7.txt"
SEED_003 = "seeds/003_0cf2d92a9866af4f.txt"


def test_seed_corpus_audit_flags_the_known_defects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "empty.yaml"
    config.write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(REPO)
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["check", "seeds", "--config", str(config), "--rules", "rules", "--format", "json", "--fail-on", "never"]
    assert main(argv, stdout, stderr) == 0, stderr.getvalue()
    found = _positions(json.loads(stdout.getvalue()))
    required = {
        ("magnitude-typo", SEED_001, 98, 21),  # $46 bilion
        ("blank-figure", SEED_001, 532, 7),  # a total of <count missing>
        ("blank-figure", SEED_001, 534, 1),  # $ million
        ("blank-figure", SEED_001, 536, 25),  # a funding amount of around <amount missing>
        ("malformed-number", SEED_003, 7, 13),  # 25thth
        ("malformed-number", SEED_003, 31, 322),  # April 2022the
        ("name-variant", SEED_003, 31, 369),  # Tsang Kwan O
        ("name-variant", SEED_003, 31, 330),  # Advanced Manufacturing Center
    }
    i_and_t = {(5, 23), (21, 57), (23, 61), (265, 11), (266, 1), (275, 32), (525, 10), (530, 40), (558, 54), (655, 23)}
    required |= {("ocr-artifact", SEED_001, line, column) for line, column in i_and_t}
    assert required <= found
