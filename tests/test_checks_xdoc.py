"""The cross-document checks on hand-made claims at exact positions in real sentences."""

from __future__ import annotations

import dataclasses
import math

import pytest

from factcheck.checks.alignment import describe, interval, overlap, selected
from factcheck.checks.anniversary import Founding, When, fits
from factcheck.model import Claim, Severity
from tests.xdoc_support import SEED_PACK, Corpus, Doc, where

COMPANIES = "tech companies"


# --- consistency: conflicts -------------------------------------------------------------------------------------------


def _nip(doc: Doc, text: str, value: int, qualifier: str = "exact") -> Claim:
    return doc.claim(text, value, qualifier=qualifier, entity="Northbridge Innovation Park", metric=COMPANIES)


def _two_releases(
    first: str, second: str, *, first_date: str = "2024-03-01", second_date: str = "2024-03-01"
) -> Corpus:
    corpus = Corpus()
    corpus.doc("a.txt", first, first_date)
    corpus.doc("b.txt", second, second_date)
    return corpus


def test_same_period_disjoint_intervals_are_an_error_with_the_other_side() -> None:
    corpus = _two_releases(
        "Northbridge Innovation Park is home to over 2,000 tech companies.",
        "Today Northbridge Innovation Park hosts around 900 tech companies.",
        first_date="2024",
        second_date="2024-11-20",
    )
    a, b = corpus.docs
    first = _nip(a, "over 2,000", 2000, qualifier="over")
    second = _nip(b, "around 900", 900, qualifier="about")
    findings = corpus.run("figure-conflict")
    assert [where(f) for f in findings] == [("b.txt", 1, 41, "around 900")]
    (conflict,) = findings
    assert conflict.severity is Severity.ERROR and conflict.category == "conflict"
    assert [(r.location.path, r.location.column, r.location.text) for r in conflict.related] == [
        ("a.txt", 40, "over 2,000")
    ]
    assert conflict.claims == (second.id, first.id)
    assert "over 2,000" in conflict.message and "around 900" in conflict.message
    assert conflict.message.endswith(", for the same period (20 Nov 2024)")


@pytest.mark.parametrize(
    ("first", "first_value", "first_qualifier", "second", "second_value", "second_qualifier"),
    [
        ("about 3,000", 3000, "about", "2,960", 2960, "exact"),
        ("over 1,000", 1000, "over", "over 1,200", 1200, "over"),
        ("over 2,000", 2000, "over", "2,046", 2046, "exact"),
        ("4,000", 4000, "exact", "4,020", 4020, "exact"),  # "4,000" is rounded: 3,950..4,050
    ],
)
def test_rounding_and_qualifiers_decide_overlap(
    first: str, first_value: int, first_qualifier: str, second: str, second_value: int, second_qualifier: str
) -> None:
    corpus = _two_releases(
        f"Northbridge Innovation Park is home to {first} tech companies.",
        f"Northbridge Innovation Park is home to {second} tech companies.",
    )
    a, b = corpus.docs
    _nip(a, first, first_value, qualifier=first_qualifier)
    _nip(b, second, second_value, qualifier=second_qualifier)
    assert corpus.run("figure-conflict") == []


def test_a_conflict_within_one_document() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "report.md",
        "| Park | Companies |\n|---|---|\n| Northbridge Innovation Park | 1,450 |\n\n"
        "Northbridge Innovation Park now hosts 1,540 tech companies.\n",
        "2023-06-30",
    )
    doc.claim("1,450", 1450, entity="Northbridge Innovation Park", metric=COMPANIES)
    doc.claim("1,540", 1540, entity="Northbridge Innovation Park", metric=COMPANIES)
    assert [where(f) for f in corpus.run("figure-conflict")] == [("report.md", 5, 39, "1,540")]


