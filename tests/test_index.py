"""The claim index: alignment on entity (aliases), metric (synonyms, near misses), dimension and period."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.index import (
    ClaimKey,
    EntityNormaliser,
    MetricNormaliser,
    build_index,
    metric_tokens,
    metrics_alike,
    period_of,
    periods_close,
)
from factcheck.knowledge import Entity, Knowledge, Metric
from factcheck.rules import load_ruleset
from tests.xdoc_support import SEED_PACK, Corpus

SEED = load_ruleset((SEED_PACK,)).knowledge


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("HKSTP", "HKSTP"),
        ("HKSTPC", "HKSTP"),
        ("Hong Kong Science and Technology Parks Corporation", "HKSTP"),
        ("the Hong Kong Science and Technology Parks Corporation", "HKSTP"),
        ("Science Parks Corporation", "HKSTP"),
        ("香港科技園公司", "HKSTP"),
        ("科技園公司", "HKSTP"),
        ("Hong Kong Science Park", "Hong Kong Science Park"),
        ("Science Park", "Hong Kong Science Park"),
        ("香港數碼港", "Cyberport"),
        ("HKSAR Government", "HKSAR"),
        ("Innovation and Technology Fund", "ITF"),
    ],
)
def test_seed_pack_aliases_map_to_one_entity(name: str, canonical: str) -> None:
    assert EntityNormaliser(SEED)(name) == canonical


def test_document_defined_entities_group_without_case_or_article() -> None:
    normalise = EntityNormaliser(Knowledge())
    assert normalise("Northbridge Innovation Park") == "Northbridge Innovation Park"
    assert normalise("the northbridge innovation park") == "Northbridge Innovation Park"
    assert normalise(None) is None
    assert normalise("  ") is None


@pytest.mark.parametrize(
    ("phrase", "metric"),
    [
        ("tech companies", "companies"),
        ("technology companies", "companies"),
        ("R&D companies", "companies"),
        ("科企", "companies"),
        ("公司", "companies"),
        ("technology company", "companies"),
        ("professional cadre", "working population"),
        ("工作人口", "working population"),
        ("research and development professionals", "researchers"),
        ("Start-ups", "start-ups"),
        ("startups", "start-ups"),
    ],
)
def test_seed_pack_metric_synonyms(phrase: str, metric: str) -> None:
    assert MetricNormaliser(SEED)(phrase) == metric


def test_metrics_no_pack_names_merge_on_near_misses_only() -> None:
    normalise = MetricNormaliser(Knowledge())
    assert normalise("tech companies") == normalise("technology companies") == "tech companies"
    assert normalise("research centres") == normalise("research centers")
    assert normalise("start-ups") == normalise("startups")
    # Different modifiers are different metrics; a subset is another metric.
    assert normalise("biotech companies") != normalise("fintech companies")
    assert normalise("R&D projects") != normalise("projects")
    assert normalise("R&D projects") != normalise("R&D centres")


def test_metric_tokens_and_alike() -> None:
    assert metric_tokens("Tech Companies") == ("tech", "company")
    assert metric_tokens("start-ups") == ("startup",)
    assert metrics_alike(("tech", "company"), ("technology", "company"))
    assert not metrics_alike(("pro", "staff"), ("professional", "staff"))  # too short to be an abbreviation
    assert not metrics_alike(("company",), ("tech", "company"))


@pytest.mark.parametrize(
    ("iso", "start", "end", "label"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024"),
        ("2021-02", dt.date(2021, 2, 1), dt.date(2021, 2, 28), "Feb 2021"),
        ("2021-02-24", dt.date(2021, 2, 24), dt.date(2021, 2, 24), "24 Feb 2021"),
    ],
)
def test_periods_cover_their_precision(iso: str, start: dt.date, end: dt.date, label: str) -> None:
    period = period_of(iso)
    assert period is not None
    assert (period.start, period.end, period.label()) == (start, end, label)


def test_periods_close_within_window() -> None:
    year, day = period_of("2024"), period_of("2024-07-11")
    other = period_of("2025-01-20")
    assert year and day and other
    assert periods_close(year, day)
    assert not periods_close(day, other)
    assert periods_close(year, other, window_days=30)
    assert period_of(None) is None
    assert period_of("undated") is None


def test_index_groups_claims_on_aligned_keys_across_documents() -> None:
    corpus = Corpus.with_packs(SEED_PACK)
    release = corpus.doc(
        "a.txt",
        "HKSTP is now a vibrant hub for over 2,000 tech companies. 科技園公司雲集逾 2,000 家科企。",
        "2024-10-01",
    )
    yearbook = corpus.doc(
        "b.txt",
        "Hong Kong Science and Technology Parks Corporation hosts over 1,000 technology companies.",
        "2022-07-11",
    )
    park = corpus.doc("c.txt", "Hong Kong Science Park has around 900 R&D companies.", "2021-02-24")
    first = release.claim("over 2,000 tech companies", 2000, qualifier="over", entity="HKSTP", metric="tech companies")
    chinese = release.claim("逾 2,000 家科企", 2000, qualifier="over", entity="科技園公司", metric="科企")
    second = yearbook.claim(
        "over 1,000 technology companies",
        1000,
        qualifier="over",
        entity="Hong Kong Science and Technology Parks Corporation",
        metric="technology companies",
    )
    third = park.claim(
        "around 900 R&D companies", 900, qualifier="about", entity="Hong Kong Science Park", metric="R&D companies"
    )
    index = build_index(corpus.claims, corpus.knowledge)
    key = ClaimKey("HKSTP", "companies", "count", "count")
    assert index.group(key) == (first, chinese, second)
    assert index.key_of(third) == ClaimKey("Hong Kong Science Park", "companies", "count", "count")
    assert index.parents["Hong Kong Science Park"] == "HKSTP"


def test_index_links_parts_to_wholes_and_keeps_units_apart() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "A dedicated professional cadre of over 24,000, of which more than 15,000 are committed to R&D. "
        "The 22-hectare campus covers 220,000 square metres. Established in 2019, it works towards Vision 2030.",
        "2024-01-01",
    )
    whole = doc.claim("over 24,000", 24000, qualifier="over", entity="X", metric="professional cadre")
    part = doc.claim("more than 15,000", 15000, qualifier="over", entity="X", metric="r&d staff", part_of=whole)
    hectares = doc.claim(
        "22-hectare", 22, kind="quantity", unit="hectare", base_value=220000.0, base_unit="meter ** 2",
        entity="X", metric="campus",
    )  # fmt: skip
    metres = doc.claim(
        "220,000 square metres", 220000, kind="quantity", unit="square_meter", base_value=220000.0,
        base_unit="meter ** 2", entity="X", metric="campus",
    )  # fmt: skip
    founding = doc.claim("2019", 2019, kind="year", entity="X", metric="established", flags=("founding",))
    named = doc.claim("2030", 2030, kind="year", entity="X", metric="vision", flags=("year-name",))
    index = build_index(corpus.claims, corpus.knowledge)
    assert index.parts_of(whole) == (part,)
    assert index.whole_of(part) is whole
    assert index.related_by_part(whole, part) and index.related_by_part(part, whole)
    assert not index.related_by_part(whole, hectares)
    assert index.key_of(hectares) == index.key_of(metres) == ClaimKey("X", "campus", "quantity", "meter ** 2")
    assert index.key_of(founding) == ClaimKey("X", "founding", "date", "date")
    # Year-names are not facts: they are in no group.
    assert all(named not in group for group in index.groups.values())


def test_dimension_from_unit_when_extraction_gave_no_base_unit() -> None:
    corpus = Corpus()
    doc = corpus.doc("a.txt", "The site has 21,500 sq ft of space.")
    claim = doc.claim("21,500 sq ft", 21500, kind="quantity", unit="square_foot", entity="X", metric="space")
    index = build_index(corpus.claims, Knowledge(metrics=(Metric("space"),), entities=(Entity("X"),)))
    key = index.key_of(claim)
    assert key is not None and key.dimension == "meter ** 2"


def test_a_part_with_its_wholes_metric_is_a_sub_population_left_out_of_its_group() -> None:
    corpus = Corpus()
    doc = corpus.doc(
        "a.txt",
        "Cyberport gathers over 2,200 companies, including 11 listed companies and 10 unicorns. "
        "Over the past year, more than 20 listed companies have commenced operations at Cyberport.",
        "2025-09-17",
    )
    whole = doc.claim("over 2,200", 2200, qualifier="over", entity="Cyberport", metric="companies")
    listed = doc.claim("11", 11, entity="Cyberport", metric="companies", part_of=whole)
    unicorns = doc.claim("10", 10, entity="Cyberport", metric="unicorns", part_of=whole)
    later = doc.claim("more than 20", 20, qualifier="over", entity="Cyberport", metric="companies")
    index = build_index(corpus.claims, corpus.knowledge)
    assert index.group(ClaimKey("Cyberport", "companies", "count", "count")) == (whole, later)
    assert index.group(ClaimKey("Cyberport", "unicorns", "count", "count")) == (unicorns,)
    assert index.parts_of(whole) == (listed, unicorns)


@pytest.mark.parametrize(
    ("iso", "start", "end", "label"),
    [
        ("2024-10/2024-12", "2024-10-01", "2024-12-31", "Q4 2024"),
        ("2025-01/2025-06", "2025-01-01", "2025-06-30", "H1 2025"),
        ("2023-04/2024-03", "2023-04-01", "2024-03-31", "Apr 2023–Mar 2024"),
    ],
)
def test_an_iso_interval_is_one_period(iso: str, start: str, end: str, label: str) -> None:
    period = period_of(iso)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat(), period.label()) == (start, end, label)


def test_an_interval_that_ends_before_it_starts_is_no_period() -> None:
    assert period_of("2024-12/2024-10") is None
