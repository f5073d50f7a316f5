"""consistency: the same fact stated with values that cannot both be true.

Claims are compared only within one key of the claim index (entity, metric,
dimension; see ``factcheck.index``) and only in the same unit or currency (the
``unit`` check compares different units).  Values are intervals, so "over 2,000"
and "2,046" agree, "about 3,000" and 2,960 agree, and "over 2,000" and "around
900" do not.

A rule picks one behaviour with ``mode``:

- ``conflict``: two claims of the same period whose intervals do not overlap.
  Same period = both dated and the dates (at their precision: "2024" is the
  whole year) at most ``window_days`` apart, or, when a claim has no date, the
  same document.  Stable metrics (pack ``stable: true``, ``stable_metrics``,
  founding dates) conflict whatever their dates.
- ``undated``: claims in different documents that differ, where at least one
  has no date that could explain the difference.
- ``direction``: a metric declared monotonic (pack ``monotonic``, or the
  ``monotonic`` parameter) moving the wrong way between two dates.
- ``series``: the values of one key at different dates, reported once (with
  the figures of child entities, e.g. a park of the corporation, labelled).
- ``jump``: a figure of one document that is more than ``max_factor`` times
  (or less than 1/``max_factor`` of) the figure of the previous period in
  another document, per year elapsed (a shorter gap counts as a year): "around
  700 companies" in March and "over 1,900" in July.  Figures of one document
  are not compared, since a document that states two such figures is usually
  counting two populations.

Never compared (see ``alignment.comparable_sets``): claims of different
entities (a park is not its corporation); a whole and its parts; a stated total
and a figure that is not one ("$15 million" per project, "$45 million in
total"); a part and a figure that is not a part of the same kind of whole;
claims with no metric; and claims with no entity across documents.  Claims with
no entity are compared within one document only, and only when the metric
phrase has two words or more ("tech companies", not "companies"), since a bare
noun with no owner says too little to align on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from factcheck.checks.alignment import (
    MAX_RELATED,
    Choice,
    Interval,
    by_unit,
    cached_interval,
    claim_order,
    claim_period,
    claim_sets,
    describe,
    disagreements,
    dispatch,
    focus_keys,
    format_message,
    message_values,
    ordered_groups,
    pair_finding,
    related,
    selected,
    sides_finding,
    touches_focus,
    when,
    widen,
)
from factcheck.checks.base import CheckContext, Param, finding, param
from factcheck.index import FOUNDING_METRIC, ClaimIndex, ClaimKey, Period, periods_close
from factcheck.model import Claim, Finding
from factcheck.rules.model import Rule
from factcheck.rules.types import StrList

_Item = TypeVar("_Item")

NAME = "consistency"
DESCRIPTION = (
    "The same fact (entity, metric, unit, period) stated with values whose intervals do not overlap; "
    "figures of one fact at different dates as a series; monotonic metrics moving the wrong way."
)


class Mode(Choice):
    label = "conflict, undated, direction, series or jump"
    choices = ("conflict", "undated", "direction", "series", "jump")


class Direction(Choice):
    label = "increasing, decreasing or null"
    choices = ("increasing", "decreasing")

    @classmethod
    def check(cls, value: Any) -> str | None:
        return None if value is None else super().check(value)


PARAMS: Mapping[str, Param] = {
    "mode": Param((Mode,), "conflict", "conflict, undated, direction, series or jump (see the check's documentation)"),
    "tolerance": Param(
        (int, float), 0.0, "relative slack added to each interval before two count as disjoint (0.05 = 5%)"
    ),
    "window_days": Param((int,), 0, "dated claims at most this many days apart are of the same period"),
    "same_period_only": Param((bool,), True, "conflict mode: compare only claims of the same period"),
    "stable_metrics": Param((StrList,), [], "metrics whose value never changes, compared whatever their dates"),
    "monotonic": Param(
        (Direction,), None, "increasing or decreasing: the direction of every selected metric over time"
    ),
    "max_factor": Param(
        (int, float), 2.0, "jump mode: the largest change per year, as a factor, before a change is reported"
    ),
}


def _stable(rule: Rule, ctx: CheckContext, key: ClaimKey) -> bool:
    if key.metric == FOUNDING_METRIC:
        return True
    if key.metric in {str(name) for name in param(rule, "stable_metrics", PARAMS)}:
        return True
    metric = ctx.knowledge.metric(key.metric) if key.metric else None
    return bool(metric and metric.stable)


def _conflicts(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    tolerance = float(param(rule, "tolerance", PARAMS))
    window = int(param(rule, "window_days", PARAMS))
    same_only = bool(param(rule, "same_period_only", PARAMS))

    def stable(key: ClaimKey) -> bool:
        return _stable(rule, ctx, key)

    def changing(key: ClaimKey) -> bool:
        return not _stable(rule, ctx, key)

    passes = [("any", stable), ("same", changing)] if same_only else [("any", None)]
    for period, keys in passes:
        found = disagreements(
            rule, ctx, same_unit=True, period=period, window_days=window, tolerance=tolerance, keys=keys
        )
        for key, claim, others in found:
            # {scope} lets a pack's message say why two dates do not explain the difference.
            scope = "a value that does not change" if stable(key) else f"for the same period ({when(claim)})"
            default = "{entity} {metric}: {value} here but {other_value} in {other_path}:{other_line}"
            if stable(key):
                default += " (a value that does not change)"
            yield sides_finding(
                rule, ctx, claim, others, default, lambda other: f"same fact, {when(other)}", {"scope": scope}
            )


def _undated(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per undated claim, against each figure of other documents it disagrees with."""
    tolerance = float(param(rule, "tolerance", PARAMS))

    def changing(key: ClaimKey) -> bool:
        return not _stable(rule, ctx, key)

    found = list(disagreements(rule, ctx, same_unit=True, period="undated", tolerance=tolerance, keys=changing))
    found.sort(key=lambda item: claim_order(item[1]))
    for _key, anchor, others in found:
        default = (
            "{entity} {metric}: {value} ({date}) here but {other_value} ({other_date}) in "
            "{other_path}:{other_line}, and no date says which is current"
        )
        yield sides_finding(rule, ctx, anchor, others, default, lambda other: f"differs, {when(other)}")


