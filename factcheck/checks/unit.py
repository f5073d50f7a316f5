"""unit: the same fact written in different units (or currencies) that do not convert into each other.

Pairs come from one key of the claim index (entity, metric, dimension; see
``factcheck.index``) and are written in different units: "22 hectares" and
"220,000 m²" agree (both are 215,000..225,000 m² once rounding is allowed),
"40 hectares" and "40,000 m²" do not, nor do "2 hectares" and "21,500 sq ft"
(a factor of ten).  Quantities are converted to SI with the claims' base values
(pint, at extraction).  Money in two currencies is compared only when ``rates``
gives both currencies' value in one common unit ({HKD: 1, USD: 7.8}); otherwise
it is never compared.

By default pairs are compared whatever their dates (a site's area or a unit's
size seldom changes, while a wrong conversion is a common slip); set
``same_period_only`` to compare only claims of one period (see ``consistency``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from factcheck.checks.alignment import (
    Interval,
    Rates,
    disagreements,
    interval,
    sides_finding,
)
from factcheck.checks.base import CheckContext, Param, param
from factcheck.model import Claim, Finding
from factcheck.rules.model import Rule

NAME = "unit"
DESCRIPTION = "The same quantity or amount stated in different units or currencies whose values do not convert."
PARAMS: Mapping[str, Param] = {
    "tolerance": Param((int, float), 0.01, "relative slack for conversion and rounding (0.01 = 1%)"),
    "rates": Param(
        (Rates,), {}, "currency -> value in one common unit, e.g. {HKD: 1, USD: 7.8}; money is compared only then"
    ),
    "same_period_only": Param((bool,), False, "compare only claims of the same period"),
    "window_days": Param((int,), 0, "with same_period_only: dated claims at most this many days apart"),
}


def _converted(claim: Claim, rates: dict[str, float]) -> Interval | None:
    """The claim's interval in SI (quantities) or in the rates' common unit (money); None if it has none."""
    value = claim.value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if claim.kind == "money":
        rate = rates.get(claim.currency or "")
        return interval(claim, rate) if rate else None
    if claim.kind == "quantity" and claim.base_value is not None and value != 0:
        return interval(claim, claim.base_value / value)
    return None


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    tolerance = float(param(rule, "tolerance", PARAMS))
    rates = {str(code).upper(): float(rate) for code, rate in dict(param(rule, "rates", PARAMS)).items()}
    period = "same" if param(rule, "same_period_only", PARAMS) else "any"
    window = int(param(rule, "window_days", PARAMS))

    def converted(claim: Claim) -> Interval | None:
        return _converted(claim, rates)

    found = disagreements(
        rule, ctx, same_unit=False, period=period, window_days=window, measure=converted, tolerance=tolerance
    )
    for _key, claim, others in found:
        default = "{entity} {metric}: {value} here does not convert to {other_value} in {other_path}:{other_line}"
        yield sides_finding(
            rule, ctx, claim, others, default, lambda other: f"the same fact in {other.unit or other.currency}"
        )
