"""Attribution that generalises to corpora with no rule pack: period phrases, document-defined names,
phone numbers.  Real-world sentence shapes with positions asserted, negatives included; and an invented
corpus (tests/corpora/periods_kestrel/) checked end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.knowledge import Entity, Knowledge
from factcheck.model import Claim
from tests.attribution_support import corpus_findings, extracted, find, places

NO_PACK = Knowledge()
PACK = Knowledge(entities=(Entity("Alpha Parks Corporation", aliases=("APC", "Alpha Parks")),))


def claims_of(text: str, date: str | None = "2025-01-15", knowledge: Knowledge = NO_PACK) -> list[Claim]:
    return extracted(text, date, knowledge)


def figures(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.kind not in ("date", "year")]


# --- period phrases -------------------------------------------------------------------------------------------------

RIF = (
    "The Riverton Innovation Fund (RIF) approved 312 grants worth a combined US$84.6 million in 2024, "
    "bringing its total since launch in 2015 to 2,410 grants."
)


def test_period_phrase_after_the_figure_dates_its_clause_only() -> None:
    claims = claims_of(RIF)
    grants = find(claims, "312 grants")
    assert (grants.location.start, grants.as_of) == (44, "2024")
    assert "period-phrase" in grants.flags
    money = find(claims, "US$84.6 million")
    assert (money.location.start, money.as_of) == (72, "2024")
    # "bringing its total since launch in 2015 to 2,410 grants": another clause, and "since launch in 2015"
    # is the start of a span, not a period.
    total = find(claims, "2,410 grants")
    assert (total.location.start, total.as_of) == (140, "2025-01-15")
    assert "period-phrase" not in total.flags


@pytest.mark.parametrize(
    ("sentence", "figure", "start", "as_of"),
    [
        ("In the fourth quarter of 2024 alone, RIF approved 97 grants.", "97 grants", 50, "2024-10/2024-12"),
        ("In Q3 2025 the bank signed 4 deals.", "4 deals", 27, "2025-07/2025-09"),
        ("In the first half of 2025 we signed 5 deals.", "5 deals", 36, "2025-01/2025-06"),
        ("In 2023-24 the council approved 6 schemes.", "6 schemes", 32, "2023-04/2024-03"),
        ("For the year 2024 the port handled 7 million tonnes.", "7 million tonnes", 35, "2024"),
        ("During 2023 the clinic treated 8,100 patients.", "8,100 patients", 31, "2023"),
        ("In March 2024 the shelter housed 10 families.", "10 families", 33, "2024-03"),
        ("Last year the library lent 9,000 books.", "9,000 books", 27, "2024"),
        # "start-ups" is no event ("started in")
        ("The campus admitted 148 start-ups in 2024.", "148 start-ups", 20, "2024"),
        ("The library lent 9,500 books this year.", "9,500 books", 17, "2025"),
    ],
)
def test_period_phrases(sentence: str, figure: str, start: int, as_of: str) -> None:
    claim = find(claims_of(sentence), figure)
    assert (claim.location.start, claim.as_of) == (start, as_of)
    assert "period-phrase" in claim.flags


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # a founding year governs nothing else
        ("The Harbourside Digital Quarter (HDQ), established in 2008, hosts 640 companies.", "640 companies"),
        ("The Fund, launched in 2014, has backed 2,400 firms.", "2,400 firms"),
        # a range in a relative clause about a person
        (
            "Dr Maria Okafor, who chaired the Fund from 2016 to 2023, said it backed nearly 2,400 firms.",
            "nearly 2,400 firms",
        ),
        # a comparison base, not a period
        ("The average grant rose to US$271,000, up 8 per cent on last year.", "8 per cent"),
        # the start of a cumulative span
        ("Since 2018, HDQ has invested £48 million in laboratory space.", "£48 million"),
        # an event's day is not a span a figure counts over
        ("On 3 May 2024 the hall seated 900 guests.", "900 guests"),
        # "since its opening in 2015" starts a span
        ("The Fund has approved 2,600 grants since its opening in 2015.", "2,600 grants"),
        # a relative clause's period stays in it
        ("The Fund, which approved 40 loans in 2023, employs 12 staff.", "12 staff"),
        # a date as a modifier
        ("The Fund invested £48 million in 2023 prices.", "£48 million"),
        # another clause after a semicolon
        ("In 2024, RIF approved 312 grants; since launch it has approved 2,410 grants.", "2,410 grants"),
    ],
)
def test_not_period_phrases(sentence: str, figure: str) -> None:
    claim = find(claims_of(sentence), figure)
    assert claim.as_of == "2025-01-15" and "period-phrase" not in claim.flags


def test_each_clause_takes_its_own_period() -> None:
    claims = claims_of("RIF approved 312 grants in 2024, up from 280 in 2023.")
    assert [(c.location.text, c.location.start, c.as_of) for c in figures(claims)] == [
        ("312 grants", 13, "2024"),
        ("280", 41, "2023"),
    ]
    loans = find(claims_of("The Fund, which approved 40 loans in 2023, employs 12 staff."), "40 loans")
    assert (loans.location.start, loans.as_of) == (25, "2023")


def test_a_year_earlier_shifts_the_date_back() -> None:
    text = (
        "As at 31 March 2024, the Quarter hosted around 700 technology companies, "
        "up from 640 technology companies a year earlier."
    )
    earlier = find(claims_of(text), "640 technology companies")
    assert (earlier.location.start, earlier.as_of) == (81, "2023-03-31")
    assert find(claims_of(text), "around 700 technology companies").as_of == "2024-03-31"
    grants = find(claims_of("In 2024 RIF approved 312 grants against 280 grants a year before."), "280 grants")
    assert (grants.location.start, grants.as_of) == (40, "2023")


def test_as_of_phrase_wins_over_period_phrase() -> None:
    claim = find(claims_of("As of May 2025, the Fund had approved 2,600 grants in 2024 and 2025."), "2,600 grants")
    assert (claim.location.start, claim.as_of) == (38, "2025-05")
    assert "as-of-phrase" in claim.flags and "period-phrase" not in claim.flags


def test_relative_year_needs_a_document_date() -> None:
    claim = find(claims_of("Last year the library lent 9,000 books.", date=None), "9,000 books")
    assert claim.as_of is None and "period-phrase" not in claim.flags


# --- document-defined names -----------------------------------------------------------------------------------------


def test_defined_abbreviation_takes_the_long_name() -> None:
    claims = claims_of(RIF + " In the fourth quarter of 2024 alone, RIF approved 97 grants.")
    assert {claim.entity for claim in figures(claims)} == {"Riverton Innovation Fund"}
    assert find(claims, "97 grants").location.start == 204


def test_head_noun_refers_to_the_long_name_the_document_uses() -> None:
    text = (
        "The Riverton Innovation Fund, launched in 2014, celebrates its 10th anniversary this year. "
        "In 2024 the Fund approved 321 grants worth US$84.6 million."
    )
    claims = claims_of(text, date="2025-06-30")
    grants = find(claims, "321 grants")
    assert (grants.location.start, grants.entity, grants.as_of) == (117, "Riverton Innovation Fund", "2024")


def test_possessive_is_stripped_and_resolved() -> None:
    text = "The Harbourside Digital Quarter hosts 700 companies. The Quarter's site area is 12 hectares."
    area = find(claims_of(text), "12 hectares")
    assert (area.location.start, area.entity) == (80, "Harbourside Digital Quarter")
    board = find(claims_of("Fund news. The Fund's board met 11 times in 2024."), "11 times")
    assert board.entity == "Fund"
    # before the document names it in full, the head noun still means the one long name it later uses
    text = "The Fund's board met 11 times. The Riverton Innovation Fund approved 40 grants, the Fund said."
    board = find(claims_of(text), "11 times")
    assert (board.location.start, board.entity) == (21, "Riverton Innovation Fund")


def test_head_noun_of_a_longer_name_is_no_anaphor() -> None:
    # "the Data Technology Hub" is not "Data Technology", however often "the Technology ..." appears.
    text = "The Data Technology Hub opened. The Technology Fund paid. The Hub hosts 40 start-ups."
    claim = find(claims_of(text), "40 start-ups")
    assert claim.entity == "Data Technology Hub"


def test_undefined_abbreviation_spelt_by_a_long_name_of_the_document() -> None:
    text = (
        "As at 31 March 2024, the Harbourside Digital Quarter hosted around 700 technology companies.\n\n"
        "HDQ was founded in 2008 and employs 10,200 people."
    )
    claims = claims_of(text, date="2024-06-18")
    founding = find(claims, "2008")
    assert (founding.location.start, founding.entity) == (113, "Harbourside Digital Quarter")
    assert "founding" in founding.flags
    # Two letters are too few to tell a name from a word: "IT" is no "Innovation and Technology".
    claim = find(claims_of("The Innovation and Technology Bureau said IT spending was 31%."), "31%")
    assert claim.entity != "Innovation and Technology"


def test_founding_subject_before_the_participle() -> None:
    text = "The Harbourside Digital Quarter hosts 1,900 firms. The Quarter, set up in 2006, is home to 40 labs."
    founding = find(claims_of(text), "2006")
    assert (founding.location.start, founding.entity) == (74, "Harbourside Digital Quarter")
    assert "founding" in founding.flags


def test_two_joined_names_are_not_one() -> None:
    text = "The HKSAR and Mainland teams met. The Mainland sent 30 experts."
    assert find(claims_of(text), "30 experts").entity != "HKSAR and Mainland"


def test_pack_entities_keep_their_canonical_names() -> None:
    text = "Alpha Parks Corporation (APC) runs the parks. The APC hosts over 1,000 firms."
    assert find(claims_of(text, knowledge=PACK), "over 1,000 firms").entity == "Alpha Parks Corporation"


# --- metrics --------------------------------------------------------------------------------------------------------


def test_verb_before_an_object_ends_the_metric() -> None:
    claims = claims_of("The 12-hectare campus welcomed 3 new anchor tenants.")
    area, tenants = find(claims, "12-hectare"), find(claims, "3 new anchor tenants")
    assert (area.location.start, area.metric) == (4, "campus")
    assert (tenants.location.start, tenants.metric) == (31, "anchor tenants")
    assert find(claims_of("The 22-hectare park hosts 300 firms."), "22-hectare").metric == "park"
    # a plural noun before an article is no verb
    text = "The park hosts 640 technology companies a year after opening."
    assert find(claims_of(text), "640 technology companies").metric == "technology companies"


def test_year_on_year_is_no_metric() -> None:
    claim = find(claims_of("The average grant was US$271,000, up 8 per cent year on year."), "8 per cent")
    assert (claim.location.start, claim.metric) == (37, None)


# --- phone numbers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "For enquiries, call 01224 555 0199 or visit the office.",
        "Contact: +1 (555) 010-2345, grants@rif.example.org.",
        "For tours, call +44 (0)1382 555 0148 today.",
        "Call us on 555 0199 123 for details.",
        "Dial 020 7946 0958 for the switchboard.",
    ],
)
def test_phone_numbers_are_not_figures(sentence: str) -> None:
    assert claims_of(sentence) == []


def test_leading_zero_and_phone_negatives() -> None:
    claims = claims_of("Rates rose 0.5 per cent from 09:00 and the city has 1 050 000 residents, up +5% (2023).")
    found = [(claim.location.text, claim.location.start) for claim in claims]
    assert found == [("0.5 per cent", 11), ("1 050 000 residents", 52), ("5%", 77), ("2023", 81)]
    contacted = find(claims_of("The team will contact 200 000 firms."), "200 000 firms")
    assert contacted.value == 200000


# --- an invented corpus, end to end ---------------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parent / "corpora" / "periods_kestrel"
PLANTED = {
    # 148 vs 184 start-ups admitted in 2024 (a long name with its abbreviation vs "the Campus")
    ("figure-conflict", "2025-05-20-note.md", 9, 29, "184 start-ups"),
    # 530 vs 350 resident companies as at 31 December 2024
    ("figure-conflict", "2025-03-03-update.txt", 3, 78, "350 resident companies"),
    # established in 2012 vs founded in 2011
    ("figure-conflict", "2025-05-20-note.md", 7, 12, "2011"),
}


def test_corpus_findings_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The planted conflicts and nothing else at warning or above: no phone number, no abbreviation-vs-long-name
    split, no subset-vs-whole finding, and the quarter's figure ("41 start-ups in the third quarter") is not
    compared with the year's (a figure over a span meets only figures over the same span)."""
    assert places(corpus_findings(CORPUS, tmp_path, monkeypatch)) == PLANTED
