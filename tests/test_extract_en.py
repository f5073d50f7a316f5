"""English extraction: sentence -> claims (text, kind, value, interval, unit, qualifier), with negatives.

Sentences are real ones (Hong Kong government and corporate releases, OCR noise kept) or
common English forms.  The knowledge pack is local to this module: no corpus names in code.
"""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.extract import extract_document
from factcheck.knowledge import Entity, Knowledge
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim

PACK = Knowledge(
    entities=(
        Entity("Alpha Parks Corporation", aliases=("APC", "Alpha Parks", "Alpha Parks Corporation")),
        Entity("Harbour Authority", aliases=("HA", "Harbour Authority of Testland")),
    ),
)


def claims_of(
    text: str, date: str | None = None, currency: str | None = None, knowledge: Knowledge = PACK
) -> list[Claim]:
    document = document_from_text(text, "t.txt", meta=DocumentMeta(date=date, currency=currency))
    claims = list(extract_document(document, knowledge))
    for claim in claims:
        assert claim.location.text == document.original[claim.location.start : claim.location.end]
    return claims


def only(text: str, **kwargs: Any) -> Claim:
    claims = claims_of(text, **kwargs)
    assert len(claims) == 1, [(c.location.text, c.kind, c.value) for c in claims]
    return claims[0]


def find(claims: list[Claim], text: str) -> Claim:
    for claim in claims:
        if claim.location.text == text or claim.location.text.startswith(text):
            return claim
    raise AssertionError(f"{text!r} not in {[c.location.text for c in claims]}")


# --- numbers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "lower", "upper", "qualifier"),
    [
        (
            "HKSTP is now a vibrant hub for over 2,000 tech companies.",
            "over 2,000 tech companies",
            "count",
            2000,
            2000,
            None,
            "over",
        ),
        (
            "Hong Kong Science Park has around 900 R&D companies operating there.",
            "around 900 R&D companies",
            "count",
            900,
            810,
            990,
            "about",
        ),
        (
            "As at the end of October 2024,\n76 564 projects with total ITF funding were approved.",
            "76 564 projects",
            "count",
            76564,
            76563.5,
            76564.5,
            "exact",
        ),
        (
            "Cyberport brings together a cluster of over 2 100 enterprises.",
            "over 2 100 enterprises",
            "count",
            2100,
            2100,
            None,
            "over",
        ),
        (
            "It will provide about\n13 000 square metres of gross floor area.",
            "about\n13 000 square metres",
            "quantity",
            13000,
            11700,
            14300,
            "about",
        ),
        ("There were 2,046 entries.", "2,046 entries", "count", 2046, 2045.5, 2046.5, "exact"),
        (
            "The fund reached 4.8 billion units.",
            "4.8 billion units",
            "count",
            4800000000,
            4750000000,
            4850000000,
            "exact",
        ),
        ("We recruited nine home-grown unicorns.", "nine home-grown unicorns", "count", 9, 8.5, 9.5, "exact"),
        ("It hosts thirty-four teams.", "thirty-four teams", "count", 34, 33.5, 34.5, "exact"),
        ("They ordered a dozen boxes.", "a dozen boxes", "count", 12, 11.5, 12.5, "exact"),
        ("The zone hosts two hundred and fifty firms.", "two hundred and fifty firms", "count", 250, 245, 255, "exact"),
        (
            "Some 80 government services accept mobile wallets.",
            "Some 80 government services",
            "count",
            80,
            72,
            88,
            "about",
        ),
        ("It approved nearly 700 grants.", "nearly 700 grants", "count", 700, 630, 700, "about"),
        ("It funds at least\n100 research teams.", "at least\n100 research teams", "count", 100, 100, None, "at_least"),
        ("It engages up to four research talents.", "up to four research talents", "count", 4, None, 4, "at_most"),
        ("Fewer than 30 firms applied.", "Fewer than 30 firms", "count", 30, None, 30, "under"),
        ("No more than 12 seats remain.", "No more than 12 seats", "count", 12, None, 12, "at_most"),
        ("The scheme admits 2,000+ students.", "2,000+ students", "count", 2000, 2000, None, "at_least"),
        ("Each team has between 10 and 20 members.", "between 10 and 20 members", "count", 10, 9.5, 20.5, "range"),
        ("We expect 4,000–5,000 visitors.", "4,000–5,000 visitors", "count", 4000, 3950, 5050, "range"),
        ("Classes take 10 to 20 students.", "10 to 20 students", "count", 10, 9.5, 20.5, "range"),
    ],
)
def test_counts(sentence: str, text: str, kind: str, value: float, lower: Any, upper: Any, qualifier: str) -> None:
    claim = find(claims_of(sentence), text)
    assert claim.location.text == text
    assert (claim.kind, claim.value, claim.lower, claim.upper, claim.qualifier) == (
        kind,
        value,
        lower,
        upper,
        qualifier,
    )


