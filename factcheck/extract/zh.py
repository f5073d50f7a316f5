"""Chinese extraction (Traditional and Simplified), without spaCy.

A Chinese segment is read on its *view* (:func:`zh_match.make_view`): sentences end
after 。！？； (and ! ?) and at paragraph breaks (:func:`zh_match.sentence_spans`; not
"." or "．", which are decimal points in "3.5萬" and "１．０７５３"), and the anchored
regular expressions of :mod:`factcheck.extract.zh_match` find the figures in the text.
Nothing reads tokens: the pipeline used to be ``spacy.blank("zh")`` with two components
around those two functions, and building its Doc of one token per character was half
the time of a long Chinese line (issue 9).  The sentence bounds are still those of
spaCy's character segmentation (:func:`_sentences`, tested against spaCy), so claims
keep their ``sentence_start``/``sentence_end``.

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

import numpy

from factcheck.extract.intervals import bounds
from factcheck.extract.records import replace
from factcheck.extract.zh_match import (
    Figure,
    View,
    date_interval,
    find_figures,
    make_view,
    sentence_spans,
)
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

#: Every code point ``str.isspace`` accepts (and so the regular expression ``\s``; a test checks the list).
_WHITESPACE = numpy.array(
    [9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, *range(8192, 8203), 8232, 8233, 8239, 8287, 12288],
    dtype=numpy.uint32,
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (:func:`zh_match.sentence_spans`), bounded by tokens.

    The tokens are spaCy's character segmentation of ``spacy.blank("zh")``: one token per character, a run of
    whitespace as one token, except that a single space after a character is that character's trailing space.
    A sentence starts at the first token at or after the start of its span and ends at the end of its last
    token (so a space after 。 belongs to no sentence).  Nothing reads the tokens themselves, so no spaCy Doc is
    built (one token per character was half the time on a long line): the bounds come from arrays.
    """
    if not text:
        return []
    codes = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
    space = numpy.isin(codes, _WHITESPACE)
    after_space = numpy.zeros_like(space)
    after_space[1:] = space[:-1]
    run_start = space & ~after_space
    trailing = run_start & (codes == 32)  # a single space after a character: the rest of its run is a token
    trailing[0] = False
    after_trailing = numpy.zeros_like(space)
    after_trailing[1:] = trailing[:-1]
    token_starts = numpy.flatnonzero(~space | (run_start & ~trailing) | (space & after_trailing))
    span_starts = numpy.array([start for start, _end in sentence_spans(text)], dtype=numpy.int64)
    firsts = numpy.searchsorted(token_starts, span_starts, side="left")
    firsts = numpy.unique(numpy.concatenate(([0], firsts[firsts < len(token_starts)])))
    lasts = numpy.append(firsts[1:] - 1, len(token_starts) - 1)
    starts = token_starts[firsts]
    last_starts = token_starts[lasts]
    # A token ends after its character, or a whitespace token at the next character that is not whitespace.
    visible = numpy.flatnonzero(~space)
    following = numpy.searchsorted(visible, last_starts, side="left")
    run_ends = numpy.append(visible, len(text))[following]
    ends = numpy.where(space[last_starts], run_ends, last_starts + 1)
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


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
            # The test for a letter before comes after the first character, so that every alternative starts
            # with a literal and the search skips in C to the characters that can start an alias.
            first = re.escape(alias[0])
            escaped = rf"{first}(?<![A-Za-z0-9]{first}){re.escape(alias[1:])}(?![A-Za-z0-9])"
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
_SIMPLIFIED = re.compile("[" + "".join(sorted(SIMPLIFIED_ONLY)) + "]")
_TRADITIONAL = re.compile("[" + "".join(sorted(TRADITIONAL_ONLY)) + "]")


def _is_simplified(text: str) -> bool:
    """More characters only Simplified Chinese writes than only Traditional writes (counted in C, not per character
    in Python)."""
    return _count(_SIMPLIFIED, text) > _count(_TRADITIONAL, text)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return pattern.subn("", text)[1]


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
    return replace(
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
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


_NEWLINE = re.compile("\n")


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


_NOUN_LEADS_LONGEST_FIRST = sorted(NOUN_LEADS, key=len, reverse=True)


def _noun_before(text: str, start: int, sentence_start: int) -> str | None:
    """The noun phrase just before a figure (其中研發人員逾 15,000 名 -> 研發人員)."""
    # The last clause, and in it what follows the last 的 (第一季的訪客人數為 -> 訪客人數為).
    window = text[max(sentence_start, start - _NOUN_REACH) : start]
    clause = _CLAUSE_BREAK.split(window.rstrip())[-1].rsplit("的", 1)[-1]
    if clause.startswith(NOUN_LEADS):
        for lead in _NOUN_LEADS_LONGEST_FIRST:
            if clause.startswith(lead):
                clause = clause[len(lead) :]
                break
    stripped = True
    while stripped and clause.endswith(NOUN_TRAILS):
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
    return _claims(document, view, find_figures(view.text), _sentences(view.text), knowledge)


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
    if _PART_WORD.search(text, whole_end, figure.start):
        return whole.id
    return None


_PART_WORD = re.compile("|".join(map(re.escape, PART_WORDS)))
