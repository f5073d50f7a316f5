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
        ("Each team has between 10 and 20 members.", "between 10 and 20 members", "count", 15, 9.5, 20.5, "range"),
        ("We expect 4,000–5,000 visitors.", "4,000–5,000 visitors", "count", 4500, 3950, 5050, "range"),
        ("Classes take 10 to 20 students.", "10 to 20 students", "count", 15, 9.5, 20.5, "range"),
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
    assert {"fraction", "share"} <= set(claim.flags) and claim.metric == "onsite companies' founders"
    assert round(float(only("Two-thirds of members agreed.").value or 0), 2) == 66.67
    claim = only("The probability is exactly one eighth.")
    assert (claim.kind, claim.value) == ("ratio", 0.125)


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
        ("It will be completed in mid-2025.", "mid-2025", "2025", "2025-04-01", "2025-09-30"),
        ("It was revamped at the end of 2019.", "end of 2019", "2019-12", "2019-12-01", "2019-12-31"),
        ("It launched in early 2024.", "early 2024", "2024", "2024-01-01", "2024-03-31"),
        ("The deduction applies on or after April 1, 2018.", "April 1, 2018", "2018-04-01", "2018-04-01", "2018-04-01"),
        ("Initiatives outlined in the 2021-2022 Budget.", "2021-2022", "2021-04/2022-03", "2021-04-01", "2022-03-31"),
        ("Measures outlined in the 2021-22 Budget.", "2021-22", "2021-04/2022-03", "2021-04-01", "2022-03-31"),
        ("Targets for 2020-2025 were set.", "2020-2025", "2020/2025", "2020-01-01", "2025-12-31"),
        ("I'll go back 04th Jan 2019.", "04th Jan 2019", "2019-01-04", "2019-01-04", "2019-01-04"),
        ("Is this a valid date? 2015-12", "2015-12", "2015-12", "2015-12-01", "2015-12-31"),
        ("I'll go back 02/22/2016", "02/22/2016", "2016-02-22", "2016-02-22", "2016-02-22"),
        ("The range is from 2014 to 2018.", "from 2014 to 2018", "2014/2018", "2014-01-01", "2018-12-31"),
        ("Sales between 2014 and 2018 rose.", "between 2014 and 2018", "2014/2018", "2014-01-01", "2018-12-31"),
        ("Listen to 1990s music.", "1990s", "1990/1999", "1990-01-01", "1999-12-31"),
        ("APEC will happen in Korea Jan-Feb 2017.", "Jan-Feb 2017", "2017-01/2017-02", "2017-01-01", "2017-02-28"),
        (
            "The fair runs 18-19 November 2024.",
            "18-19 November 2024",
            "2024-11-18/2024-11-19",
            "2024-11-18",
            "2024-11-19",
        ),
        ("2019-H2 will bring challenges.", "2019-H2", "2019-07/2019-12", "2019-07-01", "2019-12-31"),
        ("I'll go back 23/Sep/2020.", "23/Sep/2020", "2020-09-23", "2020-09-23", "2020-09-23"),
        ("We met on 16. Nov. 2016.", "16. Nov. 2016", "2016-11-16", "2016-11-16", "2016-11-16"),
        ("Are you available on 2015.5.13?", "2015.5.13", "2015-05-13", "2015-05-13", "2015-05-13"),
        ("It was the fourth of July 1995.", "fourth of July 1995", "1995-07-04", "1995-07-04", "1995-07-04"),
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


def test_a_spelt_out_acronym_before_the_head_noun() -> None:
    # OCR wraps the phrase; the words before "(ICT)" spell the acronym out, "enterprises" is the head.
    text = "Harbour Hub brings together over 2 100\nhigh-quality information and communications technology\n(ICT) enterprises and talents."
    figure = only(text)
    assert (figure.value, figure.qualifier, figure.metric) == (2100, "over", "ict enterprises")
    assert figure.location.text.endswith("(ICT) enterprises")
    # An acronym after the head noun leaves the phrase as it is.
    assert only("The scheme helped 8,800 small and medium enterprises (SMEs).").metric == "small and medium enterprises"


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
    # A name the document defines is canonical in its long form (another document may not abbreviate it).
    assert "founding" in founding.flags and founding.entity == "Testland Widget Office"
    assert founding.metric == "founding"
    assert find(claims, "40 staff").entity == "Testland Widget Office"
    assert find(claims, "12 seats").entity is None


def test_fuzzy_entity_near_miss() -> None:
    claim = only("The Alpha Park Corporation hosts 300 firms.")
    assert claim.entity == "Alpha Parks Corporation"


def test_founding_subject_after_the_date() -> None:
    text = "The Hong Kong Widget Corporation (HKWC): Established in May 2001, the HKWC is a statutory body."
    claim = only(text)
    assert (claim.kind, claim.value, claim.entity) == ("date", "2001-05", "Hong Kong Widget Corporation")
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