def test_contract_example_positions() -> None:
    sentence = "As the city's flagship base for R&D, Hong Kong Science Park has around 900 R&D companies operating."
    claim = find(claims_of(sentence), "around 900")
    assert (claim.location.start, claim.location.end) == (sentence.index("around"), sentence.index(" operating"))
    assert claim.location.column == sentence.index("around") + 1
    assert claim.metric == "r&d companies"


def test_space_separated_numbers_do_not_glue() -> None:
    claims = claims_of("As at the end of May 2024, 2 084 projects were supported.")
    projects = find(claims, "2 084")
    assert projects.value == 2084 and projects.kind == "count"
    assert [c.kind for c in claims] == ["date", "count"]
    claims = claims_of("In 2020 2 084 projects were supported.")
    assert [(c.kind, c.value) for c in claims] == [("year", 2020), ("count", 2084)]


def test_comma_thousands_are_not_years() -> None:
    assert only("There are over 2,000 tech companies.").kind == "count"
    assert only("The Government set up the fund in 1999.").kind == "year"


def test_scale_misspellings_read_the_value() -> None:
    claim = only("A number of injections totalling about $46 bilion were made.")
    assert (claim.kind, claim.value, claim.qualifier) == ("money", 46_000_000_000, "about")
    assert "total" in claim.flags
    assert only("The budget is 3 milion units.").value == 3_000_000


# --- money -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "currency"),
    [
        ("The HK$350 million injection expands the pool.", "HK$350 million", 350_000_000, "HKD"),
        ("It has been matched with HKD13 from the private capital market.", "HKD13", 13, "HKD"),
        ("The market capitalisation exceeds HK\\$280.8 billion.", "exceeds HK\\$280.8 billion", 280_800_000_000, "HKD"),
        ("Batman has racked up more than $ 247 million in receipts.", "more than $ 247 million", 247_000_000, None),
        ("They won a US$48.2 million contract.", "US$48.2 million", 48_200_000, "USD"),
        ("It raised RMB 5 billion.", "RMB 5 billion", 5_000_000_000, "CNY"),
        ("I want cotton for £2,000.", "£2,000", 2000, "GBP"),
        ("The ticket costs €15.", "€15", 15, "EUR"),
        ("The price ranges up to c $ 16.4 million.", "up to c $ 16.4 million", 16_400_000, "CAD"),
        ("They paid 50 dollars.", "50 dollars", 50, None),
        ("InnoHK is a $10 billion initiative.", "$10 billion", 10_000_000_000, None),
        ("The unit costs ¥300.", "¥300", 300, "CNY"),
    ],
)
def test_money(sentence: str, text: str, value: int, currency: str | None) -> None:
    claim = find(claims_of(sentence), text)
    assert claim.location.text == text
    assert (claim.kind, claim.value, claim.currency, claim.unit) == ("money", value, currency, None)


def test_bare_dollar_takes_document_or_pack_currency() -> None:
    assert only("InnoHK is a $10 billion initiative.", currency="HKD").currency == "HKD"
    pack = Knowledge(default_currency="HKD")
    assert only("InnoHK is a $10 billion initiative.", knowledge=pack).currency == "HKD"


