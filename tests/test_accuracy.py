"""The accuracy benchmark: its gold tables are well-formed and the script runs end to end."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks import accuracy
from factcheck.model import KINDS, QUALIFIERS, Claim, Location

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
        spans = case.get("ignore", []) + case.get("not_figures", [])
        for span in spans:
            assert text[span["start"] : span["end"]] == span["surface"], case["id"]
            assert span["note"], case["id"]
            for item in case["expected"]:
                assert not (item["start"] < span["end"] and span["start"] < item["end"]), (case["id"], span["surface"])
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
            if "as_of" in item:
                assert item["as_of"] is None or ISO_DATE.match(item["as_of"]), where
                assert item["kind"] not in ("date", "year"), where
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


def _claim(
    text: str, surface: str, kind: str, value: Any, lower: Any = None, upper: Any = None, qualifier: str = "exact"
) -> Claim:
    start = text.index(surface)
    end = start + len(surface)
    location = Location("t.txt", 1, start + 1, 1, end + 1, start, end, surface)
    return Claim("t.txt#1", location, kind, value, lower, upper, qualifier)


def _case(text: str, items: list[dict[str, Any]], family: str = "seeds_en", group: str = "gold") -> accuracy.Case:
    expected = []
    for item in items:
        start = text.index(item["surface"])
        expected.append(
            accuracy.Expected(
                item["surface"], start, start + len(item["surface"]), item.get("value"), item["kind"], "digits", item
            )
        )
    return accuracy.Case("c", family, group, "en", text, "t.txt", None, expected, {})


def test_match_needs_overlap_and_value() -> None:
    text = "HKSTP is home to over 2,000 tech companies and around 900 R&D firms."
    case = _case(
        text, [{"surface": "2,000", "kind": "count", "value": 2000}, {"surface": "900", "kind": "count", "value": 900}]
    )
    right = _claim(text, "over 2,000 tech companies", "count", 2000, 2000, None, "over")
    wrong_value = _claim(text, "around 900", "count", 9000)
    results, unmatched = accuracy.match_case(case, [right, wrong_value])
    assert [result.claim for result in results] == [right, None]
    assert unmatched == [wrong_value]


def test_money_and_percent_values_in_units() -> None:
    text = "The HK$350 million injection lifts the share to 40%."
    case = _case(text, [{"surface": "HK$350 million", "kind": "money", "value": 350_000_000}])
    claim = _claim(text, "HK$350 million", "money", 350_000_000.0000001)
    assert accuracy.value_matches(case.expected[0], claim)
    assert not accuracy.value_matches(case.expected[0], _claim(text, "HK$350 million", "money", 350))


def test_dates_match_by_value_or_period() -> None:
    text = "It opened in end-2024 and again in 2019."
    end_2024 = {"surface": "end-2024", "kind": "date", "value": "2024", "lower": "2024-12-01", "upper": "2024-12-31"}
    case = _case(text, [end_2024, {"surface": "2019", "kind": "date", "value": "2019"}])
    as_month = _claim(text, "end-2024", "date", "2024-12", "2024-12-01", "2024-12-31")
    assert accuracy.value_matches(case.expected[0], as_month)
    assert accuracy.value_matches(case.expected[1], _claim(text, "2019", "year", 2019))
    assert not accuracy.value_matches(case.expected[1], _claim(text, "2019", "count", 2019))
    peer_range = accuracy.Expected("2014 to 2018", 0, 12, "(2014-01-01,2018-01-01,P4Y)", "daterange", "digits", {})
    assert accuracy.value_matches(
        peer_range, _claim("2014 to 2018", "2014", "date", "2014", "2014-01-01", "2014-12-31")
    )


def test_numrange_bounds_within_rounding() -> None:
    text = "between 4,000 and 5,000 units"
    item = accuracy.Expected(
        "between 4,000 and 5,000", 0, 23, "[4000,5000]", "numrange", "digits", {"lo": 4000, "hi": 5000}
    )
    case = accuracy.Case("c", "numrange_en", "peer", "en", text, "t", None, [item], {})
    widened = _claim(text, "4,000 and 5,000", "number", 4000, 3950, 5050, "range")
    results, _ = accuracy.match_case(case, [widened])
    assert results[0].claim is widened
    results, _ = accuracy.match_case(case, [_claim(text, "4,000", "number", 4000, 3950, 4050)])
    assert results[0].claim is None


def test_whole_number_intervals_compare_by_integers() -> None:
    assert accuracy._interval_equal(277.5, 278, "lower")
    assert accuracy._interval_equal(278.5, 278, "upper")
    assert not accuracy._interval_equal(277.5, 278, "")
    assert accuracy._interval_equal(None, None)
    assert not accuracy._interval_equal(2000, None)


def test_relative_peer_dates_are_excluded_but_not_our_labels() -> None:
    item = accuracy.Expected("tomorrow", 0, 8, "2016-11-08", "date", "none", {"abs": False})
    peer = accuracy.Case("p", "dates_en", "peer", "en", "tomorrow", "p", None, [item], {})
    ours = accuracy.Case("g", "seeds_en", "gold", "en", "tomorrow", "g", None, [dataclasses.replace(item)], {})
    accuracy.apply_exclusions([peer, ours])
    assert peer.expected[0].excluded == "relative-date"
    assert ours.expected[0].excluded is None


def test_equivalent_statements_of_a_value() -> None:
    text = "One-third of founders; the campus is eight to 10 feet wide; the 2021-22 Budget."
    third = accuracy.Expected("One-third", 0, 9, 1 / 3, "number", "words", {})
    assert accuracy.value_matches(third, _claim(text, "One-third", "percent", 33.333333))
    ten = accuracy.Expected("10 feet", text.index("10 feet"), text.index("10 feet") + 7, 10, "dimension", "digits", {})
    as_range = _claim(text, "eight to 10 feet", "quantity", 8, 7.5, 10.5, "range")
    assert accuracy.value_matches(ten, as_range)
    assert not accuracy.value_matches(ten, _claim(text, "eight to 10 feet", "quantity", 8, 7.5, 8.5))
    budget = {"surface": "2021-22", "kind": "date", "value": "2021", "lower": "2021-04-01", "upper": "2022-03-31"}
    case = _case(text, [budget])
    assert accuracy.value_matches(
        case.expected[0], _claim(text, "2021-22", "date", "2021/2022", "2021-01-01", "2022-12-31")
    )


def test_as_of_compares_the_last_day() -> None:
    assert accuracy._same_as_of("2024-10", "2024-10-31")
    assert accuracy._same_as_of("2024-12-31", "2024-12")
    assert not accuracy._same_as_of("2024-10", "2024-11")
    assert not accuracy._same_as_of(None, "2024-11")
    assert accuracy._same_as_of(None, None)


def test_year_bounds_equal_their_days() -> None:
    assert accuracy._interval_equal(2020, "2020-01-01", "lower")
    assert accuracy._interval_equal(2020, "2020-12-31", "upper")
    assert not accuracy._interval_equal(2020, "2020-01-01", "upper")


def test_decimal_comma_is_excluded_by_rule() -> None:
    item = accuracy.Expected("1,3", 14, 17, 1.3, "number", "digits", {})
    thousands = accuracy.Expected("2,000", 22, 27, 2000, "number", "digits", {})
    case = accuracy.Case(
        "p", "numbers_en", "peer", "en", "The number is 1,3 and 2,000.", "p", None, [item, thousands], {}
    )
    accuracy.apply_exclusions([case])
    assert [e.excluded for e in case.expected] == ["decimal-comma", None]


def test_unambiguous_continental_notation_is_scored() -> None:
    continental = accuracy.Expected("1.111,11", 0, 8, 1111.11, "number", "digits", {})
    ambiguous = accuracy.Expected("5,00", 13, 17, 5.0, "number", "digits", {})
    case = accuracy.Case("p", "numbers_en", "peer", "en", "1.111,11 and 5,00", "p", None, [continental, ambiguous], {})
    accuracy.apply_exclusions([case])
    assert [e.excluded for e in case.expected] == [None, "decimal-comma"]


def test_a_hyphen_at_a_line_start_is_a_bullet() -> None:
    bullet = accuracy.Expected("- 10  k", 0, 7, -10000, "number", "digits", {})
    minus = accuracy.Expected("- 5", 14, 17, -5, "number", "digits", {})
    case = accuracy.Case("p", "numbers_en", "peer", "en", "- 10  k and x - 5", "p", None, [bullet, minus], {})
    accuracy.apply_exclusions([case])
    assert [e.excluded for e in case.expected] == ["list-bullet", None]


def test_number_range_negatives_count_only_ranges_and_bounds() -> None:
    fraction = accuracy.Case("n1", "numrange_en", "peer", "en", "One-fourth is a fraction number.", "n1", None, [], {})
    bound = accuracy.Case("n2", "numrange_en", "peer", "en", "It is =<30.", "n2", None, [], {})
    claims, _unsegmented = accuracy.run_cases([fraction, bound], *accuracy._knowledges())
    assert [c.qualifier for c in claims["n1"]] == ["exact"]
    results = accuracy.score([fraction, bound], claims)
    assert (results.negatives["numrange_en"].hits, results.negatives["numrange_en"].total) == (1, 2)
    assert [item.split(":")[0] for item in results.spurious["numrange_en"]] == ["n2"]


def test_misses_listing_shows_the_case_text(tiny_peer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "It cost HK$350 million."
    case = accuracy.Case(
        "currency_en/m#1",
        "currency_en",
        "peer",
        "en",
        text,
        "m",
        None,
        [accuracy.Expected("HK$350 million", 8, 22, 999, "currency", "mixed", {})],
        {},
    )
    claims, _unsegmented = accuracy.run_cases([case], *accuracy._knowledges())
    listing = accuracy.misses_listing(accuracy.score([case], claims))
    assert "missed in currency_en (1):" in listing
    assert "currency_en/m#1: 'HK$350 million' expected 999" in listing
    assert f"text: {text!r}" in listing
    assert accuracy.main(["--peer-dev", str(tiny_peer), "--families", "currency_en", "--misses"]) == 0
    assert "recall per family" in capsys.readouterr().out