def test_different_entities_are_never_compared() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    park = corpus.doc("a.txt", "Hong Kong Science Park has around 900 R&D companies.", "2022-07-11")
    corp = corpus.doc("b.txt", "HKSTP is home to over 2,000 tech companies.", "2022-07-11")
    port = corpus.doc("c.txt", "Cyberport gathers over 2,200 companies.", "2022-07-11")
    park.claim("around 900", 900, qualifier="about", entity="Science Park", metric="R&D companies")
    corp.claim("over 2,000", 2000, qualifier="over", entity="HKSTP", metric="tech companies")
    port.claim("over 2,200", 2200, qualifier="over", entity="Cyberport", metric="companies")
    assert corpus.run("figure-conflict") == []
    assert corpus.run("figure-undated-conflict") == []


def test_aliases_align_one_entity_across_languages() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    english = corpus.doc("en.txt", "HKSTP is now a vibrant hub for over 2,000 tech companies.", "2024-10-01")
    chinese = corpus.doc("zh.txt", "科技園公司雲集 800 家科企。", "2024-10-01")
    english.claim("over 2,000", 2000, qualifier="over", entity="HKSTP", metric="tech companies")
    chinese.claim("800 家科企", 800, entity="科技園公司", metric="科企")
    assert [where(f) for f in corpus.run("figure-conflict")] == [("zh.txt", 1, 9, "800 家科企")]


def test_growth_over_time_is_an_info_series_never_an_error() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    park = corpus.doc("002.txt", "Hong Kong Science Park has around 900 R&D companies.", "2021-02-24")
    mid = corpus.doc("003.txt", "HKSTP is home to over 1,000 technology companies.", "2022-07-11")
    late = corpus.doc("000.txt", "HKSTP is now a vibrant hub for over 2,000 tech companies.", "2024")
    park.claim("around 900", 900, qualifier="about", entity="Hong Kong Science Park", metric="R&D companies")
    mid.claim("over 1,000", 1000, qualifier="over", entity="HKSTP", metric="technology companies")
    late.claim("over 2,000", 2000, qualifier="over", entity="HKSTP", metric="tech companies")
    assert corpus.run("figure-conflict") == []
    assert corpus.run("figure-undated-conflict") == []
    (series,) = corpus.run("figure-series")
    assert series.severity is Severity.INFO
    assert series.message == (
        "HKSTP companies over time: around 900 (24 Feb 2021, Hong Kong Science Park) -> "
        "over 1,000 (11 Jul 2022) -> over 2,000 (2024)"
    )
    assert where(series) == ("000.txt", 1, 32, "over 2,000")
    assert [r.location.path for r in series.related] == ["002.txt", "003.txt"]
    assert len(series.claims) == 3


def test_a_series_needs_two_dates_and_two_values() -> None:
    corpus = Corpus()
    first = corpus.doc("a.txt", "Rivermouth Tech Hub hosts over 400 start-ups.", "2024-09-01")
    second = corpus.doc("b.txt", "Rivermouth Tech Hub hosts over 400 start-ups.", "2025-09-17")
    first.claim("over 400", 400, qualifier="over", entity="Rivermouth Tech Hub", metric="start-ups")
    second.claim("over 400", 400, qualifier="over", entity="Rivermouth Tech Hub", metric="start-ups")
    assert corpus.run("figure-series") == []


def test_stable_values_conflict_whatever_their_dates() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    early = corpus.doc("a.txt", "The 22-hectare Hong Kong Science Park is in Pak Shek Kok.", "2021-01-01")
    late = corpus.doc("b.txt", "Hong Kong Science Park occupies a 30-hectare site.", "2024-01-01")
    early.claim(
        "22-hectare", 22, kind="quantity", unit="hectare", base_value=220000.0, base_unit="meter ** 2",
        entity="Hong Kong Science Park", metric="site area",
    )  # fmt: skip
    late.claim(
        "30-hectare", 30, kind="quantity", unit="hectare", base_value=300000.0, base_unit="meter ** 2",
        entity="Hong Kong Science Park", metric="site",
    )  # fmt: skip
    (conflict,) = corpus.run("figure-conflict")
    assert where(conflict) == ("b.txt", 1, 35, "30-hectare")
    assert conflict.message.endswith(", a value that does not change")


