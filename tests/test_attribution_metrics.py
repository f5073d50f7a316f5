"""The metric and entity a reader sees in three common press-release forms, with no rule pack:

- a figure that is the complement of its clause's subject: "Revenue rose to $52 million" -> metric "revenue",
  "The park's site area is 12 hectares" -> metric "site area", the possessor as entity;
- a comparison base: "800 companies, up from 640 a year earlier" -> "640" measures companies too (only when its
  date differs from its figure's: two values of one date are not two facts);
- "the park" for the one park the document names ("Northgate Park"); two parks -> neither.

Real sentence shapes with positions asserted, negatives included; and an invented corpus
(tests/corpora/metrics_northgate/) checked end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import document_from_text
from factcheck.model import Claim
from tests.attribution_support import corpus_findings, extracted, find, places

NO_PACK = Knowledge()


def claims_of(text: str, date: str | None = "2024-06-30") -> list[Claim]:
    return extracted(text, date, NO_PACK)


def fields(claim: Claim) -> tuple[int, str | None, str | None, str | None]:
    return claim.location.start, claim.entity, claim.metric, claim.as_of


# --- the subject of the clause ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "start", "metric"),
    [
        ("Revenue rose to $52 million.", "$52 million", 16, "revenue"),
        ("Its workforce grew to 1,200.", "1,200", 22, "workforce"),
        ("Exports totalled $3.1 billion in 2023.", "$3.1 billion", 17, "exports"),
        ("Turnover reached a record $80 million.", "$80 million", 26, "turnover"),
        ("The site area is 12 hectares.", "12 hectares", 17, "site area"),
        ("The vacancy rate fell to 3.5% last year.", "3.5%", 25, "vacancy rate"),
        ("Revenue in 2022 was $47 million.", "$47 million", 20, "revenue"),
        ("Revenue rose 10% to $52 million.", "$52 million", 20, "revenue"),
        ("Operating profit has risen to $8 million.", "$8 million", 30, "operating profit"),
        # a clause after a comma or "and" has its own subject
        (
            "In 2023, revenue was $52 million, and operating profit was $8 million.",
            "$8 million",
            59,
            "operating profit",
        ),
    ],
)
def test_the_subject_is_the_metric(sentence: str, figure: str, start: int, metric: str) -> None:
    claim = find(claims_of(sentence), figure)
    assert (claim.location.start, claim.metric) == (start, metric)


def test_the_possessor_is_the_entity() -> None:
    text = "The Kestrel Innovation Fund (the Fund) backs start-ups. The Fund's size was $200 million."
    claim = find(claims_of(text), "$200 million")
    assert fields(claim) == (76, "Kestrel Innovation Fund", "size", "2024-06-30")
    text = "Northgate Park hosted 800 companies. The park's site area is 12 hectares."
    assert fields(find(claims_of(text), "12 hectares")) == (61, "Northgate Park", "site area", "2024-06-30")


def test_a_possessor_that_names_no_entity_is_no_main_subject() -> None:
    # the document is about Northgate Park, but the campus's revenue is not the park's
    text = "Northgate Park hosted 800 companies. Northgate Park grew. The campus's revenue was $30 million."
    claim = find(claims_of(text), "$30 million")
    assert fields(claim) == (83, None, "revenue", "2024-06-30")


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # a name, not a metric
        ("Cyberport is 24 hectares.", "24 hectares"),
        # a vague subject says nothing about what is measured
        ("The total was $5 million.", "$5 million"),
        ("The figure was 12%.", "12%"),
        # a pronoun
        ("It was $5 million.", "$5 million"),
        # the head is hidden behind a prepositional phrase: leave it
        ("Rents in the park rose to $50.", "$50"),
        # a rise, not a level
        ("Revenue rose 8%.", "8%"),
        ("Revenue rose by $5 million.", "$5 million"),
    ],
)
def test_not_a_subject_metric(sentence: str, figure: str) -> None:
    assert find(claims_of(sentence), figure).metric is None


def test_a_metric_after_the_figure_still_wins() -> None:
    # the noun after the figure says what is counted; the report's subject is not the metric
    claim = find(claims_of("The report is 40 pages long."), "40 pages")
    assert (claim.location.start, claim.metric) == (14, "pages")


def test_a_part_of_an_area_takes_its_own_noun() -> None:
    claims = claims_of("The site area is 12 hectares, of which 3 hectares are green space.")
    whole, part = find(claims, "12 hectares"), find(claims, "3 hectares")
    assert (whole.location.start, whole.metric, whole.part_of) == (17, "site area", None)
    assert (part.location.start, part.metric, part.part_of) == (39, "green space", whole.id)


# --- comparison bases ------------------------------------------------------------------------------------------------


def test_a_base_a_year_earlier_shares_the_metric_and_entity() -> None:
    text = "Northgate Park hosted 800 companies, up from 640 a year earlier."
    claims = claims_of(text)
    assert fields(find(claims, "800 companies")) == (22, "Northgate Park", "companies", "2024-06-30")
    assert fields(find(claims, "640")) == (45, "Northgate Park", "companies", "2023-06-30")


def test_a_base_with_its_own_period_shares_the_metric() -> None:
    claims = claims_of("Revenue rose to $52 million in 2023, compared with $47 million in 2022.")
    assert fields(find(claims, "$52 million")) == (16, None, "revenue", "2023")
    assert fields(find(claims, "$47 million")) == (51, None, "revenue", "2022")
    claims = claims_of("Revenue rose from $47 million in 2022 to $52 million in 2023.")
    assert fields(find(claims, "$47 million")) == (18, None, "revenue", "2022")
    assert fields(find(claims, "$52 million")) == (41, None, "revenue", "2023")
    claims = claims_of("Northgate Park hosted 800 companies in 2024 vs. 640 in 2023.")
    assert fields(find(claims, "640")) == (48, "Northgate Park", "companies", "2023")
    claims = claims_of("Its workforce grew to 6,100 in 2023, up from 5,400 in 2022.")
    assert fields(find(claims, "5,400")) == (45, None, "workforce", "2022")


def test_a_prior_year_in_brackets_is_a_base_of_that_year() -> None:
    claims = claims_of("Sales were $9 million in 2023 (2022: $7 million).")
    assert fields(find(claims, "$9 million")) == (11, None, "sales", "2023")
    prior = find(claims, "$7 million")
    assert fields(prior) == (37, None, "sales", "2022")
    assert "period-phrase" in prior.flags
    # a bracket with no year is no prior period (and the word before the bracket belongs to the first figure)
    aside = find(claims_of("Sales were $9 million (about $7 million)."), "about $7 million")
    assert fields(aside) == (23, None, None, "2024-06-30")


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # one date for both: two values of one fact; a shared metric would make them conflict
        ("Northgate Park hosted 800 companies versus 700.", "700"),
        ("Northgate Park hosted 800 companies, against 750 at launch.", "750"),
        # a base of another kind
        ("Northgate Park hosted 800 companies, up from 12% a year earlier.", "12%"),
    ],
)
def test_not_a_comparison_base(sentence: str, figure: str) -> None:
    assert find(claims_of(sentence), figure).metric is None


# --- "the park" -----------------------------------------------------------------------------------------------------


def test_the_head_noun_refers_to_the_one_name_with_it() -> None:
    text = "Northgate Park now hosts over 790 companies. The park occupies 12 hectares."
    area = find(claims_of(text), "12 hectares")
    assert (area.location.start, area.entity) == (63, "Northgate Park")
    # "Bank of Ashford": the head is the word before "of"
    text = "The Bank of Ashford opened in 1921. Last year the bank lent $40 million."
    assert find(claims_of(text), "$40 million").entity == "Bank of Ashford"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # two parks: "the park" is neither
        ("Northgate Park and Eastgate Park opened. The park hosts 40 firms.", "40 firms"),
        ("Northgate Park opened. Eastgate Park followed. The park hosts 40 firms.", "40 firms"),
        # an abstract head is no reference to a name ("Social Development")
        ("Economic and Social Development matters. The development cost $40 million.", "$40 million"),
        # a time word
        ("The Harbour Quarter grew. In the quarter, sales were $40 million.", "$40 million"),
    ],
)
def test_no_head_noun_reference(text: str, figure: str) -> None:
    assert find(claims_of(text), figure).entity is None


# --- an invented corpus, end to end ---------------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parent / "corpora" / "metrics_northgate"
#: Revenue for 2023: $52 million in the review, $55 million in the factsheet ("Revenue rose to" and "The park's
#: revenue rose to": two documents, one fact).  Not findings: 800 companies now vs 640 a year earlier vs over 790
#: in September; $47 million for 2022 in both ("compared with $47 million in 2022" and "Revenue in 2022 was $47
#: million"); 12 hectares and its 3 hectares of green space; 20 hectares of "the park" in the note naming two
#: parks (neither); the workforce's 6,100 in 2023 up from 5,400 in 2022.
PLANTED = {("figure-conflict", "2024-09-15-factsheet.md", 9, 28, "$55 million")}


def test_corpus_findings_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert places(corpus_findings(CORPUS, tmp_path, monkeypatch)) == PLANTED


def test_corpus_claims() -> None:
    """The fields the new attribution gives, with positions, in the review."""
    text = (CORPUS / "2024-06-30-review.txt").read_text(encoding="utf-8")
    document = document_from_text(text, "review.txt")
    claims = {claim.location.text: claim for claim in extract_document(document, NO_PACK)}
    got = {key: fields(claims[key]) for key in ("800 companies", "640", "$52 million", "$47 million", "12 hectares")}
    assert got == {
        "800 companies": (76, "Northgate Park", "companies", "2024-06-30"),
        "640": (99, "Northgate Park", "companies", "2023-06-30"),
        "$52 million": (136, "Northgate Park", "revenue", "2023"),
        "$47 million": (171, "Northgate Park", "revenue", "2022"),
        "12 hectares": (217, "Northgate Park", "site area", "2024-06-30"),
    }
    assert text.index("800 companies") == 76 and text.index("$47 million") == 171
