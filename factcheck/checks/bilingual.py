"""Both language versions of one text must state the same figures and dates.

Two versions are compared when one document holds both (a ``mixed`` document:
its English claims against its Chinese claims) or when the config declares two
documents translations of each other (``translations: [[en.txt, zh.txt]]``).

Alignment is a sequence alignment (Needleman-Wunsch, maximising a score) over
the two versions' claims in document order.  Two claims may align when their
kinds are comparable (a count with a count or a bare number, money with money,
a year with a date ...); a pair whose values agree scores high (more when the
qualifier, the year-as-name flag and the packs' metric agree), a pair whose
values differ scores low, so the alignment prefers agreement and keeps order.
Agreeing pairs are *anchors*: the text between two anchors is taken to be
translated, so there

- an aligned pair whose values differ is a **mismatch** (reported in the later
  version, with the earlier one as related location), and
- a claim with no partner is **missing** from the other version.

Before the first and after the last anchor the versions may hold parts the
other does not translate (a signature block, a header): a claim there is
reported (missing, or differing from its aligned partner) only when its
paragraph also holds an anchor.  Values are compared as
written, not as intervals ("逾 3,000" is not a translation of "over 2,000"),
money by value only ("$4.8 billion" = 48億元 whatever "$" means), quantities
in SI base units, dates and years by overlap ("early 2024" = 2024 年年初,
"January 2024" falls within it), fractions as percentages (三分之一 = "one third" =
33.3%).  A date whose year the text leaves to context (同年11月) is compared when
aligned but never reported missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factcheck.checks.alignment import Choice, selected
from factcheck.checks.base import CheckContext, Param, finding, param
from factcheck.knowledge import Knowledge
from factcheck.model import KINDS, Claim, Document, Finding, RelatedLocation
from factcheck.rules.model import Rule
from factcheck.rules.types import ParamType

NAME = "bilingual"
DESCRIPTION = (
    "Aligns the figures and dates of two language versions of one text (a mixed English/Chinese document, "
    "or documents declared translations in the config) and reports a figure that differs between the versions "
    "(report: mismatch) or that one version states and the other omits (report: missing)."
)


class Report(Choice):
    label = "mismatch or missing"
    choices = ("mismatch", "missing")


class Kinds(ParamType):
    """A list of claim kinds (CONTRACT.md)."""

    label = "list of claim kinds"

    @classmethod
    def check(cls, value: Any) -> str | None:
        if isinstance(value, list) and all(kind in KINDS for kind in value):
            return None
        return f"must be a list of claim kinds ({', '.join(KINDS)}), not {value!r}"


PARAMS: Mapping[str, Param] = {
    "report": Param((Report,), "mismatch", "what to report: 'mismatch' (values differ) or 'missing' (no counterpart)"),
    "tolerance": Param((float, int), 0.0, "relative difference allowed between the two versions' values"),
    "min_anchors": Param((int,), 2, "agreeing pairs needed before two parts are treated as versions of one text"),
    "min_anchor_share": Param(
        (float, int), 0.3, "share of the smaller version's claims that must agree before anything is reported"
    ),
    "kinds": Param(
        (Kinds,),
        ["count", "number", "money", "percent", "quantity", "ratio", "ordinal", "duration", "date", "year"],
        "claim kinds compared",
    ),
}

#: Kinds that may stand for each other across languages ("over 24,000" may be a bare number in English).
_GROUPS = {
    "count": "amount",
    "number": "amount",
    "money": "money",
    "percent": "share",
    "quantity": "quantity",
    "ratio": "share",
    "ordinal": "ordinal",
    "duration": "duration",
    "date": "time",
    "year": "time",
}
_AGREE = 10.0
_DIFFER = 1.0
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")
_QUALIFIER_FAMILY = {"over": "more", "at_least": "more", "under": "less", "at_most": "less"}


@dataclass(frozen=True, slots=True)
class AlignedPair:
    first: int | None
    second: int | None
    agree: bool = False


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    report = str(param(rule, "report", PARAMS))
    kinds = set(param(rule, "kinds", PARAMS))
    for first, second in _versions(rule, ctx, kinds):
        yield from _compare(rule, ctx, first, second, report)


def _selected(rule: Rule, claim: Claim, ctx: CheckContext, kinds: set[str]) -> bool:
    if claim.kind not in kinds:
        return False
    if claim.kind == "ordinal" and claim.value == 1 and "anniversary" not in claim.flags:
        return False  # "the city's first" / 全港首個: a superlative, often not translated as a number
    return selected(rule, claim, ctx.index)


def _versions(rule: Rule, ctx: CheckContext, kinds: set[str]) -> Iterator[tuple[tuple[Claim, ...], tuple[Claim, ...]]]:
    """Pairs of claim sequences (earlier version, later version) to compare."""
    focus = ctx.focus  # a --focus run: a pair's findings are in its own documents only
    for path, document in sorted(ctx.documents.items()):
        if document.lang != "mixed" or (focus is not None and path not in focus):
            continue
        claims = [claim for claim in ctx.claims_by_path.get(path, ()) if _selected(rule, claim, ctx, kinds)]
        english = tuple(claim for claim in claims if claim.lang == "en")
        chinese = tuple(claim for claim in claims if claim.lang == "zh")
        if english and chinese:
            yield (english, chinese) if english[0].location.start <= chinese[0].location.start else (chinese, english)
    for first_path, second_path in ctx.translations:
        if first_path not in ctx.documents or second_path not in ctx.documents:
            continue
        if focus is not None and first_path not in focus and second_path not in focus:
            continue
        first = tuple(claim for claim in ctx.claims_by_path.get(first_path, ()) if _selected(rule, claim, ctx, kinds))
        second = tuple(claim for claim in ctx.claims_by_path.get(second_path, ()) if _selected(rule, claim, ctx, kinds))
        if first and second:
            yield first, second


# ---------------------------------------------------------------------------------------------
# Comparing two claims
# ---------------------------------------------------------------------------------------------
def _number(claim: Claim) -> float | None:
    value = claim.base_value if claim.kind == "quantity" and claim.base_value is not None else claim.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    # A fraction or multiple stated as a ratio (三分之一 = 0.333, 3倍) compares with a percentage (33.3%, 300%).
    return float(value) * 100 if claim.kind == "ratio" else float(value)


def _days(claim: Claim) -> tuple[str, str] | None:
    """First and last day a date or year claim covers, as ISO strings."""
    if claim.kind == "year":
        if isinstance(claim.value, int | float):
            year = int(claim.value)
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        return None
    lower = claim.lower if isinstance(claim.lower, str) else claim.value
    upper = claim.upper if isinstance(claim.upper, str) else claim.value
    if not isinstance(lower, str) or not isinstance(upper, str):
        return None
    return _first_day(lower), _last_day(upper)


def _first_day(iso: str) -> str:
    return iso + "-01-01"[len(iso) - 4 :] if len(iso) < 10 else iso[:10]


def _last_day(iso: str) -> str:
    if len(iso) == 4:
        return iso + "-12-31"
    if len(iso) == 7:
        return iso + "-31"  # compared as strings: "-31" is past every day of the month
    return iso[:10]


def values_agree(first: Claim, second: Claim, tolerance: float = 0.0) -> bool:
    """Whether two claims of comparable kinds state the same figure or overlapping dates."""
    if _GROUPS.get(first.kind) == "time":
        first_days, second_days = _days(first), _days(second)
        if first_days is None or second_days is None:
            return False
        return first_days[0] <= second_days[1] and second_days[0] <= first_days[1]
    first_value, second_value = _number(first), _number(second)
    if first_value is None or second_value is None:
        return False
    if first.kind == "quantity" and second.kind == "quantity" and first.base_unit != second.base_unit:
        return False
    if not _close(first_value, second_value, tolerance):
        return False
    # Two ranges ("20至30家" / "20-30 companies") must agree at the top end too.
    if first.qualifier == second.qualifier == "range":
        first_top, second_top = first.upper, second.upper
        if isinstance(first_top, int | float) and isinstance(second_top, int | float):
            return _close(float(first_top), float(second_top), tolerance)
    return True


def _close(first: float, second: float, tolerance: float) -> bool:
    scale = max(abs(first), abs(second), 1.0)
    # 1e-6: values stated as fractions are rounded ("one third" = 33.333333).
    return abs(first - second) <= max(tolerance * scale, 1e-6 * scale)


@lru_cache(maxsize=4096)
def _metric_key(claim: Claim, knowledge: Knowledge) -> str | None:
    if claim.metric is None:
        return None
    metric = claim.metric.lower()
    for known in knowledge.metrics:
        if metric == known.name.lower() or metric in (synonym.lower() for synonym in known.synonyms):
            return known.name
        # 逾 2,000 家初創科企: a measure word of the metric and a synonym inside the noun phrase.
        measured = any(word in claim.location.text for word in known.measure_words)
        if measured and any(synonym.lower() in metric for synonym in known.synonyms):
            return known.name
    return None


def _score(first: Claim, second: Claim, knowledge: Knowledge, tolerance: float) -> tuple[float, bool] | None:
    """(alignment score, values agree) of two claims; None when their kinds cannot be versions of one figure."""
    group = _GROUPS.get(first.kind)
    if group is None or group != _GROUPS.get(second.kind):
        return None
    agree = values_agree(first, second, tolerance)
    score = _AGREE if agree else _DIFFER
    if first.kind == second.kind:
        score += 0.5
    if ("year-name" in first.flags) == ("year-name" in second.flags):
        score += 0.5
    if _QUALIFIER_FAMILY.get(first.qualifier, first.qualifier) == _QUALIFIER_FAMILY.get(
        second.qualifier, second.qualifier
    ):
        score += 0.5
    metric = _metric_key(first, knowledge)
    if metric is not None and metric == _metric_key(second, knowledge):
        score += 1.0
    return score, agree


#: Claims further apart than this (in position along the two versions) are never aligned: translations keep
#: their order roughly, and the band keeps the alignment near-linear on long documents.
_BAND_SHARE = 0.2
_BAND_MIN = 30


def align(
    first: Sequence[Claim], second: Sequence[Claim], knowledge: Knowledge, tolerance: float = 0.0
) -> list[AlignedPair]:
    """Order-preserving alignment of two claim sequences maximising the summed pair scores (banded)."""
    rows, columns = len(first), len(second)
    band = max(_BAND_MIN, int(_BAND_SHARE * max(rows, columns)))
    scores: dict[tuple[int, int], tuple[float, bool]] = {}
    for i, a in enumerate(first):
        centre = i * columns // max(rows, 1)
        for j in range(max(0, centre - band), min(columns, centre + band + 1)):
            found = _score(a, second[j], knowledge, tolerance)
            if found is not None:
                scores[i, j] = found
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        below, row = best[i + 1], best[i]
        for j in range(columns - 1, -1, -1):
            value = below[j] if below[j] > row[j + 1] else row[j + 1]
            pair = scores.get((i, j))
            if pair is not None and below[j + 1] + pair[0] > value:
                value = below[j + 1] + pair[0]
            row[j] = value
    pairs: list[AlignedPair] = []
    i = j = 0
    while i < rows and j < columns:
        pair = scores.get((i, j))
        if pair is not None and best[i][j] == best[i + 1][j + 1] + pair[0]:
            pairs.append(AlignedPair(i, j, pair[1]))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append(AlignedPair(i, None))
            i += 1
        else:
            pairs.append(AlignedPair(None, j))
            j += 1
    pairs.extend(AlignedPair(index, None) for index in range(i, rows))
    pairs.extend(AlignedPair(None, index) for index in range(j, columns))
    return pairs


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------
def _paragraph(document: Document | None, offset: int) -> tuple[int, int]:
    if document is None:
        return 0, 0
    text = document.original
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text, 0, offset):
        start = match.end()
    following = _PARAGRAPH_BREAK.search(text, offset)
    return start, following.start() if following else len(text)


@dataclass(frozen=True, slots=True)
class _Leftover:
    """A claim the order-preserving alignment did not anchor: where it sits and what it may pair with."""

    index: int
    #: Number of anchors before it in alignment order (0 = before the first anchor).
    gap: int
    #: The previous anchor's claim in the other version (or the next one, before the first anchor).
    near: Claim


def _leftovers(
    pairs: list[AlignedPair], anchors: list[int], first: tuple[Claim, ...], second: tuple[Claim, ...], is_first: bool
) -> list[_Leftover]:
    found: list[_Leftover] = []
    for position, pair in enumerate(pairs):
        index = pair.first if is_first else pair.second
        if index is None or pair.agree:
            continue
        gap = sum(1 for anchor in anchors if anchor < position)
        anchor = pairs[anchors[max(gap - 1, 0)]]
        other = anchor.second if is_first else anchor.first
        assert other is not None
        found.append(_Leftover(index, gap, (second if is_first else first)[other]))
    return found


def _sentence(claim: Claim) -> tuple[str, int] | None:
    return (claim.path, claim.sentence_start) if claim.sentence_end > claim.sentence_start else None


def _compare(
    rule: Rule, ctx: CheckContext, first: tuple[Claim, ...], second: tuple[Claim, ...], report: str
) -> Iterator[Finding]:
    """Report what differs between two aligned versions.

    Translation reorders figures within a sentence ("joined in 2023" / 2023年…加入), so a claim the
    order-preserving alignment leaves over may still pair with a leftover of the other version in the
    same gap between anchors, or in a sentence an anchor links to its own: first with an agreeing
    partner (nothing to report), then with any comparable one (a mismatch).  The rest is missing.
    """
    tolerance = float(param(rule, "tolerance", PARAMS))
    pairs = align(first, second, ctx.knowledge, tolerance)
    anchors = [index for index, pair in enumerate(pairs) if pair.agree]
    needed = max(int(param(rule, "min_anchors", PARAMS)), 1)
    share = float(param(rule, "min_anchor_share", PARAMS))
    if len(anchors) < needed or len(anchors) < share * min(len(first), len(second)):
        return
    linked: set[tuple[tuple[str, int] | None, tuple[str, int] | None]] = set()
    for anchor in anchors:
        a_index, b_index = pairs[anchor].first, pairs[anchor].second
        assert a_index is not None and b_index is not None
        linked.add((_sentence(first[a_index]), _sentence(second[b_index])))
    left_first = _leftovers(pairs, anchors, first, second, True)
    left_second = _leftovers(pairs, anchors, first, second, False)

    def near(a: _Leftover, b: _Leftover) -> bool:
        sentences = (_sentence(first[a.index]), _sentence(second[b.index]))
        return a.gap == b.gap or (None not in sentences and sentences in linked)

    used: set[int] = set()
    unmatched: list[_Leftover] = []
    mismatches: list[tuple[_Leftover, _Leftover]] = []
    for agreeing in (True, False):
        pending, unmatched = (left_first if agreeing else unmatched), []
        for a in pending:
            partner = next(
                (
                    b
                    for b in left_second
                    if b.index not in used
                    and near(a, b)
                    and (score := _score(first[a.index], second[b.index], ctx.knowledge, tolerance)) is not None
                    and score[1] == agreeing
                ),
                None,
            )
            if partner is None:
                unmatched.append(a)
                continue
            used.add(partner.index)
            if not agreeing:
                mismatches.append((a, partner))
    inner = range(1, len(anchors))
    if report == "mismatch":
        for a, b in mismatches:
            claim_a, claim_b = first[a.index], second[b.index]
            if (
                a.gap in inner
                or b.gap in inner
                or _paragraph_has_anchor(ctx, claim_a, first, pairs, anchors, True)
                or _paragraph_has_anchor(ctx, claim_b, second, pairs, anchors, False)
            ):
                yield _mismatch(rule, claim_b, claim_a)
        return
    missing = [(a, first, True) for a in unmatched] + [(b, second, False) for b in left_second if b.index not in used]
    for leftover, side, is_first in missing:
        claim = side[leftover.index]
        if "year-from-context" in claim.flags:
            continue  # 同年11月 may be "later that year": a date the other version need not state
        document = ctx.documents.get(claim.path)
        if claim.kind == "date" and document is not None and claim.value == document.date:
            continue  # the document's own date ("Published 3 March 2025"): a header one version may omit
        if leftover.gap in inner or _paragraph_has_anchor(ctx, claim, side, pairs, anchors, is_first):
            yield _missing(rule, claim, leftover.near)


def _paragraph_has_anchor(
    ctx: CheckContext,
    claim: Claim,
    side: tuple[Claim, ...],
    pairs: list[AlignedPair],
    anchors: list[int],
    is_first: bool,
) -> bool:
    span = _paragraph(ctx.documents.get(claim.path), claim.location.start)
    for index in anchors:
        position = pairs[index].first if is_first else pairs[index].second
        if position is not None and span[0] <= side[position].location.start < span[1]:
            return True
    return False


def _values(claim: Claim, other: Claim) -> dict[str, object]:
    return {
        "value": claim.value,
        "other_value": other.value,
        "text": claim.location.text,
        "other_text": other.location.text,
        "kind": claim.kind,
        "lang": claim.lang,
        "other_lang": other.lang,
        "other_path": other.path,
        "other_line": other.location.line,
        "entity": claim.entity or other.entity,
        "metric": claim.metric or other.metric,
    }


def _mismatch(rule: Rule, claim: Claim, other: Claim) -> Finding:
    return _finding(rule, claim, other, f"the {other.lang} version", (claim.id, other.id))


def _missing(rule: Rule, claim: Claim, near: Claim) -> Finding:
    return _finding(rule, claim, near, f"nearest aligned figure in the {near.lang} version", (claim.id,))


def _finding(rule: Rule, claim: Claim, other: Claim, note: str, claims: tuple[str, ...]) -> Finding:
    return finding(
        rule,
        claim.location,
        rule.format_message(**_values(claim, other)),
        related=(RelatedLocation(other.location, note),),
        claims=claims,
    )
