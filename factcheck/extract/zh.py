"""Chinese extraction (Traditional and Simplified) on ``spacy.blank("zh")``.

The pipeline is spaCy's blank Chinese with its default *character* segmenter
(no pkuseg or jieba models: they cannot be fetched offline, and jieba splits
"2,000" apart) plus two registered components:

- ``factcheck_zh_sentences`` sets sentence starts after 。！？； (and ! ?) and at
  paragraph breaks.  spaCy's own ``sentencizer`` is unsuitable here: its default
  punctuation includes "." and "．", which are decimal points in "3.5萬" and
  "１．０７５３", and it does not split at "；" or at a blank line.
- ``factcheck_zh_figures`` runs the anchored regular expressions of
  :mod:`factcheck.extract.zh_match` over the text and stores what it finds on
  ``Doc._.factcheck_zh_figures`` (plain dataclasses, never spaCy objects).

This module then turns those figures into :class:`~factcheck.model.Claim` values:
intervals (``intervals.bounds``), the year of 同年 / 年底 / 12月31日 from
context, as-of phrases (截至2024年12月), entities from the packs' aliases,
metrics from measure words, "of which" parts (其中) and currencies.

Choices (documented for users in docs):

- ``元`` / ``$`` alone: the document's or the packs' default currency; else CNY
  when the text is written in Simplified characters; else unknown (null).
- 逾/超過/多於/以上 -> over; 不少於/最少/至少/或以上 -> at_least; 約/大約/左右 -> about;
  近/接近/將近 -> about, below the figure only; 最多/不多於/不超過/以下/以內 -> at_most
  (inclusive in Chinese usage); 少於/低於/不足 -> under.
- 年初 = Jan-Mar, 年中 = May-Aug, 年底 = December (as CONTRACT.md's "end-2024"),
  上半年 / 下半年 = halves, 第一季 / 首季 = quarters.
- An as-of phrase's ``as_of`` is the last day its date covers (截至2024年底 -> 2024-12-31).
- Entity: the nearest alias before the figure in its sentence, else after it in
  the sentence, else the last alias mentioned earlier in the same paragraph.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from factcheck.extract.intervals import bounds
from factcheck.extract.zh_match import Figure, View, date_interval, find_figures, make_view, sentence_spans
from factcheck.extract.zh_numerals import BIG_CLASS, DIGIT_CLASS, SMALL_CLASS
from factcheck.extract.zh_patterns import (
    AS_OF_WORDS,
    NOUN_LEADS,
    NOUN_TRAILS,
    PART_WORDS,
    SIMPLIFIED_ONLY,
    TRADITIONAL_ONLY,
)
from factcheck.knowledge import Entity, Knowledge
from factcheck.model import Claim, Document

FIGURES_EXTENSION = "factcheck_zh_figures"
#: ``Doc.user_data`` key of the text the Doc was made from.
TEXT_KEY = "factcheck_text"


def _text(doc: Any) -> str:
    """The Doc's text: kept by ``CharTokenizer`` (``Doc.text`` joins one Token object per character)."""
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else str(doc.text)


def _set_sentences(doc: Any) -> Any:
    if len(doc) == 0:
        return doc
    token_starts = doc.to_array(IDX).tolist()
    values = numpy.full((len(doc), 1), -1, dtype="int32")
    values[0, 0] = 1
    for start, _end in sentence_spans(_text(doc)):
        first = bisect_left(token_starts, start)
        if first < len(doc):
            values[first, 0] = 1
    # One array write: setting Token.is_sent_start token by token is quadratic in spaCy.
    doc.from_array([SENT_START], values.astype("uint64"))
    return doc


def _set_figures(doc: Any) -> Any:
    doc._.set(FIGURES_EXTENSION, find_figures(_text(doc)))
    return doc


def _sentences_factory(nlp: Any, name: str) -> Any:
    return _set_sentences


def _figures_factory(nlp: Any, name: str) -> Any:
    return _set_figures


if not Doc.has_extension(FIGURES_EXTENSION):
    Doc.set_extension(FIGURES_EXTENSION, default=None)
