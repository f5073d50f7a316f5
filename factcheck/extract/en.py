"""English extraction: every figure and date as an interval-valued, dated, attributed Claim.

Flow for one English segment of a document:
1. ``pipeline.get_nlp`` gives the cached ``spacy.blank("en")`` pipeline; ``pipeline.run``
   splits sentences, tokenises those that may hold figures, matches known entity aliases and
   number/period words there, and runs the figure scan (``_scan``: exclusions, dates, ratios, then anchored figures).
2. Attribution adds qualifier intervals, as-of dates, flags, metric, entity and part-of links.
3. Figures become :class:`~factcheck.model.Claim` with offsets into ``Document.original``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import OrderedDict

from rapidfuzz import fuzz, process

from factcheck.extract import attribution, dates, exclusions, figures, periods, pipeline, quantities
from factcheck.extract.figures import Figure
from factcheck.extract.intervals import bounds
from factcheck.knowledge import Knowledge
from factcheck.model import Claim, Document

_CONTEXT_CACHE: OrderedDict[tuple[str, str, str], attribution.DocumentContext] = OrderedDict()
_CAPITALISED_RUN = re.compile(r"(?<![\w])[A-Z][\w&'’-]*(?:[ \t]+(?:(?:of|and|for|the|&)[ \t]+)?[A-Z][\w&'’-]*){1,7}")
_YEAR_RUN = re.compile(r"(?:1\d|20)\d\d(?!\d)")
#: "05/05/89": a date with a two-digit year has no year run to anchor it.
_SHORT_DATE = re.compile(r"[0-3]?\d[/.-][01]?\d[/.-]\d\d(?!\d)")
#: rapidfuzz score (0-100) above which a capitalised name is a near miss of a known alias.
FUZZY_CUTOFF = 90.0


def extract_segment(document: Document, start: int, end: int, knowledge: Knowledge) -> list[Claim]:
    """Claims in ``document.text[start:end]``; ids must be unique within the document."""
    text = document.text
    if start >= end or not text[start:end].strip():
        return []
    nlp = pipeline.get_nlp(knowledge)
    context = _document_context(document, knowledge)
    document_year = int(document.date[:4]) if document.date and document.date[:4].isdigit() else None
    document_month = int(document.date[5:7]) if document.date and document.date[5:7].isdigit() else None

    sentences: list[tuple[int, int]] = []

    def scan(spans: list[tuple[int, int]], number_words: list[int], period_words: list[int]) -> list[Figure]:
        sentences.extend((s_start + start, s_end + start) for s_start, s_end in spans)
        words = [offset + start for offset in number_words]
        periods = [offset + start for offset in period_words]
        return _scan(text, start, end, sentences, document_year, document_month, words, periods)

    parsed = pipeline.run(nlp, text[start:end], scan)
    found: list[Figure] = parsed.figures
    if not found:
        return []
    known_mentions = [(s + start, e + start, name) for s, e, name in parsed.entities]
    mentions = _merge_mentions(known_mentions, context.mentions, start, end)
    mentions.extend(_fuzzy_mentions(text, sentences, found, knowledge, mentions))
    mentions.sort()
    _attribute(document, text, found, sentences, mentions, context, knowledge)
    starts = [s_start for s_start, _ in sentences]
    claims = [_to_claim(document, figure, index, sentences, starts, knowledge) for index, figure in enumerate(found)]
    return link_claims(claims, found)


def _scan(
    text: str,
    start: int,
    end: int,
    sentences: list[tuple[int, int]],
    document_year: int | None,
    document_month: int | None,
    number_words: list[int],
    period_words: list[int],
) -> list[Figure]:
    # Bounded work per sentence: a sentence that is a dump of numbers is read only up to its first anchors.
    digit_runs = pipeline.find_anchors(pipeline.DIGIT_RUN, text, sentences)
    number_words = pipeline.cap_anchors(number_words, sentences)
    period_words = pipeline.cap_anchors(period_words, sentences)
    blocked = exclusions.blocked_spans(text, start, end, digit_runs)
    year_at = dates.YearLookup(text, sentences, document_year, document_month)
    year_runs = [offset for offset in digit_runs if _YEAR_RUN.match(text, offset) or _SHORT_DATE.match(text, offset)]
    found: list[Figure] = []
    for match in dates.find_dates(text, start, end, year_at, year_runs, period_words):
        if _overlaps(blocked, match.start, match.end):
            continue
        figure = Figure(match.start, match.end, "date", match.value, core_start=match.start, core_end=match.end)
        figure.lower, figure.upper = match.lower, match.upper
        figure.flags.extend(match.flags)
        if match.year_from_context:
            figure.flags.append("year-from-context")
        found.append(figure)
    for ratio in figures.find_ratios(text, end, digit_runs):
        if not _overlaps(blocked, ratio.start, ratio.end) and not _overlaps(
            [(f.start, f.end) for f in found], ratio.start, ratio.end
        ):
            found.append(ratio)
    taken = exclusions.merge(blocked + [(figure.start, figure.end) for figure in found])
    found.extend(figures.scan(text, start, end, taken, digit_runs, number_words))
    found.sort(key=lambda figure: figure.start)
    floor = start
    for figure in found:
        figures.qualify(text, figure, floor)
        floor = figure.end
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(spans, (start, start))
    for position in (index - 1, index):
        if 0 <= position < len(spans) and spans[position][0] < end and start < spans[position][1]:
            return True
    return False


def _document_context(document: Document, knowledge: Knowledge) -> attribution.DocumentContext:
    key = (document.path, document.sha256, knowledge.extraction_digest())
    cached = _CONTEXT_CACHE.get(key)
    if cached is not None:
        _CONTEXT_CACHE.move_to_end(key)
        return cached
    context = attribution.build_context(document.text, knowledge, _alias_index(knowledge))
    _CONTEXT_CACHE[key] = context
    while len(_CONTEXT_CACHE) > 64:
        _CONTEXT_CACHE.popitem(last=False)
    return context


def _alias_index(knowledge: Knowledge) -> dict[str, str]:
    index: dict[str, str] = {}
    for entity in knowledge.entities:
        for alias in (entity.name, *entity.aliases):
            index.setdefault(alias.lower(), entity.name)
    return index


def _merge_mentions(
    known: list[attribution.Mention], document: list[attribution.Mention], start: int, end: int
) -> list[attribution.Mention]:
    merged = list(known)
    taken = sorted((s, e) for s, e, _ in known)
    left = bisect.bisect_left(document, (start, start, ""))
    for mention in document[left:]:
        if mention[0] >= end:
            break
        if not _overlaps(taken, mention[0], mention[1]):
            merged.append(mention)
    merged.sort()
    return merged


def _fuzzy_mentions(
    text: str,
    sentences: list[tuple[int, int]],
    found: list[Figure],
    knowledge: Knowledge,
    mentions: list[attribution.Mention],
) -> list[attribution.Mention]:
    """Near misses of known names ("Hong Kong Science Technology Parks Corporation"), in sentences with figures."""
    long_aliases = {
        alias: entity.name
        for entity in knowledge.entities
        for alias in (entity.name, *entity.aliases)
        if len(alias) > 8
    }
    if not long_aliases:
        return []
    starts = [s for s, _ in sentences]
    wanted = sorted({bisect.bisect_right(starts, figure.start) - 1 for figure in found})
    taken = sorted((s, e) for s, e, _ in mentions)
    extra: list[attribution.Mention] = []
    choices = list(long_aliases)
    for index in wanted:
        if index < 0:
            continue
        s_start, s_end = sentences[index]
        for match in _CAPITALISED_RUN.finditer(text, s_start, s_end):
            run_start = match.start() + (4 if match.group(0).startswith("The ") else 0)
            run = text[run_start : match.end()]
            if _overlaps(taken, run_start, match.end()) or len(run) <= 8:
                continue
            best = process.extractOne(run, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                extra.append((run_start, match.end(), long_aliases[best[0]]))
    return extra


def _attribute(
    document: Document,
    text: str,
    found: list[Figure],
    sentences: list[tuple[int, int]],
    mentions: list[attribution.Mention],
    context: attribution.DocumentContext,
    knowledge: Knowledge,
) -> None:
    starts = [s for s, _ in sentences]
    sentence_of = [max(0, bisect.bisect_right(starts, figure.start) - 1) for figure in found]
    as_of = attribution.as_of_phrases(text, found, sentence_of)
    mention_starts = [m[0] for m in mentions]
    subjects: dict[int, str | None] = {}
    for index, figure in enumerate(found):
        sentence = sentences[sentence_of[index]] if sentences else (0, len(text))
        attribution.semantic_flags(text, figure, sentence)
        if sentence_of[index] in as_of and figure.kind not in ("date", "year"):
            figure.as_of = as_of[sentence_of[index]]
            figure.flags.append("as-of-phrase")
        else:
            figure.as_of = document.date
    for index, period in periods.period_phrases(text, found, sentence_of, sentences, document.date).items():
        if "as-of-phrase" not in found[index].flags:
            found[index].as_of = period
            found[index].flags.append("period-phrase")
    for index, year in periods.bracket_years(text, found).items():
        if "as-of-phrase" not in found[index].flags:
            found[index].as_of = year
            found[index].flags.append("period-phrase")
    for index in periods.year_earlier(text, found):
        found[index].as_of = periods.shift_years(found[index].as_of, -1)
    attribution.link_parts(text, found, sentence_of)
    for index, figure in enumerate(found):
        sentence = sentences[sentence_of[index]] if sentences else (0, len(text))
        figure.metric = _metric(text, figure, found, sentence)
        owner_span = None
        if figure.metric is None and figure.kind in periods.DATED_KINDS:
            # "Revenue rose to $52 million", "The park's site area is 12 hectares": the clause's subject.
            subject = attribution.subject_metric(text, figure, sentence, context)
            if subject is not None:
                figure.metric, owner_span = subject
        if owner_span is not None:
            # The possessor decides, even when it names no entity ("the campus's revenue" is not the park's).
            figure.entity = attribution.owner_entity(text, owner_span, mentions, context)
        else:
            figure.entity = _entity(
                text, figure, sentence, mentions, mention_starts, context, subjects, sentence_of[index]
            )
    # "800 companies, up from 640 a year earlier": the comparison base measures what its figure measures.
    for base, reference in attribution.comparison_bases(text, found, sentence_of).items():
        found[base].metric = found[reference].metric
        found[base].entity = found[reference].entity


def _entity(
    text: str,
    figure: Figure,
    sentence: tuple[int, int],
    mentions: list[attribution.Mention],
    mention_starts: list[int],
    context: attribution.DocumentContext,
    subjects: dict[int, str | None],
    sentence_index: int,
) -> str | None:
    """Wording first, then the nearest name before, the clause's subject, the nearest after, the sentence's
    subject, and last the document's main subject."""
    special = attribution.special_entity(text, figure, sentence, mentions, context)
    if special is not None:
        return special
    before, after = attribution.nearest_mention(mentions, mention_starts, figure, sentence)
    if before is not None:
        return before
    clause = attribution.clause_subject(text, sentence[0], figure.start, context)
    if clause is not None:
        return clause
    if after is not None:
        return after
    if sentence_index not in subjects:
        subjects[sentence_index] = attribution.sentence_subject(text, sentence[0], sentence[1], context)
    return subjects[sentence_index] or context.main_subject


