"""What the cross-document checks share: selecting claims, their intervals, periods and wording.

Used by ``consistency``, ``anniversary``, ``part_whole`` and ``unit``; not a check type itself.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import math
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, cast

from factcheck.checks.base import CheckContext, finding
from factcheck.index import (
    FOUNDING_METRIC,
    ClaimIndex,
    ClaimKey,
    Period,
    metric_tokens,
    period_of,
    periods_close,
    unit_of,
)
from factcheck.model import Claim, Finding, RelatedLocation
from factcheck.rules.model import Rule
from factcheck.rules.types import ParamType

Interval = tuple[float, float]
_Value = TypeVar("_Value")
#: At most this many other sides are listed in one finding (its claim ids list them all).
MAX_RELATED = 12
#: Relative amount by which a rounded bound is moved inwards, making rounding intervals half-open.
ROUNDING_EDGE = 1e-9

_QUALIFIER_WORDS = {
    "over": "over ",
    "at_least": "at least ",
    "under": "under ",
    "at_most": "at most ",
    "about": "around ",
    "exact": "",
}


def _values(spec: Any) -> tuple[str, ...]:
    if isinstance(spec, list | tuple | set):
        return tuple(str(item).casefold() for item in spec)
    return (str(spec).casefold(),)


def selected(rule: Rule, claim: Claim, index: ClaimIndex) -> bool:
    """True when ``claim`` matches the rule's ``select`` (entity and metric also match by their aligned names)."""
    for name, spec in rule.select.items():
        wanted = _values(spec)
        if name == "path":
            if not any(fnmatch.fnmatch(claim.path.casefold(), pattern) for pattern in wanted):
                return False
            continue
        if name == "entity":
            candidates: Iterable[Any] = (claim.entity, index.entity_of(claim))
        elif name == "metric":
            candidates = (claim.metric, index.metric_of(claim))
        elif name == "flags":
            candidates = claim.flags
        else:
            candidates = (getattr(claim, name, None),)
        if not any(candidate is not None and str(candidate).casefold() in wanted for candidate in candidates):
            return False
    return True


