"""part-whole: parts that do not fit their whole ("X, of which Y", "including Y", "of whom", "among them").

Parts are linked to their wholes by extraction (``Claim.part_of``).  A rule
picks one behaviour with ``mode``:

- ``part``: a part whose interval lies entirely above its whole's ("over 2,000,
  of which 2,500 ..."), compared in the same dimension and unit (quantities in
  different units are converted to SI); a percentage part of a non-percentage
  whole (a share) above 100%.
- ``shares``: percentage shares of one whole (the parts of one claim, or the
  claims flagged ``share`` in one sentence when no whole is linked) whose lower
  bounds add up to more than 100% (plus ``slack`` points).  Lower bounds already
  allow for rounding: 33% + 33% + 34.6% is not over 100%.
- ``total``: a stated total (flag ``total``) with two or more listed parts whose
  sum (lower and upper bounds added) does not overlap the total's interval.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from factcheck.checks.alignment import (
    Choice,
    Interval,
    claim_order,
    describe,
    dispatch,
    format_message,
    interval,
    message_values,
    overlap,
    pair_finding,
    related,
    selected,
)
from factcheck.checks.base import CheckContext, Param, finding, param
from factcheck.index import dimension_of, unit_of
from factcheck.model import Claim, Finding
from factcheck.rules.model import Rule

NAME = "part-whole"
DESCRIPTION = "A part larger than its whole, shares of one whole over 100%, a total that its parts do not add up to."


class Mode(Choice):
    label = "part, shares or total"
    choices = ("part", "shares", "total")


PARAMS: Mapping[str, Param] = {
    "mode": Param((Mode,), "part", "part, shares or total (see the check's documentation)"),
    "tolerance": Param((int, float), 0.0, "relative slack added to the intervals compared (0.01 = 1%)"),
    "slack": Param((int, float), 0.0, "shares mode: percentage points allowed above 100"),
}


def _is_percent(claim: Claim) -> bool:
    return claim.kind == "percent" or claim.unit == "%"


def _scaled_interval(claim: Claim, other: Claim) -> tuple[Interval | None, Interval | None]:
    """Both claims' intervals in one unit (SI for quantities written in different units)."""
    if claim.kind == "quantity" and unit_of(claim) != unit_of(other):
        return _si(claim), _si(other)
    return interval(claim), interval(other)


def _si(claim: Claim) -> Interval | None:
    value = claim.value
    if claim.base_value is None or not isinstance(value, int | float) or isinstance(value, bool) or value == 0:
        return None
    return interval(claim, claim.base_value / value)


def _same_measure(part: Claim, whole: Claim) -> bool:
    if dimension_of(part) != dimension_of(whole) or dimension_of(part) is None:
        return False
    return part.kind == "quantity" or unit_of(part) == unit_of(whole)


def _candidates(
    ctx: CheckContext, keep: Callable[[Claim], bool], *, parts: bool = False, wholes: bool = False
) -> list[Claim]:
    """The claims ``keep`` accepts, in claim order.

    In a --focus run, only those a finding touching a focus document can be about: the focus documents'
    claims, with (``parts``) the parts of those claims and of their wholes (every share of a whole a
    focus claim belongs to), or (``wholes``) the wholes of those claims.
    """
    if ctx.focus is None:
        chosen: Iterable[Claim] = (claim for claim in ctx.claims if keep(claim))
    else:
        index = ctx.index
        near = {claim.id: claim for path in sorted(ctx.focus) for claim in ctx.claims_by_path.get(path, ())}
        linked = [index.whole_of(claim) for claim in near.values()]
        if parts:
            for whole in [*near.values(), *(whole for whole in linked if whole is not None)]:
                near.update((part.id, part) for part in index.parts_of(whole))
        if wholes:
            near.update((whole.id, whole) for whole in linked if whole is not None)
        chosen = (claim for claim in near.values() if keep(claim))
    return sorted(chosen, key=claim_order)