def test_for_every_dollar_matched() -> None:
    claims = claims_of("For every HK$1 invested by the fund, it has been matched with HKD13 from the market.")
    assert [(c.value, c.currency) for c in claims] == [(1, "HKD"), (13, "HKD")]


def test_money_range_and_line_breaks() -> None:
    claim = only("Funding support from $10 million to $100\nmillion will be provided.")
    assert (claim.qualifier, claim.lower, claim.upper) == ("range", 9_500_000, 105_000_000)
    assert "joined" in claim.flags
    claim = only("with total funding of about $672\n\nmillion.")
    assert (claim.value, claim.text if hasattr(claim, "text") else claim.location.text) == (
        672_000_000,
        "about $672\n\nmillion",
    )
    assert "joined" in claim.flags and "total" in claim.flags


# --- percentages, ratios, fractions, ordinals, durations -----------------------------------------------------------


def test_percentages() -> None:
    claims = claims_of("It sparked over 40% growth; IT (31%); 100 per cent; 12 percent of staff.")
    assert [(c.location.text, c.value, c.unit, c.qualifier) for c in claims] == [
        ("over 40%", 40, "%", "over"),
        ("31%", 31, "%", "exact"),
        ("100 per cent", 100, "%", "exact"),
        ("12 percent", 12, "%", "exact"),
    ]
    assert claims[0].metric == "growth"
    assert "share" in claims[3].flags and claims[3].metric == "staff"


def test_percent_is_not_a_year() -> None:
    claim = only("Over 90% of the computing power is in service.")
    assert (claim.kind, claim.value) == ("percent", 90)


def test_ratios() -> None:
    claims = claims_of("It subsidises enterprises on a 2:1 matching basis and a 1:2 basis.")
    assert [(c.location.text, c.kind, c.value) for c in claims] == [("2:1", "ratio", 2), ("1:2", "ratio", 0.5)]
    claim = only("with funding on a 1\n(Government): 2 (enterprise) matching basis")
    assert (claim.kind, claim.value, claim.location.text) == ("ratio", 0.5, "1\n(Government): 2 (enterprise)")


def test_fractions() -> None:
    claim = only("One-third of onsite companies' founders come from abroad.")
    assert (claim.kind, claim.unit, round(float(claim.value or 0), 2)) == ("percent", "%", 33.33)
    assert "fraction" in claim.flags
    assert round(float(only("Two-thirds of members agreed.").value or 0), 2) == 66.67


def test_ordinals() -> None:
    claim = only("HKSTP is celebrating its 20th anniversary of propelling success.")
    assert (claim.kind, claim.value, claim.location.text) == ("ordinal", 20, "20th")
    assert "anniversary" in claim.flags
    claim = only("To mark the 25thth anniversary of the establishment of the HKSAR, the city was boosted.")
    assert (claim.value, claim.location.text) == (25, "25thth")
    assert {"malformed", "anniversary"} <= set(claim.flags)
    assert claim.entity == "HKSAR"
    assert only("This is the twentieth edition.").value == 20


def test_durations() -> None:
    claim = only("HKSTP has for 20 continuous years committed to building up Hong Kong.")
    assert (claim.kind, claim.value, claim.unit) == ("duration", 20, "year")
    assert "anniversary" in claim.flags
    claim = only("In the past four years, there were many investment cases.")
    assert (claim.kind, claim.value, claim.unit) == ("duration", 4, "year")
    assert "anniversary" not in claim.flags
    claim = only("the Government implements a three-year scheme")
    assert (claim.kind, claim.value, claim.location.text) == ("duration", 3, "three-year")
    title = only("HKSTP Celebrates 20 Years of Propelling Success and Innovation")
    assert "anniversary" in title.flags


