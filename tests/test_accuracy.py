"""The accuracy benchmark: its gold tables are well-formed and the script runs end to end."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks import accuracy
from factcheck.model import KINDS, QUALIFIERS

GOLD = Path(accuracy.GOLD_DIR)
GOLD_FILES = sorted(GOLD.glob("*.jsonl"))
FORMS = {"digits", "mixed", "words"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _text(case: dict[str, Any]) -> str:
    if "doc" in case:
        return (accuracy.REPO / case["doc"]).read_text(encoding="utf-8").replace("\r\n", "\n")
    return str(case["text"])


def test_gold_files_exist() -> None:
    names = {path.name for path in GOLD_FILES}
    assert {"seeds_en.jsonl", "zh.jsonl", "negatives_en.jsonl"} <= names


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.name)
def test_gold_cases_are_well_formed(path: Path) -> None:
    ids: set[str] = set()
    for case in _lines(path):
        assert case["id"] not in ids, f"duplicate id {case['id']}"
        ids.add(case["id"])
        assert case["lang"] in ("en", "zh")
        assert ("text" in case) != ("doc" in case), case["id"]
        text = _text(case)
        if "doc_date" in case:
            assert ISO_DAY.match(case["doc_date"]), case["id"]
        for span in case.get("ignore", []):
            assert text[span["start"] : span["end"]] == span["surface"], case["id"]
            assert span["note"], case["id"]
        for item in case["expected"]:
            where = f"{case['id']} {item['surface']!r}"
            assert text[item["start"] : item["end"]] == item["surface"], where
            assert item["kind"] in KINDS, where
            assert item["qualifier"] in QUALIFIERS, where
            assert item["form"] in FORMS, where
            value, lower, upper = item["value"], item["lower"], item["upper"]
            if item["kind"] == "date":
                assert isinstance(value, str) and ISO_DATE.match(value), where
                for bound in (lower, upper):
                    assert bound is None or ISO_DAY.match(bound), where
                assert lower is None or lower <= value.ljust(10, "~") or lower[: len(value)] == value, where
                if lower is not None and upper is not None:
                    assert lower <= upper, where
            else:
                assert isinstance(value, (int, float)) and math.isfinite(value), where
                assert lower is None or lower <= value, where
                assert upper is None or value <= upper, where
            if item["kind"] == "money":
                assert re.fullmatch(r"[A-Z]{3}", item["currency"] or ""), where
            else:
                assert item["currency"] is None, where


def test_gold_sizes() -> None:
    counts = {path.stem: sum(len(case["expected"]) for case in _lines(path)) for path in GOLD_FILES}
    assert counts["seeds_en"] >= 150
    assert counts["zh"] >= 40
    negatives = _lines(GOLD / "negatives_en.jsonl")
    assert negatives and all(case["expected"] == [] for case in negatives)


def test_exclusions_are_rules_over_the_text() -> None:
    cases = accuracy.load_cases([], "peer")
    assert cases == []
    phone = accuracy.Case(
        id="x",
        family="numbers_en",
        group="peer",
        lang="en",
        text="Call Tel: (852) 3166 3841 now",
        path="x",
        doc_date=None,
        expected=[accuracy.Expected("3166", 16, 20, 3166, "number", "digits", {})],
        raw={},
    )
    accuracy.apply_exclusions([phone])
    assert phone.expected[0].excluded == "phone-number"


@pytest.fixture
def tiny_peer(tmp_path: Path) -> Path:
    folder = tmp_path / "peer-dev"
    folder.mkdir()
    cases = [
        {
            "id": "currency_en/t#1",
            "source": "test",
            "lang": "en",
            "text": "The fund raised HK$350 million last year.",
            "expected": [
                {
                    "surface": "HK$350 million",
                    "start": 16,
                    "end": 30,
                    "value": 350000000,
                    "kind": "currency",
                    "form": "mixed",
                }
            ],
        },
        {
            "id": "currency_en/t#2",
            "source": "test",
            "lang": "en",
            "text": "Silica gel absorbs moisture.",
            "expected": [],
        },
    ]
    (folder / "currency_en.jsonl").write_text("".join(json.dumps(case) + "\n" for case in cases), encoding="utf-8")
    return folder


def test_script_runs_end_to_end(tiny_peer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "accuracy.md"
    code = accuracy.main(
        [
            "--peer-dev",
            str(tiny_peer),
            "--families",
            "currency_en,negatives_en",
            "--quick",
            "--write",
            str(report),
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"] >= 2
    assert {"targets", "recall", "dates", "negatives", "labels", "excluded", "misses"} <= set(data)
    assert data["recall"]["currency_en"]["mixed"]["total"] == 1
    assert data["negatives"]["currency_en"]["total"] == 1
    assert all({"name", "target", "measured", "met"} <= set(target) for target in data["targets"])
    text = report.read_text(encoding="utf-8")
    for heading in ("# Extraction accuracy", "## Targets", "## What counts as a match", "## Excluded"):
        assert heading in text
    assert "python -m benchmarks.accuracy --write" in text


def test_summary_marks_targets(tiny_peer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--peer-dev", str(tiny_peer), "--families", "currency_en"]) == 0
    out = capsys.readouterr().out
    assert "recall, digit and mixed forms: peer currency_en" in out
    assert re.search(r"\[\s*(met|NOT MET)\]", out)
