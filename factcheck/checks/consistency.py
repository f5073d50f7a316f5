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

Never compared: claims of different entities (a park is not its corporation);
a whole and its parts; claims with no metric; and claims with no entity across
documents.  Claims with no entity are compared within one document only, and
only when the metric phrase has two words or more ("tech companies", not
"companies"), since a bare noun with no owner says too little to align on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from factcheck.checks.alignment import (
    claim_order,
    claim_period,
    comparable_pairs,
    describe,
    dispatch,
    format_message,
    group_order,
    interval,
    message_values,
    overlap,
    pair_finding,
    related,
    same_period,
    selected,
    when,
)
from factcheck.checks.base import CheckContext, Param, finding, param
from factcheck.index import FOUNDING_METRIC, ClaimKey, periods_close
from factcheck.model import Claim, Finding
from factcheck.rules.model import Rule

NAME = "consistency"
DESCRIPTION = (
    "The same fact (entity, metric, unit, period) stated with values whose intervals do not overlap; "
    "figures of one fact at different dates as a series; monotonic metrics moving the wrong way."
)
PARAMS: Mapping[str, Param] = {
    "mode": Param((str,), "conflict", "conflict, undated, direction or series (see the check's documentation)"),
    "tolerance": Param(
        (int, float), 0.0, "relative slack added to each interval before two count as disjoint (0.05 = 5%)"
    ),
    "window_days": Param((int,), 0, "dated claims at most this many days apart are of the same period"),
    "same_period_only": Param((bool,), True, "conflict mode: compare only claims of the same period"),
    "stable_metrics": Param((list,), [], "metrics whose value never changes, compared whatever their dates"),
    "monotonic": Param(
        (str, type(None)), None, "increasing or decreasing: the direction of every selected metric over time"
    ),
}


def _stable(rule: Rule, ctx: CheckContext, key: ClaimKey) -> bool:
    if key.metric == FOUNDING_METRIC:
        return True
    if key.metric in {str(name) for name in param(rule, "stable_metrics", PARAMS)}:
        return True
    metric = ctx.knowledge.metric(key.metric) if key.metric else None
    return bool(metric and metric.stable)


def _disjoint(first: Claim, second: Claim, tolerance: float) -> bool:
    first_interval, second_interval = interval(first), interval(second)
    if first_interval is None or second_interval is None:
        return False
    return not overlap(first_interval, second_interval, tolerance)


