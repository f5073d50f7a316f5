"""The English pipeline's bounds: which sentences reach spaCy, the tokenizer's copy of the text,
and a fresh vocabulary once the old one has grown (issue 3 speed, issue 9 items 2 and 7)."""

from __future__ import annotations

import itertools

import pytest

from factcheck.extract import extract_document, pipeline
from factcheck.knowledge import Entity, Knowledge
from factcheck.load import document_from_text

KNOWLEDGE = Knowledge(entities=(Entity("Hong Kong Science Park", ("Science Park", "HKSTP")),))


def test_only_sentences_that_may_hold_figures_are_tokenised() -> None:
    text = (
        "The Park is a hub for innovators. It houses over 1,100 companies. "
        "Its staff work hard. Around twelve labs opened in May. The rest is history."
    )
    sentences = pipeline.sentence_spans(text)
    chunks = pipeline.anchor_chunks(text, sentences)
    assert [text[start:end].strip() for start, end in chunks] == [
        "It houses over 1,100 companies.",
        "Around twelve labs opened in May.",
    ]


def test_a_long_sentence_is_cut_at_spaces_into_bounded_pieces() -> None:
    text = "Revenue " + "grew and grew " * 400 + "in 2024."
    spans = pipeline.sentence_spans(text)
    assert len(spans) > 1
    assert all(end - start <= pipeline.MAX_CHUNK for start, end in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(text[end - 1] == " " for _start, end in spans[:-1])  # cut after a space, never inside a word
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_the_tokenizer_copy_breaks_long_runs_and_keeps_offsets() -> None:
    text = "Costs were " + "$" * 200 + " and HK$1,000 in 2024."
    copy = pipeline.tokenizer_text(text)
    assert len(copy) == len(text)
    run_start = text.index("$")
    assert copy[run_start + pipeline.RUN_BREAK] == " "
    assert copy[: run_start + pipeline.RUN_BREAK] == text[: run_start + pipeline.RUN_BREAK]
    assert copy.endswith(" and HK$1,000 in 2024.")
    assert pipeline.tokenizer_text("HK$1,000 in 2024.") == "HK$1,000 in 2024."
    url = "See https://www.example.org/en/about-us/twenty-years-of-innovation-and-technology/report-2024.pdf now."
    assert pipeline.tokenizer_text(url) == url  # an address stays one token


def test_entities_and_number_words_are_found_in_the_tokenised_sentences() -> None:
    text = "Nothing here. The Science Park now has twelve labs and 1,100 companies.\n\nNo figures at all."
    document = document_from_text(text, "park.txt")
    claims = extract_document(document, KNOWLEDGE)
    assert [(claim.location.text, claim.value, claim.entity) for claim in claims] == [
        ("twelve labs", 12, "Hong Kong Science Park"),
        ("1,100 companies", 1100, "Hong Kong Science Park"),
    ]
    assert claims[0].location.start == text.index("twelve")


def test_the_pipeline_is_rebuilt_once_its_vocabulary_has_grown(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The Science Park had 1,234 companies and HK$5.6 billion in 2024."
    first = pipeline.get_nlp(KNOWLEDGE)
    before = extract_document(document_from_text(text, "a.txt"), KNOWLEDGE)
    monkeypatch.setattr(pipeline, "MAX_STRINGS", len(first.vocab.strings))
    second = pipeline.get_nlp(KNOWLEDGE)
    assert second is not first
    after = extract_document(document_from_text(text, "a.txt"), KNOWLEDGE)
    assert after == before
    assert [claim.location.text for claim in after][:1] == ["1,234 companies"]


def test_sentence_ends_are_found_in_linear_time_in_runs_of_punctuation() -> None:
    import time

    from factcheck.extract.pipeline import sentence_spans

    for mark in "?!.":
        text = "X" * 100_000 + mark * 100_000 + " Next one."
        began = time.perf_counter()
        spans = sentence_spans(text)
        assert time.perf_counter() - began < 2.0  # quadratic, this took minutes
        assert spans[-1][1] == len(text)


def test_the_sentence_end_pattern_finds_what_the_backtracking_one_found() -> None:
    import random
    import re

    from factcheck.extract.pipeline import _SENTENCE_END

    backtracking = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)")
    rng = random.Random(7)
    for _ in range(3_000):
        text = "".join(rng.choice('ab.?! "”’)]\n') for _ in range(rng.randint(0, 40)))
        assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in backtracking.finditer(text)]