def test_founding_dates_conflict_whatever_their_dates() -> None:
    corpus = Corpus()
    first = corpus.doc("a.txt", "Established in 2001, Harbourline Labs builds sensors.", "2022-01-01")
    second = corpus.doc("b.txt", "Harbourline Labs was founded in 2003.", "2024-01-01")
    first.claim("2001", 2001, kind="year", entity="Harbourline Labs", metric="established", flags=("founding",))
    second.claim("2003", 2003, kind="year", entity="Harbourline Labs", metric="founded", flags=("founding",))
    assert [where(f) for f in corpus.run("figure-conflict")] == [("b.txt", 1, 33, "2003")]


def test_founding_year_and_month_agree() -> None:
    corpus = Corpus()
    first = corpus.doc("a.txt", "Established in 2001, Harbourline Labs builds sensors.", "2022-01-01")
    second = corpus.doc("b.txt", "Harbourline Labs was founded in May 2001.", "2024-01-01")
    first.claim("2001", 2001, kind="year", entity="Harbourline Labs", metric="established", flags=("founding",))
    second.claim("May 2001", "2001-05", kind="date", entity="Harbourline Labs", flags=("founding",))
    assert corpus.run("figure-conflict") == []


def test_undated_difference_is_a_warning() -> None:
    corpus = Corpus()
    dated = corpus.doc("a.txt", "Lakeside Science Hub now hosts 640 tech companies.", "2023-05-02")
    undated = corpus.doc("b.txt", "Lakeside Science Hub hosts over 1,500 tech companies.")
    dated.claim("640", 640, entity="Lakeside Science Hub", metric=COMPANIES)
    undated.claim("over 1,500", 1500, qualifier="over", entity="Lakeside Science Hub", metric=COMPANIES)
    assert corpus.run("figure-conflict") == []
    (warning,) = corpus.run("figure-undated-conflict")
    assert warning.severity is Severity.WARNING
    assert where(warning) == ("b.txt", 1, 28, "over 1,500")
    assert warning.related[0].location.text == "640"


def test_monotonic_metric_moving_the_wrong_way_is_a_warning() -> None:
    corpus = Corpus()
    early = corpus.doc("a.txt", "As at end-2022, the fund had approved 1,200 projects.", "2023-01-10")
    late = corpus.doc("b.txt", "As at end-2024, the fund had approved 950 projects.", "2025-01-10")
    corpus.knowledge = dataclasses.replace(corpus.knowledge)
    early.claim("1,200", 1200, entity="Tidewater Fund", metric="approved projects")
    late.claim("950", 950, entity="Tidewater Fund", metric="approved projects")
    rule = dataclasses.replace(corpus.rule("figure-trend"), params={"mode": "direction", "monotonic": "increasing"})
    (warning,) = corpus.run("figure-trend", rule)
    assert where(warning) == ("b.txt", 1, 39, "950")
    assert "increasing" in warning.message
    assert corpus.run("figure-conflict") == []
    # Without a declared direction, growth or decline is only a series.
    assert corpus.run("figure-trend") == []
    assert len(corpus.run("figure-series")) == 1


def test_null_entities_are_compared_only_within_a_document_on_specific_metrics() -> None:
    corpus = Corpus()
    first = corpus.doc("a.txt", "The park hosts 300 biotech companies. Later: 420 biotech companies. 12 companies.")
    second = corpus.doc("b.txt", "The campus hosts 900 biotech companies and 40 companies.")
    first.claim("300", 300, metric="biotech companies", as_of=None)
    first.claim("420", 420, metric="biotech companies", as_of=None)
    first.claim("12", 12, metric="companies", as_of=None)
    second.claim("900", 900, metric="biotech companies", as_of=None)
    second.claim("40", 40, metric="companies", as_of=None)
    assert [where(f) for f in corpus.run("figure-conflict")] == [("a.txt", 1, 46, "420")]
    assert corpus.run("figure-undated-conflict") == []