def _number(value: Any) -> float | None:
    """A claim value as a finite float (None for text, NaN and infinities: nothing to compare)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value) if isinstance(value, int | float) else float(str(value))
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _day_number(value: Any, end: bool) -> float | None:
    """A date bound as a day ordinal: an ISO string at any precision, or a bare year number."""
    if value is None:
        return None
    number = _number(value)
    period = period_of(str(int(number)) if number is not None and number.is_integer() else str(value))
    if period is None:
        return None
    return float((period.end if end else period.start).toordinal())


def interval(claim: Claim, scale: float = 1.0) -> Interval | None:
    """The claim's interval as floats (unbounded sides are infinite), times ``scale``; None if it has none.

    Dates and years become day numbers, so "2001" and "May 2001" can be compared.
    """
    return _interval(claim.kind, claim.value, claim.lower, claim.upper, claim.qualifier, scale)


@functools.lru_cache(maxsize=65536, typed=True)
def _interval(
    kind: str, claim_value: Any, claim_lower: Any, claim_upper: Any, qualifier: str, scale: float
) -> Interval | None:
    """:func:`interval` of what it reads of a claim (a corpus states a few hundred figures, many times)."""
    if kind in ("date", "year"):
        low = _day_number(claim_lower if claim_lower is not None else claim_value, end=False)
        high = _day_number(claim_upper if claim_upper is not None else claim_value, end=True)
        if claim_lower is None and claim_upper is None and claim_value is None:
            return None
        return (-math.inf if low is None else low, math.inf if high is None else high)
    value = _number(claim_value)
    lower, upper = _number(claim_lower), _number(claim_upper)
    if lower is None and upper is None:
        if value is None:
            return None
        if qualifier in ("over", "at_least", "under", "at_most"):
            lower, upper = (value, None) if qualifier in ("over", "at_least") else (None, value)
        else:
            lower = upper = value
    # A bound that rounding (or "about") put away from the figure is open: "9" covers 8.5 up to but not
    # including 9.5, so "9" and "10" do not overlap although their closed intervals touch.
    nudge = ROUNDING_EDGE * max(abs(value or 0.0), 1.0)
    if lower is not None and value is not None and lower < value:
        lower += nudge
    if upper is not None and value is not None and upper > value:
        upper -= nudge
    low = -math.inf if lower is None else lower * scale
    high = math.inf if upper is None else upper * scale
    return (min(low, high), max(low, high))


def widen(bounds: Interval, tolerance: float) -> Interval:
    """An interval widened by ``tolerance`` times its largest finite end, on both sides."""
    if not tolerance:  # what the general case gives with no slack, without its work
        return bounds[0] - 0.0, bounds[1] + 0.0
    finite = [abs(bound) for bound in bounds if math.isfinite(bound)]
    slack = tolerance * max(finite, default=0.0)
    return bounds[0] - slack, bounds[1] + slack


def overlap(first: Interval, second: Interval, tolerance: float = 0.0) -> bool:
    """True when the intervals overlap once each is widened by ``tolerance`` (relative to its finite ends)."""
    a, b = widen(first, tolerance), widen(second, tolerance)
    return a[0] <= b[1] and b[0] <= a[1]


def claim_period(claim: Claim) -> Period | None:
    return period_of(claim.as_of)


def _format_number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= size and magnitude % (size / 1000) == 0:
            return f"{value / size:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def describe(claim: Claim) -> str:
    """A figure as a reader would say it: "around 900", "over HKD 600 million", "22 hectare", "May 2001"."""
    return _describe(claim.kind, claim.value, claim.qualifier, claim.currency, claim.unit, claim.location.text)


@functools.lru_cache(maxsize=16384, typed=True)
def _describe(kind: str, value: Any, qualifier: str, currency: str | None, unit: str | None, text: str) -> str:
    """:func:`describe` of what it reads of a claim (a corpus states its figures in a few wordings, many times)."""
    if kind in ("date", "year"):
        period = period_of(str(value)) if value is not None else None
        return period.label() if period else text
    number = _number(value)
    if number is None:
        return text
    prefix = f"{currency} " if kind == "money" and currency else ""
    suffix = ""
    if kind == "percent" or unit == "%":
        suffix = "%"
    elif kind == "quantity" and unit:
        suffix = " " + unit.replace("_", " ")
    if qualifier == "range":  # its bounds are widened by rounding: the wording says it best
        return text
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{prefix}{_format_number(number)}{suffix}"


def when(claim: Claim) -> str:
    """The claim's period as a label, or "undated"."""
    return _when(claim.as_of)


@functools.lru_cache(maxsize=4096)
def _when(as_of: str | None) -> str:
    period = period_of(as_of)
    return period.label() if period else "undated"


def related(claim: Claim, note: str) -> RelatedLocation:
    return RelatedLocation(claim.location, note)


def message_values(claim: Claim, index: ClaimIndex, other: Claim | None = None) -> dict[str, Any]:
    """Placeholders every cross-document rule message may use."""
    key = index.key_of(claim)
    values: dict[str, Any] = {
        "entity": (key.entity if key else None) or claim.entity or "(no entity)",
        "metric": (key.metric if key else None) or claim.metric or "(no metric)",
        "value": describe(claim),
        "text": claim.location.text,
        "date": when(claim),
        "path": claim.path,
        "line": claim.location.line,
    }
    if other is not None:
        values.update(
            other_value=describe(other),
            other_text=other.location.text,
            other_date=when(other),
            other_path=other.path,
            other_line=other.location.line,
        )
    return values


def format_message(rule: Rule, default: str, values: Mapping[str, Any]) -> str:
    """The rule's message (or ``default`` when the rule has none) with placeholders filled."""
    if rule.message:
        return rule.format_message(**values)
    return default.format_map(dict(values))


def claim_order(claim: Claim) -> tuple[str, int, int]:
    return (claim.path, claim.location.start, claim.location.end)


def group_order(item: tuple[ClaimKey, Sequence[Claim]]) -> tuple[str, ...]:
    return tuple(str(part) for part in item[0])


Scope = tuple[bool, ClaimKey | None]


def scope_of(claim: Claim, index: ClaimIndex) -> Scope:
    """What population a figure counts: a stated total or not, and the key of the whole it is a part of.

    "each enterprise may receive $15 million" and "$45 million in total" are different facts; so are
    "over 440 Cyberport enterprises" and "three Cyberport enterprises" among the four partners of a
    use case (a part counts a sub-population its metric does not fully name).
    """
    whole = index.whole_of(claim)
    return ("total" in claim.flags, index.key_of(whole) if whole is not None else None)


