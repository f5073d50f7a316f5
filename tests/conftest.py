"""Shared test configuration: the ``--update-golden`` option and the hand-built sample reports.

The sample reports are built from real documents (through the loader, so positions are exact) and
hand-written claims and findings, so the report formats can be tested before and independently of
extraction and the checks.
"""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.fingerprint import with_fingerprints
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim, Document, Finding, Location, RelatedLocation, Report, RuleInfo, Severity


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current output (review the diff like code)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


# ---------------------------------------------------------------------------------------------- builders


def span(document: Document, text: str, occurrence: int = 0) -> Location:
    """The location of the ``occurrence``-th ``text`` in the document (0-based)."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.original.index(text, start + 1)
    return document.location(start, start + len(text))


class ClaimMaker:
    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.counts: dict[str, int] = {}

    def __call__(
        self,
        document: Document,
        text: str,
        kind: str,
        value: float | int | str | None,
        lower: float | int | str | None,
        upper: float | int | str | None,
        qualifier: str,
        occurrence: int = 0,
        **fields: Any,
    ) -> Claim:
        number = self.counts.get(document.path, 0) + 1
        self.counts[document.path] = number
        location = span(document, text, occurrence)
        claim = Claim(
            id=f"{document.path}#{number}",
            location=location,
            kind=kind,
            value=value,
            lower=lower,
            upper=upper,
            qualifier=qualifier,
            lang=document.lang_at(location.start),
            **fields,
        )
        self.claims.append(claim)
        return claim


def _document(path: str, text: str, date: str | None) -> Document:
    return document_from_text(text, path, meta=DocumentMeta(date=date))


HKSTP_2021 = """\
HKSTP marks a record year
24 February 2021

Hong Kong, 24 February 2021 - As the city's flagship base for R&D, Hong Kong Science Park has around 900 R&D companies
operating in the Science Park with a working population of over 13,000, of which around 9,000 are researchers.

The Corporation approved HK$350 million for the Innovation and Technology Venture Fund.
"""

HKSTP_2022 = """\
HKSTP celebrates its 20th anniversary
July 11, 2022

Established in 2001, HKSTP has built Hong Kong's leading R&D hub with over 11,000 research professionals
and over 1,000 technology companies focused on healthtech, AI and robotics.
The park now offers 14,0000 square meters of laboratory space.
"""

GUIDE_2025 = """\
Message from the CEO

As at March 2024, HKSTP is a vibrant hub for over 2,000 tech companies, with a dedicated
professional cadre of over 24,000, of which more than 15,000 are committed to R&D.

行政總裁獻辭

截至2024年3月，香港科技園公司匯聚超過1,800家科技公司，專業人員逾24,000名，其中超過15,000名從事研發工作。
"""

CYBERPORT_2024 = """\
Cyberport annual review
31 May 2024

Cyberport is home to over 1,900 companies and start-ups.
Visitors to Cyber Port rose again this year.
"""

CYBERPORT_2025 = """\
Cyberport welcomes the Policy Address
17 September 2025