if not Language.has_factory("factcheck_zh_sentences"):
    Language.factory("factcheck_zh_sentences", func=_sentences_factory)
if not Language.has_factory("factcheck_zh_figures"):
    Language.factory("factcheck_zh_figures", func=_figures_factory)


class CharTokenizer:
    """spaCy's Chinese character segmentation in linear time: one token per character, whitespace runs as
    tokens, a single space after a character as its trailing space (the Doc ``spacy.blank("zh")`` builds).
    spaCy aligns the characters with ``text[position:].index(char)``, which is quadratic in the text's length."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for index, part in enumerate(_WHITESPACE_RUN.split(text)):
            if index % 2 == 0:  # characters between whitespace runs: one token each
                words.extend(part)
                spaces.extend([False] * len(part))
                continue
            if spaces and part[0] == " " and not words[-1].isspace():
                spaces[-1] = True  # one space after a character is its trailing space
                part = part[1:]
            if part:
                words.append(part)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc


_WHITESPACE_RUN = re.compile(r"(\s+)")


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The Chinese pipeline, built once: blank zh (character segmentation, in linear time) + our two components."""
    pipeline = spacy.blank("zh")
    pipeline.tokenizer = CharTokenizer(pipeline.vocab)
    pipeline.add_pipe("factcheck_zh_sentences")
    pipeline.add_pipe("factcheck_zh_figures")
    pipeline.max_length = 50_000_000
    return pipeline


# ---------------------------------------------------------------------------------------------
# Knowledge: entity aliases
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _alias_pattern(entities: tuple[Entity, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    names: dict[str, str] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            if alias:
                names.setdefault(alias, entity.name)
    if not names:
        return None, names
    parts = []
    for alias in sorted(names, key=len, reverse=True):
        escaped = re.escape(alias)
        if alias.isascii():
            escaped = rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts)), names


def _entity_mentions(text: str, knowledge: Knowledge) -> list[tuple[int, str]]:
    pattern, names = _alias_pattern(knowledge.entities)
    if pattern is None:
        return []
    return [(match.start(), names[match.group(0)]) for match in pattern.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Segment -> claims
# ---------------------------------------------------------------------------------------------
def _is_simplified(text: str) -> bool:
    simplified = sum(1 for char in text if char in SIMPLIFIED_ONLY)
    traditional = sum(1 for char in text if char in TRADITIONAL_ONLY)
    return simplified > traditional


def _document_year(document: Document) -> int | None:
    if document.date and document.date[:4].isdigit():
        return int(document.date[:4])
    return None


@dataclasses.dataclass
class _Context:
    """What the walk over a segment's figures remembers."""

    document_year: int | None
    last_year: int | None = None


def _resolve_date(figure: Figure, context: _Context) -> Figure | None:
    """Give a context-dated figure (同年, 年底, 12月31日) its year; None when no year is known."""
    spec = figure.context
    if spec is None:
        return figure
    if spec.source == "document":
        base = context.document_year
    elif spec.source == "context":
        base = context.last_year
    else:
        base = context.last_year if context.last_year is not None else context.document_year
    if base is None:
        return None
    year = base + spec.offset
    interval = date_interval(year, spec.month, spec.day, spec.period)
    if interval is None:
        return None
    kind, value, lower, upper = interval
    return dataclasses.replace(
        figure,
        kind=kind,
        value=value,
        lower=lower,
        upper=upper,
        year=year,
        flags=(*figure.flags, "year-from-context"),
    )


def _sentence_of(sentences: list[tuple[int, int]], starts: list[int], position: int) -> tuple[int, int]:
    index = max(0, bisect_left(starts, position + 1) - 1)
    return sentences[index] if sentences else (0, 0)


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]


def _paragraph_start(starts: list[int], position: int) -> int:
    return starts[max(0, bisect_left(starts, position + 1) - 1)]