# --- more forms ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value"),
    [
        ("A mouse can get through a 1/4 inch gap.", "1/4 inch", "quantity", 0.25),
        ("The door is 2 1/2 feet wide.", "2 1/2 feet", "quantity", 2.5),
        ("Add ½ cup of oil.", "½ cup", "quantity", 0.5),
        ("1/4 of the budget went to research.", "1/4", "percent", 25),
        ("Temperatures ranged down to -18 °C overnight.", "-18 °C", "quantity", -18),
        ("The answer is minus 5.", "minus 5", "count", -5),
        ("It moves at 1.3e6 metres.", "1.3e6 metres", "quantity", 1_300_000),
        ("A factor of 2.48×10−5 was found.", "2.48×10−5", "count", 0.0000248),
        ("The population is 3 million and a half.", "3 million and a half", "count", 3_500_000),
        ("It weighs five and a quarter tonnes.", "five and a quarter tonnes", "quantity", 5.25),
        ("The reading was nine point nought four.", "nine point nought four", "count", 9.04),
        ("Its GDP is $2.174T.", "$2.174T", "money", 2_174_000_000_000),
        ("Revenue was 10 bln units.", "10 bln units", "count", 10_000_000_000),
        ("The rate is .08 today.", ".08", "count", 0.08),
        ("The answer is twenty-three fifths.", "twenty-three fifths", "ratio", 4.6),
        ("It is one twenty-fifth.", "one twenty-fifth", "ratio", 0.04),
        ("The value was forty two and a third.", "forty two and a third", "count", 42 + 1 / 3),
        ("The number is five billion and three quarters.", "five billion and three quarters", "count", 5_750_000_000),
        ("They raised half a million.", "half a million", "count", 500_000),
        ("We ordered three hundred and two dozen eggs.", "three hundred and two dozen eggs", "count", 324),
        ("The reading was nought point eleven.", "nought point eleven", "count", 0.11),
    ],
)
def test_more_number_forms(sentence: str, text: str, kind: str, value: float) -> None:
    claim = find(claims_of(sentence), text)
    assert claim.location.text == text
    assert claim.kind == kind and claim.value == pytest.approx(value)


def test_malformed_and_lists() -> None:
    claim = only("The centre hosts 14,0000 workers.")
    assert claim.value == 140000 and "malformed" in claim.flags
    claims = claims_of("See exercises 22,24,26,31 today.")
    assert claims[0].value == 22 and "malformed" not in claims[0].flags


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("His score is less than or equal to 30 points.", "less than or equal to 30 points", "at_most"),
        ("Sales surpass 3000 units.", "surpass 3000 units", "over"),
        ("Find the numbers which are <= 100.", "<= 100", "at_most"),
        ("His score is 200 or greater.", "200 or greater", "at_least"),
    ],
)
def test_more_qualifiers(sentence: str, text: str, qualifier: str) -> None:
    claim = find(claims_of(sentence), text)
    assert claim.location.text == text and claim.qualifier == qualifier


def test_ten_and_fifteen_are_two_numbers() -> None:
    claims = claims_of("He scored ten and fifteen.")
    assert [c.value for c in claims] == [10, 15]


def test_two_years_with_and_are_two_years() -> None:
    claims = claims_of("The programmes were launched in 2020 and 2021 respectively.")
    assert [(c.kind, c.value) for c in claims] == [("year", 2020), ("year", 2021)]


def test_last_quarter_without_year_is_not_q4() -> None:
    assert claims_of("Sales for last quarter fell.") == []


def test_figure_only_document() -> None:
    assert [c.value for c in claims_of("1 234 567")] == [1234567]


def test_month_without_year_takes_the_document_date() -> None:
    text = "The academy was first introduced last October. A new centre was launched in January to serve."
    claims = [c for c in claims_of(text, date="2021-02-24") if c.kind == "date"]
    assert [(c.location.text, c.value) for c in claims] == [("October", "2020-10"), ("January", "2021-01")]
    assert claims_of("It may rise in may.") == []


def test_slogans_and_hotlines_are_not_figures() -> None:
    assert claims_of("Promote “one zone, two parks” under “one country, two systems”.") == []
    assert claims_of('It will expedite the "1 to N" transformation.') == []
    assert claims_of("Call our hotline on 2811 8898 for booking enquiries.") == []


def test_possessive_before_a_number_is_not_a_name() -> None:
    claim = only("HKSTP’s three key values drive growth.")
    assert (claim.value, claim.metric) == (3, "key values")


def test_article_ordinals_are_not_fractions() -> None:
    assert claims_of("He was a third party to it.") == []
    assert only("A third of the budget went to research.").value == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("I'll go back on black friday 2010.", "black friday 2010", "2010-11-26"),
        ("It opened on Christmas Day 2024.", "Christmas Day 2024", "2024-12-25"),
        ("monday, jan twenty two, 2018", "jan twenty two, 2018", "2018-01-22"),
        ("On 2016 10 16, the conference started.", "2016 10 16", "2016-10-16"),
        ("Is this a valid date? 12-2015", "12-2015", "2015-12"),
        ("I'll go back 05/05/89", "05/05/89", "1989-05-05"),
    ],
)
def test_more_date_forms(sentence: str, text: str, value: str) -> None:
    claim = find(claims_of(sentence), text)
    assert (claim.location.text, claim.kind, claim.value) == (text, "date", value)


def test_absurd_digit_runs_are_not_figures_and_never_crash() -> None:
    assert claims_of("Revenue was " + "9" * 400 + " in 2024.")[-1].value == 2024
    assert all(c.kind != "count" for c in claims_of("9" * 300))
    assert claims_of("It measured 2.5×10−999 units.")[0].value == 2.5


def test_identifiers_and_broken_dates_are_not_figures() -> None:
    claims = claims_of("Part number 24703 L-202 is out of stock.")
    assert claims and all(c.kind != "quantity" for c in claims)
    assert [c.kind for c in claims_of("Is this a valid date? 2015-32")] == []
    assert claims_of("Show me the second to last.") == []