# --- quantities --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "base_value", "base_unit"),
    [
        (
            "The 22-hectare Hong Kong Science Park is located in Pak Shek Kok.",
            "22-hectare",
            22,
            "hectare",
            220000,
            "meter ** 2",
        ),
        (
            "The campus boasts an area of 31,000 square meters.",
            "31,000 square meters",
            31000,
            "square_meter",
            31000,
            "meter ** 2",
        ),
        (
            "They occupy over 62,000 square feet of space.",
            "over 62,000 square feet",
            62000,
            "square_foot",
            5759.987,
            "meter ** 2",
        ),
        ("The parks provide 217\nhectares of land in total.", "217\nhectares", 217, "hectare", 2170000, "meter ** 2"),
        ("The farm covers 40 acres.", "40 acres", 40, "acre", 161874.26, "meter ** 2"),
        ("The route is 29km long.", "29km", 29, "kilometer", 29000, "meter"),
        ("The plant produces 5 MW of power.", "5 MW", 5, "megawatt", 5000000, None),
    ],
)
def test_quantities(
    sentence: str, text: str, value: float, unit: str, base_value: float, base_unit: str | None
) -> None:
    claim = find(claims_of(sentence), text)
    assert claim.location.text == text
    assert (claim.kind, claim.value, claim.unit) == ("quantity", value, unit)
    assert claim.base_value == pytest.approx(base_value, rel=1e-3)
    if base_unit is not None:
        assert claim.base_unit == base_unit


def test_no_roentgen() -> None:
    claim = find(claims_of("Science Park has around 900 R&D companies."), "around 900")
    assert (claim.kind, claim.unit) == ("count", None)


# --- dates -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "lower", "upper"),
    [
        (
            "Corporate News\n\n24 Feb 2021\n\nHKSTP continues its commitment.",
            "24 Feb 2021",
            "2021-02-24",
            "2021-02-24",
            "2021-02-24",
        ),
        (
            "HONG KONG, July 11, 2022 /PRNewswire/ — HKSTP is celebrating.",
            "July 11, 2022",
            "2022-07-11",
            "2022-07-11",
            "2022-07-11",
        ),
        (
            "Hong Kong, 17 September 2025 - Cyberport welcomes it.",
            "17 September 2025",
            "2025-09-17",
            "2025-09-17",
            "2025-09-17",
        ),
        ("In November\n2015, the Bureau was formed.", "November\n2015", "2015-11", "2015-11-01", "2015-11-30"),
        (
            "It is expected to be completed in the first quarter of 2025.",
            "first quarter of 2025",
            "2025-01/2025-03",
            "2025-01-01",
            "2025-03-31",
        ),
        (
            "Works will finish in the third quarter\nof 2025.",
            "third quarter\nof 2025",
            "2025-07/2025-09",
            "2025-07-01",
            "2025-09-30",
        ),
        ("Sales rose in Q3 2025.", "Q3 2025", "2025-07/2025-09", "2025-07-01", "2025-09-30"),
        ("Sales rose in the first half of 2024.", "first half of 2024", "2024-01/2024-06", "2024-01-01", "2024-06-30"),
        ("The workshops were completed in end-2024 for tenants.", "end-2024", "2024-12", "2024-12-01", "2024-12-31"),
        ("It will be completed in mid-2025.", "mid-2025", "2025", "2025-05-01", "2025-08-31"),
        ("It was revamped at the end of 2019.", "end of 2019", "2019-12", "2019-12-01", "2019-12-31"),
        ("It launched in early 2024.", "early 2024", "2024", "2024-01-01", "2024-04-30"),
        ("The deduction applies on or after April 1, 2018.", "April 1, 2018", "2018-04-01", "2018-04-01", "2018-04-01"),
        ("Initiatives outlined in the 2021-2022 Budget.", "2021-2022", "2021/2022", "2021-01-01", "2022-12-31"),
        ("Measures outlined in the 2021-22 Budget.", "2021-22", "2021/2022", "2021-01-01", "2022-12-31"),
        ("I'll go back 04th Jan 2019.", "04th Jan 2019", "2019-01-04", "2019-01-04", "2019-01-04"),
        ("Is this a valid date? 2015-12", "2015-12", "2015-12", "2015-12-01", "2015-12-31"),
        ("I'll go back 02/22/2016", "02/22/2016", "2016-02-22", "2016-02-22", "2016-02-22"),
    ],
)
def test_dates(sentence: str, text: str, value: str, lower: str, upper: str) -> None:
    claim = find(claims_of(sentence), text)
    assert claim.location.text == text
    assert (claim.kind, claim.value, claim.lower, claim.upper) == ("date", value, lower, upper)