def _metric(text: str, figure: Figure, found: list[Figure], sentence: tuple[int, int]) -> str | None:
    s_start, s_end = sentence
    if "anniversary" in figure.flags:
        return "anniversary"
    if "founding" in figure.flags:
        return "founding"
    if figure.kind in ("date", "year", "ordinal", "ratio", "duration"):
        return None
    if figure.kind == "percent":
        share = re.match(
            r"\s*of\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+|our\s+|all\s+)?",
            text[figure.end : figure.end + 20],
            re.I,
        )
        if share is not None:
            return attribution.metric_after(text, figure.end + share.end(), s_end)
        return attribution.metric_after(text, figure.core_end, s_end) or attribution.metric_before(
            text, figure.start, s_start
        )
    if figure.kind in ("money", "quantity"):
        if figure.part_of is not None and _PART_VERB.match(text, figure.core_end):
            # "12 hectares, of which 3 hectares are green space"
            return attribution.subset_metric(text, figure, found[figure.part_of], s_end)
        before = attribution.metric_before(text, figure.start, s_start)
        if before:
            return before
        after = _OF_OR_IN.match(text, figure.core_end, s_end)
        if after is not None and text[after.end() : after.end() + 1].islower():
            return attribution.metric_after(text, after.end(), s_end)
        return attribution.metric_after(text, figure.core_end, s_end)
    if figure.part_of is not None and _PART_VERB.match(text, figure.core_end):
        return attribution.subset_metric(text, figure, found[figure.part_of], s_end)
    metric, metric_end = attribution.metric_after_span(text, figure.core_end, s_end)
    if metric:
        if figure.kind == "count":
            figure.end = metric_end  # the claim reads "around 900 R&D companies" (CONTRACT.md)
        return metric
    if figure.part_of is not None:
        return attribution.subset_metric(text, figure, found[figure.part_of], s_end)
    return attribution.metric_before(text, figure.start, s_start)