def _conflicts(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    tolerance = float(param(rule, "tolerance", PARAMS))
    window = int(param(rule, "window_days", PARAMS))
    same_only = bool(param(rule, "same_period_only", PARAMS))
    for key, first, second in comparable_pairs(rule, ctx, same_unit=True):
        stable = _stable(rule, ctx, key)
        if not stable and same_only and same_period(first, second, window) is not True:
            continue
        if _disjoint(first, second, tolerance):
            default = "{entity} {metric}: {value} here but {other_value} in {other_path}:{other_line}"
            if stable:
                default += " (a value that does not change)"
            yield pair_finding(rule, ctx, second, first, default, f"{describe(first)} ({when(first)})")


def _undated(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per undated claim, with every figure of other documents it disagrees with."""
    tolerance = float(param(rule, "tolerance", PARAMS))
    partners: dict[str, list[Claim]] = {}
    for key, first, second in comparable_pairs(rule, ctx, same_unit=True):
        if _stable(rule, ctx, key) or first.path == second.path or not _disjoint(first, second, tolerance):
            continue
        if claim_period(second) is None:
            partners.setdefault(second.id, []).append(first)
        elif claim_period(first) is None:
            partners.setdefault(first.id, []).append(second)
    for anchor_id, others in sorted(partners.items(), key=lambda item: claim_order(ctx.index.by_id[item[0]])):
        anchor = ctx.index.by_id[anchor_id]
        others.sort(key=claim_order)
        values = message_values(anchor, ctx.index, others[0])
        values["others"] = len(others) - 1
        default = (
            "{entity} {metric}: {value} ({date}) here but {other_value} ({other_date}) in "
            "{other_path}:{other_line}, and no date says which is current"
        )
        if len(others) > 1:
            default += " ({others} more)"
        yield finding(
            rule,
            anchor.location,
            format_message(rule, default, values),
            tuple(related(other, f"{describe(other)} ({when(other)})") for other in others),
            (anchor.id, *(other.id for other in others)),
        )


def _direction(rule: Rule, ctx: CheckContext, key: ClaimKey) -> str | None:
    declared = param(rule, "monotonic", PARAMS)
    if declared:
        return str(declared)
    metric = ctx.knowledge.metric(key.metric) if key.metric else None
    return metric.monotonic if metric else None


def _wrong_way(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    tolerance = float(param(rule, "tolerance", PARAMS))
    window = int(param(rule, "window_days", PARAMS))
    for key, first, second in comparable_pairs(rule, ctx, same_unit=True):
        direction = _direction(rule, ctx, key)
        first_period, second_period = claim_period(first), claim_period(second)
        if direction not in ("increasing", "decreasing") or first_period is None or second_period is None:
            continue
        if periods_close(first_period, second_period, window):
            continue
        earlier, later = (first, second) if first_period < second_period else (second, first)
        earlier_interval, later_interval = interval(earlier), interval(later)
        if earlier_interval is None or later_interval is None or overlap(earlier_interval, later_interval, tolerance):
            continue
        fell = later_interval[1] < earlier_interval[0]
        if fell != (direction == "increasing"):
            continue
        default = (
            "{entity} {metric} is declared {direction}, but it is {value} ({date}) here "
            "after {other_value} ({other_date}) in {other_path}:{other_line}"
        )
        note = f"earlier: {describe(earlier)} ({when(earlier)})"
        yield pair_finding(rule, ctx, later, earlier, default, note, {"direction": direction})


def _series(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    index = ctx.index
    children: dict[str, list[str]] = {}
    for child, parent in sorted(index.parents.items()):
        children.setdefault(parent, []).append(child)
    for key, group in sorted(index.groups.items(), key=group_order):
        if key.entity is None or key.metric is None or key.kind in ("date", "ordinal"):
            continue
        own = [claim for claim in group if selected(rule, claim, index)]
        if not own:
            continue
        labelled: list[tuple[Claim, str]] = [(claim, "") for claim in own]
        for child in children.get(key.entity, ()):
            child_key = ClaimKey(child, key.metric, key.kind, key.dimension)
            labelled.extend((claim, child) for claim in index.group(child_key) if selected(rule, claim, index))
        points = _points(labelled)
        if len({value for _, value, _, _ in points}) < 2 or len({date for _, _, date, _ in points}) < 2:
            continue
        series = " -> ".join(f"{value} ({date}{', ' + child if child else ''})" for _, value, date, child in points)
        anchor = _anchor(points)
        values = message_values(anchor, index)
        values["series"] = series
        others = [claim for claim, _, _, _ in points if claim is not anchor]
        notes = {claim.id: f"{value} ({date}{', ' + child if child else ''})" for claim, value, date, child in points}
        yield finding(
            rule,
            anchor.location,
            format_message(rule, "{entity} {metric} over time: {series}", values),
            related=tuple(related(claim, notes[claim.id]) for claim in others),
            claims=tuple(claim.id for claim, _ in sorted(labelled, key=lambda item: claim_order(item[0]))),
        )


def _points(labelled: list[tuple[Claim, str]]) -> list[tuple[Claim, str, str, str]]:
    """(claim, value, date, child) per distinct figure, dated ones in date order, undated last."""

    def order(item: tuple[Claim, str]) -> tuple[int, str, str, int]:
        period = claim_period(item[0])
        return (period is None, period.start.isoformat() if period else "", item[0].path, item[0].location.start)

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
    handlers = {"conflict": _conflicts, "undated": _undated, "direction": _wrong_way, "series": _series}
    return dispatch(rule, ctx, str(param(rule, "mode", PARAMS)), handlers)