def test_a_whole_and_its_part_are_not_compared() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt", "Harbour Park has 1,200 tech companies, of which 300 tech companies are in robotics.", "2024-01-01"
    )
    whole = doc.claim("1,200", 1200, entity="Harbour Park", metric=COMPANIES)
    doc.claim("300", 300, entity="Harbour Park", metric=COMPANIES, part_of=whole)
    assert corpus.run("figure-conflict") == []


def test_claims_in_different_units_are_left_to_the_unit_check() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "The campus covers 40 hectares, or 40,000 square metres.", "2024-01-01")
    doc.claim(
        "40 hectares", 40, kind="quantity", unit="hectare", base_value=400000.0, base_unit="meter ** 2",
        entity="Campus", metric="area",
    )  # fmt: skip
    doc.claim(
        "40,000 square metres", 40000, kind="quantity", unit="square_meter", base_value=40000.0,
        base_unit="meter ** 2", entity="Campus", metric="area",
    )  # fmt: skip
    assert corpus.run("figure-conflict") == []
    assert [where(f) for f in corpus.run("unit-mismatch")] == [("a.txt", 1, 35, "40,000 square metres")]


def test_window_days_joins_nearby_dates() -> None:
    corpus = _two_releases(
        "Northbridge Innovation Park is home to 2,000 tech companies.",
        "Northbridge Innovation Park is home to 900 tech companies.",
        first_date="2024-03-01",
        second_date="2024-03-20",
    )
    a, b = corpus.docs
    _nip(a, "2,000", 2000)
    _nip(b, "900", 900)
    assert corpus.run("figure-conflict") == []
    rule = dataclasses.replace(corpus.rule("figure-conflict"), params={"mode": "conflict", "window_days": 31})
    assert [where(f) for f in corpus.run("figure-conflict", rule)] == [("b.txt", 1, 40, "900")]


def test_unknown_mode_is_an_error() -> None:
    corpus = Corpus()
    rule = dataclasses.replace(corpus.rule("figure-conflict"), params={"mode": "sideways"})
    with pytest.raises(ValueError, match="unknown mode 'sideways'"):
        corpus.run("figure-conflict", rule)


# --- anniversary ------------------------------------------------------------------------------------------------------

RELEASE = (
    "HONG KONG, July 11, 2022 - Hong Kong Science and Technology Parks Corporation (HKSTP) is celebrating its "
    "20th anniversary of propelling success and innovation.\n"
    "To mark the 25th anniversary of the establishment of the HKSAR, the city was boosted.\n"
    "HKSTP has for 20 continuous years committed to building up Hong Kong.\n"
    "Established in 2001, we attract and nurture talent.\n"
)


def _release(corpus: Corpus) -> None:
    doc = corpus.doc("003.txt", RELEASE, "2022-07-11")
    doc.claim("20th anniversary", 20, kind="ordinal", entity="HKSTP", flags=("anniversary",))
    doc.claim("25th anniversary", 25, kind="ordinal", entity="HKSAR", flags=("anniversary",))
    doc.claim("20 continuous years", 20, kind="duration", entity="HKSTP", flags=("anniversary",))
    doc.claim("2001", 2001, kind="year", entity="HKSTP", flags=("founding",))


def test_anniversary_against_the_founding_statement_of_the_corpus() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    _release(corpus)
    (finding,) = corpus.run("anniversary-matches-founding")
    assert finding.category == "anniversary" and finding.severity is Severity.WARNING
    assert where(finding) == ("003.txt", 1, 106, "20th anniversary")
    assert [(r.location.line, r.location.text, r.note) for r in finding.related] == [
        (4, "2001", "founding year"),
        (3, "20 continuous years", "same anniversary"),
    ]
    assert "HKSTP" in finding.message and "21" in finding.message


