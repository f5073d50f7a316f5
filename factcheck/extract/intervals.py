"""The interval a figure's wording implies.

- ``exact``: what rounds to the figure as written.  The rounding unit is the
  last non-zero digit, but never coarser than two significant figures, so
  "2,046" covers 2,045.5..2,046.5, "2,000" covers 1,950..2,050 and "4.8 billion"
  covers 4.75..4.85 billion.
- ``about`` (about, around, approximately, some, roughly, 約, 左右): a relative
  tolerance either side (``Knowledge.about_tolerance``, default 0.1: "around
  900" covers 810..990), never narrower than the rounding.  "nearly", "almost", "close to"
  and 近 / 接近 keep the tolerance below the figure only (upper = value).
- ``over`` / ``at_least``: lower = value, upper unbounded (None); ``under`` /
  ``at_most``: upper = value, lower unbounded.  Strictness is not modelled:
  "over 1,000" and "1,000" are compatible, a cautious choice for a linter.
- ``range``: "4,000-5,000" covers both ends, each widened by its rounding.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

Bound = float | int | None


def rounding_half_unit(written: str, scale: float = 1.0) -> float:
    """Half the rounding unit of a number as written ("2,000" -> 50, "4.8" with scale 1e9 -> 5e7)."""
    digits = written.replace(",", "").replace(" ", "").replace("\u2009", "").replace("\xa0", "")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return 0.0
    if number == 0:
        return 0.0
    _sign, digit_tuple, exponent = number.as_tuple()
    if not isinstance(exponent, int):
        return 0.0
    significant = list(digit_tuple)
    # Trailing zeros of an integer say nothing about precision; drop them but keep two figures.
    trailing = 0
    while len(significant) - trailing > 2 and significant[-1 - trailing] == 0 and exponent + trailing >= 0:
        trailing += 1
    unit_exponent = exponent + trailing
    return 0.5 * (10.0**unit_exponent) * scale


def _tidy(value: float) -> float | int:
    if math.isfinite(value) and value == int(value) and abs(value) < 2**53:
        return int(value)
    return round(value, 6)


def bounds(
    value: float,
    qualifier: str,
    *,
    half_unit: float = 0.0,
    tolerance: float = 0.1,
    below_only: bool = False,
) -> tuple[Bound, Bound]:
    """(lower, upper) for ``value`` under ``qualifier``; None is unbounded."""
    if qualifier in ("over", "at_least"):
        return _tidy(value), None
    if qualifier in ("under", "at_most"):
        return None, _tidy(value)
    if qualifier == "about":
        # The tolerance already absorbs rounding: "around 900" is 810..990 (CONTRACT.md).
        spread = max(abs(value) * tolerance, half_unit)
        if below_only:
            return _tidy(value - spread), _tidy(value)
        return _tidy(value - spread), _tidy(value + spread)
    return _tidy(value - half_unit), _tidy(value + half_unit)
