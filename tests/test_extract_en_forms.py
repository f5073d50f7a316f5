"""English number forms beyond plain digits: powers, Indian and continental grouping, lists of numbers,
fractions read out, numbers that go on after a scale or currency word, ISO codes written other ways, and
comparison symbols.  Each form has real sentences with positions asserted, and negatives that look alike
(phone numbers, hex and identifiers, code, numbered clauses, versions, times, arrows).
"""

from __future__ import annotations

import pytest

from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim


def claims_of(text: str) -> list[Claim]:
    document = document_from_text(text, "t.txt", meta=DocumentMeta(lang="en"))
    claims = list(extract_document(document, Knowledge()))
    for claim in claims:
        assert claim.location.text == text[claim.location.start : claim.location.end]
    return claims


def claim_at(text: str, surface: str) -> Claim:
    start = text.index(surface)
    claims = [c for c in claims_of(text) if c.location.start == start]
    assert claims, f"no claim at {surface!r} in {text!r}: {[c.location.text for c in claims_of(text)]}"
    claim = claims[0]
    assert claim.location.text == surface
    assert (claim.location.start, claim.location.end) == (start, start + len(surface))
    return claim


@pytest.mark.parametrize(
    ("sentence", "surface", "kind", "value", "qualifier", "currency"),
    [
        # powers with a caret (and the e / x10^ forms next to them)
        ("The new chip is 10^3 times faster than the old one.", "10^3 times", "count", 1000, "exact", None),
        ("Compounded, the factor is 1.1^23 after 23 years.", "1.1^23", "count", 8.95430243255239, "exact", None),
        ("The damping term is -2.5^-1 in this model.", "-2.5^-1", "count", -0.4, "exact", None),
        ("An unsigned 32-bit counter wraps after 2^32 ticks.", "2^32 ticks", "count", 4294967296, "exact", None),
        ("The sample held 1e5 cells.", "1e5 cells", "count", 100000, "exact", None),
        ("It reached 6.23x10^-4.", "6.23x10^-4", "count", 0.000623, "exact", None),
        # Indian grouping, lakh and crore
        ("The scheme pays a grant of 1,00,000 rupees per start-up.", "1,00,000 rupees", "money", 100000, "exact", "INR"),
        ("The loan of Rs 12,34,567 was repaid in 2023.", "Rs 12,34,567", "money", 1234567, "exact", "INR"),
        ("The fund raised ₹5,00,000 from alumni.", "₹5,00,000", "money", 500000, "exact", "INR"),
        ("The state set aside 5 lakh for the library.", "5 lakh", "count", 500000, "exact", None),
        ("Exports reached ₹2 lakh crore last year.", "₹2 lakh crore", "money", 2e12, "exact", "INR"),
        ("I count 6 crore and two hundred voters.", "6 crore and two hundred voters", "count", 60000200, "exact", None),
        # continental notation, only when unambiguous
        ("Revenue was €1.234.567,89 in the German filing.", "€1.234.567,89", "money", 1234567.89, "exact", "EUR"),
        ("The invoice shows 1.111,11 in the total column.", "1.111,11", "count", 1111.11, "exact", None),
        # lists of numbers written without spaces
        ("Do exercises nrs. 22,24,26,31 for Monday.", "24", "count", 24, "exact", None),
        ("Do exercises nrs. 22,24,26,31 for Monday.", "31", "count", 31, "exact", None),
        # a decimal and a short scale
        ("The group closed a 1.2b deal.", "1.2b deal", "count", 1.2e9, "exact", None),
        # a fraction read out
        ("The odds are one over 3.", "one over 3", "ratio", 1 / 3, "exact", None),
        ("The answer is negative one over 20.", "negative one over 20", "ratio", -0.05, "exact", None),
        ("The chance is 1 over twenty-one.", "1 over twenty-one", "ratio", 1 / 21, "exact", None),
        # a number that goes on after its scale word
        ("I can give you 3 hundred and 21 yuan.", "3 hundred and 21 yuan", "money", 321, "exact", "CNY"),
        ("3 hundred and one is a valid number.", "3 hundred and one", "count", 301, "exact", None),
        # dollars and cents
        ("It costs only 15 dollars 50.", "15 dollars 50", "money", 15.5, "exact", None),
        ("It costs only 15 dollars and 15.", "15 dollars and 15", "money", 15.15, "exact", None),
        ("The ticket is 5 dollars 50 cents each.", "5 dollars 50 cents", "money", 5.5, "exact", None),
        ("He paid thirteen dollars and forty-five cents.", "thirteen dollars and forty-five cents", "money", 13.45,
         "exact", None),
        # ISO codes written other ways
        ("The fee is nzd$15 a month.", "nzd$15", "money", 15, "exact", "NZD"),
        ("The fee is NZD$15 a month.", "NZD$15", "money", 15, "exact", "NZD"),
        ("A round of usd$2.5m closed.", "usd$2.5m", "money", 2.5e6, "exact", "USD"),
        ("Refers to 48.5 MGBP purchase price already paid.", "48.5 MGBP", "money", 48.5e6, "exact", "GBP"),
        ("The budget is 500 kEUR for 2025.", "500 kEUR", "money", 500000, "exact", "EUR"),
        # a measurement in two units, a dozen as a scale, half a dozen, a hyphenated denomination
        ("The baby weighed 7 lb 3 oz at birth.", "7 lb 3 oz", "quantity", 7.1875, "exact", None),
        ("The wall is 6 feet 4 inches high.", "6 feet 4 inches", "quantity", 6 + 4 / 12, "exact", None),
        ("We sold 2 dozen eggs.", "2 dozen eggs", "count", 24, "exact", None),
        ("We sold half a dozen eggs.", "half a dozen eggs", "count", 6, "exact", None),
        ("He found a one-yen coin.", "one-yen", "money", 1, "exact", "JPY"),
        ("The chain raised 1 million 200 thousand dollars.", "1 million 200 thousand dollars", "money", 1_200_000,
         "exact", None),
        ("It is 2.33 k.", "2.33 k", "count", 2330, "exact", None),
        ("The app has 1.5M users.", "1.5M users", "count", 1_500_000, "exact", None),
        ("Tickets cost R$20 in Sao Paulo.", "R$20", "money", 20, "exact", "BRL"),
        ("Tickets cost mxn$ 15 in Mexico City.", "mxn$ 15", "money", 15, "exact", "MXN"),
        # units written short, attached or spaced
        ("The channel is 3nm wide.", "3nm", "quantity", 3, "exact", None),
        ("Pour 100 cl of water.", "100 cl", "quantity", 100, "exact", None),
        ("Each tablet has 120 μg of iodine.", "120 μg", "quantity", 120, "exact", None),
        ("A 2.4 GHz radio is enough.", "2.4 GHz", "quantity", 2.4, "exact", None),
        # shares and fractions of a number
        ("Three out of 4 companies agreed.", "Three out of 4", "percent", 75, "exact", None),
        ("Nine out of ten residents support the plan.", "Nine out of ten", "percent", 90, "exact", None),
        ("The city has two thirds of a million homes.", "two thirds of a million homes", "count", 2e6 / 3, "exact",
         None),
        ("It cost a quarter of a billion dollars.", "a quarter of a billion dollars", "money", 2.5e8, "exact", None),
        # comparison symbols
        ("The batch size is =<30.", "=<30", "count", 30, "at_most", None),
        ("The reading is <-30 at night.", "<-30", "count", -30, "under", None),
    ],
)  # fmt: skip
def test_form(sentence: str, surface: str, kind: str, value: float, qualifier: str, currency: str | None) -> None:
    claim = claim_at(sentence, surface)
    assert claim.kind == kind
    assert isinstance(claim.value, (int, float))
    assert claim.value == pytest.approx(value, rel=1e-6)
    assert claim.qualifier == qualifier
    assert claim.currency == currency