def test_anniversary_without_a_pack_uses_the_corpus_alone() -> None:
    corpus = Corpus()
    _release(corpus)
    findings = corpus.run("anniversary-matches-founding")
    # HKSTP's 20th is flagged against "Established in 2001"; the HKSAR's 25th has no founding date here.
    assert [where(f) for f in findings] == [("003.txt", 1, 106, "20th anniversary")]


def test_anniversary_from_pack_founding_only() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    doc = corpus.doc("a.txt", "The HKSAR celebrates its 24th anniversary this year.", "2022-07-01")
    doc.claim("24th anniversary", 24, kind="ordinal", entity="HKSAR", flags=("anniversary",))
    (finding,) = corpus.run("anniversary-matches-founding")
    assert finding.related == ()
    assert "rule pack" in finding.message


def test_anniversaries_of_one_entity_with_no_founding_date_must_agree() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "Delta Labs marks its 10th anniversary. Delta Labs: 12 years of research.", "2024-05-01")
    doc.claim("10th anniversary", 10, kind="ordinal", entity="Delta Labs", flags=("anniversary",))
    doc.claim("12 years", 12, kind="duration", entity="Delta Labs", flags=("anniversary",))
    other = corpus.doc("b.txt", "Omega Works turns 5: its 5th anniversary.", "2024-05-01")
    other.claim("5th anniversary", 5, kind="ordinal", entity="Omega Works", flags=("anniversary",))
    findings = corpus.run("anniversary-matches-founding")
    assert [where(f) for f in findings] == [("a.txt", 1, 52, "12 years")]
    assert findings[0].related[0].location.text == "10th anniversary"


@pytest.mark.parametrize(
    ("years", "founded", "date", "expected"),
    [
        (21, Founding(2001, 5), When(2022, 7, 11), True),
        (20, Founding(2001, 5), When(2022, 7, 11), False),  # 20th anniversary was May 2021
        (20, Founding(2001), When(2022, 7, 11), False),  # calendar years: 2022 - 2001 = 21
        (20, Founding(2001, 10), When(2022, 3, 1), True),  # 20 complete years in March 2022
        (21, Founding(2001, 10), When(2022, 3, 1), True),  # the calendar year of the 21st
        (22, Founding(2001, 10), When(2022, 3, 1), False),
        (25, Founding(1997, 7, 1), When(2022, 7, 11), True),
        (24, Founding(1997, 7, 1), When(2022, 6, 30), True),  # a day before the 25th
        (24, Founding(1997, 7, 1), When(2022, 7, 1), False),  # on the day it is the 25th
        (25, Founding(1997, 7, 1), When(2022, None, None), True),
    ],
)
def test_anniversary_arithmetic(years: int, founded: Founding, date: When, expected: bool) -> None:
    assert fits(years, founded, date) is expected


# --- part-whole -------------------------------------------------------------------------------------------------------


def test_part_larger_than_its_whole() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "A professional cadre of 2,400, of which more than 15,000 are committed to R&D.", "2024")
    whole = doc.claim("2,400", 2400, entity="X", metric="professional cadre")
    doc.claim("more than 15,000", 15000, qualifier="over", entity="X", metric="r&d staff", part_of=whole)
    (finding,) = corpus.run("part-exceeds-whole")
    assert where(finding) == ("a.txt", 1, 41, "more than 15,000")
    assert finding.related[0].location.text == "2,400"


def test_compatible_part_and_whole() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt", "A professional cadre of over 24,000, of which more than 15,000 are committed to R&D.", "2024"
    )
    whole = doc.claim("over 24,000", 24000, qualifier="over", entity="X", metric="professional cadre")
    doc.claim("more than 15,000", 15000, qualifier="over", entity="X", metric="r&d staff", part_of=whole)
    assert corpus.run("part-exceeds-whole") == []