def test_years_and_since() -> None:
    claims = claims_of("The DPO has organised the awards since 2006, within 2025 and in 2020.")
    assert [(c.kind, c.value) for c in claims] == [("year", 2006), ("year", 2025), ("year", 2020)]


def test_day_without_year_takes_context() -> None:
    claim = only("The visit by President Xi on June 30 was a historic moment.", date="2022-07-11")
    assert claim.value == "2022-06-30" and "year-from-context" in claim.flags
    claims = claims_of("In 2019, the visit on June 30 was historic.", date="2022-07-11")
    assert find(claims, "June 30").value == "2019-06-30"
    assert only("The visit on June 30 was historic.").value == "XXXX-06-30"


def test_year_names() -> None:
    claims = claims_of("HKSTP also hosted Robocon 2024, and Vision 2030 guides us at Festival 2023.")
    assert [(c.kind, c.value, "year-name" in c.flags) for c in claims] == [
        ("year", 2024, True),
        ("year", 2030, True),
        ("year", 2023, True),
    ]


# --- as-of ------------------------------------------------------------------------------------------------------


def test_as_of_phrases_govern_their_sentence() -> None:
    text = (
        "As at the end of October 2024,\n76 564 projects with total ITF funding of $49.1 billion were approved. "
        "The programme has 12 staff."
    )
    claims = claims_of(text, date="2025-01-02")
    projects, money, staff = find(claims, "76 564"), find(claims, "$49.1 billion"), find(claims, "12 staff")
    assert projects.as_of == "2024-10" and money.as_of == "2024-10"
    assert "as-of-phrase" in projects.flags
    assert staff.as_of == "2025-01-02" and "as-of-phrase" not in staff.flags


@pytest.mark.parametrize(
    ("sentence", "as_of"),
    [
        ("As of August 2025, the Programme has attracted 165 solution providers.", "2025-08"),
        ("Up to December 2024, these programmes received applications from over 1 000 schools.", "2024-12"),
        ("The index stood at 12 points as at end-May 2024.", "2024-05"),
        ("As of end of December\n2024, a total of 40 projects were supported.", "2024-12"),
        ("There are around 42\n000 hotspots in town as of December 2024.", "2024-12"),
    ],
)
def test_as_of_forms(sentence: str, as_of: str) -> None:
    figures = [c for c in claims_of(sentence) if c.kind not in ("date", "year")]
    assert figures and all(c.as_of == as_of and "as-of-phrase" in c.flags for c in figures)


def test_as_of_defaults_to_document_date_or_null() -> None:
    assert only("There are 12 staff.", date="2021-02-24").as_of == "2021-02-24"
    assert only("There are 12 staff.").as_of is None


# --- OCR ---------------------------------------------------------------------------------------------------------


def test_ocr_joins() -> None:
    claim = only("There are around 42\n000 hotspots.")
    assert (claim.value, claim.location.text) == (42000, "around 42\n000 hotspots")
    assert "joined" in claim.flags
    claim = only("InnoHK is a $10\nbillion major initiative.")
    assert claim.value == 10_000_000_000 and "joined" in claim.flags
    claim = only("Approximately 1\n000 spatial datasets are available.")
    assert claim.value == 1000


def test_ocr_glued_year() -> None:
    claim = only("In April 2022the Advanced Manufacturing Center opened.")
    assert (claim.kind, claim.value, claim.location.text) == ("date", "2022-04", "April 2022")