def test_list_items_each_a_figure() -> None:
    text = "Do exercises nrs. 22,24,26,31 for Monday."
    found = [(c.location.start, c.location.end, c.value) for c in claims_of(text)]
    assert found == [(18, 20, 22), (21, 23, 24), (24, 26, 26), (27, 29, 31)]


def test_rounding_of_regrouped_numbers() -> None:
    claim = claim_at("The scheme pays a grant of 1,00,000 rupees per start-up.", "1,00,000 rupees")
    assert (claim.lower, claim.upper) == (95000, 105000)  # "1,00,000" rounds like "100,000"
    claim = claim_at("Revenue was €1.234.567,89 in the German filing.", "€1.234.567,89")
    assert claim.lower == pytest.approx(1234567.885) and claim.upper == pytest.approx(1234567.895)


def test_arrow_is_not_a_bound() -> None:
    claim = claim_at("Step two =>30 units in the queue.", "30 units")
    assert claim.qualifier == "exact" and claim.value == 30


@pytest.mark.parametrize(
    "sentence",
    [
        "Tel: +91 98765 43210",  # an Indian mobile number, not 98,765 and 43,210
        "Call +91 22 2345 6789 for the Mumbai office.",
        "The colour code 0x1e5 is used in the stylesheet.",  # hex, not 100000
        "Set the key to A1e5 in the config.",  # an identifier
        "In the formula x^2 + y^2, each term is squared.",  # code / algebra
        "See section 1.2b of the agreement.",  # a numbered clause, not 1.2 billion
        "Read clause 3.4b(ii) before signing.",
        "Upgrade to Python 3.11 before the release.",  # a version
        "Python 3.12b1 is out.",
        "If the result is <> 0 the job failed.",  # not equal: no figure to check
        "The loop ends when count != 5 holds.",
        "The meeting starts at 10:30 am.",  # a time
        "1. Introduction",  # list numbering
    ],
)
def test_no_figure(sentence: str) -> None:
    assert [c.location.text for c in claims_of(sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "over" is a qualifier when the denominator does not end the clause
        ("The firm 3M Company hired staff.", []),  # a name, not 3 million
        ("He sent 5 DM today.", [("5 DM", 5, "exact")]),  # no decimetres in capitals
        ("We got 5 out of it.", [("5", 5, "exact")]),
        ("His score is 200 or greater than 190.", [("200", 200, "exact"), ("greater than 190", 190, "over")]),
        ("He is 5 ft 2 in the yard.", [("5 ft", 5, "exact"), ("2", 2, "exact")]),
        ("It had 2 million 300 million", [("2 million", 2_000_000, "exact"), ("300 million", 300_000_000, "exact")]),
        ("The board met 3 times over 2 days.", [("3 times", 3, "exact"), ("over 2 days", 2, "over")]),
        # "and" after million starts another figure; a range keeps its "and"
        ("It had 2 million and 500 staff.", [("2 million", 2_000_000, "exact"), ("500 staff", 500, "exact")]),
        ("Prices are between 10 dollars and 20.", [("between 10 dollars and 20", 15, "range")]),
        ("It costs 15 dollars and 20 people came.", [("15 dollars", 15, "exact"), ("20 people", 20, "exact")]),
        ("It sold 2 thousand and 5 years later it failed.", [("2 thousand", 2000, "exact"), ("5 years", 5, "exact")]),
        # "5,00" and "22,24" stay ambiguous: only the first number is read
        ("the pair 22,24 was late.", [("22", 22, "exact")]),
        # a thousands grouping is no list
        ("see pages 3,5,7 and 1,234,567 people", [("3", 3, "exact"), ("5", 5, "exact"), ("7", 7, "exact"),
                                                  ("1,234,567 people", 1234567, "exact")]),
    ],
)  # fmt: skip
def test_look_alikes(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    found = [(c.location.text, c.value, c.qualifier) for c in claims_of(sentence)]
    assert found == expected
