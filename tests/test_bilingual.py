"""The bilingual check: both language versions of a text state the same figures.

English claims are written out by hand here (the English extractor is tested on its own); Chinese claims come
from the Chinese extractor, so these tests also pin what the check needs from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from factcheck.checks import CHECKS, bilingual
from factcheck.checks.base import CheckContext
from factcheck.extract import zh
from factcheck.index import build_index
from factcheck.knowledge import Knowledge, Metric
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim, Document, Finding
from factcheck.rules import load_ruleset
from factcheck.rules.model import Rule

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_88ca1b1a06dcdc28.txt"
KNOWLEDGE = Knowledge(metrics=(Metric("companies", synonyms=("tech companies", "科企"), measure_words=("家",)),))


@dataclass(frozen=True)
class En:
    """An English claim as the English extractor would state it."""

    surface: str
    kind: str
    value: float | int | str
    qualifier: str = "exact"
    lower: float | int | str | None = None
    upper: float | int | str | None = None
    flags: tuple[str, ...] = field(default=())
    currency: str | None = None
    metric: str | None = None


SEED_ENGLISH = (
    En("2025", "year", 2025, lower=2025, upper=2025, flags=("year-name",)),
    En("over 2,000 tech companies", "count", 2000, "over", 2000, None, metric="tech companies"),
    En("over 24,000", "number", 24000, "over", 24000, None),
    En("more than 15,000", "number", 15000, "over", 15000, None),
    En("January 2024", "date", "2024-01", lower="2024-01-01", upper="2024-01-31"),
    En("Robocon 2024", "year", 2024, lower=2024, upper=2024, flags=("year-name",)),
    En("Festival 2023", "year", 2023, lower=2023, upper=2023, flags=("year-name",)),
)


def sentence_start(text: str, offset: int) -> int:
    return max(text.rfind(". ", 0, offset) + 2, text.rfind("\n\n", 0, offset) + 2, 0)


def sentence_end(text: str, offset: int) -> int:
    ends = [found for found in (text.find(". ", offset), text.find(".\n", offset)) if found != -1]
    return min(ends) + 1 if ends else len(text)


def english_claims(document: Document, specs: tuple[En, ...], limit: int) -> list[Claim]:
    claims: list[Claim] = []
    cursor = 0
    for number, spec in enumerate(specs):
        start = document.original.index(spec.surface, cursor)
        assert start < limit, spec.surface
        end = start + len(spec.surface)
        cursor = end
        claims.append(
            Claim(
                id=f"en-{number}",
                location=document.location(start, end),
                kind=spec.kind,
                value=spec.value,
                lower=spec.lower if spec.lower is not None or spec.qualifier != "exact" else spec.value,
                upper=spec.upper if spec.upper is not None or spec.qualifier != "exact" else spec.value,
                qualifier=spec.qualifier,
                currency=spec.currency,
                metric=spec.metric,
                lang="en",
                flags=spec.flags,
                sentence_start=sentence_start(document.original, start),
                sentence_end=sentence_end(document.original, end),
            )
        )
    return claims


def context_for(
    documents: list[tuple[Document, list[Claim]]], translations: tuple[tuple[str, str], ...] = ()
) -> CheckContext:
    claims: list[Claim] = []
    by_path: dict[str, tuple[Claim, ...]] = {}
    for document, document_claims in documents:
        ordered = tuple(sorted(document_claims, key=lambda claim: claim.location.start))
        by_path[document.path] = ordered
        claims.extend(ordered)
    return CheckContext(
        documents={document.path: document for document, _ in documents},
        claims=tuple(claims),
        claims_by_path=by_path,
        index=build_index(claims, KNOWLEDGE),
        knowledge=KNOWLEDGE,
        translations=translations,
    )


def rule(rule_id: str) -> Rule:
    return next(rule for rule in load_ruleset().rules if rule.id == rule_id)


def chinese_claims(document: Document) -> list[Claim]:
    claims: list[Claim] = []
    for segment in document.segments:
        if segment.lang == "zh":
            claims.extend(zh.extract_segment(document, segment.start, segment.end, KNOWLEDGE))
    return claims


def seed_findings(text: str, english: tuple[En, ...] = SEED_ENGLISH) -> list[Finding]:
    document = document_from_text(text, "seed.txt")
    assert document.lang == "mixed"
    chinese = chinese_claims(document)
    first_chinese = min(claim.location.start for claim in chinese)
    claims = english_claims(document, english, first_chinese) + chinese
    context = context_for([(document, claims)])
    return [
        *bilingual.check(rule("bilingual-mismatch"), context),
        *bilingual.check(rule("bilingual-missing"), context),
    ]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_registered_with_two_rules() -> None:
    assert CHECKS["bilingual"] is bilingual
    rules = {rule.id: rule for rule in load_ruleset().rules if rule.check == "bilingual"}
    assert set(rules) == {"bilingual-mismatch", "bilingual-missing"}
    assert {rule.category for rule in rules.values()} == {"bilingual"}
    assert rules["bilingual-mismatch"].severity.value == "error"
    assert rules["bilingual-missing"].severity.value == "warning"


def test_seed_000_is_clean() -> None:
    assert seed_findings(seed_text()) == []


def test_seed_alignment_pairs_every_figure() -> None:
    document = document_from_text(seed_text(), "seed.txt")
    chinese = chinese_claims(document)
    english = english_claims(document, SEED_ENGLISH, min(claim.location.start for claim in chinese))
    pairs = bilingual.align(english, chinese, KNOWLEDGE)
    assert [pair.agree for pair in pairs] == [True] * 7
    assert [chinese[pair.second].location.text for pair in pairs if pair.second is not None] == [
        "2025",
        "逾 2,000 家科企",
        "逾 24,000 名工作人口",
        "逾 15,000 名",
        "2024 年年初",
        "2024",
        "2023 年",
    ]


def test_changed_chinese_figure_is_flagged_at_that_figure() -> None:
    text = seed_text().replace("逾 24,000 名", "逾 25,000 名")
    findings = seed_findings(text)
    assert len(findings) == 1
    (found,) = findings
    assert found.rule == "bilingual-mismatch"
    assert found.category == "bilingual"
    assert found.location.start == text.index("逾 25,000")
    assert found.location.text == "逾 25,000 名工作人口"
    assert found.related[0].location.start == text.index("over 24,000")
    assert "over 24,000" in found.message and "逾 25,000" in found.message


def test_changed_chinese_year_is_flagged() -> None:
    text = seed_text().replace("2023 年\n的香港 Web3", "2022 年\n的香港 Web3")
    (found,) = seed_findings(text)
    assert (found.rule, found.location.text) == ("bilingual-mismatch", "2022 年")
    assert found.related[0].location.text == "Festival 2023"


def test_deleted_chinese_figure_is_flagged_at_the_english_one() -> None:
    text = seed_text().replace("擁有逾 24,000 名工作人口，", "")
    findings = seed_findings(text)
    assert [(finding.rule, finding.location.text) for finding in findings] == [("bilingual-missing", "over 24,000")]
    (found,) = findings
    assert found.location.start == text.index("over 24,000")
    assert found.related[0].location.path == "seed.txt"
    assert found.related[0].location.text == "逾 2,000 家科企"


def test_deleted_english_figure_is_flagged_at_the_chinese_one() -> None:
    text = seed_text().replace(
        "HKSTP also successfully hosted Robocon 2024, ", "HKSTP also successfully hosted Robocon, "
    )
    english = tuple(spec for spec in SEED_ENGLISH if spec.surface != "Robocon 2024")
    findings = seed_findings(text, english)
    assert [(finding.rule, finding.location.start) for finding in findings] == [
        ("bilingual-missing", text.index("2024，比賽主題"))
    ]


def test_figure_in_untranslated_signature_is_not_flagged() -> None:
    text = seed_text().replace("Chief Executive Officer \n", "Chief Executive Officer \nTel: 2629 6800 \n")
    english = (*SEED_ENGLISH, En("2629", "number", 2629), En("6800", "number", 6800))
    assert seed_findings(text, english) == []


BILINGUAL = """\
The Government has earmarked $4.8 billion for the programme, and the pilot scheme costs $52 million.
In early 2024, over 2,000 start-ups joined, and 30% of them work on AI.