def _entity_for(
    mentions: list[tuple[int, str]],
    offsets: list[int],
    sentence_starts: list[int],
    start: int,
    sentence: tuple[int, int],
    paragraph: int,
) -> str | None:
    """Nearest alias before the figure in its sentence, else after it, else the subject of an earlier
    sentence of the paragraph (an alias that opens its sentence: 科技園公司在香港建立了…)."""
    here = bisect_left(offsets, start)
    if here > 0 and offsets[here - 1] >= sentence[0]:
        return mentions[here - 1][1]
    if here < len(offsets) and offsets[here] < sentence[1]:
        return mentions[here][1]
    index = bisect_left(offsets, sentence[0]) - 1
    while index >= 0 and offsets[index] >= paragraph:
        opening = sentence_starts[max(0, bisect_left(sentence_starts, offsets[index] + 1) - 1)]
        if offsets[index] - opening <= _SUBJECT_REACH:
            return mentions[index][1]
        index -= 1
    return None


#: How far into its sentence an alias may start and still be the sentence's subject (此外，科技園公司…).
_SUBJECT_REACH = 4


_CLAUSE_BREAK = re.compile(r"[，。；：、,;:！？!?\s（）()「」《》\"“”'‘’]")
_NUMERAL_CHARS = frozenset(DIGIT_CLASS + SMALL_CLASS + BIG_CLASS)


#: How far back a noun phrase before a figure is looked for (bounded: linear time on one-line documents).
_NOUN_REACH = 24


def _noun_before(text: str, start: int, sentence_start: int) -> str | None:
    """The noun phrase just before a figure (其中研發人員逾 15,000 名 -> 研發人員)."""
    # The last clause, and in it what follows the last 的 (第一季的訪客人數為 -> 訪客人數為).
    window = text[max(sentence_start, start - _NOUN_REACH) : start]
    clause = _CLAUSE_BREAK.split(window.rstrip())[-1].rsplit("的", 1)[-1]
    for lead in sorted(NOUN_LEADS, key=len, reverse=True):
        if clause.startswith(lead):
            clause = clause[len(lead) :]
            break
    stripped = True
    while stripped and clause:
        stripped = False
        for trail in NOUN_TRAILS:
            if clause.endswith(trail):
                clause = clause[: -len(trail)]
                stripped = True
    # A clause with a figure in it (興建一幢樓高) is not the noun of this figure.
    if not clause or len(clause) > 10 or any(char.isdigit() or char in _NUMERAL_CHARS for char in clause):
        return None
    return clause.lower()


def _as_of_dates(
    text: str, figures: list[Figure], sentences: list[tuple[int, int]], starts: list[int]
) -> dict[int, str]:
    """Sentence start (view offset) -> as-of date, for sentences with 截至 + a date."""
    found: dict[int, str] = {}
    for figure in figures:
        if figure.kind not in ("date", "year") or figure.upper is None:
            continue
        window = text[max(0, figure.start - 5) : figure.start].rstrip(" ")
        window = window.rstrip("於于到")
        if not window.endswith(AS_OF_WORDS):
            continue
        upper = figure.upper
        iso = f"{upper:04d}-12-31" if isinstance(upper, int) else str(upper)
        found[_sentence_of(sentences, starts, figure.start)[0]] = iso
    return found


def _currency(figure: Figure, document: Document, knowledge: Knowledge, simplified: bool) -> str | None:
    if figure.currency is None or figure.currency:
        return figure.currency
    default = document.default_currency or knowledge.default_currency
    if default:
        return default
    return "CNY" if simplified else None


def extract_segment(document: Document, start: int, end: int, knowledge: Knowledge) -> list[Claim]:
    """Claims in ``document.text[start:end]``; ids are unique within the document."""
    view = make_view(document.text, start, end)
    if not view.text.strip():
        return []
    doc = nlp()(view.text)
    figures: list[Figure] = list(doc._.get(FIGURES_EXTENSION) or ())
    sentences = _sentences(doc)
    return _claims(document, view, figures, sentences, knowledge)