def test_shares_over_100_percent() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "Projects were related to IT (61%); electronics (28%); and biotechnology (22%).", "2024")
    for text, value in (("61%", 61), ("28%", 28), ("22%", 22)):
        doc.claim(text, value, kind="percent", unit="%", flags=("share",))
    (finding,) = corpus.run("shares-exceed-whole")
    assert where(finding) == ("a.txt", 1, 74, "22%")
    assert [r.location.text for r in finding.related] == ["61%", "28%"]


def test_shares_within_100_percent_and_rounding() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "Most funded projects were related to IT (31%); electronics (18%); manufacturing (18%); biotech (12%). "
        "Thirds: 33%, 33% and 34.6%.",
        "2024",
    )
    for text, value in (("31%", 31), ("18%", 18), ("12%", 12)):
        doc.claim(text, value, kind="percent", unit="%", flags=("share",))
    doc.claim("18%", 18, occurrence=2, kind="percent", unit="%", flags=("share",))
    for text, value in (("33%", 33), ("34.6%", 34.6)):
        doc.claim(text, value, kind="percent", unit="%", flags=("share",))
    doc.claim("33%", 33, occurrence=2, kind="percent", unit="%", flags=("share",))
    assert corpus.run("shares-exceed-whole") == []


def test_stated_total_against_its_parts() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "The three parks provide 217 hectares of land in total: 75 hectares, 67 hectares and 95 hectares.\n"
        "The two campuses provide 90 hectares in total: 40 hectares and 50 hectares.\n",
        "2024",
    )
    area = {"kind": "quantity", "unit": "hectare", "base_unit": "meter ** 2", "entity": "Parks", "metric": "land"}
    total = doc.claim("217 hectares", 217, base_value=2170000.0, flags=("total",), **area)  # type: ignore[arg-type]
    for text, value in (("75 hectares", 75), ("67 hectares", 67), ("95 hectares", 95)):
        doc.claim(text, value, base_value=value * 1e4, part_of=total, **area)  # type: ignore[arg-type]
    other = doc.claim("90 hectares", 90, base_value=9e5, flags=("total",), **area)  # type: ignore[arg-type]
    for text, value in (("40 hectares", 40), ("50 hectares", 50)):
        doc.claim(text, value, base_value=value * 1e4, part_of=other, **area)  # type: ignore[arg-type]
    (finding,) = corpus.run("total-matches-parts")
    assert where(finding) == ("a.txt", 1, 25, "217 hectares")
    assert len(finding.related) == 3


# --- unit -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [
        (("22 hectares", 22, "hectare", 220000.0), ("220,000 square metres", 220000, "square_meter", 220000.0), False),
        (("40 hectares", 40, "hectare", 400000.0), ("40,000 square metres", 40000, "square_meter", 40000.0), True),
        (("2 hectares", 2, "hectare", 20000.0), ("21,500 sq ft", 21500, "square_foot", 1997.4), True),
        (("2 hectares", 2, "hectare", 20000.0), ("215,000 sq ft", 215000, "square_foot", 19974.2), False),
    ],
)
def test_units_convert(first: tuple[str, int, str, float], second: tuple[str, int, str, float], flagged: bool) -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", f"The campus covers {first[0]}.", "2024-01-01")
    other = corpus.doc("b.txt", f"The campus covers {second[0]}.", "2019-01-01")
    for target, (text, value, unit, base) in ((doc, first), (other, second)):
        target.claim(
            text, value, kind="quantity", unit=unit, base_value=base, base_unit="meter ** 2",
            entity="Campus", metric="area",
        )  # fmt: skip
    findings = corpus.run("unit-mismatch")
    assert [where(f)[0] for f in findings] == (["b.txt"] if flagged else [])


