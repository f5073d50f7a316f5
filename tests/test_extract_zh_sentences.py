"""Chinese sentence bounds without a spaCy Doc (issue 9): the same bounds as spaCy's character segmentation.

``zh._sentences`` computes from arrays what a ``spacy.blank("zh")`` Doc of the whole text gave (one token per
character, whitespace runs as tokens, a single space after a character as its trailing space), so that no
Doc of one token per character is built for a long Chinese text.  Checked here against spaCy itself.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import zh
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
