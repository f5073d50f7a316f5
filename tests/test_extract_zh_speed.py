"""Chinese extraction in linear time without per-character costs (issue 9), and the same results as before.

``zh._sentences`` computes from arrays what a ``spacy.blank("zh")`` Doc of the whole text gave (one token per
character, whitespace runs as tokens, a single space after a character as its trailing space), so that no
Doc of one token per character is built for a long Chinese text: checked here against spaCy itself.  The
numeral scan jumps over a full sentence instead of finding each of its numerals: checked against the scan
that does not.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import zh, zh_match
from factcheck.extract.records import replace
from factcheck.extract.zh_match import sentence_spans


@lru_cache(maxsize=1)
def blank_zh() -> Any:
    import spacy

    return spacy.blank("zh")


def spacy_sentences(text: str) -> list[tuple[int, int]]:
    """The reference: spaCy's own character segmentation, sentences starting at the first token of each span."""
    doc = blank_zh()(text)
    token_starts = [token.idx for token in doc]
    firsts = sorted({0, *(bisect_left(token_starts, start) for start, _end in sentence_spans(text))} - {len(doc)})
    lasts = [*(first - 1 for first in firsts[1:]), len(doc) - 1]
    return [(doc[first].idx, doc[last].idx + len(doc[last])) for first, last in zip(firsts, lasts, strict=True)]


def test_the_whitespace_list_is_every_whitespace_code_point() -> None:
    every = [code for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert zh._WHITESPACE.tolist() == every
    assert every == [code for code in range(sys.maxunicode + 1) if re.match(r"\s", chr(code))]


def test_real_text_matches_spacy() -> None:
    text = (
        "香港科技園公司（科技園公司）於2001年5月成立。 截至2024年3月，園區有逾1,100家公司；\n\n"
        "其中約900家為初創企業！  研發人員逾 15,000 名\n同年，公司舉辦了 20 周年活動？ 「完」\n \n"
    )
    assert zh._sentences(text) == spacy_sentences(text)
    assert [text[start:end] for start, end in zh._sentences(text)][:2] == [
        "香港科技園公司（科技園公司）於2001年5月成立。",
        "截至2024年3月，園區有逾1,100家公司；",
    ]


def test_leading_and_trailing_whitespace_matches_spacy() -> None:
    for text in (" 。", "  第一句。", "。 ", "。  ", "\n", "句\n", " \n 句", "句。\u3000句", "句。\t \n句"):
        assert zh._sentences(text) == spacy_sentences(text), repr(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("句年9，。；！？!?」） \n\t\u3000\u2028\x1c")), min_size=1, max_size=40))
def test_any_text_matches_spacy(text: str) -> None:
    assert zh._sentences(text) == spacy_sentences(text)


# ---------------------------------------------------------------------------------------------
# Skipping a full sentence: the numeral scan jumps over taken spans and reads the same figures
# ---------------------------------------------------------------------------------------------
def every_numeral_scanned(state: zh_match._State, position: int) -> int:
    """The scan before the jump: on from the numeral's end, one numeral at a time."""
    return position


def test_a_dense_sentence_keeps_its_first_figures() -> None:
    text = "園區有" + "約900家，" * 60 + "合共。其後有逾 1,100家公司。"
    figures = zh_match.find_figures(text)
    values = [figure.value for figure in figures]
    assert values == [900] * zh_match.MAX_FIGURES + [1100]
    assert figures[-1].start == text.index("逾")
    assert (figures[0].start, figures[0].end) == (3, 8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["約900家，", "2001年", "九", "十", "一千", "，", "。", "家", " ", "3.5萬", "1,000", "-", "點", "多"]
        ),
        min_size=1,
        max_size=400,
    )
)
def test_skipping_taken_spans_reads_what_scanning_every_numeral_reads(parts: list[str]) -> None:
    text = "".join(parts)
    fast = zh_match.find_figures(text)
    original = zh_match._past_taken
    zh_match._past_taken = every_numeral_scanned
    try:
        slow = zh_match.find_figures(text)
    finally:
        zh_match._past_taken = original
    assert fast == slow


def test_records_replace_is_dataclasses_replace() -> None:
    figure = zh_match.Figure(3, 8, "count", 900, "about", 0.5, measure_word="家", flags=("total",))
    assert replace(figure, end=9, metric="公司") == dataclasses.replace(figure, end=9, metric="公司")
    assert replace(figure) == figure
    with pytest.raises(KeyError):
        replace(figure, colour="red")


def test_a_dump_of_figures_is_read_up_to_the_english_bound() -> None:
    """One 12,002-character sentence of "約900家，": 24 figures in each 2,000-character piece (as English reads
    24 anchors per piece of a sentence over 1,000 characters), so about 12,000 per megabyte, not one per unit."""
    text = "園區" + "約900家，" * 2000
    figures = zh_match.find_figures(text)
    assert len(figures) == 6 * zh_match.MAX_FIGURES_LONG  # the seventh piece is the last 2 characters
    starts = [figure.start for figure in figures]
    assert starts[:2] == [2, 8]
    assert all(start // zh_match.PIECE == index // zh_match.MAX_FIGURES_LONG for index, start in enumerate(starts))


def test_a_chinese_document_is_extracted_without_importing_spacy() -> None:
    """No spaCy Doc for Chinese: a Chinese-only document does not even import spaCy (start-up time too)."""
    script = (
        "import sys\n"
        "from factcheck.extract import extract_document\n"
        "from factcheck.knowledge import Knowledge\n"
        "from factcheck.load import document_from_text\n"
        "document = document_from_text('科技園公司於2001年成立。園區有逾1,100家公司。', 'zh.txt')\n"
        "claims = extract_document(document, Knowledge())\n"
        "print(len(claims), 'spacy' in sys.modules)\n"
    )
    root = str(Path(__file__).resolve().parent.parent)  # this checkout's factcheck, installed or not
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split() == ["2", "False"]