政府已為計劃預留48億元，試驗計劃涉及5,200萬元。
2024 年年初，逾 2,000 家初創企業加入，當中三成從事人工智能。
"""

BILINGUAL_ENGLISH = (
    En("$4.8 billion", "money", 4800000000, "exact", 4750000000, 4850000000, currency="USD"),
    En("$52 million", "money", 52000000, "exact", 51500000, 52500000, currency="USD"),
    En("early 2024", "date", "2024", lower="2024-01-01", upper="2024-04-30"),
    En("over 2,000", "count", 2000, "over", 2000, None),
    En("30%", "percent", 30, "exact", 29.5, 30.5),
)


def findings_of(text: str, english: tuple[En, ...] = BILINGUAL_ENGLISH) -> list[Finding]:
    document = document_from_text(text, "note.txt", meta=DocumentMeta(currency="HKD"))
    chinese = chinese_claims(document)
    claims = english_claims(document, english, min(claim.location.start for claim in chinese)) + chinese
    context = context_for([(document, claims)])
    return [*bilingual.check(rule("bilingual-mismatch"), context), *bilingual.check(rule("bilingual-missing"), context)]


def test_translation_equivalent_notations_agree() -> None:
    assert findings_of(BILINGUAL) == []


@pytest.mark.parametrize(
    ("changed", "surface"),
    [("48億元", "49億元"), ("5,200萬元", "5,300萬元"), ("三成", "四成"), ("2024 年年初", "2023 年年初")],
)
def test_changed_translation_notation_is_flagged(changed: str, surface: str) -> None:
    text = BILINGUAL.replace(changed, surface)
    findings = findings_of(text)
    assert [(finding.rule, finding.location.start) for finding in findings] == [
        ("bilingual-mismatch", text.index(surface))
    ]


def test_declared_translations_are_compared() -> None:
    english_text, chinese_text = BILINGUAL.split("\n\n")
    english_document = document_from_text(english_text, "en.txt")
    chinese_document = document_from_text(chinese_text.replace("5,200萬元", "5,100萬元"), "zh.txt")
    english = english_claims(english_document, BILINGUAL_ENGLISH, len(english_text))
    chinese = chinese_claims(chinese_document)
    context = context_for([(english_document, english), (chinese_document, chinese)], (("en.txt", "zh.txt"),))
    findings = list(bilingual.check(rule("bilingual-mismatch"), context))
    assert [(finding.location.path, finding.location.text) for finding in findings] == [("zh.txt", "5,100萬元")]
    assert findings[0].related[0].location.path == "en.txt"
    # Without the declaration nothing is compared: each document is monolingual.
    assert (
        list(
            bilingual.check(
                rule("bilingual-mismatch"), context_for([(english_document, english), (chinese_document, chinese)])
            )
        )
        == []
    )


def test_unrelated_mixed_document_is_not_compared() -> None:
    text = "Revenue rose 12% to $3 billion in 2023.\n\n會員人數為 120 名，活動於 2019 年舉行。\n"
    english = (En("12%", "percent", 12), En("$3 billion", "money", 3000000000), En("2023", "year", 2023))
    assert findings_of(text, english) == []


def run_cli(folder: Path, *paths: str) -> list[dict[str, object]]:
    import io
    import json

    from factcheck.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["check", *paths, "--format", "json", "--fail-on", "never"], stdout=stdout, stderr=stderr)
    assert code == 0, stderr.getvalue()
    findings: list[dict[str, object]] = json.loads(stdout.getvalue())["findings"]
    return [finding for finding in findings if finding["category"] == "bilingual"]


def test_seed_000_through_the_real_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = seed_text()
    (tmp_path / "clean.txt").write_text(text, encoding="utf-8")
    (tmp_path / "changed.txt").write_text(text.replace("逾 2,000 家科企", "逾 2,500 家科企"), encoding="utf-8")
    (tmp_path / "deleted.txt").write_text(text.replace("，其中研發人員逾 15,000 名", ""), encoding="utf-8")
    found = run_cli(tmp_path, "clean.txt", "changed.txt", "deleted.txt")
    locations = sorted((str(f["rule"]), f["location"]["path"], f["location"]["text"]) for f in found)  # type: ignore[index]
    assert locations == [
        ("bilingual-mismatch", "changed.txt", "逾 2,500 家科企"),
        ("bilingual-missing", "deleted.txt", "more than 15,000"),
    ]


def test_the_document_own_date_printed_in_one_version_only_is_not_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    guide = (
        "# Kestrel Bay Science Campus: Visitor Guide 2025\n\n*Published 3 March 2025*\n\n"
        "The Kestrel Bay Science Campus hosts over 450 technology companies. In 2024, it admitted 62 new start-ups.\n\n"
        "# 紅隼灣科學園 — 2025年參觀指南\n\n紅隼灣科學園匯聚逾450家科技公司。2024年，園區共吸納了26家新創企業。\n"
    )
    (tmp_path / "guide.md").write_text(guide, encoding="utf-8")
    found = run_cli(tmp_path, "guide.md")
    assert [(f["rule"], f["location"]["text"]) for f in found] == [  # type: ignore[index]
        ("bilingual-mismatch", "26家新創企業")
    ]


def test_ranges_compare_both_ends() -> None:
    text = "Between 20 and 30 companies joined in 2023 and 2024.\n\n2023 年及 2024 年，有 20至40家公司加入。\n"
    english = (
        En("20 and 30 companies", "count", 20, "range", 19.5, 30.5),
        En("2023", "year", 2023),
        En("2024", "year", 2024),
    )
    findings = findings_of(text, english)
    assert [(finding.rule, finding.location.text) for finding in findings] == [("bilingual-mismatch", "20至40家公司")]


def test_figures_reordered_within_a_sentence_agree() -> None:
    text = (
        "Over 2,000 companies joined in 2023, and 300 more in 2024.\n\n"
        "2023年，逾 2,000 家公司加入；2024年再有 300 家加入。\n"
    )
    english = (
        En("Over 2,000", "count", 2000, "over", 2000, None),
        En("2023", "year", 2023),
        En("300", "count", 300),
        En("2024", "year", 2024),
    )
    assert findings_of(text, english) == []


def test_fractions_agree_with_percentages_and_context_dates_are_not_missing() -> None:
    text = (
        "About one third of the funding came from overseas. The Expo opens in 2026, in November that year.\n\n"
        "約三分之一資金來自海外。博覽於2026年舉行，同年11月開幕。\n"
    )
    english = (
        En("About one third", "percent", 33.333333, "about", 30, 36.666666, flags=("fraction",)),
        En("2026", "year", 2026),
    )
    assert findings_of(text, english) == []


@pytest.mark.parametrize(
    ("params", "wrong"),
    [("{report: both}", "report"), ("{kinds: [count, figures]}", "kinds")],
)
def test_parameters_are_validated(tmp_path: Path, params: str, wrong: str) -> None:
    from factcheck.rules import RuleError

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"rules:\n  - id: my-bilingual\n    check: bilingual\n    category: bilingual\n    severity: error\n"
        f"    params: {params}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match=wrong):
        load_ruleset([pack])