_OF_OR_IN = re.compile(r"\s*(?:of|in)\s+(?:the\s+)?", re.I)
#: A verb right after a part's figure: "of which 14 focus on ...", "around 9,000 are researchers".
_PART_VERB = re.compile(r"\s+(?:are|were|is|was|focus|work|come|have|had|being|remain|belong)\b", re.I)


def _to_claim(
    document: Document,
    figure: Figure,
    index: int,
    sentences: list[tuple[int, int]],
    starts: list[int],
    knowledge: Knowledge,
) -> Claim:
    lower: float | int | str | None
    upper: float | int | str | None
    value = figure.value
    if figure.kind == "date":
        lower, upper = figure.lower, figure.upper
    elif figure.kind in ("year", "ordinal", "ratio"):
        lower = upper = value
    elif figure.qualifier == "range" and figure.high is not None and figure.low is not None:
        low_bounds = bounds(figure.low, "exact", half_unit=figure.half_unit)
        high_bounds = bounds(figure.high, "exact", half_unit=figure.high_half_unit)
        lower, upper = low_bounds[0], high_bounds[1]
    elif isinstance(value, (int, float)):
        lower, upper = bounds(
            float(value),
            figure.qualifier,
            half_unit=figure.half_unit,
            tolerance=knowledge.about_tolerance,
            below_only=figure.below_only,
        )
    else:
        lower = upper = None
    currency = figure.currency
    if figure.kind == "money" and not currency:
        # A bare "$" or "dollars": the document's currency, else the packs' default, else unknown.
        currency = document.default_currency or knowledge.default_currency or None
    base_value = base_unit = None
    if figure.kind == "quantity" and figure.unit and isinstance(value, (int, float)):
        converted = quantities.to_base(float(value), figure.unit)
        if converted is not None:
            base_value, base_unit = converted
    position = bisect.bisect_right(starts, figure.start) - 1
    sentence = sentences[position] if 0 <= position < len(sentences) else (figure.start, figure.end)
    # A claim never ends on whitespace or starts on it (an OCR join may leave a break inside, never at an edge).
    start, end = figure.start, figure.end
    while end > start and document.original[end - 1].isspace():
        end -= 1
    flags = tuple(dict.fromkeys(flag for flag in figure.flags if flag not in ("as-of",)))
    return Claim(
        id=f"en:{start}:{index}",
        location=document.location(start, end),
        kind=figure.kind,
        value=value,
        lower=lower,
        upper=upper,
        qualifier=figure.qualifier,
        unit=figure.unit,
        currency=currency,
        entity=figure.entity,
        metric=figure.metric,
        as_of=figure.as_of,
        lang="en",
        base_value=base_value,
        base_unit=base_unit,
        flags=flags,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
    )


def link_claims(claims: list[Claim], found: list[Figure]) -> list[Claim]:
    """Fill ``part_of`` with the ids of the wholes (claims and figures share indices)."""
    linked: list[Claim] = []
    for claim, figure in zip(claims, found, strict=True):
        if figure.part_of is not None:
            claim = dataclasses.replace(claim, part_of=claims[figure.part_of].id)
        linked.append(claim)
    return linked