def _parts(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    tolerance = float(param(rule, "tolerance", PARAMS))
    for part in _candidates(ctx, lambda claim: bool(claim.part_of), parts=True):
        whole = ctx.index.whole_of(part)
        if whole is None or not selected(rule, part, ctx.index):
            continue
        if _is_percent(part) and not _is_percent(whole):
            share = interval(part)
            if share is not None and not overlap(share, (0.0, 100.0), tolerance):
                default = "a share of {other_value} stated as {value}: over 100%"
                yield pair_finding(rule, ctx, part, whole, default, f"the whole: {describe(whole)}")
            continue
        if not _same_measure(part, whole):
            continue
        part_interval, whole_interval = _scaled_interval(part, whole)
        if part_interval is None or whole_interval is None:
            continue
        widened = (whole_interval[0], whole_interval[1] * (1 + tolerance))
        if part_interval[0] > widened[1]:
            default = "{value} is a part of {other_value} (line {other_line}) but larger than it"
            yield pair_finding(rule, ctx, part, whole, default, f"the whole: {describe(whole)}")


def _share_groups(rule: Rule, ctx: CheckContext) -> list[tuple[Claim | None, list[Claim]]]:
    by_whole: dict[str, list[Claim]] = {}
    by_sentence: dict[tuple[str, int, int], list[Claim]] = {}
    for claim in _candidates(ctx, _is_percent, parts=True):
        if not selected(rule, claim, ctx.index):
            continue
        whole = ctx.index.whole_of(claim)
        if whole is not None:
            if not _is_percent(whole):
                by_whole.setdefault(whole.id, []).append(claim)
        elif "share" in claim.flags:
            by_sentence.setdefault((claim.path, claim.sentence_start, claim.sentence_end), []).append(claim)
    groups: list[tuple[Claim | None, list[Claim]]] = [(ctx.index.by_id[key], value) for key, value in by_whole.items()]
    groups.extend((None, value) for value in by_sentence.values())
    return [group for group in groups if len(group[1]) >= 2]


def _shares(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    slack = float(param(rule, "slack", PARAMS))
    for whole, shares in _share_groups(rule, ctx):
        lowest = 0.0
        for share in shares:
            bounds = interval(share)
            lowest += max(bounds[0], 0.0) if bounds else 0.0
        if lowest <= 100.0 + slack:
            continue
        last = shares[-1]
        listed = " + ".join(describe(share) for share in shares)
        values = message_values(last, ctx.index, whole)
        values.update(shares=listed, sum=f"{lowest:g}%")
        notes = [related(share, f"share: {describe(share)}") for share in shares[:-1]]
        if whole is not None:
            notes.append(related(whole, f"the whole: {describe(whole)}"))
        ids = [share.id for share in shares] + ([whole.id] if whole is not None else [])
        message = format_message(rule, "shares of one whole add up to more than 100%: {shares}", values)
        yield finding(rule, last.location, message, tuple(notes), tuple(ids))


def _totals(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    tolerance = float(param(rule, "tolerance", PARAMS))
    for whole in _candidates(ctx, lambda claim: "total" in claim.flags, wholes=True):
        if _is_percent(whole) or not selected(rule, whole, ctx.index):
            continue
        parts = [part for part in ctx.index.parts_of(whole) if _same_measure(part, whole) and not _is_percent(part)]
        if len(parts) < 2:
            continue
        low, high = 0.0, 0.0
        whole_interval: Interval | None = None
        for part in parts:
            part_interval, whole_interval = _scaled_interval(part, whole)
            if part_interval is None:
                break
            low, high = low + part_interval[0], high + part_interval[1]
        else:
            if whole_interval is None or overlap((low, high), whole_interval, tolerance):
                continue
            listed = " + ".join(describe(part) for part in parts)
            values = message_values(whole, ctx.index)
            values.update(parts=listed)
            message = format_message(rule, "a total of {value} but its parts add up to {parts}", values)
            notes = tuple(related(part, f"part: {describe(part)}") for part in parts)
            yield finding(rule, whole.location, message, notes, (whole.id, *(part.id for part in parts)))


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    handlers = {"part": _parts, "shares": _shares, "total": _totals}
    return dispatch(rule, ctx, str(param(rule, "mode", PARAMS)), handlers)
