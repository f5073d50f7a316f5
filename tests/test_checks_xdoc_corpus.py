"""End to end: the CLI on an invented multi-document corpus, with the built-in pack alone.

tests/corpora/xdoc_northbridge/ is a corpus factcheck has no pack for (a "Northbridge Innovation Park"
in another city, other years and wordings). It plants one defect for every cross-document rule and
tempting non-conflicts around them: growth with clear dates, another entity with similar metrics,
overlapping ranges, a consistent unit conversion, numbers in names (Phase 3, Building 17W, Vision
2030) and phone numbers.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main

CORPUS = Path(__file__).resolve().parent / "corpora" / "xdoc_northbridge"
XDOC_RULES = {
    "figure-conflict",
    "figure-undated-conflict",
    "figure-trend",
    "figure-series",
    "anniversary-matches-founding",
    "part-exceeds-whole",
    "shares-exceed-whole",
    "total-matches-parts",
    "unit-mismatch",
}


def run_corpus(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *packs: Path, corpus: Path = CORPUS
) -> list[dict[str, Any]]:
    """Copy the corpus into ``folder``, run ``factcheck check`` there (no project config) and return the
    findings of the cross-document rules."""
    shutil.copytree(corpus, folder / "corpus")
    config = folder / "factcheck.yaml"
    config.write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    argv = ["check", "corpus", "--config", str(config), "--format", "json", "--fail-on", "never", "--no-cache"]
    for pack in packs:
        argv += ["--rules", str(pack)]
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(argv, stdout=stdout, stderr=stderr)
    assert code == 0, stderr.getvalue()
    findings: list[dict[str, Any]] = json.loads(stdout.getvalue())["findings"]
    return [finding for finding in findings if finding["rule"] in XDOC_RULES]


Place = tuple[str, int, int, str]


def _place(location: dict[str, Any]) -> Place:
    return (location["path"].removeprefix("corpus/"), location["line"], location["column"], location["text"])


def _found(findings: list[dict[str, Any]]) -> list[tuple[str, Place, list[Place]]]:
    return [
        (finding["rule"], _place(finding["location"]), [_place(other) for other in finding["related"]])
        for finding in findings
    ]


#: (rule, primary location, related locations) of every finding, in report order.
EXPECTED: list[tuple[str, Place, list[Place]]] = [
    (
        "anniversary-matches-founding",
        ("01-release-2022.txt", 7, 65, "20th"),
        [("01-release-2022.txt", 7, 16, "2004")],
    ),
    (
        "figure-series",
        ("01-release-2022.txt", 9, 32, "150 tech companies"),
        [("04-brochure.txt", 5, 32, "over 400 tech companies")],
    ),
    ("figure-series", ("02-release-2024.txt", 7, 57, "9,000"), [("01-release-2022.txt", 5, 94, "over 8,000")]),
    ("figure-series", ("02-release-2024.txt", 7, 73, "11,000"), [("01-release-2022.txt", 5, 115, "around 5,000")]),
    ("part-exceeds-whole", ("02-release-2024.txt", 7, 73, "11,000"), [("02-release-2024.txt", 7, 57, "9,000")]),
    (
        "shares-exceed-whole",
        ("02-release-2024.txt", 9, 93, "27%"),
        [("02-release-2024.txt", 9, 31, "45%"), ("02-release-2024.txt", 9, 66, "38%")],
    ),
    (
        "figure-series",
        ("03-factsheet-2024.md", 8, 48, "40 hectares"),
        [("02-release-2024.txt", 5, 48, "22 hectares"), ("02-release-2024.txt", 5, 111, "220,000 square metres")],
    ),
    (
        "unit-mismatch",
        ("03-factsheet-2024.md", 8, 48, "40 hectares"),
        [("02-release-2024.txt", 5, 111, "220,000 square metres")],
    ),
    (
        "figure-series",
        ("03-factsheet-2024.md", 12, 42, "95 projects"),
        [("01-release-2022.txt", 11, 42, "120 projects")],
    ),
    (
        "figure-conflict",
        ("03-factsheet-2024.md", 14, 35, "1,520 tech companies"),
        [("03-factsheet-2024.md", 10, 35, "1,250 tech companies")],
    ),
    (
        "figure-series",
        ("03-factsheet-2024.md", 14, 35, "1,520 tech companies"),
        [
            ("01-release-2022.txt", 5, 40, "around 600 tech companies"),
            ("02-release-2024.txt", 3, 65, "over 1,000 tech companies"),
            ("03-factsheet-2024.md", 10, 35, "1,250 tech companies"),
            ("04-brochure.txt", 3, 40, "over 2,500 tech companies"),
        ],
    ),
    (
        "total-matches-parts",
        ("03-factsheet-2024.md", 16, 68, "500,000 square feet"),
        [
            ("03-factsheet-2024.md", 16, 99, "150,000 square feet"),
            ("03-factsheet-2024.md", 16, 138, "180,000 square feet"),
            ("03-factsheet-2024.md", 16, 179, "210,000 square feet"),
        ],
    ),
    (
        "figure-undated-conflict",
        ("04-brochure.txt", 3, 40, "over 2,500 tech companies"),
        [
            ("01-release-2022.txt", 5, 40, "around 600 tech companies"),
            ("03-factsheet-2024.md", 10, 35, "1,250 tech companies"),
            ("03-factsheet-2024.md", 14, 35, "1,520 tech companies"),
        ],
    ),
    (
        "figure-undated-conflict",
        ("04-brochure.txt", 5, 32, "over 400 tech companies"),
        [("01-release-2022.txt", 9, 32, "150 tech companies")],
    ),
]


def test_every_cross_document_check_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    findings = run_corpus(tmp_path, monkeypatch)
    assert _found(findings) == EXPECTED
    by_rule = {finding["rule"]: finding for finding in findings}
    assert by_rule["figure-conflict"]["severity"] == "error"
    assert by_rule["anniversary-matches-founding"]["related"][0]["note"] == "founding year"
    assert "18 years" in by_rule["anniversary-matches-founding"]["message"]
    assert by_rule["figure-conflict"]["claims"][0].startswith("corpus/03-factsheet-2024.md#")
    # Tempting non-conflicts: names with numbers, a year used as a name, phone numbers, overlapping ranges
    # ("between 300 and 400" and "about 350" start-ups), 22 hectares = 220,000 square metres, growth over time.
    lines = {(finding["location"]["path"], finding["location"]["line"]) for finding in findings}
    assert not lines & {("corpus/01-release-2022.txt", 13), ("corpus/01-release-2022.txt", 15)}
    assert not lines & {("corpus/02-release-2024.txt", 11), ("corpus/02-release-2024.txt", 13)}
    assert not [finding for finding in findings if finding["rule"] == "figure-trend"]


def test_a_pack_declaring_a_metric_monotonic_adds_the_trend_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = Path(__file__).resolve().parent / "rules" / "packs" / "xdoc-monotonic.yaml"
    findings = run_corpus(tmp_path, monkeypatch, pack)
    trend = [finding for finding in findings if finding["rule"] == "figure-trend"]
    assert [_found([finding]) for finding in trend] == [
        [
            (
                "figure-trend",
                ("03-factsheet-2024.md", 12, 42, "95 projects"),
                [("01-release-2022.txt", 11, 42, "120 projects")],
            )
        ]
    ]
    assert trend[0]["severity"] == "warning" and "increasing" in trend[0]["message"]
    # Everything else is unchanged by the pack.
    assert _found([finding for finding in findings if finding["rule"] != "figure-trend"]) == EXPECTED


def test_another_corpus_in_html_and_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/corpora/xdoc_harbourline/: another organisation, city, years and formats (HTML, markdown with
    front matter); "of whom" parts, a within-document conflict, a consistent sq ft / m² pair, a consistent
    anniversary of another entity, a phone number, Building 17W and Vision 2030."""
    corpus = Path(__file__).resolve().parent / "corpora" / "xdoc_harbourline"
    findings = run_corpus(tmp_path, monkeypatch, corpus=corpus)
    assert _found(findings) == [
        (
            "part-exceeds-whole",
            ("2023-review.html", 6, 52, "400 hold doctorates"),
            [("2023-review.html", 6, 29, "320 engineers")],
        ),
        ("anniversary-matches-founding", ("2024-update.md", 8, 50, "15th"), [("2024-update.md", 8, 12, "2010")]),
        ("figure-conflict", ("2024-update.md", 14, 22, "380 engineers"), [("2024-update.md", 12, 26, "410 engineers")]),
        (
            "figure-series",
            ("2024-update.md", 14, 22, "380 engineers"),
            [("2023-review.html", 6, 29, "320 engineers"), ("2024-update.md", 12, 26, "410 engineers")],
        ),
        (
            "figure-series",
            ("2024-update.md", 16, 44, "465 square metres"),
            [("2023-review.html", 7, 28, "5,000 sq ft")],
        ),
    ]
    assert "14 years" in findings[1]["message"]