# --- not figures ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tel: (852) 3166 3841",
        "Tel: 2114 4972",
        "The AISC has obtained ISO/IEC 27001:2022 information security certification.",
        "The 5G and 5G-A networks support Web3 apps.",
        "Upon the completion of Cyberport 5, we will provide more space.",
        "The lab is in Building 17W.",
        "Phase 3 starts soon.",
        "The HKSTPC is implementing Batch 1 of Stage 2 of the Expansion Programme.",
        "Support is included in the 14th Five-Year Plan.",
        "It was set out in the Smart City Blueprint for Hong Kong 2.0 document.",
        "Visit https://www.example.hk/page/2024/12 for more.",
        "Email: rachel.ng2@a-world.com.hk",
        "InnoHK clusters are [email protected] and [email protected].",
        "The portal (www.cybersecurity.hk) opened.",
        "Install version 1.2.3 on 192.168.1.2.",
        "The meeting is at 10:30 am.",
        "1. Introduction",
        "to formulate holistic 1&T policies in I1&T centres",
        "expedite the one-stop, two-way flow of one of the services",
        "a total of\n\n$ million were supported.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert [(c.location.text, c.kind) for c in claims_of(sentence)] == []


# --- attribution ------------------------------------------------------------------------------------------------


def test_metric_and_part_of() -> None:
    text = (
        "HKSTP is now a vibrant hub for over 2,000 tech companies, including stalwarts in AI, with a dedicated "
        "professional cadre of over 24,000, of which more than 15,000 are committed to R&D."
    )
    claims = claims_of(text)
    companies, cadre, rnd = find(claims, "over 2,000"), find(claims, "over 24,000"), find(claims, "more than 15,000")
    assert companies.metric == "tech companies" and companies.part_of is None
    assert cadre.metric == "professional cadre" and cadre.part_of is None
    assert rnd.part_of == cadre.id and rnd.metric == "r&d"


def test_working_population_of_which() -> None:
    claims = claims_of("It has a working population of over 13,000, of which around 9,000 are researchers.")
    whole, part = claims
    assert (whole.metric, part.metric, part.part_of) == ("working population", "researchers", whole.id)


def test_including_list() -> None:
    claims = claims_of("Cyberport gathers over 2,200 companies, including 11 listed companies and 10 unicorns.")
    whole, listed, unicorns = claims
    assert listed.part_of == whole.id and unicorns.part_of == whole.id
    assert unicorns.metric == "unicorns"


def test_entities_from_pack_and_document() -> None:
    text = (
        "Alpha Parks Corporation (APC) runs the parks. The APC hosts over 1,000 firms. "
        "The Testland Widget Office (TWO) was established in 2017. The TWO employs 40 staff. "
        "Nothing here names anyone: 12 seats."
    )
    claims = claims_of(text)
    assert find(claims, "over 1,000").entity == "Alpha Parks Corporation"
    founding = find(claims, "2017")
    assert "founding" in founding.flags and founding.entity == "TWO" and founding.metric == "founding"
    assert find(claims, "40 staff").entity == "TWO"
    assert find(claims, "12 seats").entity is None


def test_fuzzy_entity_near_miss() -> None:
    claim = only("The Alpha Park Corporation hosts 300 firms.")
    assert claim.entity == "Alpha Parks Corporation"


def test_founding_subject_after_the_date() -> None:
    text = "The Hong Kong Widget Corporation (HKWC): Established in May 2001, the HKWC is a statutory body."
    claim = only(text)
    assert (claim.kind, claim.value, claim.entity) == ("date", "2001-05", "HKWC")
    assert "founding" in claim.flags


def test_founding_we_is_the_main_subject() -> None:
    text = "APC opened. APC grew. APC hired. Established in 2001, we attract and nurture talent."
    claim = only(text)
    assert "founding" in claim.flags and claim.entity == "Alpha Parks Corporation"


def test_sentence_subject_when_no_known_entity() -> None:
    text = "Visitors like Cyberport. Cyberport currently houses over 400 start-ups specialised in AI."
    assert only(text).entity == "Cyberport"


def test_claim_ids_unique_and_sentences() -> None:
    text = "There are 12 staff. There are 14 desks."
    claims = claims_of(text)
    assert len({c.id for c in claims}) == 2
    assert (claims[1].sentence_start, claims[1].sentence_end) == (20, len(text))