def _direction(rule: Rule, ctx: CheckContext, key: ClaimKey) -> str | None:
    declared = param(rule, "monotonic", PARAMS)
    if declared:
        return str(declared)
    metric = ctx.knowledge.metric(key.metric) if key.metric else None
    return metric.monotonic if metric else None


def _wrong_way(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per figure below (increasing) or above (decreasing) a figure of an earlier period.

    Claims are bucketed by period, and each is compared with the most extreme figure of every earlier
    period (the highest lower bound, for an increasing metric), so a long series costs little.
    """
    tolerance = float(param(rule, "tolerance", PARAMS))
    window = int(param(rule, "window_days", PARAMS))
    for key, claims in claim_sets(rule, ctx):
        direction = _direction(rule, ctx, key)
        if direction not in ("increasing", "decreasing"):
            continue
        rising = direction == "increasing"
        for same_unit in by_unit(claims):
            buckets = _by_period(same_unit, ctx.index, tolerance)
            periods = sorted(buckets)
            # The most extreme figure of each period: what a later figure may not fall below (or rise above).
            extremes = {
                period: (max if rising else min)(entries, key=lambda entry: entry[1][0] if rising else entry[1][1])
                for period, entries in buckets.items()
            }
            # A --focus run reports a finding only if its later or its earlier side is a focus claim.
            first_focal = len(periods)
            if ctx.focus is not None:
                focal = [n for n, period in enumerate(periods) if extremes[period][0].path in ctx.focus]
                first_focal = min(focal, default=first_focal)
            for position, period in enumerate(periods):
                for later, bounds in buckets[period]:
                    if ctx.focus is not None and position <= first_focal and later.path not in ctx.focus:
                        continue
                    worst: tuple[Claim, Interval] | None = None
                    for earlier_period in periods[:position]:
                        if periods_close(earlier_period, period, window):
                            continue
                        earlier, earlier_bounds = extremes[earlier_period]
                        wrong = bounds[1] < earlier_bounds[0] if rising else bounds[0] > earlier_bounds[1]
                        if wrong and (
                            worst is None
                            or (earlier_bounds[0] > worst[1][0] if rising else earlier_bounds[1] < worst[1][1])
                        ):
                            worst = (earlier, earlier_bounds)
                    if worst is None or ctx.index.related_by_part(later, worst[0]):
                        continue
                    earlier = worst[0]
                    default = (
                        "{entity} {metric} is declared {direction}, but it is {value} ({date}) here "
                        "after {other_value} ({other_date}) in {other_path}:{other_line}"
                    )
                    note = f"earlier figure ({when(earlier)})"
                    yield pair_finding(rule, ctx, later, earlier, default, note, {"direction": direction})


def _jumps(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per period whose figures all lie more than ``max_factor`` (per year) away from all the
    figures of the previous period, when the two periods' figures come from different documents.

    Only neighbouring periods are compared, and a period's figures as a whole (its lowest figure against
    the previous period's highest, for a rise), so a changing figure is reported where it changes, once.
    """
    factor = float(param(rule, "max_factor", PARAMS))
    window = int(param(rule, "window_days", PARAMS))
    if factor <= 1.0:
        raise ValueError(f"rule {rule.id!r}: max_factor must be greater than 1 (got {factor})")
    for key, claims in claim_sets(rule, ctx):
        if _stable(rule, ctx, key) or key.kind in ("date", "ordinal", "year", "percent"):
            continue
        for same_unit in by_unit(claims):
            for same_kind in _by_span(same_unit, lambda claim: claim):
                yield from _jumps_in(rule, ctx, same_kind, factor, window)


def _jumps_in(rule: Rule, ctx: CheckContext, claims: list[Claim], factor: float, window: int) -> Iterator[Finding]:
    """:func:`_jumps` over claims of one unit and one kind of span."""
    buckets = {
        period: positive
        for period, entries in _by_period(claims, ctx.index).items()
        if (positive := [entry for entry in entries if entry[1][0] > 0])
    }
    for earlier_period, later_period in itertools.pairwise(sorted(buckets)):
        if periods_close(earlier_period, later_period, window):
            continue
        earlier, later = buckets[earlier_period], buckets[later_period]
        if {claim.path for claim, _ in earlier} & {claim.path for claim, _ in later}:
            continue  # one document, two populations, more often than a drift
        allowed = factor ** max(1.0, (later_period.end - earlier_period.end).days / 365.25)
        low_later = min(later, key=lambda entry: entry[1][0])
        high_earlier = max(earlier, key=lambda entry: entry[1][1])
        high_later = max(later, key=lambda entry: entry[1][1])
        low_earlier = min(earlier, key=lambda entry: entry[1][0])
        if low_later[1][0] > allowed * high_earlier[1][1]:
            change, (primary, _), (other, _) = low_later[1][0] / high_earlier[1][1], low_later, high_earlier
        elif high_later[1][1] * allowed < low_earlier[1][0]:
            change, (primary, _), (other, _) = low_earlier[1][0] / high_later[1][1], high_later, low_earlier
        else:
            continue
        if ctx.index.related_by_part(primary, other):
            continue
        default = (
            "{entity} {metric}: {value} ({date}) here but {other_value} ({other_date}) in "
            "{other_path}:{other_line}, a {factor}-fold change"
        )
        extra = {"factor": f"{change:.1f}".rstrip("0").rstrip(".")}
        yield pair_finding(rule, ctx, primary, other, default, f"previous figure, {when(other)}", extra)


def _span_of(claim: Claim) -> int | None:
    """None for a figure at a point in time, else the length in months of the span a period phrase counts it
    over ("97 grants in the fourth quarter": 3), so a quarter's flow is never compared with a year's, nor
    with a running total."""
    period = claim_period(claim)
    if period is None or "period-phrase" not in claim.flags:
        return None
    return round((period.end - period.start).days / 30.4)


def _by_span(items: Iterable[_Item], claim_of: Callable[[_Item], Claim]) -> list[list[_Item]]:
    """``items`` split by :func:`_span_of` of their claims: running totals apart from quarters' flows."""
    kinds: dict[int | None, list[_Item]] = {}
    for item in items:
        kinds.setdefault(_span_of(claim_of(item)), []).append(item)
    return list(kinds.values())


def _by_period(
    claims: Iterable[Claim], index: ClaimIndex, tolerance: float = 0.0
) -> dict[Period, list[tuple[Claim, Interval]]]:
    """The dated claims with a value, by period, each with its interval widened by ``tolerance``."""
    buckets: dict[Period, list[tuple[Claim, Interval]]] = {}
    for claim in claims:
        period, bounds = claim_period(claim), cached_interval(claim, index)
        if period is not None and bounds is not None:
            buckets.setdefault(period, []).append((claim, widen(bounds, tolerance)))
    return buckets


def _series(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    index = ctx.index
    children: dict[str, list[str]] = {}
    for child, parent in sorted(index.parents.items()):
        children.setdefault(parent, []).append(child)
    wanted = focus_keys(ctx)

    def chosen(group: Iterable[Claim]) -> list[Claim]:
        return [claim for claim in group if selected(rule, claim, index)] if rule.select else list(group)

    for key, group in ordered_groups(index):
        if key.entity is None or key.metric is None or key.kind in ("date", "ordinal"):
            continue
        child_keys = [ClaimKey(child, key.metric, key.kind, key.dimension) for child in children.get(key.entity, ())]
        if wanted is not None and key not in wanted and wanted.isdisjoint(child_keys):
            continue  # no focus claim among the series' claims
        own = chosen(group)
        if not own:
            continue
        labelled: list[tuple[Claim, str]] = [(claim, "") for claim in own]
        for child_key in child_keys:
            labelled.extend((claim, str(child_key.entity)) for claim in chosen(index.group(child_key)))
        if not touches_focus((claim for claim, _ in labelled), ctx):
            continue
        for same_kind in _by_span(labelled, lambda item: item[0]):
            yield from _series_finding(rule, ctx, same_kind)


def _series_finding(rule: Rule, ctx: CheckContext, labelled: list[tuple[Claim, str]]) -> Iterator[Finding]:
    """The series of one fact's figures of one kind (see :func:`_by_span`), if they differ over time."""
    index = ctx.index
    points = _points(labelled)
    if len({value for _, value, _, _ in points}) < 2 or len({date for _, _, date, _ in points}) < 2:
        return
    labels = {claim.id: f"{date}{', ' + child if child else ''}" for claim, _, date, child in points}
    shown = [f"{value} ({labels[claim.id]})" for claim, value, _, _ in points]
    if len(shown) > MAX_RELATED:  # a long series: its start and its end
        half = MAX_RELATED // 2
        shown = [*shown[:half], f"… {len(shown) - 2 * half} more …", *shown[-half:]]
    anchor = _anchor(points)
    others = [claim for claim, _, _, _ in points if claim is not anchor]
    focus = ctx.focus
    if (
        focus is not None
        and anchor.path not in focus
        and all(claim.path not in focus for claim in others[-MAX_RELATED:])
    ):
        return  # a --focus run reports only findings that name a focus claim
    values = message_values(anchor, index)
    values["series"] = " -> ".join(shown)
    yield finding(
        rule,
        anchor.location,
        format_message(rule, "{entity} {metric} over time: {series}", values),
        related=tuple(related(claim, labels[claim.id]) for claim in others[-MAX_RELATED:]),
        claims=tuple(claim.id for claim, _ in sorted(labelled, key=lambda item: claim_order(item[0]))),
    )


def _points(labelled: list[tuple[Claim, str]]) -> list[tuple[Claim, str, str, str]]:
    """(claim, value, date, child) per distinct figure, dated ones in date order, undated last."""

    def order(item: tuple[Claim, str]) -> tuple[bool, int, str, int]:
        period, location = claim_period(item[0]), item[0].location
        return (period is None, period.start.toordinal() if period else 0, location.path, location.start)

    points: list[tuple[Claim, str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for claim, child in sorted(labelled, key=order):
        point = (describe(claim), when(claim), child)
        if point not in seen:
            seen.add(point)
            points.append((claim, *point))
    return points


def _anchor(points: list[tuple[Claim, str, str, str]]) -> Claim:
    """Where a series is reported: its latest dated figure of the entity itself (else its first)."""
    own = [claim for claim, _, _, child in points if not child]
    dated = [claim for claim in own if claim_period(claim) is not None]
    return dated[-1] if dated else own[0]


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    handlers = {
        "conflict": _conflicts,
        "undated": _undated,
        "direction": _wrong_way,
        "series": _series,
        "jump": _jumps,
    }
    return dispatch(rule, ctx, str(param(rule, "mode", PARAMS)), handlers)