Cyberport gathers over 2,200 companies, including 11 listed companies and 10 unicorns.
Currently, Cyberport hosts over 400 start-ups specialising in AI and data science.
Cyberport, the engine of the AI ecosystem, houses about 300 AI and data science start-ups.
The total market capitalisation of listed companies exceeds HK$ billion.
"""

SAMPLE_RULES = (
    RuleInfo(
        "figure-conflict",
        "consistency",
        "conflict",
        Severity.ERROR,
        "The same figure (entity, metric, period, unit) stated with values whose intervals do not overlap.",
        "<builtin>:12",
    ),
    RuleInfo(
        "bilingual-figures",
        "bilingual",
        "bilingual",
        Severity.WARNING,
        "The English and Chinese versions of one text state different figures.",
        "<builtin>:20",
    ),
    RuleInfo(
        "anniversary-matches-founding",
        "anniversary",
        "anniversary",
        Severity.WARNING,
        "An Nth anniversary must fall N years after the founding year.",
        "<builtin>:28",
    ),
    RuleInfo(
        "malformed-number",
        "malformed",
        "malformed-number",
        Severity.ERROR,
        "A figure with misplaced digit groups or doubled suffixes (14,0000; 25thth).",
        "<builtin>:36",
    ),
    RuleInfo(
        "blank-figure",
        "blank_figure",
        "blank-figure",
        Severity.WARNING,
        "A currency or magnitude word with no number (HK$ billion), or a placeholder (XX, TBC).",
        "<builtin>:44",
    ),
    RuleInfo(
        "name-variant",
        "name_variant",
        "name-variant",
        Severity.INFO,
        "A near-miss spelling of a known name.",
        "rules/hk.yaml:3",
    ),
    RuleInfo(
        "unit-mismatch",
        "unit",
        "unit",
        Severity.WARNING,
        "The same quantity in units that do not convert.",
        "<builtin>:52",
    ),
)


def build_sample_report() -> Report:
    """A deterministic multi-document report: growth over time, a conflict, a bilingual mismatch, Chinese."""
    docs = [
        _document("press/2021-02-24-hkstp.txt", HKSTP_2021, "2021-02-24"),
        _document("press/2022-07-11-anniversary.txt", HKSTP_2022, "2022-07-11"),
        _document("guide/2025-ict-guide.txt", GUIDE_2025, None),
        _document("press/2024-05-31-cyberport.txt", CYBERPORT_2024, "2024-05-31"),
        _document("press/2025-09-17-cyberport.txt", CYBERPORT_2025, "2025-09-17"),
    ]
    d2021, d2022, guide, c2024, c2025 = docs
    claim = ClaimMaker()
    claim(
        d2021,
        "around 900 R&D companies",
        "count",
        900,
        810,
        990,
        "about",
        entity="HKSTP",
        metric="companies",
        as_of="2021-02-24",
    )
    claim(
        d2021,
        "over 13,000",
        "count",
        13000,
        13001,
        None,
        "over",
        entity="HKSTP",
        metric="working population",
        as_of="2021-02-24",
    )
    claim(
        d2021,
        "around 9,000",
        "count",
        9000,
        8100,
        9900,
        "about",
        entity="HKSTP",
        metric="researchers",
        as_of="2021-02-24",
    )
    claim(
        d2021,
        "HK$350 million",
        "money",
        350_000_000,
        350_000_000,
        350_000_000,
        "exact",
        currency="HKD",
        entity="HKSTP",
        metric="venture fund",
        as_of="2021-02-24",
    )
    anniversary = claim(
        d2022,
        "20th anniversary",
        "ordinal",
        20,
        20,
        20,
        "exact",
        entity="HKSTP",
        as_of="2022-07-11",
        flags=("anniversary",),
    )
    founding = claim(
        d2022, "Established in 2001", "year", 2001, 2001, 2001, "exact", entity="HKSTP", flags=("founding",)
    )
    claim(
        d2022,
        "over 11,000 research professionals",
        "count",
        11000,
        11001,
        None,
        "over",
        entity="HKSTP",
        metric="researchers",
        as_of="2022-07-11",
    )
    claim(
        d2022,
        "over 1,000 technology companies",
        "count",
        1000,
        1001,
        None,
        "over",
        entity="HKSTP",
        metric="companies",
        as_of="2022-07-11",
    )
    malformed = claim(
        d2022,
        "14,0000 square meters",
        "quantity",
        140000,
        140000,
        140000,
        "exact",
        unit="square_meter",
        base_value=140000.0,
        base_unit="meter ** 2",
        entity="HKSTP",
        metric="laboratory space",
        as_of="2022-07-11",
        flags=("malformed",),
    )
    english = claim(
        guide,
        "over 2,000 tech companies",
        "count",
        2000,
        2001,
        None,
        "over",
        entity="HKSTP",
        metric="companies",
        as_of="2024-03",
        flags=("as-of-phrase",),
    )
    claim(
        guide,
        "over 24,000",
        "count",
        24000,
        24001,
        None,
        "over",
        entity="HKSTP",
        metric="professionals",
        as_of="2024-03",
        flags=("as-of-phrase",),
    )
    chinese = claim(
        guide,
        "超過1,800家科技公司",
        "count",
        1800,
        1801,
        None,
        "over",
        entity="HKSTP",
        metric="companies",
        as_of="2024-03",
        flags=("as-of-phrase",),
    )
    claim(
        c2024,
        "over 1,900 companies",
        "count",
        1900,
        1901,
        None,
        "over",
        entity="Cyberport",
        metric="companies",
        as_of="2024-05-31",
    )
    claim(
        c2025,
        "over 2,200 companies",
        "count",
        2200,
        2201,
        None,
        "over",
        entity="Cyberport",
        metric="companies",
        as_of="2025-09-17",
    )
    many = claim(
        c2025,
        "over 400 start-ups",
        "count",
        400,
        401,
        None,
        "over",
        entity="Cyberport",
        metric="start-ups",
        as_of="2025-09-17",
    )
    few = claim(
        c2025,
        "about 300 AI and data science start-ups",
        "count",
        300,
        270,
        330,
        "about",
        entity="Cyberport",
        metric="start-ups",
        as_of="2025-09-17",
    )
    findings = [
        Finding(
            "figure-conflict",
            "conflict",
            Severity.ERROR,
            "Cyberport start-ups: about 300 here but over 400 in press/2025-09-17-cyberport.txt:5 (same date)",
            few.location,
            (RelatedLocation(many.location, "over 400 start-ups, same document and date"),),
            (few.id, many.id),
        ),
        Finding(
            "bilingual-figures",
            "bilingual",
            Severity.WARNING,
            "The Chinese text says 1,800 tech companies where the English says over 2,000",
            chinese.location,
            (RelatedLocation(english.location, "English version"),),
            (chinese.id, english.id),
        ),
        Finding(
            "anniversary-matches-founding",
            "anniversary",
            Severity.WARNING,
            "20th anniversary in 2022, but HKSTP was established in 2001 (21 years)",
            anniversary.location,
            (RelatedLocation(founding.location, "founding year"),),
            (anniversary.id, founding.id),
        ),
        Finding(
            "malformed-number",
            "malformed-number",
            Severity.ERROR,
            "Malformed number '14,0000': digit groups of four (14,000? 140,000?)",
            malformed.location,
            (),
            (malformed.id,),
        ),
        Finding(
            "blank-figure",
            "blank-figure",
            Severity.WARNING,
            "A currency with no amount: 'HK$ billion'",
            span(c2025, "HK$ billion"),
        ),
        Finding(
            "name-variant",
            "name-variant",
            Severity.INFO,
            "'Cyber Port' looks like a variant of 'Cyberport'",
            span(c2024, "Cyber Port"),
        ),
    ]
    findings.sort(key=Finding.sort_key)
    return Report(
        documents=tuple(docs),
        claims=tuple(claim.claims),
        findings=tuple(with_fingerprints(findings, {doc.path: doc for doc in docs})),
        rules=SAMPLE_RULES,
        fail_on="error",
        tool_version="0.1.0",
    )


#: Hostile document text: each line tries another way to run script in the audit report.
XSS_TEXT = """\
Hostile release <script>window.__xss = 1; alert(1)</script>
1 January 2024