def test_money_in_two_currencies_needs_a_rate() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "The fund holds HK$600 million, that is US$20 million.", "2024-01-01")
    doc.claim("HK$600 million", 600_000_000, kind="money", currency="HKD", entity="Fund", metric="assets")
    doc.claim("US$20 million", 20_000_000, kind="money", currency="USD", entity="Fund", metric="assets")
    assert corpus.run("unit-mismatch") == []
    rule = dataclasses.replace(corpus.rule("unit-mismatch"), params={"rates": {"HKD": 1, "USD": 7.8}})
    assert [where(f) for f in corpus.run("unit-mismatch", rule)] == [("a.txt", 1, 40, "US$20 million")]
    assert corpus.run("figure-conflict") == []


def test_an_undated_figure_is_reported_once_with_every_figure_it_disagrees_with() -> None:
    corpus = Corpus()
    early = corpus.doc("a.txt", "Lakeside Science Hub now hosts 640 tech companies.", "2022-05-02")
    late = corpus.doc("b.txt", "Lakeside Science Hub now hosts 1,100 tech companies.", "2024-05-02")
    undated = corpus.doc("c.txt", "Lakeside Science Hub hosts over 1,500 tech companies.")
    early.claim("640", 640, entity="Lakeside Science Hub", metric=COMPANIES)
    late.claim("1,100", 1100, entity="Lakeside Science Hub", metric=COMPANIES)
    undated.claim("over 1,500", 1500, qualifier="over", entity="Lakeside Science Hub", metric=COMPANIES)
    (warning,) = corpus.run("figure-undated-conflict")
    assert where(warning) == ("c.txt", 1, 28, "over 1,500")
    assert [(r.location.path, r.location.text) for r in warning.related] == [("a.txt", "640"), ("b.txt", "1,100")]


# --- shared helpers ---------------------------------------------------------------------------------------------------


def test_describe_and_intervals_of_claims() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "Around 900 firms; HK$600 million; 31%; 22 hectares; founded in May 2001; in 2001; 4,000-5,000 staff.",
        "2024-01-01",
    )
    about = doc.claim("Around 900", 900, qualifier="about")
    money = doc.claim("HK$600 million", 600_000_000, kind="money", currency="HKD", qualifier="over")
    share = doc.claim("31%", 31, kind="percent", unit="%")
    area = doc.claim("22 hectares", 22, kind="quantity", unit="hectare", base_value=220000.0)
    month = doc.claim("May 2001", "2001-05", kind="date", lower="2001-05-01", upper="2001-05-31")
    year = doc.claim("2001", 2001, kind="year", occurrence=2, lower=2001, upper=2001)
    span = doc.claim("4,000-5,000", 4000, qualifier="range", lower=3950, upper=5050)
    assert [describe(claim) for claim in (about, money, share, area, month, year)] == [
        "around 900",
        "over HKD 600 million",
        "31%",
        "22 hectare",
        "May 2001",
        "2001",
    ]
    assert describe(span) == "4,000-5,000"
    # Rounded bounds are open: "9" and "10" do not overlap, "over 10" and "10" do.
    nine, ten = doc.claim("900", 9, lower=8.5, upper=9.5), doc.claim("900", 10, lower=9.5, upper=10.5)
    over_ten = doc.claim("900", 10, qualifier="over")
    nine_bounds, ten_bounds, over_bounds = interval(nine), interval(ten), interval(over_ten)
    assert nine_bounds and ten_bounds and over_bounds
    assert not overlap(nine_bounds, ten_bounds)
    assert overlap(ten_bounds, over_bounds)
    assert interval(about) == pytest.approx((810, 990))
    assert interval(money) == (600_000_000, math.inf)
    may, whole_year = interval(month), interval(year)
    assert may is not None and whole_year is not None
    assert whole_year[0] <= may[0] <= may[1] <= whole_year[1]
    assert interval(area, 10000.0) == pytest.approx((215000.0, 225000.0))


