"""No catastrophic patterns (issue 9, item 2): adversarial lines load and extract in bounded time.

The inputs are long single lines of what number and markup patterns choke on.
Here each is 50 KB and must load + extract within a generous bound (a
catastrophic regex takes minutes, not seconds, at this size); the timed run at
256 KB and 1 MB, with the linear-growth check, is ``benchmarks/adversarial.py``.
"""

from __future__ import annotations

import time

import pytest

from factcheck.extract import extract_document
from factcheck.knowledge import Entity, Knowledge, Metric
from factcheck.load import document_from_text

#: name -> (repeated unit, format).  Each unit is repeated to the wanted size on one line.
ADVERSARIAL: dict[str, tuple[str, str]] = {
    "digits": ("9", "text"),
    "digits-spaced": ("9 ", "text"),
    "ones-commas": ("1,", "text"),
    "ones-dots": ("1.", "text"),
    "commas": (",", "text"),
    "spaces": (" ", "text"),
    "dollars": ("$", "text"),
    "dollars-spaced": ("$ ", "text"),
    "hk-dollars": ("HK$1 ", "text"),
    "percent": ("12% ", "text"),
    "thousands": ("1,000,", "text"),
    "decimals": ("0.", "text"),
    "dashes": ("2024-", "text"),
    "qualifiers": ("over about 1 ", "text"),
    "million": ("million ", "text"),
    "of-which": ("1, of which ", "text"),
    "fullwidth-digits": ("１", "text"),
    "chinese-numerals": ("九", "text"),
    "chinese-figures": ("約900家，", "text"),
    "chinese-years": ("2001年", "text"),
    "ordinals": ("20th ", "text"),
    "backticks": ("`", "markdown"),
    "emphasis": ("*", "markdown"),
    "underscores": ("_", "markdown"),
    "brackets": ("[", "markdown"),
    "link-openers": ("](", "markdown"),
    "comment-openers": ("<!--", "markdown"),
    "angle-brackets": ("<", "html"),
    "open-tags": ("<a ", "html"),
    "entities": ("&#1", "html"),
}

KNOWLEDGE = Knowledge(
    entities=(Entity("Hong Kong Science Park", ("Science Park", "HKSTP", "科學園")),),
    metrics=(Metric("companies", ("companies", "公司"), ("家",)),),
)

#: Generous on purpose: 50 KB of a linear pattern takes milliseconds; a catastrophic one takes minutes.
BOUND_SECONDS = 5.0


def adversarial_line(unit: str, size: int) -> str:
    """A one-line document of about ``size`` characters: a sentence start, ``unit`` repeated, a sentence end."""
    return "Revenue was " + unit * max(1, size // len(unit)) + " in 2024."


def load_and_extract(unit: str, fmt: str, size: int, knowledge: Knowledge = KNOWLEDGE) -> tuple[float, int]:
    """Seconds to load and extract the adversarial line, and the number of claims found."""
    text = adversarial_line(unit, size)
    started = time.perf_counter()
    document = document_from_text(text, f"adversarial.{fmt}", fmt)
    claims = extract_document(document, knowledge)
    elapsed = time.perf_counter() - started
    for claim in claims:
        assert claim.location.text == document.original[claim.location.start : claim.location.end]
    return elapsed, len(claims)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_a_50kb_adversarial_line_extracts_in_bounded_time(name: str) -> None:
    unit, fmt = ADVERSARIAL[name]
    elapsed, _claims = load_and_extract(unit, fmt, 50_000)
    assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.1f} s for 50 KB (a catastrophic pattern?)"