Acme has <img src=x onerror="window.__xss=2;alert(2)"> over 500 staff.
Acme has about 700 staff </script><script>window.__xss=3;alert(3)</script> says the annex.
See <a href="javascript:window.__xss=4;alert(4)">our 900 partners</a> "><svg onload="window.__xss=5;alert(5)">.
Unicode line separators \u2028 and \u2029 and <!-- comments --> and ]]> and &amp; entities: 1,000 sites.
"""


def build_xss_report() -> Report:
    """A report whose document text, claim text, messages and notes all carry XSS payloads."""
    doc = _document("hostile/<script>alert(6)</script>.txt", XSS_TEXT, "2024-01-01")
    claim = ClaimMaker()
    staff = claim(
        doc,
        "over 500 staff",
        "count",
        500,
        501,
        None,
        "over",
        entity="Acme <b>Corp</b>",
        metric="staff",
        as_of="2024-01-01",
    )
    closing = claim(
        doc,
        "about 700 staff </script><script>window.__xss=3;alert(3)</script>",
        "count",
        700,
        630,
        770,
        "about",
        entity="Acme <b>Corp</b>",
        metric="staff",
        as_of="2024-01-01",
    )
    partners = claim(
        doc,
        'our 900 partners</a> "><svg onload="window.__xss=5;alert(5)">',
        "count",
        900,
        900,
        900,
        "exact",
        entity="Acme <b>Corp</b>",
        metric="partners",
        as_of="2024-01-01",
    )
    findings = [
        Finding(
            "figure-conflict",
            "conflict",
            Severity.ERROR,
            'Acme staff: over 500 here but about 700 </script><img src=x onerror="window.__xss=7"> there',
            staff.location,
            (RelatedLocation(closing.location, '<svg onload="window.__xss=8">'),),
            (staff.id, closing.id),
        ),
        Finding(
            "name-variant",
            "other",
            Severity.INFO,
            "javascript:window.__xss=9 <a href='javascript:alert(9)'>click</a>",
            partners.location,
        ),
    ]
    return Report(
        documents=(doc,),
        claims=tuple(claim.claims),
        findings=tuple(with_fingerprints(findings, {doc.path: doc})),
        rules=(
            RuleInfo("figure-conflict", "consistency", "conflict", Severity.ERROR, "<script>alert(10)</script>", "x"),
            RuleInfo(
                "name-variant", "name_variant", "other", Severity.INFO, "</script><script>alert(11)</script>", "y"
            ),
        ),
        tool_version="0.1.0",
    )


@pytest.fixture
def sample_report() -> Report:
    return build_sample_report()


@pytest.fixture
def xss_report() -> Report:
    return build_xss_report()