def test_select_matches_aligned_names() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    doc = corpus.doc("a.txt", "Hong Kong Science and Technology Parks Corporation hosts over 1,000 companies.", "2022")
    claim = doc.claim(
        "over 1,000", 1000, qualifier="over", entity="Hong Kong Science and Technology Parks Corporation",
        metric="technology companies",
    )  # fmt: skip
    ctx = corpus.context()
    rule = corpus.rule("figure-series")
    assert selected(dataclasses.replace(rule, select={"entity": "HKSTP", "metric": "companies"}), claim, ctx.index)
    assert selected(
        dataclasses.replace(rule, select={"entity": ["Cyberport", "hkstp"], "path": "*.txt"}), claim, ctx.index
    )
    assert not selected(dataclasses.replace(rule, select={"entity": "Cyberport"}), claim, ctx.index)
    assert not selected(dataclasses.replace(rule, select={"kind": "money"}), claim, ctx.index)


def test_a_per_item_figure_and_a_total_are_different_facts() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "Each eligible enterprise may receive a maximum funding of $15 million per project. "
        "An enterprise can receive a maximum funding of $45 million in total.",
        "2024-01-01",
    )
    doc.claim("$15 million", 15_000_000, kind="money", currency="HKD", entity="NIFS", metric="maximum funding")
    doc.claim(
        "$45 million", 45_000_000, kind="money", currency="HKD", entity="NIFS", metric="maximum funding",
        flags=("total",),
    )  # fmt: skip
    assert corpus.run("figure-conflict") == []


def test_a_part_is_compared_only_with_parts_of_the_same_kind_of_whole() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "The first batch involves 4 technology partners, including three Cyberport enterprises. "
        "Together with over 440 Cyberport enterprises, new entrants grow.",
        "2025-09-17",
    )
    partners = doc.claim("4", 4, entity="Cyberport", metric="technology partners")
    doc.claim("three", 3, entity="Cyberport", metric="cyberport enterprises", part_of=partners)
    doc.claim("over 440", 440, qualifier="over", entity="Cyberport", metric="cyberport enterprises")
    other = corpus.doc(
        "b.txt", "Cyberport works with 5 technology partners, including 2 Cyberport enterprises.", "2025-09-17"
    )
    more = other.claim("5", 5, entity="Cyberport", metric="technology partners")
    other.claim("2", 2, entity="Cyberport", metric="cyberport enterprises", part_of=more)
    findings = corpus.run("figure-conflict")
    # Parts of wholes of one key are compared (3 is not 2, and 4 partners are not 5); a part and the
    # population it is drawn from are not.
    assert [where(f) for f in findings] == [("b.txt", 1, 22, "5"), ("b.txt", 1, 55, "2")]
    assert [f.related[0].location.text for f in findings] == ["4", "three"]


def test_odd_values_never_crash_a_check() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "Odd figures: 1e400 staff, NaN staff, 0th anniversary, year 99999, 12 ha.", "2024-01-01")
    odd: list[tuple[float | str, str]] = [
        (math.inf, "count"),
        (math.nan, "count"),
        (-5, "count"),
        ("n/a", "count"),
        (math.inf, "ordinal"),
        (0, "ordinal"),
        ("99999", "date"),
        (math.inf, "year"),
        (math.inf, "quantity"),
        (math.nan, "percent"),
    ]
    whole = doc.claim("1e400", math.inf, entity="Odd", metric="staff", lower=math.inf, upper=math.inf)
    for value, kind in odd:
        doc.claim(
            "1e400", value, kind=kind, entity="Odd", metric="staff", part_of=whole, unit="%" if kind == "percent" else None,
            flags=("anniversary", "founding", "total", "share"), lower=None, upper=None, base_value=math.inf,
        )  # fmt: skip
        doc.claim("NaN", value, kind=kind, entity="Odd", metric="staff", lower=None, upper=None, as_of=None)
    rules = (
        "figure-conflict", "figure-undated-conflict", "figure-trend", "figure-series", "anniversary-matches-founding",
        "part-exceeds-whole", "shares-exceed-whole", "total-matches-parts", "unit-mismatch",
    )  # fmt: skip
    for rule_id in rules:
        for finding in corpus.run(rule_id):
            assert finding.location.text in ("1e400", "NaN")
