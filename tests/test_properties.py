"""Property tests: any text, in any format, loads and extracts without an exception (issue 9, item 1).

Invariants checked on every example (:func:`check_invariants`):
- no exception escapes ``document_from_text`` or ``extract_document``;
- the masked text has the length of the original (offsets never shift);
- every claim's ``text == original[start:end]``, with ``0 <= start <= end <= len``;
- a claim's line/column is the position of its offsets, and positions round-trip to offsets;
- claim ids are ``path#1..n`` in document order; ``part_of`` points at a claim of the document;
- language segments are ordered, disjoint and inside the text.

Examples are bounded (``max_examples`` below) so the suite stays fast; the longer
run is ``benchmarks/fuzz.py`` (same strategies and invariants).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract import extract_document
from factcheck.knowledge import Entity, Knowledge, Metric
from factcheck.load import document_from_text
from factcheck.model import Claim, Document
from tests.test_robustness_adversarial import ADVERSARIAL, KNOWN_SLOW, adversarial_line

FORMATS = ("text", "markdown", "html")

#: Entities and metrics so that attribution code paths run too (data, like a rule pack).
KNOWLEDGE = Knowledge(
    entities=(Entity("Hong Kong Science Park", ("Science Park", "HKSTP", "科學園")),),
    metrics=(Metric("companies", ("companies", "tech companies", "公司"), ("家",)),),
    default_currency="HKD",
)

#: Fragments that have broken number and markup parsers before.
TRICKY = (
    "$$$$",
    "$ $ $ $",
    "HK$",
    "HK$ million",
    "US$1,000,000.00",
    "1,1,1,1,1,1,1,1",
    "9 9 9 9 9 9",
    "1.2.3.4.5",
    "25thth",
    "14,0000",
    "$1,25.6",
    "around 900",
    "over 2,000, of which more than 1,500",
    "40%%",
    "%",
    "-12.5%",
    "1e308",
    "0x1F",
    "½ ¾ ⅞",
    "Ⅻ",
    "１２，３４５",
    "二十周年",
    "成立於2001年",
    "約900家公司",
    "2024年13月45日",
    "end-2024",
    "first quarter of 2025",
    "2024-02-30",
    "20th anniversary",
    "bilion milion",
    "XX TBC ___",
    "\u202e1,000\u202c",
    "\u200f٣٤٥ مليون\u200f",
    "שקל 45,000",
    "\u200b12\u200b000",
    "\u00a0HK$\u00a012",
    "\ufeff",
    "\u0301\u0301\u0301",
    "👍🏽12",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x0b\x0c",
    "\x1c\x1d\x1e",
    "\x85",
    "\u2028\u2029",
    "```python\n",
    "~~~",
    "<!-- ",
    "-->",
    "[link](http://example.com/2024 ",
    "](",
    "![",
    "`12`",
    "**over 900",
    "---\n",
    "---\ndate: 2024-13-45\n---\n",
    "    indented 12 code\n",
    "| 12 | 13 |\n|---|---|\n",
    "<div>",
    "</p>",
    "<script>",
    "<!DOCTYPE html>",
    "&amp;",
    "&#x1F600;",
    "&#99999999;",
    "&nbsp;12",
    "<a href='2024'>",
    "<",
    ">",
    "HONG KONG, 24 February 2021 - ",
    "Hong Kong Science Park",
    "tech companies",
)

WORDS = st.sampled_from(
    ("the", "park", "companies", "in", "of", "about", "over", "million", "billion", "hectares", ". ", "\n", " ")
)
# Numbers with thousands of digits (issue 9); the repeats stay short enough for the suite's time, and the
# megabyte-long runs are test_robustness_adversarial.py's.
MAX_DIGITS = 3000
MAX_REPEATS = 200
DIGIT_RUNS = st.integers(min_value=1, max_value=MAX_DIGITS).map(lambda count: "9" * count)
BIG_NUMBERS = st.integers(min_value=0, max_value=10 ** (MAX_DIGITS - 1)).map(lambda number: f"{number:,}")
REPEATS = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(("1,", "$", " $", "9 ", ",", ".", "0", "%", "HK$1", "年", "-", "—", "<b>", "[", "`", "*")),
    st.integers(min_value=1, max_value=MAX_REPEATS),
)
NESTED_HTML = st.builds(
    lambda tag, depth, inner, close: f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if close else ""),
    st.sampled_from(("div", "p", "span", "b", "table><tr><td")),
    st.integers(min_value=1, max_value=400),
    st.sampled_from(("over 1,000 companies", "12%", "HK$3.5 billion", "")),
    st.booleans(),
)
PIECES = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.text(alphabet="0123456789,.$%  -\n", max_size=80),
    st.sampled_from(TRICKY),
    WORDS,
    DIGIT_RUNS,
    BIG_NUMBERS,
    REPEATS,
    NESTED_HTML,
)
# Pieces are joined by a space: glued together, runs of punctuation grow into one long token, which is a
# known super-linear case of spaCy's tokenizer (KNOWN_SLOW) rather than something to find again at random.
DOCUMENTS = st.lists(PIECES, max_size=25).map(" ".join)


def check_invariants(text: str, fmt: str, knowledge: Knowledge = KNOWLEDGE) -> tuple[Document, tuple[Claim, ...]]:
    """Load and extract ``text`` as ``fmt`` and assert every invariant; return what was built."""
    document = document_from_text(text, f"fuzz.{fmt}", fmt)
    original = document.original
    assert len(document.text) == len(original)
    assert "\r" not in original
    assert document.line_starts[0] == 0
    assert len(document.line_starts) == original.count("\n") + 1
    previous_end = 0
    for segment in document.segments:
        assert previous_end <= segment.start < segment.end <= len(original)
        assert segment.lang in ("en", "zh")
        previous_end = segment.end
    for offset in sorted({0, len(original) // 2, len(original)}):
        assert document.offset(*document.position(offset)) == offset

    claims = extract_document(document, knowledge)
    ids = [claim.id for claim in claims]
    assert ids == [f"{document.path}#{number}" for number in range(1, len(claims) + 1)]
    for claim in claims:
        location = claim.location
        assert 0 <= location.start <= location.end <= len(original), claim
        assert location.text == original[location.start : location.end], claim
        assert (location.line, location.column) == document.position(location.start)
        assert (location.end_line, location.end_column) == document.position(location.end)
        assert document.offset(location.line, location.column) == location.start
        assert location.path == document.path
        assert claim.part_of is None or claim.part_of in ids
        assert 0 <= claim.sentence_start <= claim.sentence_end <= len(original)
    return document, claims


#: Adversarial units whose long runs extract in linear time today (the others are KNOWN_SLOW there).
LINEAR_INPUTS = sorted(set(ADVERSARIAL) - set(KNOWN_SLOW))

BOUNDED = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(text=DOCUMENTS, fmt=st.sampled_from(FORMATS))
def test_any_document_loads_and_extracts(text: str, fmt: str) -> None:
    check_invariants(text, fmt)


@BOUNDED
@given(text=st.text(max_size=400), fmt=st.sampled_from(FORMATS))
def test_arbitrary_unicode(text: str, fmt: str) -> None:
    check_invariants(text, fmt)


@settings(max_examples=15, deadline=None)
@given(name=st.sampled_from(LINEAR_INPUTS), size=st.integers(min_value=1000, max_value=20_000))
def test_long_single_lines(name: str, size: int) -> None:
    unit, fmt = ADVERSARIAL[name]
    document, _claims = check_invariants(adversarial_line(unit, size), fmt)
    assert len(document.line_starts) == 1


@BOUNDED
@given(
    opener=st.sampled_from(("```\n", "~~~~\n", "<!--", "[a](", "`", "**", "<div>", "<script>", "---\n")),
    body=DOCUMENTS,
)
def test_unterminated_markup_masks_without_shifting(opener: str, body: str) -> None:
    for fmt in ("markdown", "html"):
        document, _claims = check_invariants("Sales were 12 units.\n" + opener + body, fmt)
        assert document.text[:10] == document.original[:10] == "Sales were"


def test_real_sentences_keep_their_positions_in_every_format() -> None:
    """A fixed example, so a regression shows a readable diff (the properties above are random)."""
    text = "HONG KONG, 24 February 2021 - Hong Kong Science Park is home to around 900 tech companies.\n"
    for fmt, wrapped in (
        ("text", text),
        ("markdown", "# News\n\n" + text.replace("around 900", "**around 900**")),
        ("html", "<p>" + text.replace("tech", "<b>tech</b>") + "</p>"),
    ):
        document, claims = check_invariants(wrapped, fmt)
        assert document.date == "2021-02-24"
        start = document.original.index("around 900")
        assert document.text[start : start + 10] == "around 900"
        for claim in claims:
            assert document.original[claim.location.start : claim.location.end] == claim.location.text


def test_a_number_of_309_digits_is_read_without_crashing() -> None:
    # 309+ digits overflow a float; extraction must still not crash (fixed in extract/figures.py).
    check_invariants("Revenue was " + "9" * 309 + " in 2024.", "text")
    check_invariants("Revenue was " + "9" * (MAX_DIGITS + 9) + " in 2024.", "text")