def comparable_sets(group: Sequence[Claim], key: ClaimKey, index: ClaimIndex) -> list[list[Claim]]:
    """The sets of claims of one key that may be compared with each other.

    - Claims with no metric are never compared.
    - Claims with no entity are compared within one document only, and only when their metric phrase
      has two words or more ("tech companies", not "companies"): a bare noun with no owner says too
      little to align on across documents.
    - Dates and ordinals are compared only as founding dates: other dates are events ("completed in
      the first quarter of 2025") and ordinals mostly ranks or names ("the 14th Five-Year Plan"),
      which an entity and a noun phrase do not align reliably.
    - Only claims of one scope (:func:`scope_of`) are compared: totals with totals, other figures with
      other figures, and a part only with parts of wholes of one key.
    """
    if key.metric is None:
        return []
    if key.kind in ("date", "ordinal") and key.metric != FOUNDING_METRIC:
        return []
    sets: dict[tuple[str | None, Scope], list[Claim]] = {}
    for claim in group:
        if key.entity is None and not (claim.metric and len(metric_tokens(claim.metric)) >= 2):
            continue
        place = None if key.entity is not None else claim.path
        sets.setdefault((place, scope_of(claim, index)), []).append(claim)
    ordered = sorted(sets.items(), key=lambda item: repr(item[0]))
    return [sorted(claims, key=claim_order) for _, claims in ordered]


def touches_focus(claims: Iterable[Claim], ctx: CheckContext) -> bool:
    """False when ``ctx`` is a --focus run's and none of ``claims`` is in a focus document.

    The findings of a claim group mention only its own claims, so a group with no focus claim
    can be skipped: none of its findings would be reported.
    """
    focus = ctx.focus
    return focus is None or any(claim.path in focus for claim in claims)


def derived(index: ClaimIndex, name: Hashable, make: Callable[[], _Value]) -> _Value:
    """``make()``, computed once per index and ``name`` (:attr:`ClaimIndex.derived`): what several rules
    would each derive from the index alike (five consistency rules walk the same claim sets)."""
    memo = index.derived
    if name in memo:
        return cast(_Value, memo[name])
    value = memo[name] = make()
    return value


def ordered_groups(index: ClaimIndex) -> list[tuple[ClaimKey, tuple[Claim, ...]]]:
    """The index's groups in :func:`group_order`."""
    return derived(index, "ordered groups", lambda: sorted(index.groups.items(), key=group_order))


def focus_keys(ctx: CheckContext) -> set[ClaimKey | None] | None:
    """The keys of the focus documents' claims in a --focus run; None in a full run."""
    focus, index = ctx.focus, ctx.index
    if focus is None:
        return None
    return derived(
        index,
        ("focus keys", focus),
        lambda: {index.key_of(claim) for path in focus for claim in ctx.claims_by_path.get(path, ())},
    )


def cached_interval(claim: Claim, index: ClaimIndex) -> Interval | None:
    """:func:`interval` of ``claim``, computed once per index."""
    intervals: dict[str, Interval | None] = derived(index, "intervals", dict)
    claim_id = claim.id
    if claim_id in intervals:
        return intervals[claim_id]
    bounds = intervals[claim_id] = interval(claim)
    return bounds


def flagged(ctx: CheckContext, flag: str) -> list[Claim]:
    """The claims of ``ctx`` with ``flag``, in claim order (the index lists them when it holds the same claims)."""

    def ordered() -> list[Claim]:
        if len(ctx.claims) == len(ctx.index.by_id):
            return sorted(ctx.index.flagged.get(flag, ()), key=claim_order)
        return sorted((claim for claim in ctx.claims if flag in claim.flags), key=claim_order)

    return derived(ctx.index, ("flagged", flag, len(ctx.claims)), ordered)


def claim_sets(rule: Rule, ctx: CheckContext) -> list[tuple[ClaimKey, list[Claim]]]:
    """Every set of two or more selected claims that may be compared (see :func:`comparable_sets`).

    In a --focus run, only sets with a claim in a focus document (:func:`touches_focus`). The sets are
    computed once per selection (rules that select alike share them); callers must not change them.
    """
    return derived(ctx.index, ("claim sets", _selection(rule), ctx.focus), lambda: _claim_sets(rule, ctx))