def _sentences(doc: Any) -> list[tuple[int, int]]:
    """``(sentence.start_char, sentence.end_char)`` of ``doc.sents``, from arrays (no Token object per character)."""
    if len(doc) == 0:
        return []
    columns = doc.to_array([IDX, LENGTH]).astype("int64")
    starts = columns[:, 0]
    ends = starts + columns[:, 1]
    first = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not first or first[0] != 0:
        first.insert(0, 0)
    last = [*(index - 1 for index in first[1:]), len(doc) - 1]
    return [(int(starts[a]), int(ends[b])) for a, b in zip(first, last, strict=True)]


def _claims(
    document: Document,
    view: View,
    figures: list[Figure],
    sentences: list[tuple[int, int]],
    knowledge: Knowledge,
) -> list[Claim]:
    text = view.text
    context = _Context(_document_year(document))
    mentions = _entity_mentions(text, knowledge)
    mention_offsets = [offset for offset, _name in mentions]
    sentence_starts = [start for start, _end in sentences]
    paragraphs = _paragraph_starts(text)
    simplified = _is_simplified(text)
    resolved: list[Figure] = []
    for figure in figures:
        dated = _resolve_date(figure, context)
        if dated is None:
            continue
        if dated.year is not None:
            context.last_year = dated.year
        resolved.append(dated)
    as_of_by_sentence = _as_of_dates(text, resolved, sentences, sentence_starts)
    claims: list[Claim] = []
    #: (sentence start, kind) -> the last claim of that kind in the sentence, and where it ended.
    previous: dict[tuple[int, str], tuple[Claim, int]] = {}
    for number, figure in enumerate(resolved):
        sentence = _sentence_of(sentences, sentence_starts, figure.start)
        doc_start, doc_end = view.span(figure.start, figure.end)
        sentence_start, sentence_end = view.span(sentence[0], max(sentence[0] + 1, sentence[1]))
        flags = list(figure.flags)
        if "\n" in document.original[doc_start:doc_end]:
            flags.append("joined")
        as_of = as_of_by_sentence.get(sentence[0])
        if as_of is not None:
            flags.append("as-of-phrase")
        else:
            as_of = document.date
        lower, upper = figure.lower, figure.upper
        value = figure.value
        if figure.kind not in ("date", "year") and isinstance(value, int | float):
            lower, upper = bounds(
                float(value),
                "exact" if figure.qualifier == "range" else figure.qualifier,
                half_unit=figure.half_unit,
                tolerance=knowledge.about_tolerance,
                below_only=figure.below_only,
            )
            if figure.qualifier == "range" and figure.upper_value is not None:
                upper = figure.upper_value
        metric = figure.metric
        if metric is None and figure.kind == "count":
            metric = _noun_before(text, figure.start, sentence[0])
        claim_id = f"zh{doc_start}-{number}"
        part_of = _part_of(text, figure, sentence, previous)
        claim = Claim(
            id=claim_id,
            location=document.location(doc_start, doc_end),
            kind=figure.kind,
            value=value,
            lower=lower,
            upper=upper,
            qualifier="exact" if figure.kind in ("date", "year") else figure.qualifier,
            unit=figure.unit,
            currency=_currency(figure, document, knowledge, simplified) if figure.kind == "money" else None,
            entity=_entity_for(
                mentions,
                mention_offsets,
                sentence_starts,
                figure.start,
                sentence,
                _paragraph_start(paragraphs, figure.start),
            ),
            metric=metric,
            as_of=as_of,
            lang="zh",
            base_value=figure.base_value,
            base_unit=figure.base_unit,
            part_of=part_of,
            flags=tuple(dict.fromkeys(flags)),
            sentence_start=sentence_start,
            sentence_end=sentence_end,
        )
        claims.append(claim)
        previous[(sentence[0], figure.kind)] = (claim, figure.end)
    return claims


def _part_of(
    text: str, figure: Figure, sentence: tuple[int, int], previous: dict[tuple[int, str], tuple[Claim, int]]
) -> str | None:
    """其中研發人員逾 15,000 名: a part of the previous figure of the same kind in the sentence."""
    if figure.kind not in ("count", "money", "quantity"):
        return None
    found = previous.get((sentence[0], figure.kind))
    if found is None:
        return None
    whole, whole_end = found
    if any(word in text[whole_end : figure.start] for word in PART_WORDS):
        return whole.id
    return None