def _selection(rule: Rule) -> str:
    """The rule's ``select``, as a memo key."""
    return json.dumps(rule.select, sort_keys=True, default=repr)


def _claim_sets(rule: Rule, ctx: CheckContext) -> list[tuple[ClaimKey, list[Claim]]]:
    index = ctx.index
    wanted = focus_keys(ctx)
    sets: list[tuple[ClaimKey, list[Claim]]] = []
    for key, group in ordered_groups(index):
        if wanted is not None and key not in wanted:
            continue
        chosen = [claim for claim in group if selected(rule, claim, index)] if rule.select else list(group)
        for claims in comparable_sets(chosen, key, index):
            if len(claims) >= 2 and touches_focus(claims, ctx):
                sets.append((key, claims))
    return sets


def by_unit(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims split by the unit or currency they are written in (first-seen order)."""
    units: dict[str | None, list[Claim]] = {}
    for claim in claims:
        units.setdefault(unit_of(claim), []).append(claim)
    return list(units.values())


def all_agree(intervals: Iterable[Interval | None], tolerance: float = 0.0) -> bool:
    """True when every two of the intervals overlap (in one dimension: the largest lower bound is at most
    the smallest upper bound), so no pair among them can disagree."""
    known = [bounds for bounds in intervals if bounds is not None]
    if len(known) < 2:
        return True
    widened = [widen(bounds, tolerance) for bounds in known]
    return max(low for low, _ in widened) <= min(high for _, high in widened)


@dataclass(slots=True)
class _Figure:
    """Claims of one comparable set that state one figure: the same interval, period and unit.

    Comparing figures instead of claims keeps large groups cheap: a corpus repeats its figures, so a
    group of hundreds of claims holds a few dozen figures.
    """

    bounds: Interval
    period: Period | None
    unit: str | None
    #: Counted over the span of a period phrase ("97 grants in the fourth quarter"), not at a point in time.
    over_span: bool
    #: Members in claim order.
    claims: list[Claim]
    #: Members by document, in claim order.
    by_path: dict[str, list[Claim]]


def _figures(pool: Sequence[Claim], bounds: Mapping[str, Interval], index: ClaimIndex) -> list[_Figure]:
    """The figures of ``pool`` (claims in claim order), in the order of their first claims."""
    figures: dict[tuple[Interval, Period | None, str | None, bool], _Figure] = {}
    orders = _orders(index)
    for claim in pool:
        if claim.id not in orders:
            orders[claim.id] = claim_order(claim)
        period, unit = claim_period(claim), unit_of(claim)
        key = (bounds[claim.id], period, unit, "period-phrase" in claim.flags)
        figure = figures.get(key)
        if figure is None:
            figure = figures[key] = _Figure(key[0], period, unit, key[3], [], {})
        figure.claims.append(claim)
        figure.by_path.setdefault(claim.path, []).append(claim)
    return list(figures.values())


def _periods_match(period: str, first: _Figure, second: _Figure, window_days: int) -> bool:
    """Whether some claims of the two figures are compared at all (see :func:`disagreements`)."""
    if period == "same" and first.period is not None and second.period is not None:
        if first.over_span or second.over_span:
            # A figure counted over a span states the same fact only as another over the very same span:
            # "97 grants in the fourth quarter of 2024" is no figure for the year, nor a total at a date.
            return first.over_span and second.over_span and first.period == second.period
        return periods_close(first.period, second.period, window_days)
    if period == "undated":
        return first.period is None  # only an undated claim is an anchor
    return True


def disagreements(
    rule: Rule,
    ctx: CheckContext,
    *,
    same_unit: bool,
    period: str = "any",
    window_days: int = 0,
    measure: Callable[[Claim], Interval | None] = interval,
    tolerance: float = 0.0,
    keys: Callable[[ClaimKey], bool] | None = None,
) -> Iterator[tuple[ClaimKey, Claim, list[Claim]]]:
    """Each selected claim that disagrees with another of its key, with one other claim per figure it disagrees with.

    Two claims disagree when their intervals (``measure``, widened by ``tolerance``) do not overlap
    and they are compared at all:

    - ``same_unit``: written in the same unit or currency (True), or in different ones (False);
    - ``period``: ``any`` (always); ``same`` (both dated and the periods at most ``window_days``
      apart, or one undated and both in one document); ``undated`` (different documents, at least
      one undated);
    - never a whole with its part, two parts of one whole, or a claim with itself.

    With ``any`` and ``same`` a claim is reported against the claims *before* it (claim order), so a
    disagreement is reported once, at its later side.  With ``undated`` each undated claim is reported
    against the dated claims of other documents and the undated ones before it.  The claims it
    disagrees with are grouped by figure (interval, period, unit) and each figure is represented by
    its first claim that qualifies: a claim that disagrees with three hundred others stating two
    figures gets one finding with two other sides, not three hundred findings.  Cost: the claims,
    plus the pairs of distinct figures of a set.  ``keys`` restricts the keys compared.

    In a --focus run only the claims whose findings name a focus claim are reported (each with all
    its other sides, as in a full run): the focus claims, and claims with an other side in a focus
    document.  Such a side represents a figure holding a focus claim, so for the other claims only
    the figures holding focus claims are looked at first.
    """
    index, focus = ctx.index, ctx.focus
    selection = _selection(rule)
    for position, (key, claims) in enumerate(claim_sets(rule, ctx)):
        if keys is not None and not keys(key):
            continue
        if measure is interval:  # the same for every rule of this selection, tolerance and kind of comparison
            name = ("figures", selection, focus, position, tolerance, same_unit)
            pools = derived(
                index, name, functools.partial(_pools, claims, cached_interval, index, tolerance, same_unit)
            )
        else:
            pools = _pools(claims, lambda claim, _: measure(claim), index, tolerance, same_unit)
        for figures in pools:

            def opposed(figure: _Figure, candidates: list[_Figure]) -> list[_Figure]:
                """The figures among ``candidates`` that ``figure``'s claims are compared with and disagree with."""
                if period == "undated" and figure.period is not None:
                    return []  # only an undated claim is an anchor (see _periods_match)
                (low, high), unit = figure.bounds, figure.unit
                found = [
                    other
                    for other in candidates
                    if (other.bounds[1] < low or high < other.bounds[0]) and (other.unit == unit) == same_unit
                ]
                if period != "same":
                    return found
                return [other for other in found if _periods_match(period, figure, other, window_days)]

            # A --focus run needs only the findings that name a focus claim: those of the focus claims, and
            # those whose other sides (one per figure opposed) include one (so that figure holds a focus claim).
            focal = figures if focus is None else [f for f in figures if not focus.isdisjoint(f.by_path)]
            if not focal:
                continue
            reports: list[tuple[Claim, list[Claim]]] = []
            for figure in figures:
                focal_others = opposed(figure, focal)
                if focus is None:
                    if not focal_others:
                        continue
                    others: list[_Figure] | None = focal_others
                elif focal_others or not focus.isdisjoint(figure.by_path):
                    others = None  # all the figures it opposes, when a claim needs them
                else:
                    continue
                for claim in figure.claims:
                    if focus is not None and claim.path not in focus:
                        near = _other_sides(claim, figure, focal_others, period, index)
                        if not any(side.path in focus for side in near):
                            continue
                    if others is None:
                        others = opposed(figure, figures)
                    sides = _other_sides(claim, figure, others, period, index)
                    if sides:
                        reports.append((claim, sides))
            reports.sort(key=lambda item: claim_order(item[0]))
            for claim, sides in reports:
                yield key, claim, sides


def _pools(
    claims: Sequence[Claim],
    measure: Callable[[Claim, ClaimIndex], Interval | None],
    index: ClaimIndex,
    tolerance: float,
    same_unit: bool,
) -> list[list[_Figure]]:
    """The figures of each pool of ``claims`` (in claim order) compared with each other: one pool per unit
    (``same_unit``) or all of them, leaving out pools whose claims all agree (no pair of them can disagree)."""
    bounds: dict[str, Interval] = {}
    for claim in claims:
        measured = measure(claim, index)
        if measured is not None:
            bounds[claim.id] = widen(measured, tolerance)
    measured_claims = [claim for claim in claims if claim.id in bounds]
    pools = [part for part in by_unit(measured_claims) if len(part) >= 2] if same_unit else [measured_claims]
    result: list[list[_Figure]] = []
    for pool in pools:
        if len(pool) < 2:
            continue
        intervals = [bounds[claim.id] for claim in pool]
        if max(low for low, _ in intervals) <= min(high for _, high in intervals):
            continue  # every two overlap (see all_agree)
        result.append(_figures(pool, bounds, index))
    return result


def _other_sides(claim: Claim, figure: _Figure, others: list[_Figure], period: str, index: ClaimIndex) -> list[Claim]:
    """The first claim of each figure in ``others`` that ``claim`` is reported against, in claim order."""
    orders = _orders(index)  # every member's (path, start, end): filled by _figures
    order = orders[claim.id]
    path, start = order[0], order[1]
    sides: list[Claim] = []
    for other in others:
        if period == "same" and (figure.period is None or other.period is None):
            candidates: Iterable[Claim] = other.by_path.get(path, ())
        else:
            candidates = other.claims
        for member in candidates:
            member_order = orders[member.id]
            earlier = member_order < order
            if period == "undated":
                if member_order[0] == path:
                    continue
                if other.period is None and not earlier:
                    break
            elif not earlier:
                break
            if member_order[0] == path and member_order[1] == start:
                continue
            if (member.part_of or claim.part_of) and index.related_by_part(member, claim):
                continue  # (claims that are no part of anything are never related by part)
            sides.append(member)
            break
    sides.sort(key=lambda side: orders[side.id])
    return sides


def _orders(index: ClaimIndex) -> dict[str, tuple[str, int, int]]:
    """:func:`claim_order` of the claims of the figures made so far, by claim id."""
    return derived(index, "claim orders", dict)


def sides_finding(
    rule: Rule,
    ctx: CheckContext,
    primary: Claim,
    others: Sequence[Claim],
    default: str,
    note: Callable[[Claim], str],
    extra: Mapping[str, Any] | None = None,
) -> Finding:
    """A finding at ``primary`` against ``others`` (one claim per figure it disagrees with, in claim order).

    The message names the first other side; ``{others}`` is how many more figures there are (the
    default message mentions them). The first ``MAX_RELATED`` other sides are related locations.
    """
    values = message_values(primary, ctx.index, others[0])
    values["others"] = len(others) - 1
    values.update(extra or {})
    if len(others) > 1:
        default += " ({others} other figures too)" if len(others) > 2 else " (one other figure too)"
    message = format_message(rule, default, values)
    shown = tuple(related(other, note(other)) for other in others[:MAX_RELATED])
    return finding(rule, primary.location, message, shown, (primary.id, *(other.id for other in others)))


def pair_finding(
    rule: Rule,
    ctx: CheckContext,
    primary: Claim,
    other: Claim,
    default: str,
    note: str,
    extra: Mapping[str, Any] | None = None,
) -> Finding:
    """A finding at ``primary`` with ``other`` (the other side) as its related location."""
    values = message_values(primary, ctx.index, other)
    values.update(extra or {})
    message = format_message(rule, default, values)
    return finding(rule, primary.location, message, (related(other, note),), (primary.id, other.id))


Handler = Callable[[Rule, CheckContext], Iterator[Finding]]


def dispatch(rule: Rule, ctx: CheckContext, mode: str, handlers: Mapping[str, Handler]) -> Iterator[Finding]:
    """Run the handler of a rule's ``mode`` parameter."""
    handler = handlers.get(mode)
    if handler is None:
        raise ValueError(f"rule {rule.id!r}: unknown mode {mode!r} (expected one of {', '.join(handlers)})")
    return handler(rule, ctx)


class Choice(ParamType):
    """A string from a fixed set; subclasses name the set in ``choices``."""

    choices: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def check(cls, value: Any) -> str | None:
        if value in cls.choices:
            return None
        return f"must be one of {', '.join(cls.choices)}, not {value!r}"


class Rates(ParamType):
    """Currency code -> value of one unit in a common unit ({HKD: 1, USD: 7.8})."""

    label = "mapping of currency code -> number"

    @classmethod
    def check(cls, value: Any) -> str | None:
        if not isinstance(value, dict) or not all(
            isinstance(code, str) and isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0
            for code, rate in value.items()
        ):
            return "must map currency codes to positive numbers, e.g. {HKD: 1, USD: 7.8}"
        return None
